import { type Db, searchIndex } from '@counterclaim/db'
import { ftsQuery, snippetParts } from '@counterclaim/domain'
import type { SearchResult } from '@counterclaim/shared'

/** Full-text search over claims, claimants, evidence and verdicts, best match first. */
export function search(db: Db, query: { q: string; limit: number }): SearchResult {
  const fts = ftsQuery(query.q)
  if (fts === null) return { items: [] }
  return {
    items: searchIndex(db, fts, { limit: query.limit }).map((hit) => ({
      kind: hit.kind,
      id: hit.refId,
      disputeId: hit.disputeId,
      claimId: hit.claimId,
      title: hit.title,
      snippet: snippetParts(hit.snippet),
      score: hit.score,
    })),
  }
}
