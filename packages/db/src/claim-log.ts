// The claim log's and search's hot read paths as prepared SQL (docs/decisions/0003-claim-log-hot-paths.md):
// one statement per combination of filters, prepared once per connection, read as raw arrays. The SQL of
// both engines is built in claim-log-sql.ts; this file runs SQLite's and hands PostgreSQL's to
// claim-log-pg.ts.

import { setImmediate } from 'node:timers/promises'
import type { ClaimLogRawRow, SearchKind, SearchRawHit } from '@counterclaim/shared'
import Database from 'better-sqlite3'
import { iterateClaimLogPg, pgChoose, pgClaimLogPage, pgClaimLogPlan, pgSearchIndex } from './claim-log-pg.ts'
import {
  type ClaimLogChoice,
  type ClaimLogSqlFilters,
  choiceSql,
  claimLogChoice,
  countedFilters,
  FTS_CHECK_FROM,
  SEARCH_CANDIDATES,
  STATED_SPAN_SQL,
  type StatedSpan,
  TAG_SCAN_FROM,
} from './claim-log-sql.ts'
import { type Db, sqliteClient } from './client.ts'
import { isSqlite, sqliteReadPool, withClient } from './sqlite.ts'

export {
  type ClaimLogChoice,
  type ClaimLogFilterKey,
  type ClaimLogSqlFilters,
  choiceSql,
  claimLogAlternatives,
  claimLogSql,
  FTS_CHECK_FROM,
  FTS_SCAN_FROM,
  MONTH_WALKS_UP_TO,
  rangeMonths,
  TAG_SCAN_FROM,
} from './claim-log-sql.ts'

type Statement = Database.Statement

/**
 * The claim log's query-plan choice: the clause of each active filter, the tag's and the text's picked
 * by counting their matches (TAG_SCAN_FROM, FTS_SCAN_FROM, FTS_CHECK_FROM). The page, the export and
 * the bench all take their statement from here.
 */
export function chooseClaimLogStatement(db: Db, filters: ClaimLogSqlFilters): Promise<ClaimLogChoice> {
  if (!isSqlite(db)) return pgChoose(db, filters)
  return withClient(db, (client) => choose(client, filters))
}

/** `paged` false (the export, which reads every row) never splits a date range into month walks. */
function choose(client: Database.Database, filters: ClaimLogSqlFilters, paged = true): ClaimLogChoice {
  const { tag, fts } = countedFilters(filters)
  const count = (sql: string, params: Record<string, unknown>) =>
    (prepared(client, sql, false).get(params) as { n: number }).n
  const dated = paged && Boolean(filters.from || filters.to)
  return claimLogChoice(filters, {
    tag: tag ? count(TAG_DISPUTES_SQL, { tag, cap: TAG_SCAN_FROM }) : 0,
    fts: fts ? count(FTS_MATCHES_SQL, { fts, cap: FTS_CHECK_FROM }) : 0,
    stated: dated ? (prepared(client, STATED_SPAN_SQL, false).get() as StatedSpan) : undefined,
  })
}

const TAG_DISPUTES_SQL = 'SELECT count(*) AS n FROM (SELECT 1 FROM dispute_tags WHERE tag = @tag LIMIT @cap)'
const FTS_MATCHES_SQL =
  'SELECT count(*) AS n FROM (SELECT 1 FROM search_index WHERE search_index MATCH @fts LIMIT @cap)'

const statements = new WeakMap<Database.Database, Map<string, Statement>>()

/** Prepares a statement once per connection and keeps it. */
export function prepared(client: Database.Database, sql: string, raw: boolean): Statement {
  let cache = statements.get(client)
  if (!cache) {
    cache = new Map()
    statements.set(client, cache)
  }
  const key = `${raw ? 'raw' : 'obj'}:${sql}`
  let statement = cache.get(key)
  if (!statement) {
    statement = client.prepare(sql)
    if (raw) statement.raw(true)
    cache.set(key, statement)
  }
  return statement
}

/**
 * One page of the claim log, newest activity first, after the (activity_at, id) cursor when given. On a
 * SQLite file with a read pool it runs on a read worker (read-pool.ts), which calls this same function.
 */
