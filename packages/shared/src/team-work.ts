// Team work's contract (API.md, "Team work"): assignments, my work, comments, notifications, the event
// stream of a dispute, API tokens and webhooks.
import { z } from 'zod'
import { DateOnlySchema, HttpUrlSchema, IdSchema, LIMITS, nonBlank, TimestampSchema } from './fields.ts'
import { RatingSchema } from './rating-scale.ts'

/** Someone on the desk, as other records name them. */
export const PersonSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Person' })
export type Person = z.infer<typeof PersonSchema>

/** The desk's active people, by name: for assignment pickers and `@` mention completion. */
export const PersonListSchema = z.object({ items: z.array(PersonSchema) }).meta({ id: 'PersonList' })
export type PersonList = z.infer<typeof PersonListSchema>

/** How many people one dispute may have assigned. */
export const MAX_ASSIGNEES = 20

/** The assignment fields a dispute's create and PATCH take. */
export const AssignmentFields = {
  assigneeIds: z
    .array(IdSchema)
    .max(MAX_ASSIGNEES, `at most ${MAX_ASSIGNEES} people`)
    .refine((ids) => new Set(ids).size === ids.length, 'names someone twice'),
  dueOn: DateOnlySchema.nullable(),
}

export const DisputeRefSchema = z.object({ id: z.string(), title: z.string() }).meta({ id: 'DisputeRef' })
export type DisputeRef = z.infer<typeof DisputeRefSchema>

// ---- Comments ----------------------------------------------------------------------------------------

export const COMMENT_MAX = 20_000

export const CommentSchema = z
  .object({
    id: z.string(),
    disputeId: z.string(),
    /** The claim or evidence item it is about, when it is about one. */
    claimId: z.string().nullable(),
    evidenceId: z.string().nullable(),
    author: PersonSchema,
    /** Markdown, rendered as verdicts are. */
    body: z.string(),
    /** The people its `@name` mentions named. */
    mentions: z.array(PersonSchema),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Comment' })
export type Comment = z.infer<typeof CommentSchema>

export const CommentCreateSchema = z
  .strictObject({
    id: IdSchema.optional(),
    body: nonBlank(COMMENT_MAX),
    claimId: z.string().min(1).max(100).optional(),
    evidenceId: z.string().min(1).max(100).optional(),
  })
  .refine((c) => !(c.claimId && c.evidenceId), {
    message: 'a comment is about one claim or one evidence item, not both',
    path: ['evidenceId'],
  })
  .meta({ id: 'CommentCreate' })
export type CommentCreate = z.infer<typeof CommentCreateSchema>

export const CommentListSchema = z
  .object({ items: z.array(CommentSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CommentList' })
export type CommentList = z.infer<typeof CommentListSchema>

// ---- Notifications -------------------------------------------------------------------------------------

export const NotificationKindSchema = z.enum([
  'assigned',
  'returned',
  'published',
  'corrected',
  'withdrawn',
  'mentioned',
  'correction_pending',
])
export type NotificationKind = z.infer<typeof NotificationKindSchema>

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: NotificationKindSchema,
    /** What happened, in words ("Ana returned your verdict on …"). */
    message: z.string(),
    /** The editor's note of a return, a correction or a withdrawal; the comment's text of a mention. */
    note: z.string().nullable(),
    actor: PersonSchema.nullable(),
    dispute: DisputeRefSchema.nullable(),
    claimId: z.string().nullable(),
    commentId: z.string().nullable(),
    createdAt: TimestampSchema,
    readAt: TimestampSchema.nullable(),
  })
  .meta({ id: 'Notification' })
export type Notification = z.infer<typeof NotificationSchema>

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    nextCursor: z.string().nullable(),
    /** How many of the user's notifications are unread, across every page. */
    unread: z.number().int(),
  })
  .meta({ id: 'NotificationList' })
export type NotificationList = z.infer<typeof NotificationListSchema>

export const NotificationsReadSchema = z
  .union([
    z.strictObject({ ids: z.array(z.string().min(1).max(100)).min(1).max(500) }),
    z.strictObject({ all: z.literal(true) }),
  ])
  .meta({ id: 'NotificationsRead' })
export type NotificationsRead = z.infer<typeof NotificationsReadSchema>

export const NotificationsReadResultSchema = z
  .object({ unread: z.number().int() })
  .meta({ id: 'NotificationsReadResult' })
export type NotificationsReadResult = z.infer<typeof NotificationsReadResultSchema>

// ---- My work -------------------------------------------------------------------------------------------

export const AssignedDisputeSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    dueOn: z.string().nullable(),
    /** dueOn is before today. */
    overdue: z.boolean(),
    assignees: z.array(PersonSchema),
    claimCount: z.number().int(),
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'AssignedDispute' })
export type AssignedDispute = z.infer<typeof AssignedDisputeSchema>

/** A verdict in the workflow, as my-work lists it. */
export const WorkVerdictSchema = z
  .object({
    claimId: z.string(),
    claimText: z.string(),
    shortText: z.string().nullable(),
    dispute: DisputeRefSchema,
    rating: RatingSchema.nullable(),
    author: PersonSchema.nullable(),
    /** Returned drafts: the editor who returned it, and their note. */
    returnedBy: PersonSchema.nullable(),
    note: z.string().nullable(),
    /** When it was returned (returnedToMe) or submitted (awaitingMyReview). */
    at: TimestampSchema,
    verdictVersion: z.number().int(),
  })
  .meta({ id: 'WorkVerdict' })
