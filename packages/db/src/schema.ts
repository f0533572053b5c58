import {
  ClaimantKindSchema,
  ClaimLinkKindSchema,
  ClaimRelationKindSchema,
  DeliveryStatusSchema,
  DisputeStatusSchema,
  EvidenceKindSchema,
  NotificationKindSchema,
  type PublishedConclusion,
  type Quantity,
  type Rating,
  ReplyChannelSchema,
  RoleSchema,
  SourceReliabilitySchema,
  StanceValueSchema,
  TokenScopeSchema,
  VerdictStatusSchema,
  type WebhookEvent,
  WebhookEventSchema,
} from '@counterclaim/shared'
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { correctionStatuses, emailStates, snapshotReasons, valuesOf } from './enum-values.ts'

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: valuesOf(RoleSchema) }).notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: text('disabled_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
)

export const sessions = sqliteTable(
  'sessions',
  {
    // SHA-256 of the cookie token: a leaked database does not leak live sessions.
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const claimants = sqliteTable(
  'claimants',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: valuesOf(ClaimantKindSchema) }).notNull(),
    description: text('description').notNull().default(''),
    url: text('url'),
    sameAs: text('same_as', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    // Other names of the claimant; a merged claimant's name joins the survivor's aliases.
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    jobTitle: text('job_title'),
    affiliation: text('affiliation'),
    imageUrl: text('image_url'),
    // Set when the claimant was merged into another (merged_into_id) and so left the pickers.
    archivedAt: text('archived_at'),
    mergedIntoId: text('merged_into_id'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('claimants_name_idx').on(t.name)],
)

export const disputes = sqliteTable(
  'disputes',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    question: text('question').notNull(),
    summary: text('summary').notNull().default(''),
    // Read copy of dispute_tags, so a claim-log row needs no aggregate.
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    status: text('status', { enum: valuesOf(DisputeStatusSchema) })
      .notNull()
      .default('open'),
    archivedAt: text('archived_at'),
    createdBy: text('created_by').references(() => users.id),
    // When the assigned people should be done (YYYY-MM-DD), if anyone said.
    dueOn: text('due_on'),
    // Two checkers rate each claim blind before the verdict is drafted (COUNTERCLAIM_INDEPENDENT_RATINGS sets new disputes').
    independentRatings: integer('independent_ratings', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('disputes_updated_idx').on(t.updatedAt, t.id), index('disputes_title_idx').on(t.title)],
)

export const disputeTags = sqliteTable(
  'dispute_tags',
  {
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    tag: text('tag').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.disputeId, t.tag] }),
    index('dispute_tags_tag_idx').on(t.tag, t.disputeId),
  ],
)

export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    // Null for an unattributed claim: one that circulates without a known speaker.
    claimantId: text('claimant_id').references(() => claimants.id),
    text: text('text').notNull(),
    shortText: text('short_text'),
    statedOn: text('stated_on'),
    appearanceUrl: text('appearance_url'),
    archiveUrl: text('archive_url'),
    language: text('language'),
    // The numbers the claim states, each knowing what it counts (packages/domain/src/quantities.ts).
    quantities: text('quantities', { mode: 'json' }).$type<Quantity[]>().notNull().default(sql`'[]'`),
    position: integer('position').notNull().default(0),
    archivedAt: text('archived_at'),
    // Claim-log columns kept by the stance and verdict services in the same transaction,
    // so the log filters and sorts on one indexed table (docs/decisions/0002-claim-log-columns.md).
    verdictRating: text('verdict_rating').$type<Rating>(),
    verdictStatus: text('verdict_status', { enum: valuesOf(VerdictStatusSchema) }),
    supportingCount: integer('supporting_count').notNull().default(0),
    contradictingCount: integer('contradicting_count').notNull().default(0),
    contextCount: integer('context_count').notNull().default(0),
    // Last activity on the claim, its verdict or its stances: the claim log's order.
    activityAt: text('activity_at').notNull(),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('claims_dispute_idx').on(t.disputeId, t.position),
    index('claims_log_order_idx').on(t.activityAt, t.id),
    index('claims_claimant_idx').on(t.claimantId, t.activityAt, t.id),
    index('claims_status_idx').on(t.verdictStatus, t.activityAt, t.id),
    index('claims_rating_idx').on(t.verdictRating, t.activityAt, t.id),
    index('claims_stated_idx').on(t.statedOn),
    // The log's order within each month of stated dates: a date range's page merges its months' walks
    // (packages/db/src/claim-log-sql.ts) instead of sorting every claim in the range.
    index('claims_stated_month_idx').on(sql`substr(${t.statedOn}, 1, 7)`, t.activityAt, t.id),
    index('claims_dispute_log_idx').on(t.disputeId, t.activityAt, t.id),
    // The start of a claim's text: how an import finds the rows that repeat claims already on the desk.
    index('claims_text_start_idx').on(sql`substr(${t.text}, 1, 40)`),
  ],
)