export function claimLogPage(
  db: Db,
  filters: ClaimLogSqlFilters,
  page: { limit: number; cursor: [string, string] | null },
): Promise<ClaimLogRawRow[]> {
  if (!isSqlite(db)) return pgClaimLogPage(db, filters, page)
  const pool = sqliteReadPool(db)
  if (pool) return pool.run('claimLogPage', [filters, page])
  return withClient(db, (client) => {
    const choice = choose(client, filters)
    const statement = prepared(client, choiceSql(choice, { cursor: page.cursor !== null, limit: true }), true)
    const cursor = page.cursor ? { cursorAt: page.cursor[0], cursorId: page.cursor[1] } : {}
    return statement.all({ ...choice.params, ...cursor, limit: page.limit }) as ClaimLogRawRow[]
  })
}

/** The query plan of the claim log's statement for these filters, for checking index use. */
export function claimLogPlan(db: Db, filters: ClaimLogSqlFilters, withCursor = false): Promise<string[]> {
  if (!isSqlite(db)) return pgClaimLogPlan(db, filters, withCursor)
  return withClient(db, (client) => {
    const choice = choose(client, filters)
    const sql = choiceSql(choice, { cursor: withCursor, limit: true })
    const cursor = withCursor ? { cursorAt: '9999', cursorId: '' } : {}
    return (
      client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...choice.params, ...cursor, limit: 50 }) as Array<{
        detail: string
      }>
    ).map((r) => r.detail)
  })
}

/**
 * Every row of the claim log under these filters, streamed from the database a batch at a time;
 * close() when done (or given up): it ends the read and frees its connection.
 */
export interface ClaimLogCursor {
  /** Up to `max` more rows in the log's order; none once every row was read. */
  read(max: number): Promise<ClaimLogRawRow[]>
  close(): Promise<void>
}

/**
 * Iterates the whole claim log on a connection of its own, so the export never holds up the server's
 * other requests: on SQLite a read-only connection to the file (a better-sqlite3 iterator keeps its
 * connection busy); on PostgreSQL a cursor in a read-only repeatable-read transaction.
 */
export async function iterateClaimLog(db: Db, filters: ClaimLogSqlFilters): Promise<ClaimLogCursor> {
  if (!isSqlite(db)) return iterateClaimLogPg(db, filters)
  const main = sqliteClient(db)
  const reader = main.memory ? null : new Database(main.name, { readonly: true, fileMustExist: true })
  const client = reader ?? main
  try {
    reader?.pragma('busy_timeout = 5000')
    const choice = reader
      ? choose(reader, filters, false)
      : await withClient(db, (inTurn) => choose(inTurn, filters, false))
    const statement = client.prepare(choiceSql(choice, { cursor: false, limit: false })).raw(true)
    const rows = statement.iterate(choice.params) as IterableIterator<ClaimLogRawRow>
    let closed = false
    const close = () => {
      if (closed) return
      closed = true
      rows.return?.()
      reader?.close()
    }
    return {
      read: async (max) => {
        // better-sqlite3 steps synchronously: without a turn of the event loop between batches, a reader
        // that keeps up (a local client) would hold every other request until the last row.
        await setImmediate()
        const batch: ClaimLogRawRow[] = []
        if (closed) return batch
        while (batch.length < max) {
          const next = rows.next()
          if (next.done) break
          batch.push(next.value)
        }
        return batch
      },
      close: async () => close(),
    }
  } catch (error) {
    reader?.close()
    throw error
  }
}

const SEARCH_SQL = `SELECT r.kind AS kind, r.ref_id AS refId, r.dispute_id AS disputeId, r.claim_id AS claimId,
  search_index.title AS title,
  CASE r.kind WHEN 'claimant' THEN coalesce((SELECT group_concat(a.value, ', ') FROM json_each(search_index.body) a), '')
    ELSE search_index.body END AS body,
  bm25(search_index, 2.0, 1.0) AS score
FROM search_index
JOIN search_refs r ON r.id = search_index.rowid
WHERE search_index MATCH @fts
  AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.id = r.dispute_id AND d.archived_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = r.claim_id AND c.archived_at IS NOT NULL)
  AND search_index.rowid >= (
    SELECT coalesce(min(rowid), 0) FROM (
      SELECT rowid FROM search_index WHERE search_index MATCH @fts ORDER BY rowid DESC LIMIT @candidates))
ORDER BY score
LIMIT @limit`

