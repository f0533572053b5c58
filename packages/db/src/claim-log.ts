// The claim log's and search's hot read paths as prepared SQL (docs/decisions/0003-claim-log-hot-paths.md):
// one statement per combination of filters, prepared once per connection, read as raw arrays.
import {
  CLAIM_LOG_COLUMNS,
  type ClaimLogField,
  type ClaimLogFilters,
  type ClaimLogRawRow,
  RATING_SCALE,
  type SearchKind,
  type SearchRawHit,
} from '@counterclaim/shared'
import Database from 'better-sqlite3'
import { type Db, sqliteClient } from './client.ts'
import { withClient } from './sqlite.ts'

type Statement = Database.Statement

/** The filters with the full-text one already turned into an FTS5 query. */
export type ClaimLogSqlFilters = Omit<ClaimLogFilters, 'q'> & { fts?: string | null }

const LABEL_CASE = `CASE c.verdict_rating ${RATING_SCALE.map(
  (r) => `WHEN '${r.rating}' THEN '${r.label.replace(/'/g, "''")}'`,
).join(' ')} END`

// Each claim-log column's SQL expression; the select list takes them in CLAIM_LOG_COLUMNS' order, which
// is the raw row's (ClaimLogRawRow) and the CSV's.
const COLUMN_SQL: Record<ClaimLogField, string> = {
  claimId: 'c.id',
  disputeId: 'c.dispute_id',
  disputeTitle: 'd.title',
  claimant: 'p.name',
  claimantKind: 'p.kind',
  claimText: 'c.text',
  statedOn: 'c.stated_on',
  appearanceUrl: 'c.appearance_url',
  archiveUrl: 'c.archive_url',
  quantityValue: 'c.quantity_value',
  quantityUnit: 'c.quantity_unit',
  quantityQualifier: 'c.quantity_qualifier',
  rating: 'c.verdict_rating',
  ratingLabel: LABEL_CASE,
  verdictSummary: 'v.summary',
  verdictStatus: 'c.verdict_status',
  publishedAt: 'v.published_at',
  supportingEvidence: 'c.supporting_count',
  contradictingEvidence: 'c.contradicting_count',
  contextEvidence: 'c.context_count',
  tags: 'd.tags',
  updatedAt: 'c.activity_at',
}

const SELECT = `SELECT ${CLAIM_LOG_COLUMNS.map((c) => COLUMN_SQL[c.field]).join(', ')}
FROM claims c
CROSS JOIN disputes d ON d.id = c.dispute_id
CROSS JOIN claimants p ON p.id = c.claimant_id
LEFT JOIN verdicts v ON v.claim_id = c.id`

// Claims whose text or verdict matches, and the claims of claimants whose name matches. Three plans,
// picked by how many index records match (FTS_SORT_BELOW, FTS_CHECK_FROM): few, collect the matching
// claims and sort them; more, walk the log's order and look each row up in the collected set (the
// unary + keeps the planner off the primary key); very many, walk the log's order and ask the index
// about each row (its claim, its verdict, its claimant), so nothing is collected at all.
const FTS_IDS = `(
  SELECT r.claim_id FROM search_refs r
  WHERE r.claim_id IS NOT NULL AND r.id IN (SELECT rowid FROM search_index WHERE search_index MATCH @fts)
  UNION
  SELECT x.id FROM claims x WHERE x.claimant_id IN (
    SELECT r.ref_id FROM search_refs r
    WHERE r.kind = 'claimant' AND r.id IN (SELECT rowid FROM search_index WHERE search_index MATCH @fts)))`
// The ref is looked up first: FTS5 reads a NULL rowid constraint as none, so `rowid = (no verdict)`
// would match every row.
const ftsHit = (kind: string, refId: string) =>
  `EXISTS (SELECT 1 FROM search_refs r CROSS JOIN search_index
    WHERE r.kind = '${kind}' AND r.ref_id = ${refId} AND search_index.rowid = r.id AND search_index MATCH @fts)`
const FTS_CHECK = `(${ftsHit('claim', 'c.id')}
    OR ${ftsHit('verdict', 'v.id')}
    OR ${ftsHit('claimant', 'c.claimant_id')})`

/** A filter's clause in the claim log's SQL; `tag` and `fts` each have variants their counts choose between. */
export type ClaimLogFilterKey =
  | 'disputeId'
  | 'claimantId'
  | 'rating'
  | 'status'
  | 'from'
  | 'to'
  | 'tag'
  | 'tagScan'
  | 'fts'
  | 'ftsScan'
  | 'ftsCheck'
const FILTERS: Array<[ClaimLogFilterKey, string]> = [
  ['disputeId', 'c.dispute_id = @disputeId'],
  ['claimantId', 'c.claimant_id = @claimantId'],
  ['rating', 'c.verdict_rating = @rating'],
  ['status', 'c.verdict_status = @status'],
  ['from', 'c.stated_on >= @from'],
  ['to', 'c.stated_on <= @to'],
  // A tag on few disputes: read those disputes' claims by index and sort them. A tag on many: walk
  // the log's order and keep the tagged rows (the unary + keeps the planner off the dispute index).
  ['tag', 'c.dispute_id IN (SELECT dispute_id FROM dispute_tags WHERE tag = @tag)'],
  ['tagScan', '+c.dispute_id IN (SELECT dispute_id FROM dispute_tags WHERE tag = @tag)'],
  ['fts', `c.id IN ${FTS_IDS}`],
  ['ftsScan', `+c.id IN ${FTS_IDS}`],
  ['ftsCheck', FTS_CHECK],
]

/** The claim log's SQL for a set of filters; `page` adds the keyset cursor and the limit. */
export function claimLogSql(
  active: ReadonlySet<ClaimLogFilterKey>,
  page: { cursor: boolean; limit: boolean },
): string {
  const where = ['c.archived_at IS NULL', 'd.archived_at IS NULL']
  for (const [key, clause] of FILTERS) if (active.has(key)) where.push(clause)
  if (page.cursor) where.push('(c.activity_at, c.id) < (@cursorAt, @cursorId)')
  return `${SELECT}
