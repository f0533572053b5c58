import type { ClaimLogSqlFilters } from '@counterclaim/db'
import { ftsQuery } from '@counterclaim/domain'
import type { ClaimLogFilters } from '@counterclaim/shared'

/** The claim log's filters as packages/db takes them: what a user typed in `q` as an FTS5 query. */
export function claimLogSqlFilters(filters: ClaimLogFilters): ClaimLogSqlFilters {
  const { q, ...rest } = filters
  return { ...rest, fts: q ? ftsQuery(q) : null }
}