/**
 * Full-text hits, best first, ranked by bm25 on SQLite and ts_rank_cd on PostgreSQL (titles weigh
 * double; on both the score is lower the better, ranks themselves differ between the engines), each with
 * its record's texts as indexed, which packages/domain makes the snippet from (searchSnippet). `fts` is
 * the engine's query (packages/domain's fullTextQuery). Ranking is bounded: only the newest
 * `candidates` matches are ranked, so a word found in half the rows costs no more than a rare one.
 * Records of an archived dispute, and the verdict of an archived claim, are left out when the query
 * runs (two primary-key lookups per candidate), so restoring the dispute brings them straight back
 * and the index itself never has to be rewritten for a whole dispute. On a SQLite file with a read pool
 * it runs on a read worker.
 */
export function searchIndex(
  db: Db,
  fts: string,
  options: { limit: number; candidates?: number },
): Promise<SearchRawHit[]> {
  if (!isSqlite(db)) return pgSearchIndex(db, fts, options)
  const pool = sqliteReadPool(db)
  if (pool) return pool.run('searchIndex', [fts, options])
  return withClient(db, (client) =>
    (
      prepared(client, SEARCH_SQL, false).all({
        fts,
        limit: options.limit,
        candidates: options.candidates ?? SEARCH_CANDIDATES,
      }) as Array<Omit<SearchRawHit, 'kind'> & { kind: string }>
    ).map((r) => ({ ...r, kind: r.kind as SearchKind })),
  )
}

/** The records a bulk load inserted, which the search index is then filled with. */
export interface SearchBulkRecords {
  claimants: readonly string[]
  claims: readonly string[]
  verdicts: readonly string[]
  /** Other desks' fact-checks (the bench loads many at once). */
  factChecks?: readonly string[]
}

/**
 * Where each indexed table's rows stood when a bulk load began (the largest rowid of each): the load's
 * records are the rows after it, since the load's transaction holds the only write lock. Indexing by
 * the marks holds no ids, whatever the size of the load. Nothing on PostgreSQL (its search is generated).
 */
export interface SearchBulkMarks {
  since: Record<'claimants' | 'claims' | 'verdicts' | 'factChecks', number>
}

const BULK_TABLES = {
  claimants: 'claimants',
  claims: 'claims',
  verdicts: 'verdicts',
  factChecks: 'fact_checks',
} as const

// The same refs as BULK_REFS, of the rows after a mark, in rowid order.
const BULK_REFS_SINCE = {
  claimants: `INSERT INTO search_refs (kind, ref_id)
    SELECT 'claimant', x.id FROM claimants x WHERE x.rowid > ? AND x.archived_at IS NULL ORDER BY x.rowid`,
  claims: `INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'claim', x.id, x.id, x.dispute_id FROM claims x WHERE x.rowid > ? AND x.archived_at IS NULL
    ORDER BY x.rowid`,
  verdicts: `INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'verdict', x.id, x.claim_id, c.dispute_id FROM verdicts x JOIN claims c ON c.id = x.claim_id
    WHERE x.rowid > ? ORDER BY x.rowid`,
  factChecks: `INSERT INTO search_refs (kind, ref_id)
    SELECT 'fact_check', x.id FROM fact_checks x WHERE x.rowid > ? ORDER BY x.rowid`,
} as const