export const evidence = sqliteTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    title: text('title').notNull(),
    kind: text('kind', { enum: valuesOf(EvidenceKindSchema) }).notNull(),
    sourceName: text('source_name').notNull().default(''),
    url: text('url'),
    archiveUrl: text('archive_url'),
    excerpt: text('excerpt').notNull().default(''),
    excerptSha256: text('excerpt_sha256').notNull(),
    publishedOn: text('published_on'),
    accessedOn: text('accessed_on'),
    sourceReliability: text('source_reliability', { enum: valuesOf(SourceReliabilitySchema) }),
    informationCredibility: integer('information_credibility'),
    // Evidence of kind fact_check: the external fact-check it carries (publisher, URL and rating).
    factCheckId: text('fact_check_id').references(() => factChecks.id),
    // The fact-check's rating as it stood when it was attached: their label and, where it maps, ours.
    factCheckRatingLabel: text('fact_check_rating_label'),
    factCheckRating: text('fact_check_rating').$type<Rating>(),
    // The source this item repeats ("Reuters wire, 10 June"); items of one origin count as one source.
    origin: text('origin'),
    archivedAt: text('archived_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('evidence_dispute_idx').on(t.disputeId, t.createdAt)],
)

export const stances = sqliteTable(
  'stances',
  {
    id: text('id').primaryKey(),
    evidenceId: text('evidence_id')
      .notNull()
      .references(() => evidence.id),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    // null: the cell was cleared; the row stays so its version keeps counting.
    stance: text('stance', { enum: valuesOf(StanceValueSchema) }),
    note: text('note').notNull().default(''),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('stances_cell_unique').on(t.evidenceId, t.claimId),
    index('stances_claim_idx').on(t.claimId),
  ],
)

export const verdicts = sqliteTable(
  'verdicts',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    rating: text('rating').$type<Rating>(),
    summary: text('summary').notNull().default(''),
    rationale: text('rationale').notNull().default(''),
    status: text('status', { enum: valuesOf(VerdictStatusSchema) })
      .notNull()
      .default('draft'),
    authorId: text('author_id').references(() => users.id),
    reviewerId: text('reviewer_id').references(() => users.id),
    returnNote: text('return_note'),
    submittedAt: text('submitted_at'),
    publishedAt: text('published_at'),
    // dateModified of the ClaimReview: set by corrections only.
    modifiedAt: text('modified_at'),
    // What the public sees: the snapshot taken at publishing or at the last correction.
    snapshotId: text('snapshot_id'),
    withdrawnAt: text('withdrawn_at'),
    withdrawalNote: text('withdrawal_note'),
    // Set when a published verdict was brought in by an admin's import of past work.
    importedAt: text('imported_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('verdicts_claim_unique').on(t.claimId),
    index('verdicts_status_idx').on(t.status, t.updatedAt),
    index('verdicts_published_idx').on(t.publishedAt, t.id),
  ],
)

export const verdictCitations = sqliteTable(
  'verdict_citations',
  {
    verdictId: text('verdict_id')
      .notNull()
      .references(() => verdicts.id),
    evidenceId: text('evidence_id')
      .notNull()
      .references(() => evidence.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.verdictId, t.evidenceId] }),
    index('verdict_citations_evidence_idx').on(t.evidenceId),
  ],
)

