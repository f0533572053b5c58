import { z } from 'zod'
import { ClaimRelationKindSchema } from './enums.ts'
import { IdSchema, LIMITS, optionalText, TimestampSchema } from './fields.ts'

/**
 * How two claims of one dispute relate. Stored once per pair, the smaller claim id first; kind null
 * means it was cleared (the record stays, and its version counts on).
 */
export const ClaimRelationSchema = z
  .object({
    id: z.string(),
    disputeId: z.string(),
    claimId: z.string(),
    otherClaimId: z.string(),
    kind: ClaimRelationKindSchema.nullable(),
    note: z.string(),
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'ClaimRelation' })
export type ClaimRelation = z.infer<typeof ClaimRelationSchema>

/** Sets or clears how two claims relate; either order names the same relation. */
export const ClaimRelationPutSchema = z
  .strictObject({
    claimId: IdSchema,
    otherClaimId: IdSchema,
    kind: ClaimRelationKindSchema.nullable(),
    note: optionalText(LIMITS.stanceNote).optional(),
  })
  .meta({ id: 'ClaimRelationPut' })
