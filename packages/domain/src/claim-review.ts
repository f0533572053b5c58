import {
  type Claim,
  type Claimant,
  type ClaimReview,
  type ClaimReviewFeed,
  type Correction,
  type DomainWords,
  ENGLISH_WORDS,
  type Evidence,
  LIMITS,
  ratingDefinition,
  SchemaOrgContext,
  type Verdict,
} from '@counterclaim/shared'

/** The publishing organisation, from configuration. */
export interface PublishingOrg {
  name: string
  url: string
  logo: string | null
  /** Other pages about the organisation (Wikidata, social accounts): COUNTERCLAIM_ORG_SAME_AS. */
  sameAs?: string[]
  /** The licence the organisation publishes its ClaimReview data under: COUNTERCLAIM_SD_LICENSE. */
  sdLicense?: string | null
}

export interface ClaimReviewInput {
  verdict: Pick<Verdict, 'claimId' | 'rating' | 'summary' | 'publishedAt' | 'modifiedAt' | 'updatedAt'>
  claim: Pick<Claim, 'text' | 'shortText' | 'statedOn' | 'appearanceUrl'> &
    Partial<Pick<Claim, 'archiveUrl' | 'language'>>
  /**
   * Null for an unattributed claim. The profile fields are absent from snapshots taken before claimants
   * had them.
   */
  claimant:
    | (Pick<Claimant, 'name' | 'kind' | 'url' | 'sameAs'> &
        Partial<Pick<Claimant, 'jobTitle' | 'affiliation' | 'imageUrl'>>)
    | null
  /** The evidence the verdict cites, in its order. */
  citedEvidence: Array<Pick<Evidence, 'title' | 'url' | 'sourceName' | 'publishedOn'>>
  corrections: Array<Pick<Correction, 'at' | 'note'>>
  org: PublishingOrg
  /** The public base URL, without a trailing slash. */
  baseUrl: string
  /** The language the rating's words are written in (the public pages'): English when not given. */
  words?: DomainWords
}

const ELLIPSIS = '…'

/** The checker's short form of the claim (their paraphrase), or null when they wrote none. */
export function shortFormOf(claim: Pick<Claim, 'shortText'>): string | null {
  return claim.shortText?.replace(/\s+/g, ' ').trim() || null
}

/**
 * The claim as ClaimReview's claimReviewed: the short form when the checker wrote one, or else the
 * claim's whole text, cut at a word boundary with an ellipsis only past 300 characters.
 */
export function claimReviewedText(claim: Pick<Claim, 'text' | 'shortText'>): string {
  return trimAtWord(shortFormOf(claim) ?? claim.text, LIMITS.claimReviewed)
}

// Opening quotation marks in the scripts desks quote in: straight, curly, low-9, guillemets, corner brackets.
const OPENING_QUOTE = /^["'“”„‟‘’‚‛«»‹›「『〝]/u

/** Text in quotation marks, unless it already opens with one (a claim quoted as it was written). */
export function quoted(text: string): string {
  return OPENING_QUOTE.test(text) ? text : `“${text}”`
}

/**
 * The claim as a page's headline: the checker's short form as written (their paraphrase, so not in
 * quotation marks), or else the claim's own words as claimReviewed carries them, in quotation marks.
 */
export function claimHeadline(claim: Pick<Claim, 'text' | 'shortText'>): string {
  return shortFormOf(claim) ?? quoted(claimReviewedText(claim))
}

/** A date as ClaimReview wants one where only the day is known: YYYY-MM-DD, whatever time came with it. */
export function dateOnly(value: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value
}

/** The organisation's JSON-LD identifier: its URL with #organization in place of any fragment. */
export function organizationId(orgUrl: string): string {
  return `${orgUrl.replace(/#.*$/, '')}#organization`
}

/** Collapses whitespace and cuts text to at most `max` characters at a word boundary. */
export function trimAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  // Whole code points only, so a cut never splits a surrogate pair.
  let cut = ''
  for (const ch of flat) {
    if (cut.length + ch.length > max - ELLIPSIS.length) break
    cut += ch
  }
  const endsAtWord = flat[cut.length] === ' '
  const space = cut.lastIndexOf(' ')
  // A single word longer than the limit is cut inside the word rather than dropped.
  const head = endsAtWord || space <= 0 ? cut : cut.slice(0, space)
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}${ELLIPSIS}`
}

/** The public page of a verdict. */
export function publicVerdictUrl(baseUrl: string, claimId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v/${encodeURIComponent(claimId)}`
}

/**
 * Where the claim appeared: its page, the day it was stated and the archived copy, each when known. A
 * claim records one appearance, so there is no earlier one to name as firstAppearance.
 */
