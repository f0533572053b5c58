// Matching's candidate reads (docs/decisions/0012-matching-without-a-model.md): which claims and external
// fact-checks might say the same as a text, found through the word index (stems, all words, then any word) and
// the trigram index (parts of words, for typos and scripts no stemmer knows). Each read is bounded, so a common
// word costs no more than a rare one; the scoring that decides what is a match runs in packages/domain, the same
// on both engines.

import { prepared } from './claim-log.ts'
import { numbered } from './claim-log-pg.ts'
import type { Db } from './client.ts'
import { pgQueryable } from './postgres.ts'
import { isSqlite, withClient } from './sqlite.ts'

/** The engine's query texts for one text being matched; null where the text gave none. */
export interface MatchQueries {
  /** Every word (stem-expanded), in the word index's syntax: few, close candidates. */
  all: string | null
  /** Any word (stem-expanded): more, looser candidates. */
  any: string | null
  /**
   * The trigram read: on SQLite an FTS5 trigram query (any of the longer words as a part of a word), on
   * PostgreSQL the folded text pg_trgm compares (word similarity).
   */
  trigram: string | null
}

export type MatchKind = 'claim' | 'fact_check'

export interface MatchCandidate {
  kind: MatchKind
  id: string
}

/** How many records each read ranks (the newest that match) and how many of them it hands on. */
export const MATCH_RANKED = 2000
export const MATCH_PER_READ = 40

// SQLite: ranked by bm25 among the newest MATCH_RANKED index rows that match, then only claims and
// fact-checks kept (evidence and verdicts share the word index).
const SQLITE_WORDS = `SELECT r.kind AS kind, r.ref_id AS id FROM (
    SELECT rowid, bm25(search_index, 2.0, 1.0) AS score FROM search_index
    WHERE search_index MATCH @q AND rowid >= (
      SELECT coalesce(min(rowid), 0) FROM (
        SELECT rowid FROM search_index WHERE search_index MATCH @q ORDER BY rowid DESC LIMIT @ranked))
    ORDER BY score LIMIT @limit) hit
  JOIN search_refs r ON r.id = hit.rowid
  WHERE r.kind IN ('claim', 'fact_check')
  ORDER BY hit.score`
const SQLITE_TRIGRAMS = `SELECT r.kind AS kind, r.ref_id AS id FROM (
    SELECT rowid, bm25(match_index) AS score FROM match_index
    WHERE match_index MATCH @q AND rowid >= (
      SELECT coalesce(min(rowid), 0) FROM (
        SELECT rowid FROM match_index WHERE match_index MATCH @q ORDER BY rowid DESC LIMIT @ranked))
    ORDER BY score LIMIT @limit) hit
  JOIN search_refs r ON r.id = hit.rowid
  ORDER BY hit.score`

// PostgreSQL: the same reads over the tsvector columns and the trigram indexes of drizzle-pg/0004. Each kind
// takes its newest matches, ranks them, and hands on the best.
const PG_WORDS = `WITH q AS (SELECT to_tsquery('cc', @q) AS q)
(SELECT 'claim' AS kind, m.id FROM (
  SELECT c.id, c.search_vector FROM claims c WHERE c.search_vector @@ to_tsquery('cc', @q)
  ORDER BY c.activity_at DESC LIMIT @ranked) m, q
 ORDER BY ts_rank_cd(m.search_vector, q.q, 1) DESC LIMIT @limit)
UNION ALL
(SELECT 'fact_check', m.id FROM (
  SELECT f.id, f.search_vector FROM fact_checks f WHERE f.search_vector @@ to_tsquery('cc', @q)
  ORDER BY f.review_date DESC NULLS LAST LIMIT @ranked) m, q
 ORDER BY ts_rank_cd(m.search_vector, q.q, 1) DESC LIMIT @limit)`
const PG_TRIGRAMS = `WITH q AS (SELECT cc_fold(@q) AS q)
(SELECT 'claim' AS kind, c.id FROM claims c, q
 WHERE c.archived_at IS NULL AND cc_fold(c.text) %> q.q
 ORDER BY word_similarity(q.q, cc_fold(c.text)) DESC LIMIT @limit)
UNION ALL
(SELECT 'fact_check', f.id FROM fact_checks f, q
 WHERE cc_fold(f.claim_reviewed) %> q.q
 ORDER BY word_similarity(q.q, cc_fold(f.claim_reviewed)) DESC LIMIT @limit)`

/**
 * The claims and fact-checks that might match, each once, in the order the reads found them (closest words
 * first). Archived claims are not in the indexes; the caller leaves out what else it must (the claim being
 * matched, archived disputes).
 */
export async function matchCandidates(db: Db, queries: MatchQueries): Promise<MatchCandidate[]> {
  const reads: Array<[string, string | null]> = isSqlite(db)
    ? [
        [SQLITE_WORDS, queries.all],
        [SQLITE_WORDS, queries.any],
        [SQLITE_TRIGRAMS, queries.trigram],
      ]
    : [
        [PG_WORDS, queries.all],
        [PG_WORDS, queries.any],
        [PG_TRIGRAMS, queries.trigram],
      ]
  const seen = new Set<string>()
  const found: MatchCandidate[] = []
  for (const [sql, q] of reads) {
    if (q === null) continue
    for (const row of await readCandidates(db, sql, q)) {
      const key = `${row.kind}:${row.id}`
      if (seen.has(key)) continue
      seen.add(key)
      found.push(row)
    }
  }
  return found
}

async function readCandidates(db: Db, sql: string, q: string): Promise<MatchCandidate[]> {
  const params = { q, ranked: MATCH_RANKED, limit: MATCH_PER_READ }
  if (isSqlite(db)) {
    return withClient(db, (client) => prepared(client, sql, false).all(params) as MatchCandidate[])
  }
  const { text, values } = numbered(sql, params)
  return (await pgQueryable(db).query<MatchCandidate>(text, values)).rows
}
