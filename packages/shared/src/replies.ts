// The right of reply (issue "Analysis no other tool has", item 9): each claim's log of the desk's attempts to
// reach the claimant for comment, and what they answered.
import { z } from 'zod'
import { ReplyChannelSchema } from './enums.ts'
import { DateOnlySchema, IdSchema, LIMITS, nonBlank, TimestampSchema } from './fields.ts'
import { PersonSchema } from './team-work.ts'

/** The longest answer a log entry keeps: a claimant's statement may be long, like an excerpt. */
export const REPLY_ANSWER_MAX = LIMITS.longText

/** One attempt to reach the claimant: when and how the desk asked whom what, and the answer if one came. */
export const ReplyAttemptSchema = z
  .object({
    id: z.string(),
    claimId: z.string(),
    disputeId: z.string(),
    /** The day the desk asked (YYYY-MM-DD). */
    askedOn: z.string(),
    channel: ReplyChannelSchema,
    /** Whom the desk asked: "the ministry's press office". */
    contact: z.string(),
    question: z.string(),
    /** The deadline the desk gave (YYYY-MM-DD), or null. */
    replyBy: z.string().nullable(),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
    createdBy: PersonSchema.nullable(),
    /** A mistaken entry, taken off the log (and off the next published snapshot). */
    archived: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'ReplyAttempt' })
export type ReplyAttempt = z.infer<typeof ReplyAttemptSchema>

const replyFields = {
  askedOn: DateOnlySchema,
  channel: ReplyChannelSchema,
  contact: nonBlank(LIMITS.name),
  question: nonBlank(LIMITS.claimText),
  replyBy: DateOnlySchema.nullable(),
  answer: nonBlank(REPLY_ANSWER_MAX).nullable(),
  answeredOn: DateOnlySchema.nullable(),
}

/**
 * A new entry of the log. The rules across fields (a deadline or an answer not before the question; an
 * answer with its date and a date with its answer) are checked by the server, in words, on create and change.
 */
export const ReplyAttemptCreateSchema = z
  .strictObject({
    id: IdSchema.optional(),
    askedOn: replyFields.askedOn,
    channel: replyFields.channel,
    contact: replyFields.contact,
    question: replyFields.question,
    replyBy: replyFields.replyBy.optional(),
    answer: replyFields.answer.optional(),
    answeredOn: replyFields.answeredOn.optional(),
  })
  .meta({ id: 'ReplyAttemptCreate' })
export type ReplyAttemptCreate = z.infer<typeof ReplyAttemptCreateSchema>

/** Records the answer and when it came, corrects a field, or takes a mistaken entry off (archived). */
export const ReplyAttemptPatchSchema = z
  .strictObject({ ...replyFields, archived: z.boolean() })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'name at least one field to change')
  .meta({ id: 'ReplyAttemptPatch' })
export type ReplyAttemptPatch = z.infer<typeof ReplyAttemptPatchSchema>

export const ReplyAttemptListSchema = z
  .object({ items: z.array(ReplyAttemptSchema) })
  .meta({ id: 'ReplyAttemptList' })
export type ReplyAttemptList = z.infer<typeof ReplyAttemptListSchema>

export const ReplyAttemptListQuerySchema = z.object({
  /** `1` lists the entries taken off the log too, so one can be put back. */
  archived: z.enum(['0', '1']).optional(),
})