function appearanceOf(claim: ClaimReviewInput['claim']): ClaimReview['itemReviewed']['appearance'] {
  if (!claim.appearanceUrl && !claim.archiveUrl) return undefined
  return {
    '@type': 'CreativeWork',
    ...(claim.appearanceUrl ? { url: claim.appearanceUrl } : {}),
    ...(claim.statedOn ? { datePublished: dateOnly(claim.statedOn) } : {}),
    ...(claim.archiveUrl ? { archivedAt: claim.archiveUrl } : {}),
  }
}

/** A published verdict as schema.org ClaimReview JSON-LD (pure: every date comes from the input). */
export function toClaimReview(input: ClaimReviewInput): ClaimReview {
  const { verdict, claim, claimant, org, words = ENGLISH_WORDS } = input
  const definition = verdict.rating ? ratingDefinition(verdict.rating) : null
  const summary = verdict.summary.trim()
  const appearance = appearanceOf(claim)
  const orgSameAs = [...new Set(org.sameAs ?? [])]
  const citation = input.citedEvidence.flatMap((e) =>
    e.url
      ? [
          {
            '@type': 'CreativeWork' as const,
            url: e.url,
            name: e.title,
            ...(e.sourceName ? { publisher: { '@type': 'Organization' as const, name: e.sourceName } } : {}),
            ...(e.publishedOn ? { datePublished: dateOnly(e.publishedOn) } : {}),
          },
        ]
      : [],
  )
  return {
    '@context': SchemaOrgContext,
    '@type': 'ClaimReview',
    url: publicVerdictUrl(input.baseUrl, verdict.claimId),
    claimReviewed: claimReviewedText(claim),
    reviewRating: {
      '@type': 'Rating',
      alternateName: verdict.rating ? words.t(`rating.${verdict.rating}`) : words.t('notRated'),
      ...(verdict.rating ? { description: words.t(`ratingMeaning.${verdict.rating}`) } : {}),
      ...(summary ? { ratingExplanation: summary } : {}),
      ...(definition?.value != null ? { ratingValue: definition.value, bestRating: 5, worstRating: 1 } : {}),
    },
    datePublished: verdict.publishedAt ?? verdict.updatedAt,
    ...(verdict.modifiedAt ? { dateModified: verdict.modifiedAt } : {}),
    ...(org.sdLicense ? { sdLicense: org.sdLicense } : {}),
    author: {
      '@type': 'Organization',
      '@id': organizationId(org.url),
      name: org.name,
      url: org.url,
      ...(org.logo ? { logo: org.logo } : {}),
      ...(orgSameAs.length ? { sameAs: orgSameAs } : {}),
    },
    itemReviewed: {
      '@type': 'Claim',
      // An unattributed claim has no author: never an organisation called "Unknown".
      ...(claimant ? { author: claimAuthor(claimant) } : {}),
      ...(claim.statedOn ? { datePublished: dateOnly(claim.statedOn) } : {}),
      ...(claim.language ? { inLanguage: claim.language } : {}),
      ...(appearance ? { appearance } : {}),
    },
    ...(citation.length ? { citation } : {}),
    ...(input.corrections.length
      ? {
          correction: input.corrections.map((c) => ({
            '@type': 'CorrectionComment' as const,
            text: c.note,
            datePublished: c.at,
          })),
        }
      : {}),
  }
}

/**
 * Who made the claim, as fact-checkers publish it: a Person (with a job title and an affiliation when the
 * desk recorded them; schema.org gives an Organization neither) or an Organization, its image and its pages.
 */
function claimAuthor(
  claimant: NonNullable<ClaimReviewInput['claimant']>,
): NonNullable<ClaimReview['itemReviewed']['author']> {
  const sameAs = [...new Set([...(claimant.url ? [claimant.url] : []), ...claimant.sameAs])]
  const person = claimant.kind === 'person'
  return {
    '@type': person ? 'Person' : 'Organization',
    name: claimant.name,
    ...(person && claimant.jobTitle ? { jobTitle: claimant.jobTitle } : {}),
    ...(person && claimant.affiliation
      ? { affiliation: { '@type': 'Organization' as const, name: claimant.affiliation } }
      : {}),
    ...(claimant.imageUrl ? { image: claimant.imageUrl } : {}),
    ...(sameAs.length ? { sameAs } : {}),
  }
}

export interface ClaimReviewFeedInput {
  /** The ClaimReviews of one page, newest first. */
  reviews: ClaimReview[]
  org: PublishingOrg
  baseUrl: string
}

/** A page of ClaimReviews as a schema.org DataFeed, each item wrapping one review. */
export function toClaimReviewFeed(input: ClaimReviewFeedInput): ClaimReviewFeed {
  return {
    '@context': SchemaOrgContext,
    '@type': 'DataFeed',
    name: `${input.org.name}: fact checks`,
    url: `${input.baseUrl.replace(/\/+$/, '')}/api/public/verdicts`,
    dataFeedElement: input.reviews.map((review) => ({
      '@type': 'DataFeedItem',
      dateCreated: review.datePublished,
      ...(review.dateModified ? { dateModified: review.dateModified } : {}),
      item: review,
    })),
  }
}
