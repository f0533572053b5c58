import { randomUUID } from 'node:crypto'
import { announceChange, lockDisputeStreams, type Tx, tables } from '@counterclaim/db'

export type Entity =
  | 'dispute'
  | 'claim'
  | 'claimant'
  | 'evidence'
  | 'stance'
  | 'verdict'
  | 'user'
  | 'fact_check'
  | 'fact_check_feed'
  | 'claim_link'
  | 'comment'
  | 'api_token'
  | 'webhook'
  | 'reply_attempt'
  | 'conclusion'
  | 'claim_relation'
  | 'claim_rating'

export interface HistoryInput {
  actorId: string | null
  at: string
  entity: Entity
  entityId: string
  action: string
  before: unknown
  after: unknown
  disputeId?: string | null
  claimId?: string | null
}

/**
 * Appends one history event; call it inside the transaction that made the change. An event inside a
 * dispute is also an event of its live stream (dispute-events.ts): the dispute's stream is locked
 * first, so its events commit in seq order, and its listeners are told at commit.
 */
export async function recordHistory(tx: Tx, event: HistoryInput): Promise<void> {
  const disputeIds = event.disputeId ? [event.disputeId] : []
  await lockDisputeStreams(tx, disputeIds)
  await tx.insert(tables.historyEvents).values({
    id: randomUUID(),
    at: event.at,
    actorId: event.actorId,
    entity: event.entity,
    entityId: event.entityId,
    action: event.action,
    before: event.before ?? null,
    after: event.after ?? null,
    disputeId: event.disputeId ?? null,
    claimId: event.claimId ?? null,
  })
  await announceChange(tx, disputeIds)
}
