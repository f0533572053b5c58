import { and, type Db, desc, eq, lt, readTransaction, tables } from '@counterclaim/db'
import type { HistoryEvent, HistoryQuerySchema } from '@counterclaim/shared'
import type { z } from 'zod'
import { decodeCursor, toPage } from './cursor.ts'
import { found } from './versioning.ts'

const ENTITY_TABLES = {
  dispute: tables.disputes,
  claim: tables.claims,
  claimant: tables.claimants,
  evidence: tables.evidence,
  stance: tables.stances,
  verdict: tables.verdicts,
  user: tables.users,
  fact_check: tables.factChecks,
  fact_check_feed: tables.factCheckFeeds,
  claim_link: tables.claimLinks,
  comment: tables.comments,
  conclusion: tables.disputeConclusions,
} as const

/** A record that never existed has no history: not_found, not an empty list. */
async function assertExists(db: Db, entity: keyof typeof ENTITY_TABLES, id: string): Promise<void> {
  const table = ENTITY_TABLES[entity]
  found((await db.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1))[0], 'Record')
}

/**
 * The events of a record, newest first. A dispute's history holds everything inside it,
 * a claim's its verdict and stances too.
 */
export function listHistory(
  db: Db,
  query: z.infer<typeof HistoryQuerySchema>,
): Promise<{ items: HistoryEvent[]; nextCursor: string | null }> {
  return readTransaction(db, (tx) => readHistory(tx, query))
}

async function readHistory(
  db: Db,
  query: z.infer<typeof HistoryQuerySchema>,
): Promise<{ items: HistoryEvent[]; nextCursor: string | null }> {
  await assertExists(db, query.entity, query.id)
  const h = tables.historyEvents
  const scope =
    query.entity === 'dispute'
      ? eq(h.disputeId, query.id)
      : query.entity === 'claim'
        ? eq(h.claimId, query.id)
        : and(eq(h.entity, query.entity), eq(h.entityId, query.id))
  const cursor = decodeCursor(query.cursor)
  const seqCursor = cursor ? Number(cursor[0]) : null
  const rows = await db
    .select({ event: h, actorName: tables.users.name })
    .from(h)
    .leftJoin(tables.users, eq(tables.users.id, h.actorId))
    .where(and(scope, seqCursor !== null && Number.isFinite(seqCursor) ? lt(h.seq, seqCursor) : undefined))
    .orderBy(desc(h.seq))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [String(r.event.seq), r.event.id])
  return {
    items: page.items.map(({ event, actorName }) => ({
      id: event.id,
      at: event.at,
      actor: event.actorId ? { id: event.actorId, name: actorName ?? 'unknown' } : null,
      entity: event.entity,
      entityId: event.entityId,
      action: event.action,
      before: event.before,
      after: event.after,
    })),
    nextCursor: page.nextCursor,
  }
}
