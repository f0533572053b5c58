import { createHash, randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSV_LIMIT } from '../../apps/api/src/middleware/request-guards.ts'
import { importClaimLog } from '../../apps/api/src/services/claim-log-import.ts'
import { WriteGate } from '../../apps/api/src/services/write-gate.ts'
import { engineOf, rawQuery } from '../../packages/db/src/index.ts'
import { CLAIM_LOG_CSV_HEADER, csvLine, NEUTRALISING_MARK } from '../../packages/domain/src/index.ts'
import { type ClaimLogImportResult, type ClaimLogRow, ClaimSchema } from '../../packages/shared/src/index.ts'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { tableRows } from '../support/api.ts'
import { allLogRows, exportCsv, HEADERS, importCsv } from '../support/claim-log.ts'
import { errorShapeViolation } from '../support/error-shape.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

interface ImportError {
  error: { code: string; message: string; details: Array<{ line: number; column: string; message: string }> }
}

let t: TestApp
let editor: string
let strikes: ClaimLogRow

// Each file's claims are its own: a file whose rows repeat claims on the desk is refused (a second import).
let filesMade = 0

/** A file of `n` valid rows in new disputes and claimants, each row's cells keyed by header. */
function rowsFile(n: number, change: (i: number, row: Record<string, string>) => void = () => {}): string {
  const made = ++filesMade
  let file = CLAIM_LOG_CSV_HEADER
  for (let i = 0; i < n; i++) {
    const row: Record<string, string> = Object.fromEntries(HEADERS.map((h) => [h, '']))
    row.dispute_title = `Imported dispute ${i % 7}`
    row.claimant = `Imported claimant ${i % 11}`
    row.claimant_kind = 'media'
    row.claim_text = `Imported claim number ${i} of file ${made}, with "quotes"`
    row.stated_on = '2024-02-29'
    row.tags = 'imported bulk'
    change(i, row)
    file += csvLine(HEADERS.map((h) => row[h] ?? ''))
  }
  return file
}

/** The records an import writes, counted; on SQLite its search index's entries too (search_refs). */
const counts = async (tt: TestApp) =>
  (
    await rawQuery(
      tt.db,
      `SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM disputes) AS disputes,
        (SELECT count(*) FROM claimants) AS claimants, (SELECT count(*) FROM verdicts) AS verdicts,
        (SELECT count(*) FROM history_events) AS history${
          engineOf(tt.db) === 'sqlite' ? ', (SELECT count(*) FROM search_refs) AS indexed' : ''
        }`,
    )
  )[0]

beforeAll(async () => {
  t = await makeTestApp()
  editor = await t.login('editor')
  const rows = await allLogRows(t, editor, 'q=maternity', 50)
  const found = rows.find((r) => r.claimant === 'Oleg Kiper')
  if (!found) throw new Error('the seeded Kiper claim is missing')
  strikes = found
})

describe('who may import, and what', () => {
  it('refuses the signed out (401), checkers (403), other bodies (415) and files over 50 MiB (413)', async () => {
    const file = rowsFile(1)
    const checker = await t.login('checker')
    const cases: Array<[Promise<Response>, number, string]> = [
      [
        t.request('/api/claim-log/import', {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: file,
        }),
        401,
        'unauthenticated',
      ],
      [importCsv(t, checker, file), 403, 'forbidden'],
      [importCsv(t, editor, file, 'application/json'), 415, 'unsupported_media_type'],
      [importCsv(t, editor, file, 'text/plain'), 415, 'unsupported_media_type'],
      [importCsv(t, editor, `${file}${'x'.repeat(50 * 1024 * 1024)}`), 413, 'payload_too_large'],
    ]
    for (const [pending, status, code] of cases) {
      const res = await pending
      const text = await res.text()
      expect(res.status, text.slice(0, 200)).toBe(status)
      expect(errorShapeViolation(res.status, res.headers.get('content-type'), text)).toBeNull()
      expect(JSON.parse(text).error.code).toBe(code)
    }
  })

  it('lets an admin import too', async () => {
    const res = await importCsv(
      t,
      await t.login('admin'),
      rowsFile(1, (_, r) => Object.assign(r, { claim_text: 'By the admin' })),
    )
    expect(res.status).toBe(200)
  })
})

/** The threads of this process: the import's worker thread is one more once the first import started. */
const threads = () => readdirSync('/proc/self/task').length
// Before any import of this file: no import worker yet.
const threadsBeforeImports = threads()

/** A request body the test feeds by hand: nothing ends it until `close`. */
function heldBody() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c
    },
  })
  return {
    stream,
    push: (text: string) => controller?.enqueue(new TextEncoder().encode(text)),
    close: () => controller?.close(),
    /** The client goes away: the body ends with the error Node gives a request cut short. */
    cut: () => controller?.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })),
  }
}

