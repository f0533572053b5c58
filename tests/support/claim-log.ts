import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import {
  CLAIM_LOG_COLUMNS,
  CLAIM_LOG_CSV_HEADER,
  claimLogCells,
  csvLine,
  restoreCell,
} from '../../packages/domain/src/index.ts'
import type { ClaimLogRow } from '../../packages/shared/src/index.ts'
import type { TestApp } from './test-app.ts'

/** What these helpers send requests through: a test app, or anything with its request(). */
type Requester = Pick<TestApp, 'request'>

/** Every row of the JSON claim log under a filter, following the cursor page by page. */
export async function allLogRows(
  t: Requester,
  cookie: string,
  filter: string,
  limit = 2,
): Promise<ClaimLogRow[]> {
  const rows: ClaimLogRow[] = []
  let cursor: string | null = null
  for (let page = 0; page < 10_000; page++) {
    const qs = new URLSearchParams(filter)
    qs.set('limit', String(limit))
    if (cursor) qs.set('cursor', cursor)
    const res = await t.request(`/api/claim-log?${qs}`, { cookie })
    if (res.status !== 200) throw new Error(`claim log ${filter} answered ${res.status}: ${await res.text()}`)
    const body = (await res.json()) as { items: ClaimLogRow[]; nextCursor: string | null }
    rows.push(...body.items)
    cursor = body.nextCursor
    if (!cursor) return rows
  }
  throw new Error('the cursor never ended')
}

/** The CSV export under a filter: the raw text and its records (header first), as an RFC 4180 reader reads them. */
export async function exportCsv(
  t: Requester,
  cookie: string,
  filter: string,
): Promise<{ res: Response; text: string; records: string[][] }> {
  const res = await t.request(`/api/claim-log.csv${filter ? `?${filter}` : ''}`, { cookie })
  const text = await res.text()
  const records = res.status === 200 ? (parse(text, { bom: true }) as string[][]) : []
  return { res, text, records }
}

/** The CSV cells a JSON row stands for, in column order. */
export const expectedCells = (row: ClaimLogRow) => claimLogCells(row)

/** A CSV data record as the values it carries (neutralised cells restored). */
export const restoredCells = (record: string[]) => record.map(restoreCell)

export const HEADERS = CLAIM_LOG_COLUMNS.map((c) => c.header)

/** Sends a CSV body to the import. */
export function importCsv(
  t: Requester,
  cookie: string,
  body: string,
  contentType = 'text/csv',
  query = '',
): Promise<Response> {
  return t.request(`/api/claim-log/import${query ? `?${query}` : ''}`, {
    method: 'POST',
    cookie,
    headers: { 'content-type': contentType },
    body,
  })
}

/**
 * Brings claims in through the admin's import, each with a verdict published on `publishedAt` (imported
 * verdicts have no rationale), in a dispute of its own; `cells` by header override the defaults. Answers
 * the claims' ids in order.
 */
export async function importPublished(
  t: Pick<TestApp, 'request' | 'login'>,
  rows: Array<Record<string, string>>,
  publishedAt = '2024-05-06T07:08:09.000Z',
): Promise<string[]> {
  const ids = rows.map(() => randomUUID())
  let file = CLAIM_LOG_CSV_HEADER
  rows.forEach((cells, i) => {
    const row: Record<string, string> = {
      claim_id: ids[i] ?? '',
      dispute_title: `Imported fact checks ${ids[0]}`,
      claimant: 'Imported claimant',
      claimant_kind: 'media',
      claim_text: `An imported claim ${ids[i]}`,
      rating: 'false',
      verdict_summary: 'It did not happen.',
      verdict_status: 'published',
      published_at: publishedAt,
      ...cells,
    }
    file += csvLine(HEADERS.map((h) => row[h] ?? ''))
  })
  const res = await importCsv(t, await t.login('admin'), file)
  if (res.status !== 200) throw new Error(`the import answered ${res.status}: ${await res.text()}`)
  return ids
}
