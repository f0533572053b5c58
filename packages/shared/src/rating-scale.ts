import { z } from 'zod'
import { DOMAIN_CATALOGUES } from './i18n/locales.ts'

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

/** Where each rating sits on ClaimReview's 1–5 scale, best first; null for ratings off the true–false line. */
const SCALE_VALUES: ReadonlyArray<readonly [Rating, number | null]> = [
  ['true', 5],
  ['mostly_true', 4],
  ['mixed', 3],
  ['mostly_false', 2],
  ['false', 1],
  ['misleading', null],
  ['unverifiable', null],
]

/** The default rating scale, best first; labels and meanings are the domain catalogue's English. */
export const RATING_SCALE: readonly RatingDefinition[] = SCALE_VALUES.map(([rating, value]) => ({
  rating,
  label: DOMAIN_CATALOGUES.en.rating[rating],
  meaning: DOMAIN_CATALOGUES.en.ratingMeaning[rating],
  value,
}))

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
