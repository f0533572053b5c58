// Independent ratings (issue "Analysis no other tool has", item 7): with a dispute's independent ratings on,
// two checkers each rate a claim blind; their ratings are revealed once both are in. The desk's rater
// agreement reads the pairs.
import { z } from 'zod'
import { DateOnlySchema, optionalText, TimestampSchema } from './fields.ts'
import { LIMITS } from './limits.ts'
import { RatingSchema } from './rating-scale.ts'
import { ActorSchema } from './records.ts'

/** How many checkers rate each claim of a dispute with independent ratings on. */
export const REQUIRED_RATINGS = 2

/** One checker's own rating of a claim. */
export const ClaimRatingSchema = z
  .object({
    id: z.string(),
    claimId: z.string(),
    disputeId: z.string(),
    rater: ActorSchema,
    rating: RatingSchema,
    ratingLabel: z.string(),
    note: z.string(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'ClaimRating' })
export type ClaimRating = z.infer<typeof ClaimRatingSchema>

/** PUT /api/claims/:id/ratings/mine: your rating, and why. */
export const ClaimRatingPutSchema = z
  .strictObject({
    rating: RatingSchema,
    note: optionalText(LIMITS.stanceNote).optional(),
  })
  .meta({ id: 'ClaimRatingPut' })

/**
 * The ratings of one claim as the caller may see them: before both are in, only their own rating and who
 * else has rated; once both are in, everyone's.
 */
export const ClaimRatingsSchema = z
  .object({
    /** The dispute's independent ratings are on. */
    independent: z.boolean(),
    required: z.literal(REQUIRED_RATINGS),
    submitted: z.number().int(),
    /** Both ratings are in: everyone's is shown. */
    revealed: z.boolean(),
    mine: ClaimRatingSchema.nullable(),
    /** Everyone's ratings, first in first; empty until revealed. */
    ratings: z.array(ClaimRatingSchema),
    /** Once revealed: whether the two raters chose the same rating. */
    agreement: z.enum(['agree', 'disagree']).nullable(),
    /** Who has rated (never what), first in first. */
    raters: z.array(ActorSchema),
  })
  .meta({ id: 'ClaimRatings' })
export type ClaimRatings = z.infer<typeof ClaimRatingsSchema>

/** GET /api/ratings/agreement: the period, by the day the second rating of a claim came in (default: the last 90 days). */
export const AgreementQuerySchema = z
  .object({
    from: DateOnlySchema.optional(),
    to: DateOnlySchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'must not be before the start of the period',
  })

const agreementFigures = {
  /** Claims with both ratings in. */
  pairs: z.number().int(),
  agreed: z.number().int(),
  /** agreed / pairs × 100; null with no pairs. */
  percentAgreement: z.number().nullable(),
  /** Cohen's kappa; null where it is undefined (no pairs, or agreement by chance alone is certain). */
  kappa: z.number().nullable(),
}

export const RatingAgreementSchema = z
  .object({
    rating: RatingSchema,
    label: z.string(),
    /** Pairs where either rater chose this rating. */
    ...agreementFigures,
  })
  .meta({ id: 'RatingAgreement' })
export type RatingAgreement = z.infer<typeof RatingAgreementSchema>

export const AgreementSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    ...agreementFigures,
    /** Each rating of the scale against all the others. */
    byRating: z.array(RatingAgreementSchema),
  })
  .meta({ id: 'Agreement' })
export type Agreement = z.infer<typeof AgreementSchema>
