import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  desc,
  eq,
  forUpdate,
  gt,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import {
  AppError,
  type Webhook,
  type WebhookCreate,
  type WebhookDelivery,
  type WebhookDeliveryList,
} from '@counterclaim/shared'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { checkTarget, OutboundError, type OutboundPolicy } from './outbound-fetch.ts'
import { assertVersion, found } from './versioning.ts'

// A webhook's subscription (url, events, secret) is what an admin sets: it has a version, and its create
// and archive write history, never with the secret in it. Its deliveries are the outbox
// (webhook-outbox.ts, webhook-deliverer.ts): state the deliverer writes, not edits.

export type WebhookRow = typeof tables.webhooks.$inferSelect
export type DeliveryRow = typeof tables.webhookDeliveries.$inferSelect

/** What a removed webhook's undelivered deliveries say, and what becomes of them. */
export const WEBHOOK_REMOVED = 'The webhook was removed before this could be delivered.'

/** A webhook as the API shows it: the secret never, only its last four characters. */
export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    secretHint: row.secret.slice(-4),
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

/** A delivery as the API shows it: its status and the receiver's last answer, not its body. */
export function toWebhookDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    claimId: row.claimId,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    error: row.error,
  }
}

export async function getWebhookRow(db: Db, id: string): Promise<WebhookRow> {
  const [row] = await db.select().from(tables.webhooks).where(eq(tables.webhooks.id, id))
  return found(row, 'Webhook')
}

/** The webhooks in use (removed ones left out), oldest first. */
export async function listWebhooks(db: Db, query: { limit: number; cursor?: string | undefined }) {
  const hooks = tables.webhooks
  const cursor = decodeCursor(query.cursor)
  const rows = await db
    .select()
    .from(hooks)
    .where(
      and(
        isNull(hooks.archivedAt),
        cursor
          ? or(gt(hooks.createdAt, cursor[0]), and(eq(hooks.createdAt, cursor[0]), gt(hooks.id, cursor[1])))
          : undefined,
      ),
    )
    .orderBy(asc(hooks.createdAt), asc(hooks.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [r.createdAt, r.id])
  return { items: page.items.map(toWebhook), nextCursor: page.nextCursor }
}

/**
 * Registers a webhook. Its address must pass the outbound rules now (a private or loopback address is
 * 400 unless private targets are allowed); deliveries check it again, since a name can come to resolve
 * elsewhere.
 */
export async function createWebhook(
  ctx: ServiceContext,
  input: WebhookCreate,
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddress'>,
): Promise<Webhook> {
  try {
    await checkTarget(input.url, { ...policy, timeoutMs: 5_000 })
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error
    throw new AppError('validation_failed', `Webhooks cannot be sent to this address: ${error.message}`, [
      { path: 'url', message: error.message },
    ])
  }
  return transaction(ctx.db, async (tx) => {
    const id = randomUUID()
    const [row] = await tx
      .insert(tables.webhooks)
      .values({
        id,
        url: input.url,
        events: input.events,
        secret: input.secret,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = toWebhook(found(row, 'Webhook'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'webhook',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
    })
    return record
  })
}

/** The 409 a removed webhook's writes and retries get. */
export function webhookRemoved(): AppError {
  return new AppError('conflict', 'This webhook was removed: register it again to send to it.', {
    archived: 'webhook',
  })
}

/**
 * Removes (archives) a webhook: nothing more is sent to it, and its deliveries still waiting are marked
 * failed; it and its deliveries stay on record.
 */
export async function archiveWebhook(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
): Promise<Webhook> {
  return transaction(ctx.db, async (tx) => {
    const hooks = tables.webhooks
    const [currentRow] = await forUpdate(tx.select().from(hooks).where(eq(hooks.id, id)))
    const current = found(currentRow, 'Webhook')
    const before = toWebhook(current)
    assertVersion(expectedVersion, current, before)
    if (current.archivedAt !== null) throw webhookRemoved()
    const [row] = await tx
      .update(hooks)
      .set({ archivedAt: ctx.now, updatedAt: ctx.now, version: current.version + 1 })
      .where(eq(hooks.id, id))
      .returning()
    await failWaiting(tx, id, ctx.now)
    const after = toWebhook(found(row, 'Webhook'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'webhook',
      entityId: id,
      action: 'archived',
      before,
      after,
    })
    return after
  })
}

// A delivery being sent right now keeps its lease: its outcome lands, then the deliverer fails the rest.
async function failWaiting(tx: Tx, webhookId: string, now: string): Promise<void> {
  const d = tables.webhookDeliveries
  await tx
    .update(d)
    .set({ status: 'failed', nextAttemptAt: null, error: WEBHOOK_REMOVED })
    .where(
      and(
        eq(d.webhookId, webhookId),
        inArray(d.status, ['pending', 'retrying']),
        or(isNull(d.leasedUntil), lte(d.leasedUntil, now)),
      ),
    )
}

/** A webhook's deliveries, newest first; a removed webhook's too. */
export async function listDeliveries(
  db: Db,
  webhookId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<WebhookDeliveryList> {
  await getWebhookRow(db, webhookId)
  const d = tables.webhookDeliveries
  const cursor = decodeCursor(query.cursor)
  const rows = await db
    .select()
    .from(d)
    .where(
      and(
        eq(d.webhookId, webhookId),
        cursor
          ? or(lt(d.createdAt, cursor[0]), and(eq(d.createdAt, cursor[0]), lt(d.id, cursor[1])))
          : undefined,
      ),
    )
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [r.createdAt, r.id])
  return { items: page.items.map(toWebhookDelivery), nextCursor: page.nextCursor }
}

/** One delivery of a webhook; not_found when the webhook has no such delivery. */
export async function getDeliveryRow(db: Db, webhookId: string, deliveryId: string): Promise<DeliveryRow> {
  const d = tables.webhookDeliveries
  const [row] = await db
    .select()
    .from(d)
    .where(and(eq(d.id, deliveryId), eq(d.webhookId, webhookId)))
  return found(row, 'Delivery')
}
