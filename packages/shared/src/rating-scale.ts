import { z } from 'zod'

export const RatingSchema = z.enum([
  'true',
  'mostly_true',
  'mixed',
  'mostly_false',
  'false',
  'misleading',
  'unverifiable',
])
export type Rating = z.infer<typeof RatingSchema>

export interface RatingDefinition {
  rating: Rating
  label: string
  /** What the rating means, for readers of the public page. */
  meaning: string
  /** ClaimReview ratingValue on the 1–5 scale, where the rating sits on it. */
  value: number | null
}

/** The default rating scale, best first. */
export const RATING_SCALE: readonly RatingDefinition[] = [
  { rating: 'true', label: 'True', meaning: 'The claim is accurate.', value: 5 },
  { rating: 'mostly_true', label: 'Mostly true', meaning: 'Accurate, but needs clarification.', value: 4 },
  { rating: 'mixed', label: 'Mixed', meaning: 'Partly accurate, partly not.', value: 3 },
  {
    rating: 'mostly_false',
    label: 'Mostly false',
    meaning: 'Contains some truth but is largely wrong.',
    value: 2,
  },
  { rating: 'false', label: 'False', meaning: 'The claim is inaccurate.', value: 1 },
  {
    rating: 'misleading',
    label: 'Misleading',
    meaning: 'Accurate in part, but gives a false impression.',
    value: null,
  },
  {
    rating: 'unverifiable',
    label: 'Unverifiable',
    meaning: 'The evidence available cannot settle it.',
    value: null,
  },
]

/** The definition of one rating. */
export function ratingDefinition(rating: Rating): RatingDefinition {
  const found = RATING_SCALE.find((r) => r.rating === rating)
  if (!found) throw new Error(`unknown rating ${rating}`)
  return found
}

/** The display label of a rating, or '' for none. */
export function ratingLabel(rating: string | null | undefined): string {
  return RATING_SCALE.find((r) => r.rating === rating)?.label ?? ''
}