const postStream = (cookie: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  t.request('/api/claim-log/import', {
    method: 'POST',
    cookie,
    headers: { 'content-type': 'text/csv', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)

describe('reading the file off the request thread', () => {
  it('parses a streamed body in a worker thread, kept for the next import', async () => {
    const idle = threadsBeforeImports
    const body = heldBody()
    const answer = postStream(editor, body.stream)
    const file = rowsFile(300, (i, r) => Object.assign(r, { claim_text: `Streamed claim ${i}` }))
    const half = file.length >> 1
    body.push(file.slice(0, half))
    // The body is still open: the worker is already reading it.
    await expect.poll(threads).toBeGreaterThan(idle)
    body.push(file.slice(half))
    body.close()
    const res = await answer
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({ rows: 300, created: { claims: 300 } })
    // The next import runs in the same worker: no thread more.
    const afterFirst = threads()
    const again = await importCsv(t, editor, rowsFile(3))
    expect(again.status, await again.clone().text()).toBe(200)
    expect(threads()).toBe(afterFirst)
  })

  it('refuses a body that declares more than 50 MiB before reading any of it', async () => {
    const before = await counts(t)
    // Never fed and never closed: an answer can only come without reading it.
    const body = heldBody()
    const res = await postStream(editor, body.stream, { 'content-length': String(50 * 1024 * 1024 + 1) })
    expect(res.status).toBe(413)
    expect(((await res.json()) as ImportError).error.code).toBe('payload_too_large')
    expect(await counts(t)).toEqual(before)
  })

  it('stops reading an endless body soon after 50 MiB and answers 413, writing nothing', async () => {
    const before = await counts(t)
    const chunk = new TextEncoder().encode(`${'x'.repeat(64 * 1024 - 2)}\r\n`)
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(new TextEncoder().encode(CLAIM_LOG_CSV_HEADER)),
      pull: (c) => {
        sent += chunk.byteLength
        c.enqueue(chunk)
      },
    })
    const res = await postStream(editor, endless)
    expect(res.status).toBe(413)
    expect(((await res.json()) as ImportError).error.code).toBe('payload_too_large')
    expect(sent).toBeGreaterThan(50 * 1024 * 1024)
    expect(sent).toBeLessThan(51 * 1024 * 1024)
    expect(await counts(t)).toEqual(before)
  })
})

describe('all rows or none', () => {
  it('writes nothing when one row among 1,000 is bad, and names that row', async () => {
    const before = await counts(t)
    const res = await importCsv(
      t,
      editor,
      rowsFile(1000, (i, r) => {
        if (i === 637) r.stated_on = '2025-02-30'
      }),
    )
    expect(res.status).toBe(400)
    const body = (await res.json()) as ImportError
    expect(body.error.code).toBe('validation_failed')
    // The header is line 1, so the 638th row (index 637) is on line 639.
    expect(body.error.details).toEqual([
      { line: 639, column: 'stated_on', message: 'must be a real calendar date' },
    ])
    expect(await counts(t)).toEqual(before)
  })

  it('lists every bad row with its line and column', async () => {
    const before = await counts(t)
    const existing = strikes.claimId
    const res = await importCsv(
      t,
      editor,
      rowsFile(6, (i, r) => {
        if (i === 0) r.claim_id = existing
        if (i === 1) r.claim_text = ''
        if (i === 2) r.appearance_url = 'javascript:alert(1)'
        if (i === 3)
          Object.assign(r, { quantity_value: '12', quantity_unit: '', quantity_qualifier: 'exact' })
        if (i === 4) r.rating = 'pants_on_fire'
      }),
    )
    expect(res.status).toBe(400)
    const details = ((await res.json()) as ImportError).error.details
    expect(details).toEqual([
      { line: 3, column: 'claim_text', message: 'must not be empty' },
      { line: 4, column: 'appearance_url', message: 'must be an http or https URL' },
      { line: 5, column: 'quantity_unit', message: 'a quantity needs value, unit and qualifier' },
      { line: 6, column: 'rating', message: expect.any(String) },
    ])
    // Once the cells are valid, a claim_id that exists is refused: an import never overwrites work.
    const again = await importCsv(
      t,
      editor,
      rowsFile(2, (i, r) => {
        if (i === 1) r.claim_id = existing
      }),
    )
    expect(((await again.json()) as ImportError).error.details).toEqual([
      { line: 3, column: 'claim_id', message: 'already exists' },
    ])
    expect(await counts(t)).toEqual(before)
  })

  it('counts lines inside quoted cells, and refuses a row with the wrong number of cells', async () => {
    const file = `${CLAIM_LOG_CSV_HEADER}${csvLine(['', '', 'D', 'C', 'person', 'two\nlines'])}`
    const res = await importCsv(t, editor, `dispute_title,claimant,claim_text\r\nD,C,"two\nlines"\r\nD,C\r\n`)
    expect(((await res.json()) as ImportError).error.details).toEqual([
      { line: 4, column: '', message: 'has 2 cells where the header has 3' },
    ])
    const short = await importCsv(t, editor, file)
    expect(short.status).toBe(400)
  })

  it('refuses files that are not CSV, have no header or no rows, or unknown columns, in the error shape', async () => {
    for (const body of [
      '"unbalanced,quote\r\n',
      '',
      'dispute_title,claimant,claim_text\r\n',
      'colour,claimant\r\nred,x\r\n',
    ]) {
      const res = await importCsv(t, editor, body)
      const text = await res.text()
      expect(res.status, body).toBe(400)
      expect(errorShapeViolation(res.status, res.headers.get('content-type'), text)).toBeNull()
      const details = (JSON.parse(text) as ImportError).error.details
      expect(details.length).toBeGreaterThan(0)
      for (const d of details)
        expect(d).toEqual({
          line: expect.any(Number),
          column: expect.any(String),
          message: expect.any(String),
        })
    }
  })
})

describe('a dispute’s export, imported again', () => {
  const comparable = (rows: ClaimLogRow[]) =>
    rows.map(({ updatedAt: _, ...rest }) => rest).sort((a, b) => a.claimText.localeCompare(b.claimText))

  it('imports as it is into a database started empty and reproduces the same log', async () => {
    const { text } = await exportCsv(t, editor, `disputeId=${strikes.disputeId}`)
    const original = await allLogRows(t, editor, `disputeId=${strikes.disputeId}`, 50)
    expect(original.length).toBeGreaterThanOrEqual(3)
    const empty = await makeTestApp({ kind: 'empty' })
    const admin = await empty.login('admin')
    expect(await allLogRows(empty, admin, '', 50)).toEqual([])
    const res = await importCsv(empty, admin, text)
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toEqual({
      rows: original.length,
      created: {
        claims: original.length,
        disputes: 1,
        claimants: new Set(original.map((r) => r.claimant)).size,
        verdicts: original.filter((r) => r.verdictStatus !== null).length,
      },
      heldForReview: 0,
      duplicates: [],
      duplicateCount: 0,
      disputes: [
        { id: strikes.disputeId, title: strikes.disputeTitle, claims: original.length, created: true },
      ],
      disputeCount: 1,
      dryRun: false,
    })
    const imported = await allLogRows(empty, admin, '', 50)
    expect(comparable(imported)).toEqual(comparable(original))
    // Its rows are in the log's text filter and in search.
    const hit = await empty.request('/api/search?q=maternity', { cookie: admin })
    const hits = (await hit.json()) as { items: Array<{ kind: string; id: string }> }
    expect(hits.items).toContainEqual(expect.objectContaining({ kind: 'claim', id: strikes.claimId }))
    expect((await allLogRows(empty, admin, 'q=maternity')).map((r) => r.claimId)).toContain(strikes.claimId)
    // Each imported record has its history event.
    const history = await empty.request(`/api/history?entity=claim&id=${strikes.claimId}`, { cookie: admin })
    const events = (await history.json()) as {
      items: Array<{ action: string; entity: string; entityId: string; after: unknown }>
    }
    expect(events.items.map((e) => `${e.entity} ${e.action}`)).toEqual(
      expect.arrayContaining(['claim imported']),
    )
    // The event holds the record as the API shows it, built by the mappers every other write uses.
    const importEvent = events.items.find((e) => e.entity === 'claim' && e.action === 'imported')
    const claimNow = (
      await (await empty.request(`/api/disputes/${strikes.disputeId}`, { cookie: admin })).json()
    ).claims.find((c: { id: string }) => c.id === strikes.claimId)
    const { claimant: _claimant, verdict: _verdict, publicationChanges: _changes, ...claimRecord } = claimNow
    expect(ClaimSchema.strict().parse(importEvent?.after)).toEqual(ClaimSchema.parse(claimRecord))
    expect(
      await rawQuery(
        empty.db,
        `SELECT entity, count(*) AS n FROM history_events WHERE action = 'imported' GROUP BY entity ORDER BY entity`,
      ),
    ).toEqual([
      { entity: 'claim', n: original.length },
      { entity: 'claimant', n: new Set(original.map((r) => r.claimant)).size },
      { entity: 'dispute', n: 1 },
      { entity: 'verdict', n: original.filter((r) => r.verdictStatus !== null).length },
    ])
  })

  it('imports into the same database once claim_id and dispute_id are emptied, joining the dispute by title, when repeats are allowed', async () => {
    const { text } = await exportCsv(t, editor, `disputeId=${strikes.disputeId}`)
    const original = await allLogRows(t, editor, `disputeId=${strikes.disputeId}`, 50)
    const [header, ...records] = parse(text) as string[][]
    const idColumns = [HEADERS.indexOf('claim_id'), HEADERS.indexOf('dispute_id')]
    const emptied =
      csvLine(header ?? []) +
      records.map((r) => csvLine(r.map((cell, i) => (idColumns.includes(i) ? '' : cell)))).join('')
    const before = (await counts(t)) as { claimants: number; disputes: number }
    // Every row repeats a claim of the dispute: refused as a second import of the same file, naming each row.
    const refused = await importCsv(t, editor, emptied)
    expect(refused.status).toBe(400)
    const problems = ((await refused.json()) as ImportError).error.details
    expect(problems.map((p) => p.line)).toEqual(records.map((_, i) => i + 2))
    for (const p of problems) {
      expect(p.column).toBe('claim_text')
      expect(p.message).toMatch(/repeats a claim already on the desk .*allowDuplicates=1/)
    }
    expect(await counts(t)).toEqual(before)
    // A dry run lists them as a warning and writes nothing.
    const dry = await importCsv(t, editor, emptied, 'text/csv', 'dryRun=1')
    expect(dry.status, await dry.clone().text()).toBe(200)
    const dryResult = (await dry.json()) as ClaimLogImportResult
    expect(dryResult).toMatchObject({ dryRun: true, rows: original.length, duplicateCount: original.length })
    expect(new Set(dryResult.duplicates.map((d) => d.claimId))).toEqual(
      new Set(original.map((r) => r.claimId)),
    )
    expect(dryResult.duplicates[0]?.disputeTitle).toBe(strikes.disputeTitle)
    expect(await counts(t)).toEqual(before)
    const res = await importCsv(t, editor, emptied, 'text/csv', 'allowDuplicates=1')
    expect(res.status, await res.clone().text()).toBe(200)
    const publishedRows = original.filter((r) => r.verdictStatus === 'published')
    expect(publishedRows.length).toBeGreaterThan(0)
    const result = (await res.json()) as ClaimLogImportResult
    expect({ ...result, duplicates: [] }).toEqual({
      rows: original.length,
      created: {
        claims: original.length,
        disputes: 0,
        claimants: 0,
        verdicts: original.filter((r) => r.verdictStatus !== null).length,
      },
      heldForReview: publishedRows.length,
      duplicates: [],
      duplicateCount: original.length,
      // Joined by its title: the dispute on the desk, not a new one.
      disputes: [
        { id: strikes.disputeId, title: strikes.disputeTitle, claims: original.length, created: false },
      ],
      disputeCount: 1,
      dryRun: false,
    })
    expect(result.duplicates).toEqual(dryResult.duplicates)
    const after = await allLogRows(t, editor, `disputeId=${strikes.disputeId}`, 50)
    expect(after).toHaveLength(original.length * 2)
    const copies = after.filter((r) => !original.some((o) => o.claimId === r.claimId))
    // An editor's import publishes nothing: what was published arrives in review.
    const held = (r: ClaimLogRow): ClaimLogRow =>
      r.verdictStatus === 'published'
        ? { ...r, verdictStatus: 'in_review', publishedAt: null, publicUrl: null }
        : r
    expect(comparable(copies).map(({ claimId: _, ...r }) => r)).toEqual(
      comparable(original.map(held)).map(({ claimId: _, ...r }) => r),
    )
    const search = await t.request('/api/search?q=maternity&limit=50', { cookie: editor })
    const ids = ((await search.json()) as { items: Array<{ id: string }> }).items.map((h) => h.id)
    for (const copy of copies.filter((c) => c.claimText.includes('maternity')))
      expect(ids).toContain(copy.claimId)
    expect(((await counts(t)) as { claimants: number }).claimants).toBe(before.claimants)
  })

  it('keeps a new claim_id and dispute_id as given, a neutralised cell as it was, and rows’ rating and status (an admin’s import)', async () => {
    const admin = await t.login('admin')
    const claimId = randomUUID()
    const disputeId = randomUUID()
    const file = rowsFile(1, (_, r) =>
      Object.assign(r, {
        claim_id: claimId,
        dispute_id: disputeId,
        dispute_title: '=HYPERLINK("http://x","y")',
        claim_text: '@SUM(1+1)',
        quantity_value: '-3',
        quantity_unit: 'drones',
        quantity_qualifier: 'approx',
        rating: 'false',
        verdict_summary: '+Published long ago',
        verdict_status: 'published',
        published_at: '2020-01-02T03:04:05.000Z',
        supporting_evidence: '2',
        contradicting_evidence: '1',
      }),
    )
    // The file carries the cells as the export writes them: neutralised.
    expect(file).toContain(`"${NEUTRALISING_MARK}=HYPERLINK(""http://x"",""y"")",`)
    expect(file).toContain(`,${NEUTRALISING_MARK}@SUM(1+1),`)
    expect(file).toContain(`,${NEUTRALISING_MARK}-3,`)
    const res = await importCsv(t, admin, file)
    expect(res.status, await res.clone().text()).toBe(200)
    const [row] = await allLogRows(t, editor, `disputeId=${disputeId}`)
    expect(row).toMatchObject({
      claimId,
      disputeId,
      disputeTitle: '=HYPERLINK("http://x","y")',
      claimText: '@SUM(1+1)',
      quantityValue: -3,
      rating: 'false',
      ratingLabel: 'False',
      verdictSummary: '+Published long ago',
      verdictStatus: 'published',
      publishedAt: '2020-01-02T03:04:05.000Z',
      supportingEvidence: 2,
      contradictingEvidence: 1,
      contextEvidence: 0,
      tags: ['imported', 'bulk'],
    })
    // The same file again: that claim exists now.
    const again = await importCsv(t, editor, file)
    expect(((await again.json()) as ImportError).error.details).toEqual([
      { line: 2, column: 'claim_id', message: 'already exists' },
    ])
  })
})

describe('the disputes the rows went to', () => {
  it('lists each with its claims and whether it is new, in the file’s order, in a dry run as in the import', async () => {
    const named = randomUUID()
    const file = rowsFile(5, (i, r) => {
      // Rows 0 and 3 name the seeded dispute by id, under another title: the desk's title is listed.
      if (i === 0 || i === 3)
        Object.assign(r, { dispute_id: strikes.disputeId, dispute_title: 'Another title' })
      // Rows 1 and 4 make one new dispute, the second joining it by title; row 2 a new one with its own id.
      if (i === 1 || i === 4) r.dispute_title = `Listed new dispute ${named}`
      if (i === 2) Object.assign(r, { dispute_id: named, dispute_title: 'Listed by id' })
    })
    const before = await counts(t)
    const dry = await importCsv(t, editor, file, 'text/csv', 'dryRun=1')
    expect(dry.status, await dry.clone().text()).toBe(200)
    const preview = (await dry.json()) as ClaimLogImportResult
    expect(preview.disputes).toEqual([
      { id: strikes.disputeId, title: strikes.disputeTitle, claims: 2, created: false },
      { id: expect.any(String), title: `Listed new dispute ${named}`, claims: 2, created: true },
      { id: named, title: 'Listed by id', claims: 1, created: true },
    ])
    expect(preview.disputeCount).toBe(3)
    expect(await counts(t)).toEqual(before)

    const res = await importCsv(t, editor, file)
    expect(res.status, await res.clone().text()).toBe(200)
    const result = (await res.json()) as ClaimLogImportResult
    expect(result.disputes.map(({ id: _, ...d }) => d)).toEqual(preview.disputes.map(({ id: _, ...d }) => d))
    expect(result.disputeCount).toBe(3)
    // Each listed id is the dispute's, holding the claims counted.
    for (const d of result.disputes) {
      const rows = await allLogRows(t, editor, `disputeId=${d.id}`, 50)
      expect(rows.filter((r) => r.claimText.includes(`of file ${filesMade},`))).toHaveLength(d.claims)
      expect(rows[0]?.disputeTitle).toBe(d.title)
    }
  })

  it('lists the first 1,000 and counts them all', async () => {
    const file = rowsFile(1001, (i, r) => {
      r.dispute_title = `One of many disputes ${filesMade} ${i}`
    })
    const res = await importCsv(t, editor, file, 'text/csv', 'dryRun=1')
    expect(res.status, await res.clone().text()).toBe(200)
    const preview = (await res.json()) as ClaimLogImportResult
    expect(preview.disputeCount).toBe(1001)
    expect(preview.disputes).toHaveLength(1000)
    expect(preview.disputes[999]).toEqual({
      id: expect.any(String),
      title: `One of many disputes ${filesMade} 999`,
      claims: 1,
      created: true,
    })
  })

  it('adds rows to more disputes already on the desk than PostgreSQL holds locks for at once', async () => {
    // PostgreSQL's lock table holds about max_locks_per_transaction (64) × max_connections (100) locks: a
    // lock per dispute's live stream ran out of shared memory with a file that added to 20,000 disputes.
    const disputes = 20_000
    const prefix = `A dispute of its own ${randomUUID().slice(0, 8)}`
    const title = (i: number) => `${prefix} ${i}`
    const first = await importCsv(
      t,
      editor,
      rowsFile(disputes, (i, r) => Object.assign(r, { dispute_title: title(i) })),
    )
    expect(first.status, await first.clone().text()).toBe(200)
    const second = await importCsv(
      t,
      editor,
      rowsFile(disputes, (i, r) =>
        Object.assign(r, { dispute_title: title(i), claim_text: `A later claim ${i}` }),
      ),
    )
    expect(second.status, await second.clone().text()).toBe(200)
    const answer = (await second.json()) as ClaimLogImportResult
    expect(answer.disputeCount).toBe(disputes)
    expect(answer.disputes.every((d) => !d.created)).toBe(true)
    const [row] = await rawQuery<{ n: number | string }>(
      t.db,
      `SELECT count(*) AS n FROM claims c JOIN disputes d ON d.id = c.dispute_id WHERE d.title LIKE $1`,
      [`${prefix} %`],
    )
    expect(Number(row?.n)).toBe(2 * disputes)
  })
})

describe('repeats of claims already on the desk', () => {
  it('knows a claimant by an alias, refuses the same file twice, and a dry run writes nothing', async () => {
    const admin = await t.login('admin')
    const claimant = await t.request('/api/claimants', {
      method: 'POST',
      cookie: admin,
      json: { name: 'Repeat Speaker', kind: 'person', aliases: ['repeat-speaker-alias'] },
    })
    expect(claimant.status).toBe(201)
    const speaker = (await claimant.json()) as { id: string }
    const file = rowsFile(3, (i, row) => {
      row.dispute_title = 'Repeats'
      // Spelled as the alias, with other case and spacing: the same claimant.
      row.claimant = i === 0 ? 'REPEAT SPEAKER ALIAS' : 'Repeat Speaker'
      row.claim_text = `A repeated claim ${i}`
    })
    const first = await importCsv(t, editor, file)
    expect(first.status, await first.clone().text()).toBe(200)
    expect(await first.json()).toMatchObject({ created: { claims: 3, claimants: 0 }, duplicateCount: 0 })
    const claims = (await t
      .request(`/api/claimants/${speaker.id}`, { cookie: editor })
      .then((r) => r.json())) as {
      claims: unknown[]
    }
    expect(claims.claims).toHaveLength(3)

    const before = await counts(t)
    const dry = await importCsv(t, editor, file, 'text/csv', 'dryRun=1')
    expect(dry.status).toBe(200)
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      rows: 3,
      created: { claims: 3, disputes: 0, claimants: 0 },
      duplicateCount: 3,
      duplicates: [2, 3, 4].map((line) => ({ line, disputeTitle: 'Repeats' })),
    })
    expect(await counts(t)).toEqual(before)
    const again = await importCsv(t, editor, file)
    expect(again.status).toBe(400)
    expect(((await again.json()) as ImportError).error.details.map((d) => [d.line, d.column])).toEqual([
      [2, 'claim_text'],
      [3, 'claim_text'],
      [4, 'claim_text'],
    ])
    expect(await counts(t)).toEqual(before)
    // A file whose rows are new is no repeat, even for a known claimant, and a dry run of it is clean too.
    const fresh = rowsFile(1, (_, row) => {
      row.claimant = 'repeat speaker'
      row.claim_text = 'A claim the desk has not heard'
    })
    expect(await (await importCsv(t, editor, fresh, 'text/csv', 'dryRun=1')).json()).toMatchObject({
      dryRun: true,
      duplicates: [],
    })
    expect(await counts(t)).toEqual(before)
  })
})