export type WorkVerdict = z.infer<typeof WorkVerdictSchema>

export const MyWorkSchema = z
  .object({
    /** Disputes I am assigned to, overdue first, then by due date. */
    assigned: z.array(AssignedDisputeSchema),
    /** My drafts an editor returned, with the note. */
    returnedToMe: z.array(WorkVerdictSchema),
    /** Verdicts in review that I may publish (editors; empty for checkers). */
    awaitingMyReview: z.array(WorkVerdictSchema),
    /** My latest notifications of comments that mention me. */
    mentions: z.array(NotificationSchema),
  })
  .meta({ id: 'MyWork' })
export type MyWork = z.infer<typeof MyWorkSchema>

// ---- The event stream of a dispute ---------------------------------------------------------------------

/** One change inside a dispute, as its event stream sends it (the SSE `id` is `seq`). */
export const DisputeEventSchema = z
  .object({
    seq: z.number().int(),
    entity: z.string(),
    id: z.string(),
    version: z.number().int().nullable(),
    action: z.string(),
    actor: PersonSchema.nullable(),
    at: TimestampSchema,
    claimId: z.string().nullable(),
    /** The evidence item the change belongs to, for a stance (one cell of the matrix) or a comment on an item. */
    evidenceId: z.string().nullable(),
  })
  .meta({ id: 'DisputeEvent' })
export type DisputeEvent = z.infer<typeof DisputeEventSchema>

/** A seq of the stream, as Last-Event-ID (or `lastEventId`) names it. */
export const EventSeqSchema = z.string().regex(/^\d{1,15}$/, 'the id of an event of this stream (digits)')

/** The event stream's query: `lastEventId` for clients that cannot send the Last-Event-ID header. */
export const DisputeEventsQuerySchema = z.object({
  lastEventId: EventSeqSchema.optional().meta({
    description:
      'Resume after this event, as the Last-Event-ID header does (the header wins when both are sent)',
  }),
})

/** The `viewers` event: who has the dispute open now. */
export const DisputeViewersSchema = z
  .object({ viewers: z.array(PersonSchema) })
  .meta({ id: 'DisputeViewers' })
export type DisputeViewers = z.infer<typeof DisputeViewersSchema>

// ---- API tokens ----------------------------------------------------------------------------------------

export const TokenScopeSchema = z.enum(['read', 'write'])
export type TokenScope = z.infer<typeof TokenScopeSchema>

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: TokenScopeSchema,
    createdAt: TimestampSchema,
    lastUsedAt: TimestampSchema.nullable(),
    /** When its owner revoked it; a revoked token signs nothing in and is no longer listed. */
    revokedAt: TimestampSchema.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ApiToken' })
export type ApiToken = z.infer<typeof ApiTokenSchema>

export const ApiTokenCreatedSchema = ApiTokenSchema.extend({
  /** The token itself: shown this once, stored only as a hash. */
  token: z.string(),
}).meta({ id: 'ApiTokenCreated' })
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>

export const ApiTokenCreateSchema = z
  .strictObject({ name: nonBlank(LIMITS.title), scope: TokenScopeSchema })
  .meta({ id: 'ApiTokenCreate' })
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>

export const ApiTokenListSchema = z
  .object({ items: z.array(ApiTokenSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ApiTokenList' })

// ---- Webhooks ------------------------------------------------------------------------------------------

export const WebhookEventSchema = z.enum(['verdict.published', 'verdict.corrected', 'verdict.withdrawn'])
export type WebhookEvent = z.infer<typeof WebhookEventSchema>

export const WEBHOOK_SECRET = { min: 16, max: 300 } as const

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(WebhookEventSchema),
    /** The secret is never shown again; its last four characters help tell webhooks apart. */
    secretHint: z.string(),
    /** Removed: nothing more is sent to it (DELETE answers it so); its deliveries stay listed. */
    archived: z.boolean(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Webhook' })
export type Webhook = z.infer<typeof WebhookSchema>

export const WebhookCreateSchema = z
  .strictObject({
    url: HttpUrlSchema,
    events: z
      .array(WebhookEventSchema)
      .min(1, 'choose at least one event')
      .refine((e) => new Set(e).size === e.length, 'names an event twice'),
    secret: z
      .string()
      .min(WEBHOOK_SECRET.min, `must be at least ${WEBHOOK_SECRET.min} characters`)
      .max(WEBHOOK_SECRET.max, `must be at most ${WEBHOOK_SECRET.max} characters`),
  })
  .meta({ id: 'WebhookCreate' })
export type WebhookCreate = z.infer<typeof WebhookCreateSchema>

export const WebhookListSchema = z
  .object({ items: z.array(WebhookSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookList' })

export const DeliveryStatusSchema = z.enum(['pending', 'retrying', 'delivered', 'failed'])
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    event: WebhookEventSchema,
    claimId: z.string(),
    status: DeliveryStatusSchema,
    attempts: z.number().int(),
    createdAt: TimestampSchema,
    lastAttemptAt: TimestampSchema.nullable(),
    nextAttemptAt: TimestampSchema.nullable(),
    deliveredAt: TimestampSchema.nullable(),
    /** The receiver's last answer: its status and the start of its body, or what went wrong. */
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' })
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>

export const WebhookDeliveryListSchema = z
  .object({ items: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryList' })
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryListSchema>
