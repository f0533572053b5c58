// No zod here: the web app's shell (sign-in) reads these without loading the contract's schemas.

/** The longest text each kind of field takes: the contract's schemas and the web forms' maxLength read them here. */
export const LIMITS = {
  title: 300,
  name: 300,
  shortText: 75,
  /** ClaimReview's claimReviewed when the checker wrote no short form: the claim's text, cut at a word. */
  claimReviewed: 300,
  summary: 300,
  question: 1000,
  claimText: 5000,
  longText: 50000,
  tag: 60,
  tags: 30,
  unit: 60,
  /** What a quantity counts: "drones launched". */
  measure: 120,
  place: 200,
  /** Quantities on one claim. */
  quantities: 20,
  stanceNote: 1000,
  email: 320,
  password: 1000,
  url: 2000,
  search: 500,
  /** A BCP 47 language tag: 35 characters hold every tag in practical use. */
  languageTag: 35,
  /** The largest CSV file the claim-log import takes, in bytes (50 MiB). */
  claimLogImportBytes: 50 * 1024 * 1024,
} as const
