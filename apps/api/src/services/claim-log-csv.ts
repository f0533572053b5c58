import { type Db, iterateClaimLog } from '@counterclaim/db'
import { CLAIM_LOG_CSV_HEADER, CSV_BOM, claimLogCsvWriter } from '@counterclaim/domain'
import type { ClaimLogExportFormat, ClaimLogFilters } from '@counterclaim/shared'
import { claimLogSqlFilters } from './claim-log-filters.ts'

const CHUNK_CHARS = 64 * 1024
// Rows asked of the database at a time: about 40 KiB of CSV.
const ROWS_PER_READ = 100

/**
 * The claim log as CSV, pulled from the database as the client reads: about one 64 KiB chunk waits
 * in memory, however many rows there are. The statement is chosen and opened (on a connection of its
 * own) before the stream is handed back, so a failure there is the request's error. `format`: safe
 * (neutralised), excel (neutralised, with a byte-order mark) or raw (cells as they are); public pages'
 * addresses under `baseUrl` (PUBLIC_BASE_URL).
 */
export async function claimLogCsv(
  db: Db,
  filters: ClaimLogFilters,
  format: ClaimLogExportFormat,
  baseUrl: string,
): Promise<ReadableStream<Uint8Array>> {
  const cursor = await iterateClaimLog(db, claimLogSqlFilters(db, filters))
  const line = claimLogCsvWriter({ neutralise: format !== 'raw', baseUrl })
  const bom = format === 'excel'
  let first = true
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let chunk = first ? (bom ? CSV_BOM : '') + CLAIM_LOG_CSV_HEADER : ''
        first = false
        while (chunk.length < CHUNK_CHARS) {
          const rows = await cursor.read(ROWS_PER_READ)
          if (rows.length === 0) {
            await cursor.close()
            if (chunk) controller.enqueue(Buffer.from(chunk, 'utf8'))
            controller.close()
            return
          }
          for (const row of rows) chunk += line(row)
        }
        controller.enqueue(Buffer.from(chunk, 'utf8'))
      } catch (error) {
        await cursor.close()
        controller.error(error)
      }
    },
    cancel() {
      return cursor.close()
    },
  })
}

/** The file name of an export: the claim log and the day it was taken. */
export function exportFileName(now: string): string {
  return `claim-log-${now.slice(0, 10)}.csv`
}
