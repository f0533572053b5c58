import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { CSV_BOM, csvLine, NEUTRALISING_MARK } from '../../packages/domain/src/index.ts'
import { allLogRows, exportCsv, HEADERS, importCsv } from '../support/claim-log.ts'
import { errorShapeViolation } from '../support/error-shape.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let admin: string
let editor: string
const PUBLIC = 'https://checks.example.org'

// The columns the export had before claimant_url, short_text, rationale and public_url came (decision 0017).
const ADDED = ['claimant_url', 'short_text', 'rationale', 'public_url']
const BEFORE: string[] = HEADERS.filter((h) => !ADDED.includes(h))

/** A file of rows given by header, in the given columns. */
const fileOf = (headers: readonly string[], rows: Array<Record<string, string>>) =>
  `${headers.join(',')}\r\n${rows.map((row) => csvLine(headers.map((h) => row[h] ?? ''))).join('')}`

/** A CSV body as its records, header first. */
const recordsOf = (text: string) => parse(text, { bom: true }) as string[][]
const cell = (records: string[][], row: number, header: string) =>
  records[row]?.[(HEADERS as readonly string[]).indexOf(header)]

beforeAll(async () => {
  t = await makeTestApp({ env: { PUBLIC_BASE_URL: PUBLIC } })
  admin = await t.login('admin')
  editor = await t.login('editor')
})

describe('what the public sees, in the claim log', () => {
  it('exports the short text, the claimant’s page, the verdict’s rationale and its public page, and imports them back', async () => {
    const disputeId = randomUUID()
    const row = {
      dispute_id: disputeId,
      dispute_title: 'Columns of what the public sees',
      claimant: `Columns claimant ${disputeId}`,
      claimant_kind: 'government',
      claimant_url: 'https://example.gov.ua/minister',
      claim_text: 'Over 300 drones were launched overnight, and most were shot down before dawn.',
      short_text: 'Over 300 drones launched overnight',
      rating: 'mostly_true',
      verdict_summary: 'The air force counted 315.',
      rationale: 'The air force’s morning report lists 315 drones.\n\nTwo regional reports agree.',
      verdict_status: 'published',
      published_at: '2025-06-10T09:00:00.000Z',
      // An address from another desk's file: the import makes its own.
      public_url: 'https://elsewhere.example.org/v/1',
    }
    const res = await importCsv(t, admin, fileOf(HEADERS, [row]))
    expect(res.status, await res.clone().text()).toBe(200)
    const [logged] = await allLogRows(t, editor, `disputeId=${disputeId}`)
    if (!logged) throw new Error('the imported row is missing')
    expect(logged).toMatchObject({
      claimantUrl: row.claimant_url,
      shortText: row.short_text,
      rationale: row.rationale,
      verdictStatus: 'published',
    })
    expect(logged.publicUrl).toBe(`${PUBLIC}/v/${logged.claimId}`)
    expect((await t.request(new URL(logged.publicUrl ?? '').pathname)).status).toBe(200)

    const { records } = await exportCsv(t, editor, `disputeId=${disputeId}`)
    expect(records[0]).toEqual(HEADERS)
    for (const header of ['claimant_url', 'short_text', 'rationale'] as const)
      expect(cell(records, 1, header), header).toBe(row[header])
    expect(cell(records, 1, 'public_url')).toBe(logged.publicUrl)
    // Readers find the new columns beside their kin.
    expect(HEADERS.indexOf('short_text')).toBe(HEADERS.indexOf('claim_text') + 1)
    expect(HEADERS.indexOf('rationale')).toBe(HEADERS.indexOf('verdict_summary') + 1)

    // A round trip into a fresh dispute keeps them.
    const again = records.slice(1).map((r) => {
      const cells = Object.fromEntries(HEADERS.map((h, i) => [h, r[i] ?? '']))
      return { ...cells, claim_id: '', dispute_id: '', dispute_title: 'Columns, imported again' }
    })
    const second = await importCsv(t, admin, asWritten(HEADERS, again), 'text/csv', 'allowDuplicates=1')
    expect(second.status, await second.clone().text()).toBe(200)
    const copies = (await allLogRows(t, editor, 'q=dawn', 50)).filter(
      (r) => r.disputeTitle === 'Columns, imported again',
    )
    expect(copies).toHaveLength(1)
    expect(copies[0]).toMatchObject({
      claimantUrl: row.claimant_url,
      shortText: row.short_text,
      rationale: row.rationale,
    })
  })

  it('leaves the new cells empty where there is nothing to show', async () => {
    const disputeId = randomUUID()
    const res = await importCsv(
      t,
      editor,
      fileOf(
        ['dispute_id', 'dispute_title', 'claimant', 'claim_text', 'rating', 'verdict_status'],
        [
          {
            dispute_id: disputeId,
            dispute_title: 'Empty new cells',
            claimant: 'Nobody in particular',
            claim_text: 'A draft claim',
            rating: 'false',
            verdict_status: 'draft',
          },
        ],
      ),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    const [logged] = await allLogRows(t, editor, `disputeId=${disputeId}`)
    expect(logged).toMatchObject({ claimantUrl: null, shortText: null, rationale: '', publicUrl: null })
    const { records } = await exportCsv(t, editor, `disputeId=${disputeId}`)
    for (const header of ADDED) expect(cell(records, 1, header), header).toBe('')
  })

  it('still imports files in the earlier column sets, their neutralised cells read as that export wrote them', async () => {
    for (const headers of [BEFORE, BEFORE.filter((h) => h !== 'quantities')]) {
      const disputeId = randomUUID()
      // Those exports put a bare apostrophe before a formula: the cells as they were written then.
      const body = `${headers.join(',')}\r\n${headers
        .map((h) =>
          csvField(
            (
              {
                dispute_id: disputeId,
                dispute_title: 'An earlier export',
                claimant: 'Earlier claimant',
                claimant_kind: 'media',
                claim_text: `'=1+1 in ${headers.length} columns`,
                verdict_summary: `''=2`,
                rating: 'false',
                verdict_status: 'draft',
              } as Record<string, string>
            )[h] ?? '',
          ),
        )
        .join(',')}\r\n`
      const res = await importCsv(t, editor, body)
      expect(res.status, await res.clone().text()).toBe(200)
      const [logged] = await allLogRows(t, editor, `disputeId=${disputeId}`)
      expect(logged).toMatchObject({ claimText: `=1+1 in ${headers.length} columns`, verdictSummary: `'=2` })
    }
  })
})

