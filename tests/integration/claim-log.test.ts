import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  claimLogPlan,
  claimLogSql,
  FTS_CHECK_FROM,
  FTS_SCAN_FROM,
  sqliteClient,
  TAG_SCAN_FROM,
} from '../../packages/db/src/index.ts'
import { CSV_BOM } from '../../packages/domain/src/index.ts'
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
    expect(hyperlink?.[text]).toBe(`'${HYPERLINK}`)
    expect(hyperlink?.[HEADERS.indexOf('dispute_title')]).toBe(`'=cmd|"/C calc"!A0, the export test`)
    expect(hyperlink?.[HEADERS.indexOf('quantity_value')]).toBe("'-12.5")
    expect(hyperlink?.[HEADERS.indexOf('verdict_summary')]).toBe(`'@SUM(A1), "quoted"\nand a second line`)
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

describe('the claim log’s query plans', () => {
  it('use an index for every filter and for the order', async () => {
    const filters = [
      {},
      { disputeId: 'x' },
      { claimantId: 'x' },
      { rating: 'false' as const },
      { status: 'draft' as const },
      { from: '2025-01-01' },
      { to: '2025-01-01' },
      { tag: 'x' },
      { fts: '"maternity"' },
    ]
    for (const filter of filters) {
      for (const withCursor of [false, true]) {
        const plan = await claimLogPlan(t.db, filter, withCursor)
        const label = `${JSON.stringify(filter)} cursor=${withCursor}: ${plan.join(' | ')}`
        // Every read of the claims table goes through an index; none is a full scan.
        expect(
          plan.filter((d) => /\b(SCAN|SEARCH) c\b/.test(d)).every((d) => /INDEX|PRIMARY KEY/.test(d)),
          label,
        ).toBe(true)
        expect(
          plan.some((d) => /^SCAN (d|p|v|dispute_tags|search_refs|x)\b/.test(d) && !/INDEX/.test(d)),
          label,
        ).toBe(false)
        // A date range, a tag (many disputes' index ranges) or a text match finds its rows through an
        // index and sorts just those; every other filter reads its index already in the log's order.
        const sortsAfter = 'from' in filter || 'to' in filter || 'tag' in filter || 'fts' in filter
        if (!sortsAfter)
          expect(
            plan.some((d) => d.includes('TEMP B-TREE FOR ORDER BY')),
            label,
          ).toBe(false)
      }
    }
  })
})