WHERE ${where.join('\n  AND ')}
ORDER BY c.activity_at DESC, c.id DESC${page.limit ? '\nLIMIT @limit' : ''}`
}

/** From how many disputes on a tag the log walks its order instead of sorting the tagged claims. */
export const TAG_SCAN_FROM = 100

/**
 * From how many matching index records `q` walks the log's order against the collected matches, and
 * from how many it asks the index row by row instead (measured at 1,000,000 claims, decision 0003).
 */
export const FTS_SCAN_FROM = 1000
export const FTS_CHECK_FROM = 50_000

/** Which statement answers a set of filters: the clause of each filter and the statement's parameters. */
export interface ClaimLogChoice {
  keys: ReadonlySet<ClaimLogFilterKey>
  params: Readonly<Record<string, string>>
}

/**
 * The claim log's query-plan choice: the clause of each active filter, the tag's and the text's picked
 * by counting their matches (TAG_SCAN_FROM, FTS_SCAN_FROM, FTS_CHECK_FROM). The page, the export and
 * the bench all take their statement from here.
 */
export function chooseClaimLogStatement(db: Db, filters: ClaimLogSqlFilters): Promise<ClaimLogChoice> {
  return withClient(db, (client) => choose(client, filters))
}

function choose(client: Database.Database, filters: ClaimLogSqlFilters): ClaimLogChoice {
  const keys = new Set<ClaimLogFilterKey>()
  const params: Record<string, string> = {}
  for (const [key] of FILTERS) {
    if (key === 'tagScan' || key === 'ftsScan' || key === 'ftsCheck') continue
    const value = key === 'fts' ? filters.fts : filters[key]
    if (value === undefined || value === null || value === '') continue
    if (key === 'tag') {
      params.tag = value.toLowerCase()
      const { n } = prepared(client, TAG_DISPUTES_SQL, false).get({
        tag: params.tag,
        cap: TAG_SCAN_FROM,
      }) as {
        n: number
      }
      keys.add(n >= TAG_SCAN_FROM ? 'tagScan' : 'tag')
    } else if (key === 'fts') {
      params.fts = value
      const { n } = prepared(client, FTS_MATCHES_SQL, false).get({ fts: value, cap: FTS_CHECK_FROM }) as {
        n: number
      }
      keys.add(n >= FTS_CHECK_FROM ? 'ftsCheck' : n >= FTS_SCAN_FROM ? 'ftsScan' : 'fts')
    } else {
      keys.add(key)
      params[key] = value
    }
  }
  return { keys, params }
}

const TAG_DISPUTES_SQL = 'SELECT count(*) AS n FROM (SELECT 1 FROM dispute_tags WHERE tag = @tag LIMIT @cap)'
const FTS_MATCHES_SQL =
  'SELECT count(*) AS n FROM (SELECT 1 FROM search_index WHERE search_index MATCH @fts LIMIT @cap)'

// The variants of the filters whose statement depends on their counts.
const VARIANTS: ReadonlyArray<readonly ClaimLogFilterKey[]> = [
  ['tag', 'tagScan'],
  ['fts', 'ftsScan', 'ftsCheck'],
]

/**
 * The statements the choice passed over: the same filters with each counted filter's other variants,
 * one at a time (for the bench, which times the choice against them).
 */
export function claimLogAlternatives(choice: ClaimLogChoice): ClaimLogChoice[] {
  const alternatives: ClaimLogChoice[] = []
  for (const variants of VARIANTS) {
    const picked = variants.find((key) => choice.keys.has(key))
    if (!picked) continue
    for (const other of variants) {
      if (other === picked) continue
      const keys = new Set(choice.keys)
      keys.delete(picked)
      keys.add(other)
      alternatives.push({ keys, params: choice.params })
    }
  }
  return alternatives
}

const statements = new WeakMap<Database.Database, Map<string, Statement>>()

/** Prepares a statement once per connection and keeps it. */
function prepared(client: Database.Database, sql: string, raw: boolean): Statement {
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

/** One page of the claim log, newest activity first, after the (activity_at, id) cursor when given. */
export function claimLogPage(
  db: Db,
  filters: ClaimLogSqlFilters,
  page: { limit: number; cursor: [string, string] | null },
): Promise<ClaimLogRawRow[]> {
  return withClient(db, (client) => {
    const { keys, params } = choose(client, filters)
    const sql = claimLogSql(keys, { cursor: page.cursor !== null, limit: true })
    const statement = prepared(client, sql, true)
    const cursor = page.cursor ? { cursorAt: page.cursor[0], cursorId: page.cursor[1] } : {}
    return statement.all({ ...params, ...cursor, limit: page.limit }) as ClaimLogRawRow[]
  })
}

/** The query plan of the claim log's statement for these filters, for checking index use. */
export function claimLogPlan(db: Db, filters: ClaimLogSqlFilters, withCursor = false): Promise<string[]> {
  return withClient(db, (client) => {
    const { keys, params } = choose(client, filters)
    const sql = claimLogSql(keys, { cursor: withCursor, limit: true })
    const cursor = withCursor ? { cursorAt: '9999', cursorId: '' } : {}
    return (
      client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, ...cursor, limit: 50 }) as Array<{
        detail: string
      }>
    ).map((r) => r.detail)
  })
}

/** Every row of the claim log under these filters, streamed from the database; close() when done. */
export interface ClaimLogCursor {
  rows: IterableIterator<ClaimLogRawRow>
  close: () => void
}

/**
 * Iterates the whole claim log on a connection of its own: a better-sqlite3 iterator keeps its
 * connection busy, and the export must not stop the server's other requests while it streams.
 */
export async function iterateClaimLog(db: Db, filters: ClaimLogSqlFilters): Promise<ClaimLogCursor> {
  const main = sqliteClient(db)
  const reader = main.memory ? null : new Database(main.name, { readonly: true, fileMustExist: true })
  const client = reader ?? main
  try {
    reader?.pragma('busy_timeout = 5000')
    const { keys, params } = reader ? choose(reader, filters) : await chooseClaimLogStatement(db, filters)
    const statement = client.prepare(claimLogSql(keys, { cursor: false, limit: false })).raw(true)
    const rows = statement.iterate(params) as IterableIterator<ClaimLogRawRow>
    let closed = false
    return {
      rows,
      close: () => {
        if (closed) return
        closed = true
        rows.return?.()
        reader?.close()
      },
    }
  } catch (error) {
    reader?.close()
    throw error
  }
}

const SEARCH_SQL = `SELECT r.kind AS kind, r.ref_id AS refId, r.dispute_id AS disputeId, r.claim_id AS claimId,
  CASE r.kind WHEN 'claim' THEN substr(search_index.body, 1, 200) ELSE search_index.title END AS title,
  snippet(search_index, -1, char(57344), char(57345), '…', 16) AS snippet,
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
 * Full-text hits ranked by bm25 (titles weigh double). Ranking is bounded: only the newest
 * `candidates` matches are ranked, so a word found in half the rows costs no more than a rare one.
 * Records of an archived dispute, and the verdict of an archived claim, are left out when the query
 * runs (two primary-key lookups per candidate), so restoring the dispute brings them straight back
 * and the index itself never has to be rewritten for a whole dispute.
 */