/** One cell quoted as RFC 4180 wants, never neutralised: the file as another tool or a person wrote it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A file of cells exactly as given (an export's cells, already neutralised, or a person's). */
const asWritten = (headers: readonly string[], rows: Array<Record<string, string>>) =>
  `${headers.join(',')}\r\n${rows.map((row) => `${headers.map((h) => csvField(row[h] ?? '')).join(',')}\r\n`).join('')}`

describe('a person’s own apostrophe before a formula character', () => {
  it('survives import, export and import again unchanged', async () => {
    const typed = ["'=1+1", "'+380 44 000 0000", "'@desk", "''=2", "'\u00a0-3"]
    const disputeId = randomUUID()
    const headers = ['dispute_id', 'dispute_title', 'claimant', 'claim_text']
    const body = `${headers.join(',')}\r\n${typed
      .map((text, i) => [disputeId, 'Typed apostrophes', `Typist ${i}`, text].map(csvField).join(','))
      .join('\r\n')}\r\n`
    const res = await importCsv(t, editor, body)
    expect(res.status, await res.clone().text()).toBe(200)
    const first = await allLogRows(t, editor, `disputeId=${disputeId}`, 50)
    expect(first.map((r) => r.claimText).sort()).toEqual([...typed].sort())

    // The export leaves a typed apostrophe as it is (a spreadsheet runs none of these) and marks none.
    const { text, records } = await exportCsv(t, editor, `disputeId=${disputeId}`)
    expect(text).not.toContain(NEUTRALISING_MARK)
    expect(
      records
        .slice(1)
        .map((r) => r[HEADERS.indexOf('claim_text')])
        .sort(),
    ).toEqual([...typed].sort())

    // Imported again (as a copy), each text is the one typed.
    const secondDispute = randomUUID()
    const rows = records.slice(1).map((r) => {
      const cells = Object.fromEntries(HEADERS.map((h, i) => [h, r[i] ?? '']))
      return { ...cells, claim_id: '', dispute_id: secondDispute, claimant: `${cells.claimant} again` }
    })
    const second = await importCsv(t, editor, asWritten(HEADERS, rows))
    expect(second.status, await second.clone().text()).toBe(200)
    const again = await allLogRows(t, editor, `disputeId=${secondDispute}`, 50)
    expect(again.map((r) => r.claimText).sort()).toEqual([...typed].sort())
  })
})

describe('export formats', () => {
  let disputeId: string
  beforeAll(async () => {
    disputeId = randomUUID()
    const res = await importCsv(
      t,
      editor,
      fileOf(
        ['dispute_id', 'dispute_title', 'claimant', 'claim_text'],
        [
          {
            dispute_id: disputeId,
            dispute_title: 'Export formats',
            claimant: 'Format claimant',
            claim_text: '=HYPERLINK("http://x","y")',
          },
        ],
      ),
    )
    if (res.status !== 200) throw new Error(await res.text())
  })

  const bytesOf = async (query: string) => {
    const res = await t.request(`/api/claim-log.csv?disputeId=${disputeId}${query}`, { cookie: editor })
    expect(res.status).toBe(200)
    return new Uint8Array(await res.arrayBuffer())
  }
  const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

  it('is safe by default: neutralised, no byte-order mark', async () => {
    for (const query of ['', '&format=safe']) {
      const text = decode(await bytesOf(query))
      expect(text.startsWith('claim_id,'), query).toBe(true)
      expect(cell(recordsOf(text), 1, 'claim_text')).toBe(`${NEUTRALISING_MARK}=HYPERLINK("http://x","y")`)
    }
  })

  it('for Excel: neutralised, after a UTF-8 byte-order mark', async () => {
    for (const query of ['&format=excel', '&bom=1']) {
      const bytes = await bytesOf(query)
      expect([...bytes.slice(0, 3)], query).toEqual([0xef, 0xbb, 0xbf])
      const text = decode(bytes)
      expect(text.startsWith(`${CSV_BOM}claim_id,`)).toBe(true)
      expect(cell(recordsOf(text), 1, 'claim_text')).toBe(`${NEUTRALISING_MARK}=HYPERLINK("http://x","y")`)
    }
  })

  it('raw: every cell as it is, and the file imports back to the same texts', async () => {
    const text = decode(await bytesOf('&format=raw'))
    expect(text.startsWith('claim_id,')).toBe(true)
    const records = recordsOf(text)
    expect(cell(records, 1, 'claim_text')).toBe('=HYPERLINK("http://x","y")')
    expect(text).not.toContain(NEUTRALISING_MARK)
  })

  it('refuses an unknown format in the error shape', async () => {
    const res = await t.request('/api/claim-log.csv?format=pdf', { cookie: editor })
    expect(res.status).toBe(400)
    expect(errorShapeViolation(res.status, res.headers.get('content-type'), await res.text())).toBeNull()
  })
})
