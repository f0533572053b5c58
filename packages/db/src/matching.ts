// Matching's candidate reads (docs/decisions/0012-matching-without-a-model.md): which claims and external
// fact-checks might say the same as a text, found through the word index (a claim is found by its rarest
// words) and the trigram index (words the word index does not know: typos, forms no stemmer knows). Every
// read is bounded, so a text of common words costs no more than one of rare words; the scoring that decides
// what is a match runs in packages/domain, the same on both engines.

import { prepared } from './claim-log.ts'
import { numbered } from './claim-log-pg.ts'
import type { Db } from './client.ts'
import { pgQueryable } from './postgres.ts'
import { isSqlite, sqliteReadPool, withClient } from './sqlite.ts'

/** What a text is matched by, in the engine's query syntax (packages/domain's matchQueries). */
export interface MatchQueries {
  /** Its telling words and numbers, most telling first, each one term of the engine's full-text query. */
  terms: readonly string[]
  /** Each term as its word alone, without its stem's other forms: cheaper to count and to read. */
  words: readonly string[]
  /** For each term, what the trigram read asks for when no record has the term; null where none. */
  similar: ReadonlyArray<string | null>
}

export type MatchKind = 'claim' | 'fact_check'

export interface MatchCandidate {
  kind: MatchKind
  id: string
}

/**
 * A term found in fewer records than this is rare: records with a rare term are few enough (at most this
 * many per term) to be ranked all. Records are counted up to this many, so counting costs the same for a
 * common word as for a rare one.
 */
export const MATCH_RARE_BELOW = 1000
/** The rare read asks for at most this many of the rarest terms: it ranks at most this many times the cap. */
export const MATCH_RARE_TERMS = 6
/** When no term is rare: how many of the newest matching records a read ranks. */
export const MATCH_RANKED = 2000
/** How many candidates each read hands on (of each kind on PostgreSQL). */
export const MATCH_PER_READ = 40

// SQLite's word index holds every kind of record; claims and fact-checks are kept before ranking. A rare
// read's matches are few by construction (their terms were counted); a windowed read ranks the newest
// MATCH_RANKED index rows that match.
const SQLITE_COUNT =
  'SELECT count(*) AS n FROM (SELECT 1 FROM search_index WHERE search_index MATCH @q LIMIT @cap)'
const SQLITE_WORDS = `SELECT r.kind AS kind, r.ref_id AS id
  FROM search_index JOIN search_refs r ON r.id = search_index.rowid
  WHERE search_index MATCH @q AND r.kind IN ('claim', 'fact_check')
  ORDER BY bm25(search_index, 2.0, 1.0) LIMIT @limit`
const SQLITE_WORDS_WINDOWED = `SELECT r.kind AS kind, r.ref_id AS id
  FROM search_index JOIN search_refs r ON r.id = search_index.rowid
  WHERE search_index MATCH @q AND r.kind IN ('claim', 'fact_check') AND search_index.rowid >= (
    SELECT coalesce(min(rowid), 0) FROM (
      SELECT rowid FROM search_index WHERE search_index MATCH @q ORDER BY rowid DESC LIMIT @ranked))
  ORDER BY bm25(search_index, 2.0, 1.0) LIMIT @limit`
// The trigram index holds claims and fact-checks only (drizzle/0007).
const SQLITE_TRIGRAMS = `SELECT r.kind AS kind, r.ref_id AS id FROM (
    SELECT rowid, bm25(match_index) AS score FROM match_index
    WHERE match_index MATCH @q AND rowid >= (
      SELECT coalesce(min(rowid), 0) FROM (
        SELECT rowid FROM match_index WHERE match_index MATCH @q ORDER BY rowid DESC LIMIT @ranked))
    ORDER BY score LIMIT @limit) hit
  JOIN search_refs r ON r.id = hit.rowid
  ORDER BY hit.score`

// PostgreSQL: the same reads over the tsvector columns of claims and fact-checks and the trigram indexes of
// drizzle-pg/0004, each kind on its own. Counting a word found in a few percent of the rows costs a scan
// of tens of thousands of them (measured: 8 ms a word at 200,000 claims), so the planner's estimates from
// the columns' statistics sort the terms first, in one EXPLAIN of a statement naming every term; only the
// terms it estimates rare are counted, from the GIN index (which it then picks), to tell rare from none.
const pgEstimates = (n: number) =>
  `EXPLAIN (FORMAT JSON) ${Array.from(
    { length: n },
    (_, i) =>
      `(SELECT 1 FROM claims WHERE search_vector @@ to_tsquery('cc', @t${i})
  UNION ALL SELECT 1 FROM fact_checks WHERE search_vector @@ to_tsquery('cc', @t${i}))`,
  ).join(' UNION ALL ')}`