export function searchIndex(
  db: Db,
  fts: string,
  options: { limit: number; candidates?: number },
): Promise<SearchRawHit[]> {
  return withClient(db, (client) =>
    (
      prepared(client, SEARCH_SQL, false).all({
        fts,
        limit: options.limit,
        candidates: options.candidates ?? 1000,
      }) as Array<Omit<SearchRawHit, 'kind'> & { kind: string }>
    ).map((r) => ({ ...r, kind: r.kind as SearchKind })),
  )
}

/** The records a bulk load inserted, which the search index is then filled with. */
export interface SearchBulkRecords {
  claimants: readonly string[]
  claims: readonly string[]
  verdicts: readonly string[]
}

// Per kind: the refs of exactly the given ids, then their index rows in rowid order (migration 0003's
// backfill, limited to the refs just added). FTS5 flushes its pending terms at every statement and
// whenever a rowid goes backwards, so one ascending INSERT … SELECT per kind is its cheapest load.
const BULK_REFS = {
  claimants: `INSERT INTO search_refs (kind, ref_id) SELECT 'claimant', j.value FROM json_each(?) j`,
  claims: `INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'claim', x.id, x.id, x.dispute_id FROM json_each(?) j JOIN claims x ON x.id = j.value
    WHERE x.archived_at IS NULL`,
  verdicts: `INSERT INTO search_refs (kind, ref_id, claim_id, dispute_id)
    SELECT 'verdict', x.id, x.claim_id, c.dispute_id FROM json_each(?) j JOIN verdicts x ON x.id = j.value
    JOIN claims c ON c.id = x.claim_id`,
} as const
const BULK_INDEX = {
  claimants: `INSERT INTO search_index (rowid, title, body)
    SELECT r.id, x.name, '' FROM search_refs r JOIN claimants x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'claimant' ORDER BY r.id`,
  claims: `INSERT INTO search_index (rowid, title, body)
    SELECT r.id, '', x.text FROM search_refs r JOIN claims x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'claim' ORDER BY r.id`,
  verdicts: `INSERT INTO search_index (rowid, title, body)
    SELECT r.id, x.summary, x.rationale FROM search_refs r JOIN verdicts x ON x.id = r.ref_id
    WHERE r.id > ? AND r.kind = 'verdict' ORDER BY r.id`,
} as const

