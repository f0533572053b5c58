import { z } from 'zod'
import {
  ClaimantKindSchema,
  DisputeStatusSchema,
  EvidenceKindSchema,
  InformationCredibilitySchema,
  QuantityQualifierSchema,
  RoleSchema,
  SourceReliabilitySchema,
  StanceValueSchema,
  VerdictStatusSchema,
} from './enums.ts'
import {
  DateOnlySchema,
  HttpUrlSchema,
  IdSchema,
  LIMITS,
  nonBlank,
  optionalText,
  TagSchema,
} from './fields.ts'
import { RatingSchema } from './rating-scale.ts'
import { AssignmentFields } from './team-work.ts'

// A change must name a field: an empty one would only bump the version and write a hollow event.
const changesSomething = (value: object) => Object.keys(value).length > 0
const CHANGE_NOTHING = 'nothing was changed: name at least one field to change'

export const LoginRequestSchema = z
  .strictObject({
    email: z.string().trim().min(1).max(LIMITS.email),
    password: z.string().min(1).max(LIMITS.password),
  })
  .meta({ id: 'LoginRequest' })

/**
 * A password being set: 12 characters at least. The server also refuses the most common passwords,
 * answering validation_failed for the field.
 */
export const NewPasswordSchema = z.string().min(12, 'must be at least 12 characters').max(LIMITS.password)

export const UserCreateSchema = z
  .strictObject({
    email: z.email({ message: 'must be an email address' }).max(LIMITS.email),
    name: nonBlank(LIMITS.name),
    role: RoleSchema,
    password: NewPasswordSchema,
  })
  .meta({ id: 'UserCreate' })

export const UserPatchSchema = z
  .strictObject({
    name: nonBlank(LIMITS.name).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    // A new password set by an admin; it ends every session of that user.
    password: NewPasswordSchema.optional(),
  })
  .refine(changesSomething, CHANGE_NOTHING)
  .meta({ id: 'UserPatch' })

export const PasswordChangeSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(LIMITS.password), newPassword: NewPasswordSchema })
  .meta({ id: 'PasswordChange' })

const claimantFields = {
  name: nonBlank(LIMITS.name),
  kind: ClaimantKindSchema,
  description: optionalText(LIMITS.longText).optional(),
  url: HttpUrlSchema.nullable().optional(),
  sameAs: z.array(HttpUrlSchema).max(50).optional(),
  aliases: z.array(nonBlank(LIMITS.name)).max(50).optional(),
  jobTitle: nonBlank(LIMITS.name).nullable().optional(),
  affiliation: nonBlank(LIMITS.name).nullable().optional(),
  imageUrl: HttpUrlSchema.nullable().optional(),
}
export const ClaimantCreateSchema = z
  .strictObject({
    id: IdSchema.optional(),
    ...claimantFields,
    /** Create it even though its name or an alias is already another claimant's (otherwise 409 with the matches). */
    allowDuplicate: z.boolean().optional(),
  })
  .meta({ id: 'ClaimantCreate' })
export const ClaimantPatchSchema = z
  .strictObject({
    ...claimantFields,
    /** Keep the change even though the name or an alias is then another claimant's (otherwise 409 with the matches). */
    allowDuplicate: z.boolean(),
  })
  .partial()
  .refine(({ allowDuplicate: _, ...change }) => changesSomething(change), CHANGE_NOTHING)
  .meta({ id: 'ClaimantPatch' })

const disputeFields = {
  title: nonBlank(LIMITS.title),
  question: nonBlank(LIMITS.question),
  summary: optionalText(LIMITS.longText).optional(),
  tags: z.array(TagSchema).max(LIMITS.tags).optional(),
  status: DisputeStatusSchema.optional(),
  assigneeIds: AssignmentFields.assigneeIds.optional(),
  dueOn: AssignmentFields.dueOn.optional(),
  /** Two checkers rate each claim blind; a new dispute takes the desk's COUNTERCLAIM_INDEPENDENT_RATINGS when absent. */
  independentRatings: z.boolean().optional(),
}
export const DisputeCreateSchema = z
  .strictObject({ id: IdSchema.optional(), ...disputeFields })
  .meta({ id: 'DisputeCreate' })
export const DisputePatchSchema = z
  .strictObject({ ...disputeFields, archived: z.boolean() })
  .partial()
  .refine(changesSomething, CHANGE_NOTHING)
  .meta({ id: 'DisputePatch' })