describe('formulas after leading blanks', () => {
  it('arrive neutralised in the file, are read back as they were, and export to the same cells', async () => {
    const disputeId = randomUUID()
    const values = {
      dispute_title: '\u200b=HYPERLINK("http://x","y")',
      claimant: '\u2060@SUM(1+1)',
      claim_text: '\u200b\u200b+cmd|" /C calc"!A0',
      rating: 'misleading',
      verdict_summary: '\u00a0+1',
      verdict_status: 'draft',
    }
    const summaries = [
      '\u00a0+1',
      '  =HYPERLINK("http://x","y")',
      '\u3000-2',
      '\uFEFF@A1',
      '\t =1',
      '\u2003＝1',
    ]
    const file = rowsFile(summaries.length, (i, r) =>
      Object.assign(r, values, { dispute_id: disputeId, verdict_summary: summaries[i] }),
    )
    // The file carries the cells as the export writes them: neutralised.
    const [, ...fileRecords] = parse(file) as string[][]
    const cellsOf = (records: string[][], header: (typeof HEADERS)[number]) =>
      records.map((r) => r[HEADERS.indexOf(header)])
    for (const header of ['dispute_title', 'claimant', 'claim_text'] as const)
      expect(cellsOf(fileRecords, header)).toEqual(
        summaries.map(() => `${NEUTRALISING_MARK}${values[header]}`),
      )
    expect(cellsOf(fileRecords, 'verdict_summary')).toEqual(summaries.map((v) => `${NEUTRALISING_MARK}${v}`))
    const res = await importCsv(t, editor, file)
    expect(res.status, await res.clone().text()).toBe(200)
    const rows = await allLogRows(t, editor, `disputeId=${disputeId}`, 50)
    expect(rows.map((r) => r.verdictSummary).sort()).toEqual([...summaries].sort())
    for (const row of rows)
      expect(row).toMatchObject({
        disputeTitle: values.dispute_title,
        claimant: values.claimant,
        claimText: values.claim_text,
      })
    // Exported again, each record is the one imported: the round trip changes nothing.
    const [, ...exported] = (await exportCsv(t, editor, `disputeId=${disputeId}`)).records
    for (const header of ['dispute_title', 'claimant', 'claim_text', 'verdict_summary'] as const)
      expect(cellsOf(exported, header).sort()).toEqual(cellsOf(fileRecords, header).sort())
  })
})