// Per kind: the refs of exactly the given ids, then their index rows in rowid order (migration 0003's
// backfill, limited to the refs just added). FTS5 flushes its pending terms at every statement and
// whenever a rowid goes backwards, so one ascending INSERT … SELECT per kind is its cheapest load.
const BULK_REFS = {
  claimants: `INSERT INTO search_refs (kind, ref_id)
    SELECT 'claimant', x.id FROM json_each(?) j JOIN claimants x ON x.id = j.value WHERE x.archived_at IS NULL`,
  claims: `INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'claim', x.id, x.id, x.dispute_id FROM json_each(?) j JOIN claims x ON x.id = j.value
    WHERE x.archived_at IS NULL`,
  verdicts: `INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'verdict', x.id, x.claim_id, c.dispute_id FROM json_each(?) j JOIN verdicts x ON x.id = j.value
    JOIN claims c ON c.id = x.claim_id`,
  factChecks: `INSERT INTO search_refs (kind, ref_id)
    SELECT 'fact_check', x.id FROM json_each(?) j JOIN fact_checks x ON x.id = j.value`,
} as const
const BULK_INDEX = {
  claimants: `INSERT INTO search_index (rowid, title, body)
    SELECT r.id, x.name, x.aliases FROM search_refs r JOIN claimants x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'claimant' ORDER BY r.id`,
  claims: `INSERT INTO search_index (rowid, title, body)
    SELECT r.id, '', x.text FROM search_refs r JOIN claims x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'claim' ORDER BY r.id`,
  verdicts: `INSERT INTO search_index (rowid, title, body)
    SELECT r.id, x.summary, x.rationale FROM search_refs r JOIN verdicts x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'verdict' ORDER BY r.id`,
  factChecks: `INSERT INTO search_index (rowid, title, body)
    SELECT r.id, x.publisher_name, x.claim_reviewed FROM search_refs r JOIN fact_checks x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'fact_check' ORDER BY r.id`,
} as const
// Claims and fact-checks also go into the trigram index matching reads (drizzle/0007).
const BULK_MATCH = {
  claims: `INSERT INTO match_index (rowid, text)
    SELECT r.id, x.text FROM search_refs r JOIN claims x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'claim' ORDER BY r.id`,
  factChecks: `INSERT INTO match_index (rowid, text)
    SELECT r.id, x.claim_reviewed FROM search_refs r JOIN fact_checks x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'fact_check' ORDER BY r.id`,
} as const

function requireTransaction(client: Database.Database): void {
  if (!client.inTransaction) throw new Error('a search bulk load runs inside the transaction that writes')
}

/**
 * Turns the search index's insert triggers off for the rest of the current transaction (migration 0004):
 * the caller inserts its records, then calls endSearchBulkLoad with their ids before committing. The flag
 * lives in the transaction, so a rollback clears it and no other connection ever sees it.
 */
export async function beginSearchBulkLoad(db: Db): Promise<SearchBulkMarks> {
  const since = { claimants: 0, claims: 0, verdicts: 0, factChecks: 0 }
  // PostgreSQL's generated tsvector columns keep search current as rows are inserted: nothing to set aside.
  if (!isSqlite(db)) return { since }
  return withClient(db, (client) => {
    requireTransaction(client)
    prepared(client, 'INSERT INTO search_bulk (`on`) VALUES (1)', false).run()
    for (const kind of Object.keys(since) as Array<keyof typeof since>)
      since[kind] = Number(
        prepared(client, `SELECT coalesce(max(rowid), 0) FROM ${BULK_TABLES[kind]}`, false).pluck().get(),
      )
    return { since }
  })
}

/**
 * Indexes the records a bulk load inserted and turns the triggers back on: exactly the given ids, or
 * every row after the marks beginSearchBulkLoad returned (in one transaction with it).
 */
export async function endSearchBulkLoad(db: Db, records: SearchBulkRecords | SearchBulkMarks): Promise<void> {
  if (!isSqlite(db)) return
  return withClient(db, (client) => endBulkLoad(client, records))
}

function endBulkLoad(client: Database.Database, records: SearchBulkRecords | SearchBulkMarks): void {
  requireTransaction(client)
  const last = prepared(client, 'SELECT coalesce(max(id), 0) FROM search_refs', false).pluck()
  for (const kind of ['claimants', 'claims', 'verdicts', 'factChecks'] as const) {
    const mark = last.get() as number
    if ('since' in records) prepared(client, BULK_REFS_SINCE[kind], false).run(records.since[kind])
    else {
      const ids = records[kind] ?? []
      if (ids.length === 0) continue
      prepared(client, BULK_REFS[kind], false).run(JSON.stringify(ids))
    }
    if ((last.get() as number) === mark) continue
    prepared(client, BULK_INDEX[kind], false).run(mark)
    if (kind === 'claims' || kind === 'factChecks') prepared(client, BULK_MATCH[kind], false).run(mark)
  }
  prepared(client, 'DELETE FROM search_bulk', false).run()
}
