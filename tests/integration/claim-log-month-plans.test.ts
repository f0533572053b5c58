// The claim log's index paths on both engines (docs/decisions/0003-claim-log-hot-paths.md, "Date ranges
// and pairs"): a date range's page merges walks of its months on claims_stated_month_idx instead of
// sorting the range, a sharper filter's index drives a pair, and every such page answers what the
// whole log filtered here does, page by page and in the CSV. PostgreSQL plans from statistics: the
// claims are inserted in bulk and analyzed, as the import does after a large file.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type ClaimLogSqlFilters,
  chooseClaimLogStatement,
  claimLogPlan,
  engineOf,
  insertBatched,
  isSqlite,
  rawQuery,
  tables,
} from '../../packages/db/src/index.ts'
import { fullTextQuery } from '../../packages/domain/src/index.ts'
import type { ClaimLogRow } from '../../packages/shared/src/index.ts'
import { allLogRows, expectedCells, exportCsv, restoredCells } from '../support/claim-log.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
const DISPUTES = 40
const CLAIMS = 6000
const RATINGS = ['false', 'mostly_false', 'mixed', 'mostly_true', 'true'] as const
const disputeId = (i: number) => `month-plans-dispute-${String(i).padStart(3, '0')}`

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('editor')
  const at = '2025-01-01T00:00:00.000Z'
  await insertBatched(
    t.db,
    tables.disputes,
    Array.from({ length: DISPUTES }, (_, i) => ({
      id: disputeId(i),
      title: `Dispute of the month plans ${i}`,
      question: 'When was it said?',
      tags: i < 3 ? ['monthly'] : [],
      createdAt: at,
      updatedAt: at,
    })),
  )
  await insertBatched(
    t.db,
    tables.disputeTags,
    [0, 1, 2].map((i) => ({ disputeId: disputeId(i), tag: 'monthly' })),
  )
  // A year of stated dates, each claim active a few days after it was said (as a desk's claims are),
  // some without a date; ratings and statuses on some.
  const start = Date.parse('2019-01-01T00:00:00Z')
  const rows = Array.from({ length: CLAIMS }, (_, i) => {
    const said = start + Math.floor((i / CLAIMS) * 366 * 86_400_000)
    const active = new Date(said + ((i * 7919) % 9) * 86_400_000 + i * 1000).toISOString()
    return {
      id: `month-plans-claim-${String(i).padStart(5, '0')}`,
      disputeId: disputeId((i * 31) % DISPUTES),
      text: `Claim ${i} of the month plans${i % 97 === 0 ? ' about quinceberries' : ''}`,
      statedOn: i % 20 === 0 ? null : day(said),
      verdictRating: i % 3 === 0 ? RATINGS[i % RATINGS.length] : null,
      verdictStatus: i % 3 === 0 ? ('published' as const) : null,
      activityAt: active,
      createdAt: active,
      updatedAt: active,
    }
  })
  await insertBatched(t.db, tables.claims, rows)
  if (!isSqlite(t.db)) await rawQuery(t.db, 'ANALYZE claims, disputes, dispute_tags, claimants, verdicts')
})

// A page's plan never sorts: on SQLite no temp B-tree orders the rows; on PostgreSQL a Limit tops
// index scans (merged in order where there are month walks) and no Sort node is there, except, where
// `fewOnPostgres`, over the rows one value of an index finds (a dispute's, a week's), which
// PostgreSQL's statistics of this small desk rightly count as few enough to sort.
function expectOrderFromIndexes(plan: string[], label: string, index: RegExp, fewOnPostgres = false): void {
  const text = plan.join('\n')
  if (isSqlite(t.db)) {
    expect(
      plan.some((line) => line.includes('USE TEMP B-TREE FOR ORDER BY')),
      `${label}\n${text}`,
    ).toBe(false)
    expect(
      plan.filter((line) => /\b(SCAN|SEARCH) c\b/.test(line)).every((line) => index.test(line)),
      `${label}\n${text}`,
    ).toBe(true)
  } else {
    expect(plan[0], `${label}\n${text}`).toMatch(/^Limit/)
    if (!fewOnPostgres)
      expect(
        plan.some((line) => /^\s*(->\s+)?(Incremental )?Sort\b(?! Key)/.test(line)),
        `${label}\n${text}`,
      ).toBe(false)
    // Every read of the claims goes through an index (a bitmap scan names it on the line below).
    expect(
      plan.some((line) => /Seq Scan on claims c\b/.test(line)),
      `${label}\n${text}`,
    ).toBe(false)
    expect(text, label).toMatch(index)
  }
}

const MONTHS = /claims_stated_month_idx/
// A week's claims, and a month's of one rating or status (a bitmap of both indexes), are few here.
const fewOnPostgres = (filters: ClaimLogSqlFilters) =>
  filters.from === '2019-04-02' || 'rating' in filters || 'status' in filters
const RANGE = { from: '2019-03-10', to: '2019-05-20' }