describe('imports of past work: who publishes', () => {
  const publishedRow = (claimId: string, publishedAt: string) =>
    rowsFile(1, (_, r) =>
      Object.assign(r, {
        claim_id: claimId,
        dispute_title: 'Archive of the desk',
        claimant: 'Archive claimant',
        claim_text: `An archived claim ${claimId}`,
        rating: 'mostly_false',
        verdict_summary: 'The archive says otherwise.',
        verdict_status: 'published',
        published_at: publishedAt,
      }),
    )
  const verdictOf = async (claimId: string) => {
    const [verdict] = await rawQuery<{
      status: string
      publishedAt: string | null
      importedAt: string | null
      snapshotId: string | null
    }>(
      t.db,
      `SELECT v.status, v.published_at AS "publishedAt", v.imported_at AS "importedAt", v.snapshot_id AS "snapshotId"
       FROM verdicts v WHERE v.claim_id = $1`,
      [claimId],
    )
    if (!verdict) throw new Error(`no verdict for claim ${claimId}`)
    return verdict
  }

  it('an editor’s published row arrives in review, counted in heldForReview, with no public page', async () => {
    const claimId = randomUUID()
    const res = await importCsv(t, editor, publishedRow(claimId, '2021-03-04T05:06:07.000Z'))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({ rows: 1, created: { claims: 1, verdicts: 1 }, heldForReview: 1 })
    expect(await verdictOf(claimId)).toEqual({
      status: 'in_review',
      publishedAt: null,
      importedAt: null,
      snapshotId: null,
    })
    const [row] = await allLogRows(t, editor, `q=${claimId}`)
    expect(row).toMatchObject({ claimId, verdictStatus: 'in_review', publishedAt: null })
    expect((await t.request(`/api/public/verdicts/${claimId}`)).status).toBe(404)
    const feed = await t.request('/api/public/verdicts?limit=500')
    expect(await feed.text()).not.toContain(claimId)
  })

  it('an admin’s published row with published_at is published on that date, marked imported, with its snapshot', async () => {
    const claimId = randomUUID()
    const before = new Date().toISOString()
    const res = await importCsv(t, await t.login('admin'), publishedRow(claimId, '2019-11-12T13:14:15.000Z'))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({ rows: 1, created: { verdicts: 1 }, heldForReview: 0 })
    const verdict = await verdictOf(claimId)
    expect(verdict).toMatchObject({ status: 'published', publishedAt: '2019-11-12T13:14:15.000Z' })
    expect(verdict.importedAt && verdict.importedAt >= before).toBe(true)
    expect(verdict.snapshotId).toEqual(expect.any(String))
    const page = await t.request(`/api/public/verdicts/${claimId}`)
    expect(page.status).toBe(200)
    const review = (await page.json()) as { datePublished: string; claimReviewed: string }
    expect(review.datePublished).toBe('2019-11-12T13:14:15.000Z')
    expect(review.claimReviewed).toBe(`An archived claim ${claimId}`)
    const html = await (await t.request(`/v/${claimId}`)).text()
    expect(html).toContain('from the desk')
  })

  it('an admin’s published row without published_at is held for review too', async () => {
    const claimId = randomUUID()
    const res = await importCsv(t, await t.login('admin'), publishedRow(claimId, ''))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({ rows: 1, heldForReview: 1 })
    expect(await verdictOf(claimId)).toMatchObject({
      status: 'in_review',
      publishedAt: null,
      importedAt: null,
    })
    expect((await t.request(`/api/public/verdicts/${claimId}`)).status).toBe(404)
  })

  it('refuses a withdrawn row, naming it, and writes nothing', async () => {
    const before = await counts(t)
    const res = await importCsv(
      t,
      await t.login('admin'),
      rowsFile(3, (i, r) => {
        if (i === 1) Object.assign(r, { rating: 'false', verdict_status: 'withdrawn' })
      }),
    )
    expect(res.status).toBe(400)
    expect(((await res.json()) as ImportError).error.details).toEqual([
      { line: 3, column: 'verdict_status', message: expect.stringContaining('withdrawn') },
    ])
    expect(await counts(t)).toEqual(before)
  })
})

