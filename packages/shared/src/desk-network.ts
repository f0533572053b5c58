// The desk network's contract (API.md, "The desk network"): other desks' fact-checks, their feeds, matches
// and the links a checker makes from a claim to them.
import { z } from 'zod'
import { ClaimLinkKindSchema } from './enums.ts'
import { HttpUrlSchema, IdSchema, LIMITS, nonBlank, TimestampSchema } from './fields.ts'
import { RatingSchema } from './rating-scale.ts'
import { ClaimantSchema, ClaimSchema } from './records.ts'

/** A publisher's rating: their label and numbers, and where it maps onto our scale (else null). */
export const ExternalRatingSchema = z
  .object({
    label: z.string().nullable(),
    value: z.number().nullable(),
    best: z.number().nullable(),
    worst: z.number().nullable(),
    normalized: RatingSchema.nullable(),
  })
  .meta({ id: 'ExternalRating' })
export type ExternalRating = z.infer<typeof ExternalRatingSchema>

export const FactCheckSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    publisher: z.object({ name: z.string(), url: z.string().nullable() }),
    claimReviewed: z.string(),
    claimant: z.string().nullable(),
    claimDate: z.string().nullable(),
    reviewDate: z.string().nullable(),
    language: z.string().nullable(),
    appearanceUrls: z.array(z.string()),
    rating: ExternalRatingSchema,
    /** The feed that brought it, if one did. */
    feedId: z.string().nullable(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'FactCheck' })
export type FactCheck = z.infer<typeof FactCheckSchema>

export const FactCheckImportResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.array(z.object({ index: z.number().int(), reason: z.string() })),
  })
  .meta({ id: 'FactCheckImportResult' })
export type FactCheckImportResult = z.infer<typeof FactCheckImportResultSchema>

/** The media types POST /api/fact-checks/import takes, and how each is read: as JSON(-LD), or as an HTML page. */
export const FACT_CHECK_IMPORT_MEDIA_TYPES = {
  'application/ld+json': 'json',
  'application/json': 'json',
  'text/html': 'html',
} as const satisfies Record<string, 'json' | 'html'>

export const FactCheckImportQuerySchema = z.object({
  /** Where the body came from: relative links in it are read against this address. */
  baseUrl: HttpUrlSchema.optional(),
})

