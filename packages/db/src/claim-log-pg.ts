// The claim log's and search's hot read paths on PostgreSQL (docs/decisions/0003-claim-log-hot-paths.md,
// "On PostgreSQL"): the statements claim-log-sql.ts builds, their named parameters numbered, read as raw
// arrays like SQLite's; the export from a cursor on a connection of its own; search over the tsvector
// columns of migration drizzle-pg/0002_search.
import type { ClaimLogRawRow, SearchKind, SearchRawHit } from '@counterclaim/shared'
import type pg from 'pg'
import Cursor from 'pg-cursor'
import type { ClaimLogCursor } from './claim-log.ts'
import {
  type ClaimLogChoice,
  type ClaimLogSqlFilters,
  choiceSql,
  claimLogChoice,
  countedFilters,
  SEARCH_CANDIDATES,
  STATED_SPAN_SQL,
  type StatedSpan,
  TAG_SCAN_FROM,
} from './claim-log-sql.ts'
import type { Db } from './client.ts'
import { pgPool, pgQueryable } from './postgres.ts'

type Queryable = pg.Pool | pg.PoolClient

/**
 * A statement written with named parameters (`@name`, as SQLite takes them) as PostgreSQL takes it:
 * `$1`, `$2`… in order of first use, and their values. `@@` (the text-match operator) is no parameter.
 */
export function numbered(sql: string, params: Readonly<Record<string, unknown>>) {
  const names: string[] = []
  const text = sql.replace(/(?<![@\w])@([A-Za-z]\w*)/g, (_, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`no value for the parameter @${name}`)
    let at = names.indexOf(name)
    if (at < 0) at = names.push(name) - 1
    return `$${at + 1}`
  })
  return { text, values: names.map((name) => params[name]) }
}

const TAG_DISPUTES_SQL = 'SELECT count(*) AS n FROM (SELECT 1 FROM dispute_tags WHERE tag = $1 LIMIT $2) x'

/**
 * From how many matching records the text filter checks each row of the log's order instead of
 * collecting the matches: checking walks about PAGE × claims / matches rows, collecting costs about
 * one step a match, so they cost the same near √(PAGE × claims) matches (measured at 5,000 claims: a
 * word on 37 claims 1.2 ms collected, 15.9 ms checked; on 1,487, 12.2 ms against 1.0 ms). The number
 * of claims is the planner's estimate; never below FTS_CHECK_AT_LEAST.
 */
const PAGE = 50
const FTS_CHECK_AT_LEAST = 100
// The records whose match puts a claim in the log (claims, verdicts, claimants; SQLite counts its FTS5
// rows), counted up to where checking starts, and that point.
const FTS_MATCHES_SQL = `WITH threshold AS (
  SELECT greatest(${FTS_CHECK_AT_LEAST}, ceil(sqrt(${PAGE} * greatest(reltuples, 0))))::int AS at
  FROM pg_class WHERE oid = 'claims'::regclass)
SELECT (SELECT count(*) FROM (
    SELECT 1 FROM claims WHERE search_vector @@ to_tsquery('cc', $1)
    UNION ALL SELECT 1 FROM verdicts WHERE search_vector @@ to_tsquery('cc', $1)
    UNION ALL SELECT 1 FROM claimants WHERE search_vector @@ to_tsquery('cc', $1)
    LIMIT (SELECT at FROM threshold)) x) AS n,
  (SELECT at FROM threshold) AS at`

/**
 * The statement for these filters. `walk` false (the export, which reads every row) never checks row
 * by row nor splits a date range into month walks: collecting the matches is cheaper whenever the
 * whole log is read.
 */
async function choose(client: Queryable, filters: ClaimLogSqlFilters, walk = true): Promise<ClaimLogChoice> {
  const { tag, fts } = countedFilters(filters)
  const tagCount = tag
    ? ((await client.query<{ n: number }>(TAG_DISPUTES_SQL, [tag, TAG_SCAN_FROM])).rows[0]?.n ?? 0)
    : 0
  const stated =
    walk && (filters.from || filters.to)
      ? (await client.query<StatedSpan>(STATED_SPAN_SQL)).rows[0]
      : undefined
  if (!fts) return claimLogChoice(filters, { tag: tagCount, fts: 0, stated })
  const { n = 0, at = FTS_CHECK_AT_LEAST } =
    (await client.query<{ n: number; at: number }>(FTS_MATCHES_SQL, [fts])).rows[0] ?? {}
  return claimLogChoice(filters, { tag: tagCount, fts: n, stated }, walk ? at : Number.POSITIVE_INFINITY)
}

