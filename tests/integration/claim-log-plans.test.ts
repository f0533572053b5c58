// SQLite's own query plans for the claim log (EXPLAIN QUERY PLAN, and the FTS5 plan thresholds): run on
// SQLite only (vite.config.ts); the answers they must agree with are claim-log.test.ts's, on both engines.
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
import { allLogRows, expectedCells, exportCsv, restoredCells } from '../support/claim-log.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let dispute: { id: string }
let claimant: { id: string }

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('editor')
  const post = async (path: string, json: unknown) => {
    const res = await t.request(path, { method: 'POST', cookie, json })
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  claimant = await post('/api/claimants', { name: 'A claimant of the plans', kind: 'person' })
  dispute = await post('/api/disputes', {
    title: 'The plans',
    question: 'Which index does the log read?',
    tags: ['export'],
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