export const FactCheckListQuerySchema = z.object({
  q: z.string().max(LIMITS.search).optional(),
  publisher: z.string().max(LIMITS.name).optional(),
  language: z.string().max(LIMITS.languageTag).optional(),
  rating: z.union([RatingSchema, z.literal('none')]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
})
export type FactCheckListQuery = z.infer<typeof FactCheckListQuerySchema>

export const FactCheckListSchema = z
  .object({ items: z.array(FactCheckSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'FactCheckList' })
export type FactCheckList = z.infer<typeof FactCheckListSchema>

/** The publishers and languages on the desk, for the list's filters. */
export const FactCheckFacetsSchema = z
  .object({
    publishers: z.array(z.object({ name: z.string(), count: z.number().int() })),
    languages: z.array(z.object({ language: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'FactCheckFacets' })
export type FactCheckFacets = z.infer<typeof FactCheckFacetsSchema>

export const FEED_INTERVAL = { min: 15, max: 10_080, default: 60 } as const

export const FactCheckFeedSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    intervalMinutes: z.number().int(),
    lastFetchedAt: TimestampSchema.nullable(),
    /** What the last fetch came to, in words: "ok", "not modified", or what went wrong. */
    lastStatus: z.string().nullable(),
    lastError: z.string().nullable(),
    itemCount: z.number().int(),
    nextFetchAt: TimestampSchema,
    /** Unsubscribed (DELETE): no longer polled or listed; the fact-checks it brought stay. */
    archived: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'FactCheckFeed' })
export type FactCheckFeed = z.infer<typeof FactCheckFeedSchema>

export const FactCheckFeedCreateSchema = z
  .strictObject({
    url: HttpUrlSchema,
    intervalMinutes: z
      .number()
      .int()
      .min(FEED_INTERVAL.min)
      .max(FEED_INTERVAL.max)
      .default(FEED_INTERVAL.default),
  })
  .meta({ id: 'FactCheckFeedCreate' })
export type FactCheckFeedCreate = z.infer<typeof FactCheckFeedCreateSchema>

export const FactCheckFeedListSchema = z
  .object({ items: z.array(FactCheckFeedSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'FactCheckFeedList' })

/** Words of a text, cut into plain and matching parts (the matched words marked). */
export const MarkedTextSchema = z.array(z.object({ text: z.string(), match: z.boolean() }))
export type MarkedText = z.infer<typeof MarkedTextSchema>

export const MatchesQuerySchema = z.object({
  text: nonBlank(LIMITS.claimText),
  language: z.string().max(LIMITS.languageTag).optional(),
})

export const ClaimMatchSchema = z
  .object({
    score: z.number(),
    claim: ClaimSchema,
    /** Null for an unattributed claim. */
    claimant: z.object({ id: z.string(), name: z.string() }).nullable(),
    dispute: z.object({ id: z.string(), title: z.string() }),
    marked: MarkedTextSchema,
  })
  .meta({ id: 'ClaimMatch' })
export type ClaimMatch = z.infer<typeof ClaimMatchSchema>

export const FactCheckMatchSchema = z
  .object({ score: z.number(), factCheck: FactCheckSchema, marked: MarkedTextSchema })
  .meta({ id: 'FactCheckMatch' })
export type FactCheckMatch = z.infer<typeof FactCheckMatchSchema>

export const MatchesSchema = z
  .object({ claims: z.array(ClaimMatchSchema), factChecks: z.array(FactCheckMatchSchema) })
  .meta({ id: 'Matches' })
export type Matches = z.infer<typeof MatchesSchema>

/**
 * A claim's link to the same claim elsewhere on the desk, or to another desk's fact-check of it. Read from
 * either claim of a "same claim" link, `claimId` is the claim read from and `linkedClaim` the other one.
 */
export const ClaimLinkSchema = z
  .object({
    id: z.string(),
    claimId: z.string(),
    kind: ClaimLinkKindSchema,
    linkedClaim: z
      .object({ id: z.string(), text: z.string(), disputeId: z.string(), disputeTitle: z.string() })
      .nullable(),
    factCheck: FactCheckSchema.nullable(),
    /** Unlinked (DELETE /api/claim-links/{id}); linking the same again makes a new link. */
    archived: z.boolean(),
    createdAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'ClaimLink' })
export type ClaimLink = z.infer<typeof ClaimLinkSchema>

export const ClaimLinkCreateSchema = z
  .strictObject({ linkedClaimId: IdSchema.optional(), factCheckId: IdSchema.optional() })
  .refine((v) => (v.linkedClaimId === undefined) !== (v.factCheckId === undefined), {
    message: 'name either linkedClaimId (same claim as) or factCheckId (checked by), not both',
  })
  .meta({ id: 'ClaimLinkCreate' })
export type ClaimLinkCreate = z.infer<typeof ClaimLinkCreateSchema>

export const ClaimLinkListSchema = z.object({ items: z.array(ClaimLinkSchema) }).meta({ id: 'ClaimLinkList' })

export const ClaimantMergeSchema = z.strictObject({ intoId: IdSchema }).meta({ id: 'ClaimantMerge' })
export type ClaimantMerge = z.infer<typeof ClaimantMergeSchema>

/**
 * The details of a 409 when a claimant's name or an alias is already another claimant's (by key: case,
 * accents, hyphens, dots and spacing aside): those claimants, so a client can offer to use one instead.
 */
export const ClaimantConflictSchema = z
  .object({ matches: z.array(ClaimantSchema) })
  .meta({ id: 'ClaimantConflict' })
export type ClaimantConflict = z.infer<typeof ClaimantConflictSchema>