/** A number a claim states, as a client sends it; optional fields left out are null. */
export const QuantityInputSchema = z
  .strictObject({
    measure: nonBlank(LIMITS.measure).meta({
      description: 'What is counted: "drones launched", "drones intercepted", "people killed".',
    }),
    value: z.number().finite(),
    valueMax: z
      .number()
      .finite()
      .nullable()
      .optional()
      .meta({ description: 'The top of a range ("300 to 350"); null or left out for a single value.' }),
    qualifier: QuantityQualifierSchema,
    unit: nonBlank(LIMITS.unit).meta({
      description:
        'What one counts, singular or plural ("drones"); a rate says its period ("drones a month").',
    }),
    periodFrom: DateOnlySchema.nullable()
      .optional()
      .meta({ description: 'The first day the number covers; a night is the two dates it spans.' }),
    periodTo: DateOnlySchema.nullable().optional().meta({ description: 'The last day the number covers.' }),
    place: z
      .string()
      .trim()
      .max(LIMITS.place, `must be at most ${LIMITS.place} characters`)
      .nullable()
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.valueMax != null && q.valueMax < q.value) {
      ctx.addIssue({
        code: 'custom',
        path: ['valueMax'],
        message: 'must not be less than the value it runs from',
      })
    }
    if (q.periodFrom && q.periodTo && q.periodTo < q.periodFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodTo'],
        message: 'must not be before the start of the period',
      })
    }
  })
  .meta({ id: 'QuantityInput' })
export type QuantityInput = z.infer<typeof QuantityInputSchema>

/** The first contract's single quantity, still accepted: it becomes a one-item list whose measure is the unit. */
export const LegacyQuantityInputSchema = z
  .strictObject({
    value: z.number().finite(),
    unit: nonBlank(LIMITS.unit),
    qualifier: QuantityQualifierSchema,
  })
  .meta({ id: 'LegacyQuantityInput' })

const claimFields = {
  text: nonBlank(LIMITS.claimText),
  claimantId: IdSchema.nullable()
    .optional()
    .meta({ description: 'Who made the claim; null (or left out on create) for an unattributed claim.' }),
  shortText: optionalText(LIMITS.shortText).trim().nullable().optional(),
  statedOn: DateOnlySchema.nullable().optional(),
  appearanceUrl: HttpUrlSchema.nullable().optional(),
  archiveUrl: HttpUrlSchema.nullable().optional(),
  language: z
    .string()
    .max(LIMITS.languageTag, `must be at most ${LIMITS.languageTag} characters`)
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as en or uk')
    .nullable()
    .optional(),
  quantities: z
    .array(QuantityInputSchema)
    .max(LIMITS.quantities, `must hold at most ${LIMITS.quantities} numbers`)
    .optional()
    .meta({
      description: 'The numbers the claim states, each knowing what it counts; replaces the whole list.',
    }),
  quantity: LegacyQuantityInputSchema.nullable().optional().meta({
    description:
      "The first contract's single number: a one-item `quantities` whose measure is the unit (null clears the list). Send `quantities` or this, not both.",
  }),
}
// The older single quantity and the list both set the list: two answers to one question are refused.
const notBoth = (value: { quantity?: unknown; quantities?: unknown }) =>
  value.quantity === undefined || value.quantities === undefined
const NOT_BOTH = { message: 'send quantities or the older quantity, not both', path: ['quantity'] }
export const ClaimCreateSchema = z
  .strictObject({ id: IdSchema.optional(), ...claimFields })
  .refine(notBoth, NOT_BOTH)
  .meta({ id: 'ClaimCreate' })
export const ClaimPatchSchema = z
  .strictObject({ ...claimFields, position: z.number().int().min(0).max(10000), archived: z.boolean() })
  .partial()
  .refine(changesSomething, CHANGE_NOTHING)
  .refine(notBoth, NOT_BOTH)
  .meta({ id: 'ClaimPatch' })

const evidenceFields = {
  title: nonBlank(LIMITS.title),
  kind: EvidenceKindSchema,
  sourceName: optionalText(LIMITS.name).optional(),
  url: HttpUrlSchema.nullable().optional(),
  archiveUrl: HttpUrlSchema.nullable().optional(),
  excerpt: optionalText(LIMITS.longText).optional(),
  publishedOn: DateOnlySchema.nullable().optional(),
  accessedOn: DateOnlySchema.nullable().optional(),
  sourceReliability: SourceReliabilitySchema.nullable().optional(),
  informationCredibility: InformationCredibilitySchema.nullable().optional(),
  /** With kind fact_check: the external fact-check it carries; empty fields are filled from it. */
  factCheckId: IdSchema.nullable().optional(),
  /** Where it comes from when it repeats another source ("Reuters wire, 10 June"); empty or null: its own. */
  origin: z
    .string()
    .trim()
    .max(LIMITS.name, `must be at most ${LIMITS.name} characters`)
    .nullable()
    .optional(),
}
// Only evidence of kind fact_check carries a fact-check, and it always names one.
export const EVIDENCE_FACT_CHECK_ONLY = 'only evidence of kind fact_check carries a fact-check'
export const EVIDENCE_FACT_CHECK_NEEDED = 'evidence of kind fact_check names the fact-check it carries'

