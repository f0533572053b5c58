import { randomUUID } from 'node:crypto'
import { type Tx, tables } from '@counterclaim/db'

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
  | 'webhook'

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

/** Appends one history event; call it inside the transaction that made the change. */
export async function recordHistory(tx: Tx, event: HistoryInput): Promise<void> {
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
}