const pgCounts = (n: number) =>
  `SELECT ${Array.from(
    { length: n },
    (_, i) => `(SELECT count(*) FROM (
    SELECT 1 FROM claims WHERE search_vector @@ to_tsquery('cc', @t${i}) LIMIT @cap) c)
  + (SELECT count(*) FROM (
    SELECT 1 FROM fact_checks WHERE search_vector @@ to_tsquery('cc', @t${i}) LIMIT @cap) f) AS n${i}`,
  ).join(',\n  ')}`
// The planner may think a word rarer than it is: a read ranks at most MATCH_RANKED rows of each kind.
const PG_WORDS = `(SELECT 'claim' AS kind, m.id FROM (
  SELECT c.id, c.search_vector FROM claims c WHERE c.search_vector @@ to_tsquery('cc', @q) LIMIT @ranked) m
 ORDER BY ts_rank_cd(m.search_vector, to_tsquery('cc', @q), 1) DESC, m.id LIMIT @limit)
UNION ALL
(SELECT 'fact_check', m.id FROM (
  SELECT f.id, f.search_vector FROM fact_checks f WHERE f.search_vector @@ to_tsquery('cc', @q) LIMIT @ranked) m
 ORDER BY ts_rank_cd(m.search_vector, to_tsquery('cc', @q), 1) DESC, m.id LIMIT @limit)`
const PG_WORDS_WINDOWED = `(SELECT 'claim' AS kind, m.id FROM (
  SELECT c.id, c.search_vector FROM claims c WHERE c.search_vector @@ to_tsquery('cc', @q)
  ORDER BY c.activity_at DESC LIMIT @ranked) m
 ORDER BY ts_rank_cd(m.search_vector, to_tsquery('cc', @q), 1) DESC, m.id LIMIT @limit)
UNION ALL
(SELECT 'fact_check', m.id FROM (
  SELECT f.id, f.search_vector FROM fact_checks f WHERE f.search_vector @@ to_tsquery('cc', @q)
  ORDER BY f.review_date DESC NULLS LAST LIMIT @ranked) m
 ORDER BY ts_rank_cd(m.search_vector, to_tsquery('cc', @q), 1) DESC, m.id LIMIT @limit)`
const PG_TRIGRAMS = `WITH q AS (SELECT cc_fold(@q) AS q)
(SELECT 'claim' AS kind, c.id FROM claims c, q
 WHERE c.archived_at IS NULL AND cc_fold(c.text) %> q.q
 ORDER BY word_similarity(q.q, cc_fold(c.text)) DESC, c.id LIMIT @limit)
UNION ALL
(SELECT 'fact_check', f.id FROM fact_checks f, q
 WHERE cc_fold(f.claim_reviewed) %> q.q
 ORDER BY word_similarity(q.q, cc_fold(f.claim_reviewed)) DESC, f.id LIMIT @limit)`

const SQL = {
  sqlite: { words: SQLITE_WORDS, windowed: SQLITE_WORDS_WINDOWED, trigrams: SQLITE_TRIGRAMS },
  postgres: { words: PG_WORDS, windowed: PG_WORDS_WINDOWED, trigrams: PG_TRIGRAMS },
} as const
const OPERATORS = { sqlite: { and: ' AND ', or: ' OR ' }, postgres: { and: ' & ', or: ' | ' } } as const

/**
 * The claims and fact-checks that might match, each once, in the order the reads found them (closest words
 * first). Each term is counted first (up to MATCH_RARE_BELOW records). When some are rare, one read ranks
 * every record holding one of the MATCH_RARE_TERMS rarest, by the rare terms it holds; when none is, two
 * reads rank the newest records that hold every term, then any term. The most telling term no record
 * holds, if any, is looked for by trigrams. Archived claims are not in the indexes; the caller leaves out
 * what else it must (the claim being matched, claims of archived disputes). On a SQLite file with a read
 * pool every read of it runs on one read worker, which calls this same function.
 */
