import { and, type Db, desc, eq, inArray, lt, ne, not, readTransaction, tables } from '@counterclaim/db'
import type { HistoryEvent, HistoryQuerySchema } from '@counterclaim/shared'
import type { z } from 'zod'
import { decodeCursor, toPage } from './cursor.ts'
import { unrevealedClaims } from './ratings.ts'
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
  claim_relation: tables.claimRelations,
  claim_rating: tables.claimRatings,
  conclusion: tables.disputeConclusions,
  reply_attempt: tables.replyAttempts,
} as const

/** A record that never existed has no history: not_found, not an empty list. */
async function assertExists(db: Db, entity: keyof typeof ENTITY_TABLES, id: string): Promise<void> {
  const table = ENTITY_TABLES[entity]
  found((await db.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1))[0], 'Record')
}

/**
 * The events of a record, newest first, as this viewer may see them. A dispute's history holds
 * everything inside it, a claim's its verdict, stances and ratings too.
 */
export function listHistory(
  db: Db,
  query: z.infer<typeof HistoryQuerySchema>,
  viewerId: string,
): Promise<{ items: HistoryEvent[]; nextCursor: string | null }> {
  return readTransaction(db, (tx) => readHistory(tx, query, viewerId))
}

/**
 * Independent ratings are blind until both are in: before that, a rating's events show to its rater
 * alone (editors too see only their own).
 */
async function blindRatings(db: Db, query: z.infer<typeof HistoryQuerySchema>, viewerId: string) {
  const h = tables.historyEvents
  let scope: { disputeId: string } | { claimId: string } | null = null
  if (query.entity === 'dispute') scope = { disputeId: query.id }
  else if (query.entity === 'claim') scope = { claimId: query.id }
  else if (query.entity === 'claim_rating') {
    const [rating] = await db
      .select({ claimId: tables.claimRatings.claimId })
      .from(tables.claimRatings)
      .where(eq(tables.claimRatings.id, query.id))
    if (rating) scope = { claimId: rating.claimId }
  }
  const hidden = scope ? await unrevealedClaims(db, scope) : []
  if (hidden.length === 0) return undefined
  const isHidden = and(eq(h.entity, 'claim_rating'), ne(h.actorId, viewerId), inArray(h.claimId, hidden))
  return isHidden ? not(isHidden) : undefined
}

async function readHistory(
  db: Db,
  query: z.infer<typeof HistoryQuerySchema>,
  viewerId: string,
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
    .where(
      and(
        scope,
        await blindRatings(db, query, viewerId),
        seqCursor !== null && Number.isFinite(seqCursor) ? lt(h.seq, seqCursor) : undefined,
      ),
    )
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
