// The claim log's and search's hot read paths as prepared SQL (docs/decisions/0003-claim-log-hot-paths.md):
// one statement per combination of filters, prepared once per connection, read as raw arrays.
import {
  type ClaimLogFilters,
  type ClaimLogRawRow,
  RATING_SCALE,
  type SearchKind,
  type SearchRawHit,
} from '@counterclaim/shared'
import Database from 'better-sqlite3'
import type { Db } from './client.ts'

type Statement = Database.Statement

/** The filters with the full-text one already turned into an FTS5 query. */
export type ClaimLogSqlFilters = Omit<ClaimLogFilters, 'q'> & { fts?: string | null }

const LABEL_CASE = `CASE c.verdict_rating ${RATING_SCALE.map(
  (r) => `WHEN '${r.rating}' THEN '${r.label.replace(/'/g, "''")}'`,
).join(' ')} END`

// Columns in the CSV's order (packages/domain CLAIM_LOG_COLUMNS); ClaimLogRawRow types them.
const SELECT = `SELECT c.id, c.dispute_id, d.title, p.name, p.kind, c.text, c.stated_on, c.appearance_url,
  c.archive_url, c.quantity_value, c.quantity_unit, c.quantity_qualifier, c.verdict_rating, ${LABEL_CASE},
  v.summary, c.verdict_status, v.published_at, c.supporting_count, c.contradicting_count, c.context_count,
  d.tags, c.activity_at
FROM claims c
CROSS JOIN disputes d ON d.id = c.dispute_id
CROSS JOIN claimants p ON p.id = c.claimant_id
LEFT JOIN verdicts v ON v.claim_id = c.id`

// Claims whose text or verdict matches, and the claims of claimants whose name matches.
const FTS_CLAIMS = `c.id IN (
  SELECT r.claim_id FROM search_refs r
  WHERE r.claim_id IS NOT NULL AND r.id IN (SELECT rowid FROM search_index WHERE search_index MATCH @fts)
  UNION
  SELECT x.id FROM claims x WHERE x.claimant_id IN (
    SELECT r.ref_id FROM search_refs r
    WHERE r.kind = 'claimant' AND r.id IN (SELECT rowid FROM search_index WHERE search_index MATCH @fts)))`

type FilterKey = 'disputeId' | 'claimantId' | 'rating' | 'status' | 'from' | 'to' | 'tag' | 'tagScan' | 'fts'
const FILTERS: Array<[FilterKey, string]> = [
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
  ['fts', FTS_CLAIMS],
]

/** The claim log's SQL for a set of filters; `page` adds the keyset cursor and the limit. */
export function claimLogSql(
  active: ReadonlySet<FilterKey>,
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

function activeFilters(
  db: Db,
  filters: ClaimLogSqlFilters,
): { keys: Set<FilterKey>; params: Record<string, string> } {
  const keys = new Set<FilterKey>()
  const params: Record<string, string> = {}
  for (const [key] of FILTERS) {
    if (key === 'tagScan') continue
    const value = key === 'fts' ? filters.fts : filters[key]
    if (value === undefined || value === null || value === '') continue
    if (key === 'tag') {
      params.tag = value.toLowerCase()
      const { n } = prepared(db.$client, TAG_DISPUTES_SQL, false).get({
        tag: params.tag,
        cap: TAG_SCAN_FROM,
      }) as {
        n: number
      }
      keys.add(n >= TAG_SCAN_FROM ? 'tagScan' : 'tag')
    } else {
      keys.add(key)
      params[key] = value
    }
  }
  return { keys, params }
}

const TAG_DISPUTES_SQL = 'SELECT count(*) AS n FROM (SELECT 1 FROM dispute_tags WHERE tag = @tag LIMIT @cap)'

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
): ClaimLogRawRow[] {
  const { keys, params } = activeFilters(db, filters)
  const sql = claimLogSql(keys, { cursor: page.cursor !== null, limit: true })
  const statement = prepared(db.$client, sql, true)
  const cursor = page.cursor ? { cursorAt: page.cursor[0], cursorId: page.cursor[1] } : {}
  return statement.all({ ...params, ...cursor, limit: page.limit }) as ClaimLogRawRow[]
}

/** The query plan of the claim log's statement for these filters, for checking index use. */
export function claimLogPlan(db: Db, filters: ClaimLogSqlFilters, withCursor = false): string[] {
  const { keys, params } = activeFilters(db, filters)
  const sql = claimLogSql(keys, { cursor: withCursor, limit: true })
  const cursor = withCursor ? { cursorAt: '9999', cursorId: '' } : {}
  return (
    db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, ...cursor, limit: 50 }) as Array<{
      detail: string
    }>
  ).map((r) => r.detail)
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
export function iterateClaimLog(db: Db, filters: ClaimLogSqlFilters): ClaimLogCursor {
  const main = db.$client
  const reader = main.memory ? null : new Database(main.name, { readonly: true, fileMustExist: true })
  const client = reader ?? main
  try {
    reader?.pragma('busy_timeout = 5000')
    const { keys, params } = activeFilters(db, filters)
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
  AND search_index.rowid >= (
    SELECT coalesce(min(rowid), 0) FROM (
      SELECT rowid FROM search_index WHERE search_index MATCH @fts ORDER BY rowid DESC LIMIT @candidates))
ORDER BY score
LIMIT @limit`

/**
 * Full-text hits ranked by bm25 (titles weigh double). Ranking is bounded: only the newest
 * `candidates` matches are ranked, so a word found in half the rows costs no more than a rare one.
 */
export function searchIndex(
  db: Db,
  fts: string,
  options: { limit: number; candidates?: number },
): SearchRawHit[] {
  const statement = prepared(db.$client, SEARCH_SQL, false)
  return (
    statement.all({ fts, limit: options.limit, candidates: options.candidates ?? 1000 }) as Array<
      Omit<SearchRawHit, 'kind'> & { kind: string }
    >
  ).map((r) => ({ ...r, kind: r.kind as SearchKind }))
}
