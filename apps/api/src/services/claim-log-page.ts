import { claimLogPage, type Db } from '@counterclaim/db'
import { claimLogRowFromRaw } from '@counterclaim/domain'
import type { ClaimLogQuery, ClaimLogRow } from '@counterclaim/shared'
import { claimLogSqlFilters } from './claim-log-filters.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'

/**
 * A page of the claim log: newest activity first, keyset-paged on (updated_at, id); public pages'
 * addresses under `baseUrl` (PUBLIC_BASE_URL).
 */
export async function listClaimLog(
  db: Db,
  query: ClaimLogQuery,
  baseUrl: string,
): Promise<{ items: ClaimLogRow[]; nextCursor: string | null }> {
  const { limit, cursor, ...filters } = query
  const raw = await claimLogPage(db, claimLogSqlFilters(db, filters), {
    limit: limit + 1,
    cursor: decodeCursor(cursor),
  })
  const items = raw.slice(0, limit).map((r) => claimLogRowFromRaw(r, baseUrl))
  const last = items.at(-1)
  return { items, nextCursor: raw.length > limit && last ? encodeCursor(last.updatedAt, last.claimId) : null }
}