export const verdictCorrections = sqliteTable(
  'verdict_corrections',
  {
    id: text('id').primaryKey(),
    verdictId: text('verdict_id')
      .notNull()
      .references(() => verdicts.id),
    at: text('at').notNull(),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    before: text('before', { mode: 'json' }).notNull(),
    after: text('after', { mode: 'json' }).notNull(),
    // pending: a rating change proposed under the two-person rule, waiting for a second editor.
    status: text('status', { enum: correctionStatuses }).notNull().default('applied'),
    approverId: text('approver_id').references(() => users.id),
    decidedAt: text('decided_at'),
  },
  (t) => [index('verdict_corrections_verdict_idx').on(t.verdictId, t.at)],
)

/**
 * What the public sees of a verdict, frozen when it was published or corrected: the public page,
 * its ClaimReview and the feed read these, never the live records.
 */
export const verdictSnapshots = sqliteTable(
  'verdict_snapshots',
  {
    id: text('id').primaryKey(),
    verdictId: text('verdict_id')
      .notNull()
      .references(() => verdicts.id),
    takenAt: text('taken_at').notNull(),
    reason: text('reason', { enum: snapshotReasons }).notNull(),
    content: text('content', { mode: 'json' }).notNull(),
  },
  (t) => [index('verdict_snapshots_verdict_idx').on(t.verdictId, t.takenAt)],
)

/** Another desk's published ClaimReview, brought in by import or a feed; known by its url. */
export const factChecks = sqliteTable(
  'fact_checks',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    publisherName: text('publisher_name').notNull(),
    publisherUrl: text('publisher_url'),
    claimReviewed: text('claim_reviewed').notNull(),
    claimant: text('claimant'),
    claimDate: text('claim_date'),
    reviewDate: text('review_date'),
    language: text('language'),
    appearanceUrls: text('appearance_urls', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    ratingLabel: text('rating_label'),
    ratingValue: real('rating_value'),
    ratingBest: real('rating_best'),
    ratingWorst: real('rating_worst'),
    ratingNormalized: text('rating_normalized').$type<Rating>(),
    // The feed that last brought it, if any.
    feedId: text('feed_id').references(() => factCheckFeeds.id),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('fact_checks_url_unique').on(t.url),
    index('fact_checks_review_idx').on(t.reviewDate, t.id),
    index('fact_checks_publisher_idx').on(t.publisherName, t.reviewDate, t.id),
    index('fact_checks_language_idx').on(t.language, t.reviewDate, t.id),
    index('fact_checks_rating_idx').on(t.ratingNormalized, t.reviewDate, t.id),
  ],
)

