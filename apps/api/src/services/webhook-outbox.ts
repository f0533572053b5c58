import { randomUUID } from 'node:crypto'
import { isNull, type Tx, tables } from '@counterclaim/db'
import type { WebhookEvent } from '@counterclaim/shared'
import type { ServiceContext } from './context.ts'
import { publishedClaimReview } from './public-verdicts.ts'

// The outbox (API.md, "Team work"): a verdict's publication, correction or withdrawal writes one
// delivery per webhook subscribed to the event, in the transaction that made the change. So a delivery
// exists exactly when the change committed, survives a restart, and is sent later by the deliverer
// (webhook-deliverer.ts), never from inside the transaction.

/**
 * Writes the deliveries of one verdict event, in the caller's transaction, after the verdict's row and
 * snapshot were written. Each carries its exact body: `{"event","at","claimReview"}`, the ClaimReview as
 * the public API gives it; for a withdrawal, the one last published (its `url` names the page that now
 * shows the withdrawal notice), so a receiver can find what to take down. Answers how many it wrote.
 */
export async function enqueueWebhooks(
  tx: Tx,
  ctx: ServiceContext,
  event: WebhookEvent,
  claimId: string,
): Promise<number> {
  const hooks = tables.webhooks
  const active = await tx
    .select({ id: hooks.id, events: hooks.events })
    .from(hooks)
    .where(isNull(hooks.archivedAt))
  const subscribed = active.filter((hook) => hook.events.includes(event))
  if (subscribed.length === 0) return 0
  if (!ctx.publishing) {
    throw new Error('A verdict event has webhooks to deliver to, but the service context names no publisher.')
  }
  const claimReview = await publishedClaimReview(tx, claimId, ctx.publishing)
  const payload = JSON.stringify({ event, at: ctx.now, claimReview })
  await tx.insert(tables.webhookDeliveries).values(
    subscribed.map((hook) => ({
      id: randomUUID(),
      webhookId: hook.id,
      event,
      claimId,
      payload,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: ctx.now,
      createdAt: ctx.now,
    })),
  )
  return subscribed.length
}