function requireTransaction(client: Database.Database): void {
  if (!client.inTransaction) throw new Error('a search bulk load runs inside the transaction that writes')
}

/**
 * Turns the search index's insert triggers off for the rest of the current transaction (migration 0004):
 * the caller inserts its records, then calls endSearchBulkLoad with their ids before committing. The flag
 * lives in the transaction, so a rollback clears it and no other connection ever sees it.
 */
export function beginSearchBulkLoad(db: Db): Promise<void> {
  return withClient(db, (client) => {
    requireTransaction(client)
    prepared(client, 'INSERT INTO search_bulk (`on`) VALUES (1)', false).run()
  })
}

/** Indexes exactly the records a bulk load inserted and turns the triggers back on. */
export function endSearchBulkLoad(db: Db, records: SearchBulkRecords): Promise<void> {
  return withClient(db, (client) => endBulkLoad(client, records))
}

function endBulkLoad(client: Database.Database, records: SearchBulkRecords): void {
  requireTransaction(client)
  const last = prepared(client, 'SELECT coalesce(max(id), 0) FROM search_refs', false).pluck()
  for (const kind of ['claimants', 'claims', 'verdicts'] as const) {
    const ids = records[kind]
    if (ids.length === 0) continue
    const mark = last.get() as number
    prepared(client, BULK_REFS[kind], false).run(JSON.stringify(ids))
    prepared(client, BULK_INDEX[kind], false).run(mark)
  }
  prepared(client, 'DELETE FROM search_bulk', false).run()
}