/** A feed of fact-checks an admin subscribed to, polled on its schedule. */
export const factCheckFeeds = sqliteTable(
  'fact_check_feeds',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    intervalMinutes: integer('interval_minutes').notNull(),
    // Validators of the last answer, sent back as If-None-Match / If-Modified-Since.
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchedAt: text('last_fetched_at'),
    // What the last fetch came to, in words ("ok", "not modified", or what went wrong).
    lastStatus: text('last_status'),
    lastError: text('last_error'),
    itemCount: integer('item_count').notNull().default(0),
    nextFetchAt: text('next_fetch_at').notNull(),
    createdBy: text('created_by').references(() => users.id),
    archivedAt: text('archived_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('fact_check_feeds_due_idx').on(t.nextFetchAt)],
)

/** A checker's link from a claim to the same claim elsewhere on the desk, or to a fact-check of it. */
export const claimLinks = sqliteTable(
  'claim_links',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    kind: text('kind', { enum: valuesOf(ClaimLinkKindSchema) }).notNull(),
    linkedClaimId: text('linked_claim_id').references(() => claims.id),
    factCheckId: text('fact_check_id').references(() => factChecks.id),
    createdBy: text('created_by').references(() => users.id),
    // Unlinking archives the link (undo), so its history stays whole.
    archivedAt: text('archived_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('claim_links_claim_idx').on(t.claimId), index('claim_links_linked_idx').on(t.linkedClaimId)],
)

/** Who is assigned to a dispute; the dispute's version covers the list. */
export const disputeAssignees = sqliteTable(
  'dispute_assignees',
  {
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    // The order people were assigned in: 1, 2, 3… within the dispute.
    position: integer('position').notNull(),
    assignedAt: text('assigned_at').notNull(),
    assignedBy: text('assigned_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.disputeId, t.userId] }),
    index('dispute_assignees_user_idx').on(t.userId, t.disputeId),
  ],
)

/** A comment on a dispute, or on one claim or evidence item inside it; Markdown. */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    claimId: text('claim_id').references(() => claims.id),
    evidenceId: text('evidence_id').references(() => evidence.id),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    // The ids of the people its @name mentions named, in the order they first appear.
    mentionIds: text('mention_ids', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    archivedAt: text('archived_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('comments_dispute_idx').on(t.disputeId, t.createdAt, t.id)],
)

/**
 * Something a user is told: assigned, returned, published, corrected, withdrawn, mentioned, a correction to
 * approve. email_state is null when no mail is to be sent, else pending, sent or failed.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: valuesOf(NotificationKindSchema) }).notNull(),
    message: text('message').notNull(),
    note: text('note'),
    actorId: text('actor_id').references(() => users.id),
    disputeId: text('dispute_id').references(() => disputes.id),
    claimId: text('claim_id'),
    commentId: text('comment_id'),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
    emailState: text('email_state', { enum: emailStates }),
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailNextAt: text('email_next_at'),
    emailError: text('email_error'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_unread_idx').on(t.userId, t.readAt),
    index('notifications_email_idx').on(t.emailState, t.emailNextAt),
  ],
)

/** A token an integration signs in with; only its SHA-256 is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    scope: text('scope', { enum: valuesOf(TokenScopeSchema) }).notNull(),
    tokenHash: text('token_hash').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
)

/** A receiver of signed POSTs when verdicts are published, corrected or withdrawn. */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
  // The HMAC key: kept as given, since every delivery is signed with it; never shown again.
  secret: text('secret').notNull(),
  createdBy: text('created_by').references(() => users.id),
  archivedAt: text('archived_at'),
  ...timestamps,
  version: integer('version').notNull().default(1),
})

/**
 * The outbox: one row per webhook and event, written in the transaction that caused the event, delivered
 * (and retried) by the deliverer until the receiver acknowledges it or a day has passed.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    event: text('event', { enum: valuesOf(WebhookEventSchema) }).notNull(),
    claimId: text('claim_id').notNull(),
    // The exact body POSTed on every attempt, so each retry signs the same bytes.
    payload: text('payload').notNull(),
    status: text('status', { enum: valuesOf(DeliveryStatusSchema) }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    // A process sending it holds it until then, so two servers never send one delivery at once.
    leasedUntil: text('leased_until'),
    lastAttemptAt: text('last_attempt_at'),
    deliveredAt: text('delivered_at'),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    error: text('error'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt, t.id),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
)

/** Who has a dispute open: one row per open event stream, refreshed while it lasts. */
export const disputeViewers = sqliteTable(
  'dispute_viewers',
  {
    connectionId: text('connection_id').primaryKey(),
    disputeId: text('dispute_id').notNull(),
    userId: text('user_id').notNull(),
    // The server process holding the stream, so a process's rows can be cleared when it stops.
    processId: text('process_id').notNull(),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [index('dispute_viewers_dispute_idx').on(t.disputeId)],
)

/** Keys the server keeps across restarts (the device-cookie signing key). */
export const appSecrets = sqliteTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: text('created_at').notNull(),
})

export const historyEvents = sqliteTable(
  'history_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    at: text('at').notNull(),
    actorId: text('actor_id').references(() => users.id),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    // Where the record sits, so a dispute's or a claim's history is one indexed read.
    disputeId: text('dispute_id'),
    claimId: text('claim_id'),
  },
  (t) => [
    uniqueIndex('history_events_id_unique').on(t.id),
    index('history_entity_idx').on(t.entity, t.entityId, t.seq),
    index('history_dispute_idx').on(t.disputeId, t.seq),
    index('history_claim_idx').on(t.claimId, t.seq),
  ],
)

