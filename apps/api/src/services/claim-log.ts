import { claimLogPage, type Db, iterateClaimLog } from '@counterclaim/db'
import {
  CLAIM_LOG_CSV_HEADER,
  CSV_BOM,
  claimLogCsvLine,
  claimLogRowFromRaw,
  ftsQuery,
} from '@counterclaim/domain'
import type { ClaimLogFilters, ClaimLogQuery, ClaimLogRow } from '@counterclaim/shared'
import { decodeCursor, encodeCursor } from './cursor.ts'

const sqlFilters = (filters: ClaimLogFilters) => {
  const { q, ...rest } = filters
  return { ...rest, fts: q ? ftsQuery(q) : null }
}

/** A page of the claim log: newest activity first, keyset-paged on (updated_at, id). */
export function listClaimLog(
  db: Db,
  query: ClaimLogQuery,
): { items: ClaimLogRow[]; nextCursor: string | null } {
  const { limit, cursor, ...filters } = query
  const raw = claimLogPage(db, sqlFilters(filters), { limit: limit + 1, cursor: decodeCursor(cursor) })
  const items = raw.slice(0, limit).map(claimLogRowFromRaw)
  const last = items.at(-1)
  return { items, nextCursor: raw.length > limit && last ? encodeCursor(last.updatedAt, last.claimId) : null }
}

const CHUNK_CHARS = 64 * 1024

/**
 * The claim log as CSV, pulled from the database as the client reads: at most one 64 KiB chunk
 * waits in memory, however many rows there are.
 */
export function claimLogCsv(db: Db, filters: ClaimLogFilters, bom: boolean): ReadableStream<Uint8Array> {
  const cursor = iterateClaimLog(db, sqlFilters(filters))
  let first = true
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        let chunk = first ? (bom ? CSV_BOM : '') + CLAIM_LOG_CSV_HEADER : ''
        first = false
        while (chunk.length < CHUNK_CHARS) {
          const next = cursor.rows.next()
          if (next.done) {
            cursor.close()
            if (chunk) controller.enqueue(Buffer.from(chunk, 'utf8'))
            controller.close()
            return
          }
          chunk += claimLogCsvLine(next.value)
        }
        controller.enqueue(Buffer.from(chunk, 'utf8'))
      } catch (error) {
        cursor.close()
        controller.error(error)
      }
    },
    cancel() {
      cursor.close()
    },
  })
}

/** The file name of an export: the claim log and the day it was taken. */
export function exportFileName(now: string): string {
  return `claim-log-${now.slice(0, 10)}.csv`
}