export const EvidenceCreateSchema = z
  // The title may be left out for kind fact_check: it is then made from the fact-check.
  .strictObject({ id: IdSchema.optional(), ...evidenceFields, title: evidenceFields.title.optional() })
  .superRefine((value, ctx) => {
    if (value.kind === 'fact_check') {
      if (!value.factCheckId)
        ctx.addIssue({ code: 'custom', path: ['factCheckId'], message: EVIDENCE_FACT_CHECK_NEEDED })
      return
    }
    if (value.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required' })
    if (value.factCheckId)
      ctx.addIssue({ code: 'custom', path: ['factCheckId'], message: EVIDENCE_FACT_CHECK_ONLY })
  })
  .meta({ id: 'EvidenceCreate' })
export const EvidencePatchSchema = z
  .strictObject({ ...evidenceFields, archived: z.boolean() })
  .partial()
  .refine(changesSomething, CHANGE_NOTHING)
  .meta({ id: 'EvidencePatch' })

export const StancePutSchema = z
  .strictObject({
    evidenceId: IdSchema,
    claimId: IdSchema,
    stance: StanceValueSchema.nullable(),
    note: optionalText(LIMITS.stanceNote).optional(),
  })
  .meta({ id: 'StancePut' })

export const VerdictDraftSchema = z
  .strictObject({
    rating: RatingSchema.nullable().optional(),
    summary: optionalText(LIMITS.summary).optional(),
    rationale: optionalText(LIMITS.longText).optional(),
    citedEvidenceIds: z.array(IdSchema).max(200).optional(),
  })
  .meta({ id: 'VerdictDraft' })

export const VerdictReturnSchema = z
  .strictObject({ note: nonBlank(LIMITS.longText) })
  .meta({ id: 'VerdictReturn' })

export const VerdictCorrectSchema = z
  .strictObject({
    rating: RatingSchema.optional(),
    summary: nonBlank(LIMITS.summary).optional(),
    rationale: nonBlank(LIMITS.longText).optional(),
    citedEvidenceIds: z.array(IdSchema).min(1).max(200).optional(),
    correctionNote: nonBlank(LIMITS.longText),
  })
  .meta({ id: 'VerdictCorrect' })

export const VerdictWithdrawSchema = z
  .strictObject({ note: nonBlank(LIMITS.longText) })
  .meta({ id: 'VerdictWithdraw' })

export const CorrectionRejectSchema = z
  .strictObject({ note: nonBlank(LIMITS.longText) })
  .meta({ id: 'CorrectionReject' })

export const CorrectionParamSchema = z.object({
  id: z.string().min(1).max(100),
  correctionId: z.string().min(1).max(100),
})

const limitParam = z.coerce.number().int().min(1).max(500).default(50)
export const PageQuerySchema = z.object({ limit: limitParam, cursor: z.string().max(500).optional() })

export const DisputeListQuerySchema = PageQuerySchema.extend({
  q: z.string().max(LIMITS.search).optional(),
  status: DisputeStatusSchema.optional(),
  tag: z.string().max(LIMITS.tag).optional(),
  archived: z.enum(['true', 'false']).optional(),
  /** Disputes this person is assigned to: a user id, or `me`. */
  assignee: z.string().min(1).max(100).optional(),
})

export const NotificationListQuerySchema = PageQuerySchema.extend({
  /** `1` lists only the unread ones. */
  unread: z.enum(['0', '1']).optional(),
})

export const ClaimantListQuerySchema = PageQuerySchema.extend({
  q: z.string().max(LIMITS.search).optional(),
  /** `1` lists merged (archived) claimants too; they are left out otherwise. */
  archived: z.enum(['0', '1']).optional(),
})

export const HistoryQuerySchema = PageQuerySchema.extend({
  entity: z.enum([
    'dispute',
    'claim',
    'claimant',
    'evidence',
    'stance',
    'verdict',
    'user',
    'fact_check',
    'fact_check_feed',
    'claim_link',
    'comment',
    'claim_relation',
    'claim_rating',
    'conclusion',
    'reply_attempt',
  ]),
  id: z.string().min(1).max(100),
})

export const ClaimLogQuerySchema = PageQuerySchema.extend({
  q: z.string().max(LIMITS.search).optional(),
  disputeId: z.string().max(100).optional(),
  claimantId: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'A claimant’s id, or `none` for the unattributed claims (no known speaker)' }),
  rating: RatingSchema.optional(),
  status: VerdictStatusSchema.optional(),
  from: DateOnlySchema.optional(),
  to: DateOnlySchema.optional(),
  tag: z.string().max(LIMITS.tag).optional(),
})
export type ClaimLogQuery = z.infer<typeof ClaimLogQuerySchema>

export const IdParamSchema = z.object({ id: z.string().min(1).max(100) })