describe('the search index after an import', () => {
  it('holds each imported claim, claimant and verdict once, and its triggers are back on', async () => {
    const file = rowsFile(30, (i, row) => {
      row.claim_text = `Zephyrine import ${i}`
      row.claimant = `Quillfeather ${i % 3}`
      if (i % 2) {
        row.rating = 'false'
        row.verdict_summary = `Marzipanic verdict ${i}`
        row.verdict_status = 'draft'
      }
    })
    const res = await importCsv(t, editor, file)
    expect(res.status, await res.clone().text()).toBe(200)
    if (engineOf(t.db) === 'sqlite') {
      // SQLite's FTS5 index: one reference and one document per record, and the bulk-load flag gone with
      // the import's transaction, so the insert triggers index the next writes.
      const indexed = async (kind: string, like: string, column: string, table: string) =>
        rawQuery(
          t.db,
          `SELECT count(*) AS refs, count(DISTINCT r.ref_id) AS records, count(s.rowid) AS documents
           FROM search_refs r JOIN ${table} x ON x.id = r.ref_id LEFT JOIN search_index s ON s.rowid = r.id
           WHERE r.kind = $1 AND x.${column} LIKE $2`,
          [kind, like],
        )
      expect(await indexed('claim', 'Zephyrine import %', 'text', 'claims')).toEqual([
        { refs: 30, records: 30, documents: 30 },
      ])
      expect(await indexed('claimant', 'Quillfeather %', 'name', 'claimants')).toEqual([
        { refs: 3, records: 3, documents: 3 },
      ])
      expect(await indexed('verdict', 'Marzipanic verdict %', 'summary', 'verdicts')).toEqual([
        { refs: 15, records: 15, documents: 15 },
      ])
      expect(await rawQuery(t.db, 'SELECT count(*) AS n FROM search_bulk')).toEqual([{ n: 0 }])
    }
    // Search finds each imported record once, on either engine.
    for (const [q, kind, n] of [
      ['Zephyrine', 'claim', 30],
      ['Quillfeather', 'claimant', 3],
    ] as const) {
      const found = await t.request(`/api/search?q=${q}&limit=50`, { cookie: editor })
      const items = ((await found.json()) as { items: Array<{ kind: string; id: string }> }).items
      const ids = items.filter((h) => h.kind === kind).map((h) => h.id)
      expect(ids, q).toHaveLength(n)
      expect(new Set(ids).size, q).toBe(n)
    }
    const search = await t.request('/api/search?q=Marzipanic&limit=50', { cookie: editor })
    const hits = (await search.json()) as { items: Array<{ kind: string }> }
    expect(hits.items.filter((h) => h.kind === 'verdict')).toHaveLength(15)
  })
})

