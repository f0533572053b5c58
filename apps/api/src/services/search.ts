import { type Db, searchIndex } from '@counterclaim/db'
import { searchSnippet } from '@counterclaim/domain'
import type { SearchHit, SearchRawHit, SearchResult } from '@counterclaim/shared'
import { textQuery } from './claim-log-filters.ts'

/** How long a title a hit shows of a claim's text or a fact-check's claim, in characters. */
const TITLE_CHARS = 200

/**
 * Full-text search over claims, claimants, evidence, verdicts and other desks' fact-checks, best match first,
 * each hit with a plain-text snippet, its matching words marked (packages/domain's searchSnippet: the same
 * on both engines, never raw Markdown).
 */
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
      title: titleOf(hit),
      snippet: searchSnippet(query.q, { title: hit.title, body: hit.body, markdown: hit.kind === 'verdict' }),
      score: hit.score,
    })),
  }
}

/** A claim by its text; a fact-check as "publisher — the claim"; the others by their own title. */
function titleOf(hit: SearchRawHit): SearchHit['title'] {
  if (hit.kind === 'claim') return firstChars(hit.body)
  if (hit.kind === 'fact_check') return firstChars(`${hit.title} — ${hit.body}`)
  return hit.title
}

function firstChars(text: string): string {
  return [...text].slice(0, TITLE_CHARS).join('')
}