describe('a date range', () => {
  it('is split into the months it holds, within the span of stated dates', async () => {
    const months = async (filters: ClaimLogSqlFilters) =>
      (await chooseClaimLogStatement(t.db, filters)).months
    expect(await months(RANGE)).toBe(3)
    // Up to the latest stated date of the desk's other claims, years later: more months than
    // MONTH_WALKS_UP_TO, so the range is checked on each row of the log's order.
    expect(await months({ from: '2019-11-15' })).toBe(0)
    expect((await chooseClaimLogStatement(t.db, { from: '2019-11-15' })).keys).toEqual(new Set(['fromCheck']))
    expect(await months({ to: '2019-02-01' })).toBe(2)
    expect(await months({ from: '1990-01-01', to: '2019-12-31' })).toBe(12)
    expect(await months({ from: '2019-04-02', to: '2019-04-09' })).toBe(1)
    // Outside every stated date: claims_stated_idx finds nothing at once.
    expect(await months({ from: '2030-01-01' })).toBe(0)
  })

  it('serves a first and a later page by merging its months’ walks, without sorting', async () => {
    for (const filters of [
      RANGE,
      { from: '2019-10-15', to: '2019-12-31' },
      { to: '2019-02-01' },
      { from: '2019-04-02', to: '2019-04-09' },
      { ...RANGE, rating: 'false' as const },
      { ...RANGE, status: 'published' as const },
    ]) {
      for (const cursor of [false, true]) {
        const plan = await claimLogPlan(t.db, filters, cursor)
        const label = `${JSON.stringify(filters)} cursor=${cursor}`
        expectOrderFromIndexes(plan, label, MONTHS, fewOnPostgres(filters))
        if (engineOf(t.db) === 'postgres' && (await chooseClaimLogStatement(t.db, filters)).months > 1)
          expect(plan.join('\n'), label).toMatch(/Merge Append/)
      }
    }
  })

  it('gives the rows of the whole log in range, in the log’s order, page by page and in the CSV', async () => {
    const all = await allLogRows(t, cookie, '', 500)
    const newestFirst = (rows: ClaimLogRow[]) =>
      rows.every(
        (r, i) => i === 0 || [rows[i - 1]?.updatedAt, rows[i - 1]?.claimId] > [r.updatedAt, r.claimId],
      )
    for (const [filter, keeps] of [
      [
        'from=2019-03-10&to=2019-05-20',
        (r) => r.statedOn !== null && r.statedOn >= '2019-03-10' && r.statedOn <= '2019-05-20',
      ],
      ['from=2019-11-15', (r) => r.statedOn !== null && r.statedOn >= '2019-11-15'],
      ['to=2019-02-01', (r) => r.statedOn !== null && r.statedOn <= '2019-02-01'],
      [
        'from=2019-03-10&to=2019-05-20&rating=false',
        (r) =>
          r.statedOn !== null &&
          r.statedOn >= '2019-03-10' &&
          r.statedOn <= '2019-05-20' &&
          r.rating === 'false',
      ],
      [
        'from=2019-06-01&to=2019-08-31&tag=monthly',
        (r) =>
          r.statedOn !== null &&
          r.statedOn >= '2019-06-01' &&
          r.statedOn <= '2019-08-31' &&
          r.tags.includes('monthly'),
      ],
    ] as Array<[string, (r: ClaimLogRow) => boolean]>) {
      const expected = all.filter(keeps)
      expect(expected.length, filter).toBeGreaterThan(10)
      const paged = await allLogRows(t, cookie, filter, 37)
      expect(
        paged.map((r) => r.claimId),
        filter,
      ).toEqual(expected.map((r) => r.claimId))
      expect(newestFirst(paged), filter).toBe(true)
      const { records } = await exportCsv(t, cookie, filter)
      expect(records.slice(1).map(restoredCells), filter).toEqual(paged.map(expectedCells))
    }
  })
})

describe('the other filters and their pairs', () => {
  it('read their rows in the log’s order from an index, the sharper filter’s driving a pair', async () => {
    const dispute = disputeId(7)
    const cases: Array<[ClaimLogSqlFilters, RegExp]> = [
      [{}, /claims_log_order_idx/],
      [{ disputeId: dispute }, /claims_dispute_log_idx/],
      [{ rating: 'false' }, /claims_rating_idx|claims_log_order_idx/],
      [{ status: 'published' }, /claims_status_idx|claims_log_order_idx/],
      [{ disputeId: dispute, ...RANGE }, /claims_dispute(_log)?_idx/],
      [{ disputeId: dispute, status: 'published' }, /claims_dispute(_log)?_idx/],
      [{ disputeId: dispute, rating: 'false' }, /claims_dispute(_log)?_idx/],
    ]
    for (const [filters, index] of cases)
      for (const cursor of [false, true])
        expectOrderFromIndexes(
          await claimLogPlan(t.db, filters, cursor),
          `${JSON.stringify(filters)} cursor=${cursor}`,
          index,
          'disputeId' in filters,
        )
  })

  it('a tag on few disputes and a date range: the tag’s claims are collected, the date checked on each', async () => {
    const choice = await chooseClaimLogStatement(t.db, { tag: 'monthly', ...RANGE })
    expect(choice.months).toBe(0)
    expect(choice.keys).toEqual(new Set(['tag', 'fromCheck', 'toCheck']))
  })

  it('a rare word and a date range: the matches are collected, the date checked on each', async () => {
    const fts = fullTextQuery('quinceberries', engineOf(t.db)) ?? ''
    const choice = await chooseClaimLogStatement(t.db, { fts, ...RANGE })
    expect(choice.months).toBe(0)
    const rows = await allLogRows(t, cookie, 'q=quinceberries&from=2019-03-10&to=2019-05-20', 3)
    expect(rows.length).toBeGreaterThan(0)
    expect(
      rows.every((r) => r.statedOn !== null && r.statedOn >= '2019-03-10' && r.statedOn <= '2019-05-20'),
    ).toBe(true)
  })
})