/** Every table of the database, each as a digest of its rows (a session's last-seen stamp aside). */
async function everyTable(tt: TestApp): Promise<Record<string, string>> {
  const tables = await tableRows(tt.db, { dropColumns: { sessions: ['last_seen_at'] } })
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => {
      const digest = createHash('sha256')
      for (const row of rows) digest.update(row)
      return [name, `${rows.length} ${digest.digest('hex')}`]
    }),
  )
}

describe('the import writes from its worker, in one transaction', () => {
  // Whether another connection (the import's) holds a write transaction open. SQLite: a second connection
  // to the same file that never waits fails BEGIN IMMEDIATE while another holds the write lock.
  // PostgreSQL: another session's transaction has written (it has a transaction id) and not ended.
  let probe: Database.Database | undefined
  beforeAll(() => {
    if (engineOf(t.db) === 'sqlite') probe = new Database(t.database.databasePath, { timeout: 0 })
  })
  afterAll(() => probe?.close())
  const writeLockHeld = async () => {
    if (!probe) {
      const [row] = await rawQuery<{ held: boolean }>(
        t.db,
        `SELECT exists (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
           AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL) AS held`,
      )
      return row?.held
    }
    try {
      probe.exec('BEGIN IMMEDIATE')
      probe.exec('ROLLBACK')
      return false
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return true
      throw error
    }
  }

  it('makes a write sent meanwhile wait until it ends, then the write succeeds; reads go on', async () => {
    const body = heldBody()
    const answer = postStream(editor, body.stream)
    const file = rowsFile(2500, (i, r) => Object.assign(r, { claim_text: `Written beside a write ${i}` }))
    const cut = file.indexOf('\r\n', file.length >> 1) + 2
    body.push(file.slice(0, cut))
    await expect.poll(writeLockHeld, { timeout: 20_000 }).toBe(true)

    const title = `Made during an import ${randomUUID()}`
    const answered: string[] = []
    const write = t
      .request('/api/disputes', {
        method: 'POST',
        cookie: editor,
        json: { title, question: 'Does it wait?' },
      })
      .then((res) => {
        answered.push('write')
        return res
      })
    const signIn = t
      .request('/api/auth/login', { method: 'POST', json: TEST_ACCOUNTS.checker })
      .then((res) => {
        answered.push('sign-in')
        return res
      })
    // Reads are answered while the import holds the database; the write and the sign-in are not.
    expect((await t.request('/api/health')).status).toBe(200)
    expect((await t.request('/api/disputes?limit=5', { cookie: editor })).status).toBe(200)
    expect(answered).toEqual([])
    expect(await writeLockHeld()).toBe(true)
    expect(await rawQuery(t.db, 'SELECT count(*) AS n FROM disputes WHERE title = $1', [title])).toEqual([
      { n: 0 },
    ])

    body.push(file.slice(cut))
    body.close()
    const res = await answer
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({ rows: 2500, created: { claims: 2500 } })
    const made = await write
    expect(made.status, await made.clone().text()).toBe(201)
    expect(((await made.json()) as { title: string }).title).toBe(title)
    expect((await signIn).status).toBe(200)
    expect(await writeLockHeld()).toBe(false)
  })

  it('leaves every table as it was when the file fails after batches were written, or the client goes away', async () => {
    const before = await everyTable(t)
    const late = (change: (i: number, r: Record<string, string>) => void) =>
      rowsFile(2600, (i, r) => {
        r.claim_text = `Never kept ${i}`
        change(i, r)
      })
    const dup = randomUUID()
    const refusals: Array<[string, Array<{ line: number; column: string; message: string }>]> = [
      [
        late((i, r) => {
          if (i === 2400) r.stated_on = '2025-02-30'
        }),
        [{ line: 2402, column: 'stated_on', message: 'must be a real calendar date' }],
      ],
      [
        late((i, r) => {
          if (i === 2300) r.claim_id = strikes.claimId
        }),
        [{ line: 2302, column: 'claim_id', message: 'already exists' }],
      ],
      [
        late((i, r) => {
          if (i === 100 || i === 2100) r.claim_id = dup
        }),
        [{ line: 2102, column: 'claim_id', message: 'appears twice in the file (first on line 102)' }],
      ],
    ]
    for (const [file, details] of refusals) {
      const res = await importCsv(t, editor, file)
      expect(res.status).toBe(400)
      expect(((await res.json()) as ImportError).error.details).toEqual(details)
      expect(await everyTable(t)).toEqual(before)
    }

    // The client goes away after two batches were written.
    const body = heldBody()
    const answer = postStream(editor, body.stream)
    const file = late(() => {})
    body.push(file.slice(0, file.indexOf('\r\n', Math.floor(file.length * 0.9)) + 2))
    await expect.poll(writeLockHeld, { timeout: 20_000 }).toBe(true)
    body.cut()
    expect((await answer).status).toBe(400)
    expect(await writeLockHeld()).toBe(false)
    expect(await everyTable(t)).toEqual(before)

    // A file too slow to arrive is refused once its time is up; the gate opens again.
    const gate = new WriteGate()
    const slow = heldBody()
    slow.push(rowsFile(10))
    const [editorUser] = await rawQuery<{ id: string; email: string; name: string; role: 'editor' }>(
      t.db,
      'SELECT id, email, name, role FROM users WHERE email = $1',
      [TEST_ACCOUNTS.editor.email],
    )
    if (!editorUser) throw new Error('the seeded editor is missing')
    await expect(
      importClaimLog({ db: t.db, actor: editorUser, now: new Date().toISOString() }, slow.stream, {
        maxBytes: CSV_LIMIT,
        gate,
        timeLimitMs: 200,
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('more than 0.2 s'),
    })
    expect(gate.isOpen).toBe(true)
    expect(await writeLockHeld()).toBe(false)
    expect(await everyTable(t)).toEqual(before)
  })
})

describe('quantities in the file', () => {
  const launched = {
    measure: 'drones launched',
    value: 300,
    valueMax: null,
    qualifier: 'at_least',
    unit: 'drones',
    periodFrom: '2025-06-09',
    periodTo: '2025-06-10',
    place: 'Ukraine',
  }
  const missiles = {
    ...launched,
    measure: 'missiles launched',
    value: 7,
    qualifier: 'exact',
    unit: 'missiles',
  }

  /** The quantities of the imported claim whose text is `text`, from the JSON log. */
  const quantitiesOf = async (tt: TestApp, cookie: string, text: string) =>
    (await allLogRows(tt, cookie, '', 100)).find((r) => r.claimText === text)?.quantities

  it('export the first in the older three columns and the whole list as JSON; an import keeps the list', async () => {
    const dispute = (await (
      await t.request('/api/disputes', {
        method: 'POST',
        json: { title: 'Counted', question: 'How many?' },
        cookie: editor,
      })
    ).json()) as { id: string }
    const claimant = (await (
      await t.request('/api/claimants', {
        method: 'POST',
        json: { name: 'Counter', kind: 'military' },
        cookie: editor,
      })
    ).json()) as { id: string }
    const text = 'Over 300 drones and seven missiles were launched'
    const res = await t.request(`/api/disputes/${dispute.id}/claims`, {
      method: 'POST',
      json: { claimantId: claimant.id, text, quantities: [launched, missiles] },
      cookie: editor,
    })
    expect(res.status).toBe(201)
    const { text: csv, records } = await exportCsv(t, editor, `disputeId=${dispute.id}`)
    const [header, row] = records
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1]
    expect([cell('quantity_value'), cell('quantity_unit'), cell('quantity_qualifier')]).toEqual([
      '300',
      'drones',
      'at_least',
    ])
    expect(JSON.parse(cell('quantities') ?? '')).toEqual([launched, missiles])
    expect(header?.at(-1)).toBe('quantities')
    expect((await quantitiesOf(t, editor, text)) ?? []).toEqual([launched, missiles])

    const empty = await makeTestApp({ kind: 'empty' })
    const admin = await empty.login('admin')
    const imported = await importCsv(empty, admin, csv)
    expect(imported.status, await imported.clone().text()).toBe(200)
    expect(await quantitiesOf(empty, admin, text)).toEqual([launched, missiles])
  })

  it('read the older three columns in files without the new one, and the list wins where both are given', async () => {
    const older = [
      'dispute_title,claimant,claim_text,quantity_value,quantity_unit,quantity_qualifier',
      'Older file,Older claimant,An older file’s claim of 479 drones,479,drones,exact',
      '',
    ].join('\r\n')
    expect((await importCsv(t, editor, older)).status).toBe(200)
    expect(await quantitiesOf(t, editor, 'An older file’s claim of 479 drones')).toEqual([
      {
        ...launched,
        measure: 'drones',
        value: 479,
        qualifier: 'exact',
        periodFrom: null,
        periodTo: null,
        place: null,
      },
    ])
    const both = rowsFile(2, (i, r) => {
      Object.assign(r, { quantity_value: '12', quantity_unit: 'rockets', quantity_qualifier: 'exact' })
      if (i === 0) r.quantities = JSON.stringify([missiles])
    })
    expect((await importCsv(t, editor, both)).status).toBe(200)
    const rows = (await allLogRows(t, editor, '', 100)).filter((r) =>
      r.claimText.endsWith(`of file ${filesMade}, with "quotes"`),
    )
    expect(rows.map((r) => r.quantities.map((q) => q.unit)).sort()).toEqual([['missiles'], ['rockets']])
  })

  it('refuse a bad list, naming the line, the column and which quantity', async () => {
    const before = await counts(t)
    const res = await importCsv(
      t,
      editor,
      rowsFile(4, (i, r) => {
        if (i === 1) r.quantities = '[{"measure":'
        if (i === 2) r.quantities = JSON.stringify([missiles, { ...launched, measure: ' ' }])
        if (i === 3) r.quantities = JSON.stringify([{ ...launched, periodFrom: '2025-06-11' }])
      }),
    )
    expect(res.status).toBe(400)
    expect(((await res.json()) as ImportError).error.details).toEqual([
      {
        line: 3,
        column: 'quantities',
        message: 'must be a JSON list of quantities, as the export writes it',
      },
      { line: 4, column: 'quantities', message: 'quantity 2, what is counted: must not be empty' },
      {
        line: 5,
        column: 'quantities',
        message: 'quantity 1, end of the period: must not be before the start of the period',
      },
    ])
    expect(await counts(t)).toEqual(before)
  })
})