describe('a tag on many disputes', () => {
  it('walks the log’s order instead of sorting every tagged claim, and still agrees with the CSV', async () => {
    const insert = sqliteClient(t.db).prepare(
      `INSERT INTO disputes (id, title, question, tags, created_at, updated_at) VALUES (?, ?, 'Q?', '["many"]', ?, ?)`,
    )
    const tag = sqliteClient(t.db).prepare(`INSERT INTO dispute_tags (dispute_id, tag) VALUES (?, 'many')`)
    const ids: string[] = []
    for (let i = 0; i < TAG_SCAN_FROM; i++) {
      const id = randomUUID()
      ids.push(id)
      insert.run(id, `Tagged dispute ${i}`, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')
      tag.run(id)
    }
    for (const id of ids.slice(0, 3)) {
      const res = await t.request(`/api/disputes/${id}/claims`, {
        method: 'POST',
        cookie,
        json: { text: `A claim in ${id}`, claimantId: claimant.id },
      })
      expect(res.status).toBe(201)
    }
    const plan = await claimLogPlan(t.db, { tag: 'many' })
    expect(plan.join(' | ')).toMatch(/SCAN c USING INDEX claims_log_order_idx/)
    expect(plan.some((d) => d.includes('TEMP B-TREE FOR ORDER BY'))).toBe(false)
    const json = await allLogRows(t, cookie, 'tag=many', 2)
    expect(json).toHaveLength(3)
    const { records } = await exportCsv(t, cookie, 'tag=many')
    expect(records.slice(1).map(restoredCells)).toEqual(json.map(expectedCells))
  })
})

describe('a text filter on many records', () => {
  it('gives the same rows in the same order and pages under each of its three plans', () => {
    const run = (
      key: 'fts' | 'ftsScan' | 'ftsCheck',
      fts: string,
      cursor: unknown[] | null,
      limit: number | null,
    ) => {
      const sql = claimLogSql(new Set([key]), { cursor: cursor !== null, limit: limit !== null })
      const page = cursor ? { cursorAt: cursor[21], cursorId: cursor[0] } : {}
      return sqliteClient(t.db)
        .prepare(sql)
        .raw(true)
        .all({ fts, ...page, ...(limit === null ? {} : { limit }) }) as unknown[][]
    }
    // Claim text, a verdict's words, a claimant's name, and words nothing holds.
    for (const fts of [
      '"maternity"',
      '"kiper"',
      '"hospital" "maternity"',
      '"matern"*',
      '"export"',
      '"zzqx"',
    ]) {
      const all = run('fts', fts, null, null)
      for (const key of ['ftsScan', 'ftsCheck'] as const) {
        expect(run(key, fts, null, null), `${key} ${fts}`).toEqual(all)
        const paged: unknown[][] = []
        let cursor: unknown[] | null = null
        for (;;) {
          const rows = run(key, fts, cursor, 2)
          paged.push(...rows)
          cursor = rows.at(-1) ?? null
          if (rows.length < 2) break
        }
        expect(paged, `${key} ${fts} paged`).toEqual(all)
      }
    }
    expect(run('fts', '"maternity"', null, null).length).toBeGreaterThan(0)
    expect(run('fts', '"kiper"', null, null).length).toBeGreaterThan(0)
  })

  it('walks the log’s order once a word is on many records, and the JSON pages still agree with the CSV', async () => {
    // Claimants named with a word, most of them without claims: many index records, few claims.
    const insert = sqliteClient(t.db).prepare(
      `INSERT INTO claimants (id, name, kind, created_at, updated_at) VALUES (?, ?, 'person', '2025-01-01', '2025-01-01')`,
    )
    const named = (word: string, n: number) =>
      sqliteClient(t.db).transaction(() => {
        const ids: string[] = []
        for (let i = 0; i < n; i++) {
          const id = randomUUID()
          ids.push(id)
          insert.run(id, `${word} ${i}`)
        }
        return ids
      })()
    for (const [word, n, plan] of [
      ['Moderately', FTS_SCAN_FROM, /\+c\.id IN|LIST SUBQUERY/],
      ['Plentifully', FTS_CHECK_FROM, /CORRELATED SCALAR SUBQUERY/],
    ] as const) {
      const ids = named(word, n)
      for (const id of ids.slice(0, 2)) {
        const res = await t.request(`/api/disputes/${dispute.id}/claims`, {
          method: 'POST',
          cookie,
          json: { text: `Said by a ${word.toLowerCase()} named claimant`, claimantId: id },
        })
        expect(res.status).toBe(201)
      }
      const steps = await claimLogPlan(t.db, { fts: `"${word.toLowerCase()}"` }, true)
      expect(steps.join(' | '), word).toMatch(/SEARCH c USING INDEX claims_log_order_idx/)
      expect(steps.join(' | '), word).toMatch(plan)
      // The outer order comes from the index (the collected set's UNION may sort inside its subquery).
      expect(steps.at(-1), word).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
      const json = await allLogRows(t, cookie, `q=${word}`, 1)
      expect(json).toHaveLength(2)
      const { records } = await exportCsv(t, cookie, `q=${word}`)
      expect(records.slice(1).map(restoredCells)).toEqual(json.map(expectedCells))
    }
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
    expect(imp.security).toEqual([{ session: [] }])
    expect(doc.paths['/api/claim-log'].get.operationId).toBe('listClaimLog')
    expect(doc.paths['/api/search'].get.operationId).toBe('search')
  })
})