/** chooseClaimLogStatement on PostgreSQL. */
export function pgChoose(db: Db, filters: ClaimLogSqlFilters): Promise<ClaimLogChoice> {
  return choose(pgQueryable(db), filters)
}

function pageStatement(choice: ClaimLogChoice, page: { limit: number; cursor: [string, string] | null }) {
  const sql = choiceSql(choice, { cursor: page.cursor !== null, limit: true }, 'postgres')
  const cursor = page.cursor ? { cursorAt: page.cursor[0], cursorId: page.cursor[1] } : {}
  return numbered(sql, { ...choice.params, ...cursor, limit: page.limit })
}

/** claimLogPage on PostgreSQL: one page in the log's order, rows as arrays. */
export async function pgClaimLogPage(
  db: Db,
  filters: ClaimLogSqlFilters,
  page: { limit: number; cursor: [string, string] | null },
): Promise<ClaimLogRawRow[]> {
  const client = pgQueryable(db)
  const { text, values } = pageStatement(await choose(client, filters), page)
  return (await client.query<ClaimLogRawRow>({ text, values, rowMode: 'array' })).rows
}

/** claimLogPlan on PostgreSQL: the lines of EXPLAIN (without costs) for a first or a later page. */
export async function pgClaimLogPlan(
  db: Db,
  filters: ClaimLogSqlFilters,
  withCursor: boolean,
): Promise<string[]> {
  const client = pgQueryable(db)
  const { text, values } = pageStatement(await choose(client, filters), {
    limit: 50,
    cursor: withCursor ? ['9999', ''] : null,
  })
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${text}`, values)
  return rows.map((row) => row['QUERY PLAN'])
}

// Rows fetched from the cursor at a time: one round trip each, and all the export holds.
const FETCH_ROWS = 1000

/**
 * iterateClaimLog on PostgreSQL: a cursor on a connection taken from the pool for the export alone, in
 * a read-only repeatable-read transaction (every row from one snapshot, writers never blocked), read
 * FETCH_ROWS at a time, so memory stays flat at any size. close() ends the cursor and the transaction
 * and gives the connection back; a connection that failed is dropped instead.
 */
export async function iterateClaimLogPg(db: Db, filters: ClaimLogSqlFilters): Promise<ClaimLogCursor> {
  const client = await pgPool(db).connect()
  let cursor: Cursor<ClaimLogRawRow>
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const choice = await choose(client, filters, false)
    const { text, values } = numbered(
      choiceSql(choice, { cursor: false, limit: false }, 'postgres'),
      choice.params,
    )
    cursor = client.query(new Cursor<ClaimLogRawRow>(text, values, { rowMode: 'array' }))
  } catch (error) {
    client.release(true)
    throw error
  }
  let buffer: ClaimLogRawRow[] = []
  let ended = false
  let failed = false
  let closed = false
  // Reads run one after another, and close() waits for the one under way.
  let reading: Promise<unknown> = Promise.resolve()
  const read = async (max: number): Promise<ClaimLogRawRow[]> => {
    if (closed) return []
    if (buffer.length === 0 && !ended) {
      try {
        buffer = await cursor.read(Math.max(max, FETCH_ROWS))
      } catch (error) {
        failed = true
        throw error
      }
      if (buffer.length === 0) ended = true
    }
    return buffer.splice(0, max)
  }
  return {
    read(max) {
      const next = reading.then(() => read(max))
      reading = next.catch(() => undefined)
      return next
    },
    async close() {
      if (closed) return
      closed = true
      await reading
      buffer = []
      if (failed) {
        client.release(true)
        return
      }
      try {
        await cursor.close()
        await client.query('COMMIT')
        client.release()
      } catch {
        client.release(true)
      }
    },
  }
}

// ts_rank_cd's weights for D, C, B and A: titles (A) weigh double the body (B), as bm25's 2.0 and 1.0.
const RANK_WEIGHTS = "'{0.1, 0.2, 0.5, 1.0}'"
const notInArchivedDispute = (disputeId: string) =>
  `NOT EXISTS (SELECT 1 FROM disputes d WHERE d.id = ${disputeId} AND d.archived_at IS NOT NULL)`
// As on SQLite, the newest `candidates` matches are ranked (claims by the log's order, fact-checks by their
// review date, on its index, the others by their last change), then records of an archived dispute and the
// verdict of an archived claim are left out (archived claims and evidence have no tsvector), and only the `limit` best are looked up again for their
// texts, which packages/domain makes the snippet from. Each kind's match names to_tsquery itself, so the
// planner sees the words and estimates how many rows match: few, it reads them from the GIN index and sorts
// them; many, it walks the newest first and stops (a word on 7,500 of 60,000 claims: 35 ms planned blind
// through a CTE, 3 ms walked).
const MATCHES = "search_vector @@ to_tsquery('cc', @fts)"
const SEARCH_SQL = `WITH matches AS (
  (SELECT 'claim' AS kind, c.id AS ref_id, c.dispute_id, c.id AS claim_id, c.activity_at AS at,
    c.search_vector AS vector
  FROM claims c WHERE c.${MATCHES} ORDER BY c.activity_at DESC LIMIT @candidates)
  UNION ALL
  (SELECT 'claimant', p.id, NULL, NULL, p.updated_at, p.search_vector
  FROM claimants p WHERE p.${MATCHES} ORDER BY p.updated_at DESC LIMIT @candidates)
  UNION ALL
  (SELECT 'evidence', e.id, e.dispute_id, NULL, e.updated_at, e.search_vector
  FROM evidence e WHERE e.${MATCHES} ORDER BY e.updated_at DESC LIMIT @candidates)
  UNION ALL
  (SELECT 'verdict', v.id, NULL, v.claim_id, v.updated_at, v.search_vector
  FROM verdicts v WHERE v.${MATCHES} ORDER BY v.updated_at DESC LIMIT @candidates)
  UNION ALL
  (SELECT 'fact_check', f.id, NULL, NULL, coalesce(f.review_date, f.created_at), f.search_vector
  FROM fact_checks f WHERE f.${MATCHES} ORDER BY f.review_date DESC, f.id DESC LIMIT @candidates)),
query AS (SELECT to_tsquery('cc', @fts) AS q),
newest AS (SELECT * FROM matches ORDER BY at DESC LIMIT @candidates),
kept AS (
  SELECT n.kind, n.ref_id, coalesce(n.dispute_id, c.dispute_id) AS dispute_id, n.claim_id, n.vector
  FROM newest n LEFT JOIN claims c ON c.id = n.claim_id
  WHERE c.archived_at IS NULL AND ${notInArchivedDispute('coalesce(n.dispute_id, c.dispute_id)')}),
ranked AS (
  SELECT n.kind, n.ref_id, n.dispute_id, n.claim_id, ts_rank_cd(${RANK_WEIGHTS}, n.vector, query.q, 1) AS rank
  FROM kept n, query
  ORDER BY rank DESC, n.kind, n.ref_id
  LIMIT @limit)
SELECT r.kind, r.ref_id AS "refId", r.dispute_id AS "disputeId", r.claim_id AS "claimId", t.title, t.body,
  -(r.rank::float8) AS score
FROM ranked r
CROSS JOIN LATERAL (
  SELECT '' AS title, x.text AS body FROM claims x WHERE r.kind = 'claim' AND x.id = r.ref_id
  UNION ALL SELECT x.name, array_to_string(ARRAY(SELECT json_array_elements_text(x.aliases)), ', ')
    FROM claimants x WHERE r.kind = 'claimant' AND x.id = r.ref_id
  UNION ALL SELECT x.title, x.excerpt FROM evidence x WHERE r.kind = 'evidence' AND x.id = r.ref_id
  UNION ALL SELECT x.summary, x.rationale FROM verdicts x WHERE r.kind = 'verdict' AND x.id = r.ref_id
  UNION ALL SELECT x.publisher_name, x.claim_reviewed FROM fact_checks x
    WHERE r.kind = 'fact_check' AND x.id = r.ref_id) t
ORDER BY r.rank DESC, r.kind, r.ref_id`

/** searchIndex on PostgreSQL: `fts` is a to_tsquery text (packages/domain's tsQuery). */
export async function pgSearchIndex(
  db: Db,
  fts: string,
  options: { limit: number; candidates?: number },
): Promise<SearchRawHit[]> {
  const { text, values } = numbered(SEARCH_SQL, {
    fts,
    limit: options.limit,
    candidates: options.candidates ?? SEARCH_CANDIDATES,
  })
  const { rows } = await pgQueryable(db).query<Omit<SearchRawHit, 'kind'> & { kind: string }>(text, values)
  return rows.map((r) => ({ ...r, kind: r.kind as SearchKind }))
}
