// The dispute conclusion's contract (API.md, "Dispute conclusion"): the comparative finding for a whole
// dispute, written, reviewed, published, corrected and withdrawn through the verdicts' workflow.
import { z } from 'zod'
import { VerdictStatusSchema } from './enums.ts'
import { LIMITS, nonBlank, optionalText, TimestampSchema } from './fields.ts'
import { PersonSchema } from './team-work.ts'

/** The conclusion's own fields, as a correction found and left them. */
export const ConclusionFieldsSchema = z
  .object({ finding: z.string(), rationale: z.string() })
  .meta({ id: 'ConclusionFields' })
export type ConclusionFields = z.infer<typeof ConclusionFieldsSchema>

/** A correction applied to a published conclusion; listed publicly with its date and note. */
export const ConclusionCorrectionSchema = z
  .object({
    id: z.string(),
    at: TimestampSchema,
    note: z.string(),
    actor: PersonSchema,
    /** The second editor who applied a change of finding proposed under the two-person rule. */
    approver: PersonSchema.nullable(),
    before: ConclusionFieldsSchema,
    after: ConclusionFieldsSchema,
  })
  .meta({ id: 'ConclusionCorrection' })
export type ConclusionCorrection = z.infer<typeof ConclusionCorrectionSchema>

/** A change of the finding proposed under the two-person rule, waiting for a second editor. */
export const PendingConclusionCorrectionSchema = z
  .object({
    id: z.string(),
    conclusionId: z.string(),
    disputeId: z.string(),
    status: z.literal('pending'),
    proposedAt: TimestampSchema,
    proposedBy: PersonSchema,
    note: z.string(),
    before: ConclusionFieldsSchema,
    after: ConclusionFieldsSchema,
  })
  .meta({ id: 'PendingConclusionCorrection' })
export type PendingConclusionCorrection = z.infer<typeof PendingConclusionCorrectionSchema>

export const ConclusionSchema = z
  .object({
    id: z.string(),
    disputeId: z.string(),
    /** The comparative finding in one or two sentences: "Both hold: …". */
    finding: z.string(),
    /** Markdown. */
    rationale: z.string(),
    status: VerdictStatusSchema,
    author: PersonSchema.nullable(),
    reviewer: PersonSchema.nullable(),
    returnNote: z.string().nullable(),
    submittedAt: TimestampSchema.nullable(),
    publishedAt: TimestampSchema.nullable(),
    modifiedAt: TimestampSchema.nullable(),
    withdrawnAt: TimestampSchema.nullable(),
    withdrawalNote: z.string().nullable(),
    corrections: z.array(ConclusionCorrectionSchema),
    pendingCorrection: PendingConclusionCorrectionSchema.nullable(),
    /** Everyone who wrote or edited the draft: under the two-person rule none of them may publish it. */
    contributors: z.array(PersonSchema),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Conclusion' })
export type Conclusion = z.infer<typeof ConclusionSchema>

export const ConclusionDraftSchema = z
  .strictObject({
    finding: optionalText(LIMITS.summary).optional(),
    rationale: optionalText(LIMITS.longText).optional(),
  })
  .meta({ id: 'ConclusionDraft' })

export const ConclusionCorrectSchema = z
  .strictObject({
    finding: nonBlank(LIMITS.summary).optional(),
    rationale: nonBlank(LIMITS.longText).optional(),
    correctionNote: nonBlank(LIMITS.longText),
  })
  .meta({ id: 'ConclusionCorrect' })
