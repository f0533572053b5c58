import { type Db, searchIndex } from '@counterclaim/db'
import { snippetParts } from '@counterclaim/domain'
import type { SearchResult } from '@counterclaim/shared'
import { textQuery } from './claim-log-filters.ts'

/** Full-text search over claims, claimants, evidence and verdicts, best match first. */
export async function search(db: Db, query: { q: string; limit: number }): Promise<SearchResult> {
  const fts = textQuery(db, query.q)
  if (fts === null) return { items: [] }
  const hits = await searchIndex(db, fts, { limit: query.limit })
  return {
    items: hits.map((hit) => ({
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
