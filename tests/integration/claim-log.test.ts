import { beforeAll, describe, expect, it } from 'vitest'
import { CSV_BOM, NEUTRALISING_MARK } from '../../packages/domain/src/index.ts'
import type { ClaimLogRow } from '../../packages/shared/src/index.ts'
import { allLogRows, expectedCells, exportCsv, HEADERS, restoredCells } from '../support/claim-log.ts'
import { errorShapeViolation } from '../support/error-shape.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let dispute: { id: string }
let claimant: { id: string }
const HYPERLINK = '=HYPERLINK("http://x","y")'
const AWKWARD = 'Він сказав: "так, 300 дронів",\r\nа потім — ні 🚀👩‍👩‍👧; @home, +1, -2'

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('editor')
  const post = async (path: string, json: unknown) => {
    const res = await t.request(path, { method: 'POST', cookie, json })
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  claimant = await post('/api/claimants', { name: 'Олег "Кіпер", Odesa', kind: 'government' })
  dispute = await post('/api/disputes', {
    title: '=cmd|"/C calc"!A0, the export test',
    question: 'Does the export keep every character?',
    tags: ['export', 'україна'],
  })
  const first = await post(`/api/disputes/${dispute.id}/claims`, {
    text: HYPERLINK,
    claimantId: claimant.id,
    statedOn: '2025-06-01',
    quantity: { value: -12.5, unit: 'drones, "shahed"', qualifier: 'at_least' },
  })
  await post(`/api/disputes/${dispute.id}/claims`, {
    text: AWKWARD,
    claimantId: claimant.id,
    statedOn: '2025-06-20',
    appearanceUrl: 'https://example.org/a?b=1,2',
  })
  const draft = await t.request(`/api/claims/${first.id}/verdict`, {
    method: 'PUT',
    cookie,
    json: { rating: 'false', summary: '@SUM(A1), "quoted"\nand a second line' },
  })
  expect(draft.status).toBe(201)
})

describe('GET /api/claim-log', () => {
  it('answers one row per claim with the issue’s fields, newest activity first', async () => {
    const res = await t.request('/api/claim-log?limit=500', { cookie })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { items: ClaimLogRow[]; nextCursor: string | null }
    expect(body.nextCursor).toBeNull()
    expect(body.items.length).toBeGreaterThanOrEqual(2)
    expect(Object.keys(body.items[0] ?? {})).toEqual(
      HEADERS.map((h) => h.replace(/_([a-z])/g, (_, c) => c.toUpperCase())),
    )
    const keys = body.items.map((r) => [r.updatedAt, r.claimId].join(' '))
    expect(keys).toEqual([...keys].sort().reverse())
    const hyperlink = body.items.find((r) => r.claimText === HYPERLINK)
    expect(hyperlink).toMatchObject({
      disputeId: dispute.id,
      claimant: 'Олег "Кіпер", Odesa',
      claimantKind: 'government',
      quantityValue: -12.5,
      quantityUnit: 'drones, "shahed"',
      quantityQualifier: 'at_least',
      rating: 'false',
      ratingLabel: 'False',
      verdictStatus: 'draft',
      publishedAt: null,
      tags: ['export', 'україна'],
    })
  })

  it('pages with a cursor through the same rows as one big page', async () => {
    const paged = await allLogRows(t, cookie, '', 2)
    const res = await t.request('/api/claim-log?limit=500', { cookie })
    expect(paged).toEqual(((await res.json()) as { items: ClaimLogRow[] }).items)
  })

  it('refuses bad filters and cursors in the error shape', async () => {
    for (const path of [
      '/api/claim-log?rating=great',
      '/api/claim-log?from=2025-13-01',
      '/api/claim-log?cursor=xyz',
    ]) {
      const res = await t.request(path, { cookie })
      expect(res.status, path).toBe(400)
      expect(errorShapeViolation(res.status, res.headers.get('content-type'), await res.text())).toBeNull()
    }
  })

  it('is for signed-in users only, JSON and CSV alike', async () => {
    for (const path of ['/api/claim-log', '/api/claim-log.csv']) {
      const res = await t.request(path)
      expect(res.status).toBe(401)
      expect(errorShapeViolation(res.status, res.headers.get('content-type'), await res.text())).toBeNull()
    }
  })
})