export async function matchCandidates(db: Db, queries: MatchQueries): Promise<MatchCandidate[]> {
  const { terms } = queries
  if (terms.length === 0) return []
  const pool = isSqlite(db) ? sqliteReadPool(db) : null
  if (pool) return pool.run('matchCandidates', [queries])
  const sql = SQL[isSqlite(db) ? 'sqlite' : 'postgres']
  const { and, or } = OPERATORS[isSqlite(db) ? 'sqlite' : 'postgres']
  const counts = await countTerms(db, queries)
  const rare = terms
    .map((term, i) => ({ term, n: counts[i] ?? 0 }))
    .filter(({ n }) => n > 0 && n < MATCH_RARE_BELOW)
    .sort((a, b) => a.n - b.n)
    .slice(0, MATCH_RARE_TERMS)
    .map(({ term }) => term)
  const reads: Array<[string, Record<string, unknown>]> = []
  if (rare.length > 0) {
    // The records with a rare term, ranked by the rare terms they hold (the common ones would weigh little,
    // and ranking by them costs walking their long lists); packages/domain's scorer weighs every term.
    reads.push([sql.words, { q: group(rare, or) }])
  } else if (counts.some((n) => n > 0)) {
    // Common words only: on SQLite by the words alone, as their stems' prefixes are what cost.
    const common = isSqlite(db) ? queries.words : terms
    if (common.length > 1) reads.push([sql.windowed, { q: common.join(and) }])
    reads.push([sql.windowed, { q: group(common, or) }])
  }
  const unknown = queries.similar.find((similar, i) => similar !== null && counts[i] === 0)
  if (unknown) reads.push([sql.trigrams, { q: unknown }])
  const seen = new Set<string>()
  const found: MatchCandidate[] = []
  for (const [text, params] of reads) {
    const candidates = await rows<MatchCandidate>(db, text, {
      ...params,
      ranked: MATCH_RANKED,
      limit: MATCH_PER_READ,
    })
    for (const row of candidates) {
      const key = `${row.kind}:${row.id}`
      if (seen.has(key)) continue
      seen.add(key)
      found.push({ kind: row.kind, id: row.id })
    }
  }
  return found
}

/**
 * How many records hold each term, counted up to MATCH_RARE_BELOW. On SQLite the word alone is counted
 * first, which costs a millisecond: when it alone is common, so is its term, and the term (whose stem
 * prefix may cost tens) is not counted.
 */
async function countTerms(db: Db, { terms, words }: MatchQueries): Promise<number[]> {
  if (isSqlite(db)) {
    const count = async (q: string) =>
      Number((await rows<{ n: number }>(db, SQLITE_COUNT, { q, cap: MATCH_RARE_BELOW }))[0]?.n ?? 0)
    const counts: number[] = []
    for (const [i, term] of terms.entries()) {
      const word = words[i] ?? term
      const alone = await count(word)
      counts.push(alone >= MATCH_RARE_BELOW || word === term ? alone : await count(term))
    }
    return counts
  }
  const params = Object.fromEntries(terms.map((term, i) => [`t${i}`, term]))
  const [explained] = await rows<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
    db,
    pgEstimates(terms.length),
    params,
  )
  // One Append of every branch, in the order written: each term's claims, then its fact-checks. A plan of
  // another shape counts every term.
  const branches = explained?.['QUERY PLAN'][0]?.Plan.Plans ?? []
  const estimates = terms.map((_, i) =>
    branches.length === 2 * terms.length
      ? (branches[2 * i]?.['Plan Rows'] ?? 0) + (branches[2 * i + 1]?.['Plan Rows'] ?? 0)
      : 0,
  )
  const rare = terms.map((_, i) => i).filter((i) => (estimates[i] ?? 0) < MATCH_RARE_BELOW)
  const counts = terms.map(() => MATCH_RARE_BELOW)
  if (rare.length === 0) return counts
  const [row] = await rows<Record<string, number>>(db, pgCounts(rare.length), {
    cap: MATCH_RARE_BELOW,
    ...Object.fromEntries(rare.map((term, i) => [`t${i}`, terms[term]])),
  })
  rare.forEach((term, i) => {
    counts[term] = Number(row?.[`n${i}`] ?? 0)
  })
  return counts
}

interface PlanNode {
  'Plan Rows'?: number
  Plans?: PlanNode[]
}

function group(terms: readonly string[], operator: string): string {
  return terms.length === 1 ? (terms[0] ?? '') : `(${terms.join(operator)})`
}

async function rows<T>(db: Db, sql: string, params: Record<string, unknown>): Promise<T[]> {
  // Only the parameters the statement names: better-sqlite3 refuses others.
  const used = Object.fromEntries(
    Object.entries(params).filter(([name]) => new RegExp(`@${name}\\b`).test(sql)),
  )
  if (isSqlite(db)) return withClient(db, (client) => prepared(client, sql, false).all(used) as T[])
  const { text, values } = numbered(sql, used)
  return (await pgQueryable(db).query(text, values)).rows as T[]
}
