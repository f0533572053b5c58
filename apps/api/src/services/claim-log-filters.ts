import { type ClaimLogSqlFilters, type Db, engineOf } from '@counterclaim/db'
import { fullTextQuery } from '@counterclaim/domain'
import type { ClaimLogFilters } from '@counterclaim/shared'

/** What a user typed in `q` as the full-text query of the engine `db` runs on; null when it has no word. */
export function textQuery(db: Db, q: string): string | null {
  return fullTextQuery(q, engineOf(db))
}

/** The claim log's filters as packages/db takes them: what a user typed in `q` as the engine's query. */
export function claimLogSqlFilters(db: Db, filters: ClaimLogFilters): ClaimLogSqlFilters {
  const { q, ...rest } = filters
  return { ...rest, fts: q ? textQuery(db, q) : null }
}