/**
 * How two claims of one dispute stand to each other. The pair is stored once, the smaller id first
 * (claim_id < other_claim_id), since every kind reads the same both ways; kind null: the relation was cleared.
 */
export const claimRelations = sqliteTable(
  'claim_relations',
  {
    id: text('id').primaryKey(),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    otherClaimId: text('other_claim_id')
      .notNull()
      .references(() => claims.id),
    kind: text('kind', { enum: valuesOf(ClaimRelationKindSchema) }),
    note: text('note').notNull().default(''),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('claim_relations_pair_unique').on(t.claimId, t.otherClaimId),
    index('claim_relations_dispute_idx').on(t.disputeId),
  ],
)

/**
 * A dispute's conclusion: the comparative finding for the whole dispute, written, reviewed and published
 * through the verdicts' workflow. `published` is what the public sees, frozen at publishing or correction.
 */
export const disputeConclusions = sqliteTable(
  'dispute_conclusions',
  {
    id: text('id').primaryKey(),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    finding: text('finding').notNull().default(''),
    rationale: text('rationale').notNull().default(''),
    status: text('status', { enum: valuesOf(VerdictStatusSchema) })
      .notNull()
      .default('draft'),
    authorId: text('author_id').references(() => users.id),
    reviewerId: text('reviewer_id').references(() => users.id),
    returnNote: text('return_note'),
    submittedAt: text('submitted_at'),
    publishedAt: text('published_at'),
    modifiedAt: text('modified_at'),
    published: text('published', { mode: 'json' }).$type<PublishedConclusion>(),
    withdrawnAt: text('withdrawn_at'),
    withdrawalNote: text('withdrawal_note'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('dispute_conclusions_dispute_unique').on(t.disputeId)],
)

/** A correction of a published conclusion; pending: a change of the finding waiting for a second editor. */
export const conclusionCorrections = sqliteTable(
  'conclusion_corrections',
  {
    id: text('id').primaryKey(),
    conclusionId: text('conclusion_id')
      .notNull()
      .references(() => disputeConclusions.id),
    at: text('at').notNull(),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    before: text('before', { mode: 'json' }).notNull(),
    after: text('after', { mode: 'json' }).notNull(),
    status: text('status', { enum: correctionStatuses }).notNull().default('applied'),
    approverId: text('approver_id').references(() => users.id),
    decidedAt: text('decided_at'),
  },
  (t) => [index('conclusion_corrections_conclusion_idx').on(t.conclusionId, t.at)],
)

/**
 * One checker's independent rating of a claim, unseen by the other rater until both are in
 * (disputes.independent_ratings). One per rater and claim.
 */
export const claimRatings = sqliteTable(
  'claim_ratings',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    raterId: text('rater_id')
      .notNull()
      .references(() => users.id),
    rating: text('rating').$type<Rating>().notNull(),
    note: text('note').notNull().default(''),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('claim_ratings_rater_unique').on(t.claimId, t.raterId),
    index('claim_ratings_created_idx').on(t.createdAt),
  ],
)

/** Right of reply: one attempt to reach a claim's claimant, and what they answered. */
export const replyAttempts = sqliteTable(
  'reply_attempts',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    askedOn: text('asked_on').notNull(),
    channel: text('channel', { enum: valuesOf(ReplyChannelSchema) }).notNull(),
    contact: text('contact').notNull().default(''),
    question: text('question').notNull(),
    replyBy: text('reply_by'),
    answer: text('answer'),
    answeredOn: text('answered_on'),
    createdBy: text('created_by').references(() => users.id),
    archivedAt: text('archived_at'),
    ...timestamps,
    version: integer('version').notNull().default(1),
  },
  (t) => [index('reply_attempts_claim_idx').on(t.claimId, t.askedOn)],
)