describe('GET /api/claim-log.csv', () => {
  it('streams an attachment with a dated file name and a header row', async () => {
    const res = await t.request('/api/claim-log.csv', { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="claim-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(res.headers.get('content-disposition')).toContain(new Date().toISOString().slice(0, 10))
    // A stream of unknown length, not a buffered file.
    expect(res.body).toBeInstanceOf(ReadableStream)
    expect(res.headers.get('content-length')).toBeNull()
    const reader = res.body?.getReader()
    const first = await reader?.read()
    expect(new TextDecoder().decode(first?.value).split('\r\n')[0]).toBe(HEADERS.join(','))
    await reader?.cancel()
  })

  it('adds a byte-order mark with ?bom=1 and none without', async () => {
    const withBom = await t.request('/api/claim-log.csv?bom=1', { cookie })
    const bytes = new Uint8Array(await withBom.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).startsWith(`${CSV_BOM}claim_id,`),
    ).toBe(true)
    const plain = new Uint8Array(await (await t.request('/api/claim-log.csv', { cookie })).arrayBuffer())
    expect([...plain.slice(0, 3)]).toEqual([...new TextEncoder().encode('cla')])
  })

  it('neutralises the =HYPERLINK claim and gives every other text back exactly', async () => {
    const { records } = await exportCsv(t, cookie, `disputeId=${dispute.id}`)
    const [header, ...rows] = records
    expect(header).toEqual(HEADERS)
    const text = HEADERS.indexOf('claim_text')
    const hyperlink = rows.find((r) => r[text]?.includes('HYPERLINK'))
    expect(hyperlink?.[text]).toBe(`${NEUTRALISING_MARK}${HYPERLINK}`)
    expect(hyperlink?.[HEADERS.indexOf('dispute_title')]).toBe(
      `${NEUTRALISING_MARK}=cmd|"/C calc"!A0, the export test`,
    )
    expect(hyperlink?.[HEADERS.indexOf('quantity_value')]).toBe(`${NEUTRALISING_MARK}-12.5`)
    expect(hyperlink?.[HEADERS.indexOf('verdict_summary')]).toBe(
      `${NEUTRALISING_MARK}@SUM(A1), "quoted"\nand a second line`,
    )
    const awkward = rows.find((r) => r[text]?.startsWith('Він'))
    expect(awkward?.[text]).toBe(AWKWARD)
    expect(awkward?.[HEADERS.indexOf('claimant')]).toBe('Олег "Кіпер", Odesa')
    expect(awkward?.[HEADERS.indexOf('tags')]).toBe('export україна')
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n\0＝＋－＠]/)
  })

  it('agrees with the JSON log row for row under every filter', async () => {
    const all = await allLogRows(t, cookie, '', 500)
    const seeded = all.find((r) => r.verdictStatus === 'published') ?? all[0]
    if (!seeded) throw new Error('no rows')
    const filters = [
      '',
      `disputeId=${dispute.id}`,
      `claimantId=${claimant.id}`,
      'rating=false',
      'rating=misleading',
      'status=draft',
      'status=published',
      'from=2025-06-10',
      'to=2025-06-10',
      'from=2025-06-02&to=2025-06-30',
      'tag=export',
      'tag=UKRAINE',
      'q=maternity',
      'q=Кіпер',
      'q=hyperlink',
      `q=maternity&status=${seeded.verdictStatus ?? 'draft'}`,
      `tag=ukraine&from=2025-06-01&claimantId=${seeded.claimId}`,
    ]
    let nonEmpty = 0
    for (const filter of filters) {
      const json = await allLogRows(t, cookie, filter, 3)
      const { res, records } = await exportCsv(t, cookie, filter)
      expect(res.status, filter).toBe(200)
      const [header, ...rows] = records
      expect(header, filter).toEqual(HEADERS)
      expect(rows.map(restoredCells), filter).toEqual(json.map(expectedCells))
      if (json.length) nonEmpty++
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(filters.length - 2)
  })

  it('filters as the issue says', async () => {
    const byDispute = await allLogRows(t, cookie, `disputeId=${dispute.id}`)
    expect(byDispute.map((r) => r.claimText).sort()).toEqual([AWKWARD, HYPERLINK].sort())
    expect(
      (await allLogRows(t, cookie, 'from=2025-06-02&to=2025-06-30')).every(
        (r) => (r.statedOn ?? '') >= '2025-06-02' && (r.statedOn ?? '') <= '2025-06-30',
      ),
    ).toBe(true)
    expect((await allLogRows(t, cookie, 'tag=export')).map((r) => r.disputeId)).toEqual([
      dispute.id,
      dispute.id,
    ])
    expect((await allLogRows(t, cookie, 'status=draft')).every((r) => r.verdictStatus === 'draft')).toBe(true)
    expect((await allLogRows(t, cookie, 'q=maternity')).some((r) => r.claimant === 'Oleg Kiper')).toBe(true)
  })
})

describe('the OpenAPI document', () => {
  it('describes the claim-log and search routes, the CSV ones as text/csv', async () => {
    const doc = await (await t.request('/api/openapi.json')).json()
    const csv = doc.paths['/api/claim-log.csv'].get
    expect(csv.operationId).toBe('exportClaimLog')
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv'])
    const imp = doc.paths['/api/claim-log/import'].post
    expect(Object.keys(imp.requestBody.content)).toEqual(['text/csv'])
    expect(imp.security).toEqual([{ session: [] }, { bearer: [] }])
    expect(doc.paths['/api/claim-log'].get.operationId).toBe('listClaimLog')
    expect(doc.paths['/api/search'].get.operationId).toBe('search')
  })
})
