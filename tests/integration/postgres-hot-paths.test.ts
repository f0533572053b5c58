// The claim log's hot paths on PostgreSQL (docs/decisions/0003-claim-log-hot-paths.md, "On PostgreSQL"):
// search over the tsvector columns, the claim-log pages and their cursor, the export's cursor, the import's
// batches in its transaction, and the same answers, byte for byte, as SQLite's on the same rows (SQLite
// answers from a child process: a test process serves one engine).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import fc from 'fast-check'
import type { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../apps/api/src/env.ts'
import { numbered } from '../../packages/db/src/claim-log-pg.ts'
import {
  type ClaimLogFilterKey,
  chooseClaimLogStatement,
  claimLogPlan,
  claimLogSql,
  closeDb,
  connectPostgres,
  type Db,
  insertBatched,
  migrateDb,
  sqlState,
  tables,
} from '../../packages/db/src/index.ts'
import { CLAIM_LOG_CSV_HEADER, csvLine, tsQuery } from '../../packages/domain/src/index.ts'
import { CLAIM_LOG_COLUMNS, type ClaimLogRow, type SearchHit } from '../../packages/shared/src/index.ts'
import { TEST_SCRYPT_LOG_N } from '../support/accounts.ts'
import { type AppOver, appOver, seedTestDesk } from '../support/app-over.ts'
import {
  allLogRows,
  expectedCells,
  exportCsv,
  HEADERS,
  importCsv,
  restoredCells,
} from '../support/claim-log.ts'
import { type ClaimLogAnswers, COMPARED_FILTERS, claimLogAnswers } from '../support/claim-log-answers.ts'
import { type Cluster, createDatabase, startCluster } from '../support/postgres-cluster.ts'

const run = promisify(execFile)
const ANSWERS_SCRIPT = fileURLToPath(new URL('../support/claim-log-answers.ts', import.meta.url))
const REPO = fileURLToPath(new URL('../../', import.meta.url))

let cluster: Cluster
let db: Db
let t: AppOver & { request: AppOver['send'] }
let editor: string
const opened: Db[] = []

const configFor = (url: string) =>
  readConfig({ DATABASE_URL: url, COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N) })

async function openDatabase(name: string): Promise<{ db: Db; url: string }> {
  const url = await createDatabase(cluster, name)
  const opened_ = connectPostgres(url)
  opened.push(opened_)
  await migrateDb(opened_)
  return { db: opened_, url }
}

beforeAll(async () => {
  cluster = await startCluster()
  const demo = await openDatabase('hot_paths')
  db = demo.db
  await seedTestDesk(db)
  const app = appOver(db, configFor(demo.url))
  t = { ...app, request: app.send }
  editor = await t.login('editor')
})

afterAll(async () => {
  for (const handle of opened) await closeDb(handle)
  await cluster?.stop()
})

async function search(q: string, limit?: number): Promise<SearchHit[]> {
  const qs = new URLSearchParams({ q })
  if (limit) qs.set('limit', String(limit))
  const res = await t.send(`/api/search?${qs}`, { cookie: editor })
  if (res.status !== 200) throw new Error(`search ${q} answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { items: SearchHit[] }).items
}

const matched = (hit: SearchHit | undefined) => (hit?.snippet ?? []).filter((p) => p.match).map((p) => p.text)

async function send(method: string, path: string, json: unknown, version?: string) {
  const res = await t.send(path, {
    method,
    cookie: editor,
    json,
    headers: version ? { 'if-match': version } : {},
  })
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return { body: (await res.json()) as { id: string }, etag: res.headers.get('etag') ?? '' }
}

describe('search on PostgreSQL', () => {
  it('finds a word of an evidence excerpt, with the kind of the hit and a marked snippet', async () => {
    const hit = (await search('pounded')).find((h) => h.kind === 'evidence')
    expect(hit?.title).toMatch(/News report/)
    expect(hit?.disputeId).toBeTruthy()
    expect(matched(hit)).toEqual(['pounded'])
    expect(hit?.snippet.map((p) => p.text).join('')).toMatch(/Kyiv and Odesa/)
  })

  it('ignores case and accents, in what is searched and in what is typed', async () => {
    const dispute = await send('POST', '/api/disputes', {
      title: 'Accents',
      question: 'Are accents ignored?',
    })
    const evidence = await send('POST', `/api/disputes/${dispute.body.id}/evidence`, {
      title: 'Cafébrücke Zwölfquell ledger',
      kind: 'document',
      excerpt:
        'The Ärztekammer of KYÏVSKA counted the ПОЛОГОВИЙЗАЛ wards; growth was 913.77 per exampleco.org.',
    })
    const ids = async (q: string) => (await search(q)).map((h) => h.id)
    for (const q of [
      'cafebrucke zwolfquell',
      'CAFÉBRÜCKE',
      'ZWÖLFQUELL',
      'arztekammer',
      'ÄRZTEKAMMER',
      'kyivska',
      'Kyïvska',
      'пологовийзал',
      // FTS5 splits words at every punctuation mark, and so does the index here.
      'exampleco',
      '913.77',
    ])
      expect(await ids(q), q).toEqual([evidence.body.id])
    expect(matched((await search('arztekammer kyivska'))[0])).toEqual(['Ärztekammer', 'KYÏVSKA'])
    // Only the title matches: the snippet is the title.
    expect((await search('cafebrucke'))[0]?.snippet.map((p) => p.text).join('')).toBe(
      'Cafébrücke Zwölfquell ledger',
    )
  })

  it('matches words by their stems, and the last one as a prefix when a * ends it', async () => {
    expect(await search('ternity')).toEqual([])
    expect((await search('matern*')).length).toBeGreaterThan(0)
    expect((await search('maternity hosp*')).length).toBeGreaterThan(0)
    expect(await search('matern* ospital')).toEqual([])
    const prefixed = matched((await search('matern*'))[0])
    expect(prefixed).toContain('maternity')
    expect(prefixed.every((word) => word.toLowerCase().startsWith('matern'))).toBe(true)
  })

  it('ranks best first: a word in a title weighs more than the same word in a body', async () => {
    const dispute = await send('POST', '/api/disputes', {
      title: 'Ranking',
      question: 'Do titles weigh more?',
    })
    const inBody = await send('POST', `/api/disputes/${dispute.body.id}/evidence`, {
      title: 'Harbour ledger',
      kind: 'document',
      excerpt: 'The quarbleton crates left the harbour at dawn.',
    })
    const inTitle = await send('POST', `/api/disputes/${dispute.body.id}/evidence`, {
      title: 'Quarbleton crates',
      kind: 'document',
      excerpt: 'They left the harbour at dawn, the ledger says.',
    })
    const hits = await search('quarbleton')
    expect(hits.map((h) => h.id)).toEqual([inTitle.body.id, inBody.body.id])
    const scores = (await search('maternity hospital', 50)).map((h) => h.score)
    expect(scores.length).toBeGreaterThan(2)
    expect(scores).toEqual([...scores].sort((a, b) => a - b))
    expect(await search('maternity hospital', 2)).toHaveLength(2)
  })

  it('answers 200 to whatever users type: tsquery syntax is only text', async () => {
    const hostile = [
      "'; DROP TABLE claims; --",
      "it's",
      'a & b | !c',
      '<-> <2> (x',
      ':* :A',
      '\\',
      "''''",
      'AND OR NOT',
      '*',
      '-hospital',
      '_',
      '\u0301',
      'x'.repeat(500),
      'Київ',
    ]
    for (const q of hostile) {
      const res = await t.send(`/api/search?q=${encodeURIComponent(q)}`, { cookie: editor })
      expect(res.status, q).toBe(200)
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (q) => {
        const res = await t.send(`/api/search?q=${encodeURIComponent(q)}`, { cookie: editor })
        expect(res.status).toBe(200)
        const log = await t.send(`/api/claim-log?q=${encodeURIComponent(q)}`, { cookie: editor })
        expect(log.status).toBe(200)
      }),
      { numRuns: 150 },
    )
    // Straight to the database too: every query the tokeniser writes parses.
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (q) => {
        const query = tsQuery(q)
        // Each word quoted, alone or beside its stem as a prefix: ('drones' | 'drone':*).
        const word = String.raw`(?:'[^'\\]+'(?::\*)?|\('[^'\\]+' \| '[^'\\]+':\*\))`
        if (query !== null) expect(query).toMatch(new RegExp(`^${word}( & ${word})*$`))
      }),
    )
  })
})

describe('the claim log on PostgreSQL', () => {
  let all: ClaimLogRow[]
  beforeAll(async () => {
    all = await allLogRows(t, editor, '', 100)
  })

  const newestFirst = (rows: ClaimLogRow[]) =>
    rows.every((r, i) => {
      const next = rows[i + 1]
      return (
        !next || r.updatedAt > next.updatedAt || (r.updatedAt === next.updatedAt && r.claimId > next.claimId)
      )
    })

  it('pages with the cursor under each filter through the rows one page holds, newest activity first', async () => {
    const published = all.find((r) => r.verdictStatus === 'published')
    if (!published) throw new Error('the demo desk has a published verdict')
    const kiper = await t.send('/api/claimants?q=Kiper', { cookie: editor })
    const kiperId = ((await kiper.json()) as { items: Array<{ id: string }> }).items[0]?.id
    const filters: Array<[string, (r: ClaimLogRow) => boolean]> = [
      ['', () => true],
      [`disputeId=${published.disputeId}`, (r) => r.disputeId === published.disputeId],
      [`claimantId=${kiperId}`, (r) => r.claimant === 'Oleg Kiper'],
      [`rating=${published.rating}`, (r) => r.rating === published.rating],
      ['status=published', (r) => r.verdictStatus === 'published'],
      ['from=2025-06-10&to=2025-06-10', (r) => r.statedOn === '2025-06-10'],
      ['tag=UKRAINE', (r) => r.tags.includes('ukraine')],
      ['q=MATERNITY', () => true],
      ['q=maternity&status=published', (r) => r.verdictStatus === 'published'],
    ]
    for (const [filter, keeps] of filters) {
      const paged = await allLogRows(t, editor, filter, 2)
      expect(paged, filter).toEqual(await allLogRows(t, editor, filter, 100))
      expect(paged.length, filter).toBeGreaterThan(0)
      expect(paged.every(keeps), filter).toBe(true)
      expect(newestFirst(paged), filter).toBe(true)
      // The same rows as the whole log filtered here; the text's (it sees verdicts' rationales too) a part.
      if (filter.startsWith('q=')) expect(all, filter).toEqual(expect.arrayContaining(paged))
      else expect(paged, filter).toEqual(all.filter(keeps))
    }
    expect((await allLogRows(t, editor, 'q=MATERNITY')).some((r) => r.claimant === 'Oleg Kiper')).toBe(true)
    expect(all.every((r) => typeof r.supportingEvidence === 'number' && Array.isArray(r.tags))).toBe(true)
  })

  it('explains its plan: PostgreSQL’s EXPLAIN lines for a first and a later page', async () => {
    const first = await claimLogPlan(db, { tag: 'ukraine', fts: tsQuery('maternity') })
    expect(first[0]).toMatch(/^Limit/)
    expect(first.join('\n')).toMatch(/dispute_tags/)
    const later = await claimLogPlan(db, {}, true)
    expect(later.join('\n')).toMatch(/activity_at/)
  })

  it('exports the rows of the JSON log as CSV, under each filter', async () => {
    for (const filter of ['', 'tag=ukraine', 'q=maternity', 'status=published']) {
      const { res, records } = await exportCsv(t, editor, filter)
      expect(res.status, filter).toBe(200)
      expect(res.headers.get('content-type'), filter).toMatch(/^text\/csv/)
      const [header, ...rows] = records
      expect(header).toEqual(HEADERS)
      expect(rows.map(restoredCells), filter).toEqual(
        (await allLogRows(t, editor, filter, 50)).map(expectedCells),
      )
    }
  })
})

/** A file of `n` rows, each claim with a word of its own and one they all share, some with verdicts. */
function rowsFile(n: number, change: (i: number, row: Record<string, string>) => void = () => {}): string {
  let file = CLAIM_LOG_CSV_HEADER
  for (let i = 0; i < n; i++) {
    const row: Record<string, string> = Object.fromEntries(HEADERS.map((h) => [h, '']))
    row.dispute_title = `Imported dispute ${i % 13}`
    row.claimant = `Imported claimant ${i % 17}`
    row.claimant_kind = 'media'
    row.claim_text = `Quibblewick claim zorblax${i}, with "quotes" and Ümläuts`
    row.stated_on = '2024-02-29'
    row.tags = 'imported bulk'
    if (i % 4 === 0) {
      row.rating = 'mostly_false'
      row.verdict_summary = `Verdict on row ${i}: the snorkelgrass figures`
      row.verdict_status = 'draft'
    }
    change(i, row)
    file += csvLine(HEADERS.map((h) => row[h] ?? ''))
  }
  return file
}

async function count(table: string): Promise<number> {
  const { rows } = await (db as unknown as { $client: Pool }).$client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table}`,
  )
  return rows[0]?.n ?? 0
}

describe('the import on PostgreSQL', () => {
  it('writes 1,200 rows in batches inside its transaction, and search finds them at once', async () => {
    const before = { claims: await count('claims'), history: await count('history_events') }
    const started = performance.now()
    const res = await importCsv(t, editor, rowsFile(1200))
    const ms = performance.now() - started
    expect(res.status, await res.clone().text()).toBe(200)
    const result = (await res.json()) as { rows: number; created: Record<string, number> }
    expect(result).toMatchObject({
      rows: 1200,
      created: { claims: 1200, disputes: 13, claimants: 17, verdicts: 300 },
    })
    expect(await count('claims')).toBe(before.claims + 1200)
    expect(await count('history_events')).toBe(before.history + 1200 + 300 + 13 + 17)
    expect(ms).toBeLessThan(20_000)

    const one = await search('zorblax517')
    expect(one.map((h) => [h.kind, h.title])).toEqual([
      ['claim', 'Quibblewick claim zorblax517, with "quotes" and Ümläuts'],
    ])
    expect(matched(one[0])).toEqual(['zorblax517'])
    expect(await search('quibblewick', 50)).toHaveLength(50)
    expect((await search('snorkelgrass', 50)).every((h) => h.kind === 'verdict')).toBe(true)
    expect((await search('umlauts zorblax8')).map((h) => h.kind)).toEqual(['claim'])
    const logged = await allLogRows(t, editor, 'q=quibblewick', 50)
    expect(logged).toHaveLength(1200)
    expect(new Set(logged.map((r) => r.claimId)).size).toBe(1200)
    expect(await allLogRows(t, editor, 'q=snorkelgrass&tag=bulk', 50)).toHaveLength(300)
  })

  it('gives the same rows and pages whether the text filter collects its matches or checks each row', async () => {
    const pool = (db as unknown as { $client: Pool }).$client
    const rows = async (
      key: ClaimLogFilterKey,
      fts: string,
      cursor: [string, string] | null,
      limit: number | null,
    ) => {
      const sql = claimLogSql(new Set([key]), { cursor: cursor !== null, limit: limit !== null }, 'postgres')
      const page = cursor ? { cursorAt: cursor[0], cursorId: cursor[1] } : {}
      const { text, values } = numbered(sql, { fts, ...page, ...(limit === null ? {} : { limit }) })
      return (await pool.query<unknown[]>({ text, values, rowMode: 'array' })).rows
    }
    // The log's order is (last activity, id): the cursor of a page is its last row's.
    const ACTIVITY_AT = CLAIM_LOG_COLUMNS.findIndex((c) => c.field === 'updatedAt')
    // After the import's ANALYZE, a word on every imported claim is checked row by row, a rare one collected.
    const common = tsQuery('quibblewick') ?? ''
    expect((await chooseClaimLogStatement(db, { fts: common })).keys).toEqual(new Set(['ftsCheck']))
    expect((await chooseClaimLogStatement(db, { fts: tsQuery('zorblax8') })).keys).toEqual(new Set(['fts']))
    for (const q of ['quibblewick', 'snorkelgrass', 'zorblax8 umlauts', 'kiper', 'matern*']) {
      const fts = tsQuery(q) ?? ''
      const all = await rows('fts', fts, null, null)
      expect(all.length, q).toBeGreaterThan(0)
      expect(await rows('ftsCheck', fts, null, null), q).toEqual(all)
      const paged: unknown[][] = []
      let cursor: [string, string] | null = null
      for (;;) {
        const page = await rows('ftsCheck', fts, cursor, 97)
        paged.push(...page)
        const last = page.at(-1)
        if (page.length < 97 || !last) break
        cursor = [String(last[ACTIVITY_AT]), String(last[0])]
      }
      expect(paged, q).toEqual(all)
    }
  })

  it('inserts in batches with JSON as drizzle writes it, and skips conflicts only when asked', async () => {
    const at = '2026-01-01T00:00:00.000Z'
    const dispute = (id: string, tags: string[]) => ({
      id,
      title: `Batched ${id}`,
      question: '?',
      tags,
      createdAt: at,
      updatedAt: at,
    })
    const ids = Array.from({ length: 1203 }, (_, i) => `batched-${i}`)
    await insertBatched(
      db,
      tables.disputes,
      ids.map((id) => dispute(id, ['zeta', 'Ål "q"', 'alpha'])),
    )
    await db.insert(tables.disputes).values(dispute('by-drizzle', ['zeta', 'Ål "q"', 'alpha']))
    const pool = (db as unknown as { $client: Pool }).$client
    const { rows } = await pool.query<{ tags: string; n: number }>(
      `SELECT tags::text AS tags, count(*)::int AS n FROM disputes WHERE id LIKE 'batched-%' OR id = 'by-drizzle' GROUP BY 1`,
    )
    expect(rows).toEqual([{ tags: '["zeta","Ål \\"q\\"","alpha"]', n: 1204 }])
    const tag = { disputeId: 'batched-0', tag: 'zeta' }
    await insertBatched(db, tables.disputeTags, [tag])
    await insertBatched(db, tables.disputeTags, [tag, { disputeId: 'batched-1', tag: 'zeta' }], {
      ignoreConflicts: true,
    })
    expect(sqlState(await insertBatched(db, tables.disputeTags, [tag]).catch((e: unknown) => e))).toBe(
      '23505',
    )
    const tagged = await pool.query("SELECT 1 FROM dispute_tags WHERE dispute_id LIKE 'batched-%'")
    expect(tagged.rowCount).toBe(2)
  })

  it('keeps nothing of a file refused after its first batches were written', async () => {
    const before = { claims: await count('claims'), disputes: await count('disputes') }
    const res = await importCsv(
      t,
      editor,
      rowsFile(2500, (i, row) => {
        row.dispute_title = `Refused dispute ${i % 5}`
        row.claim_text = `Rolledback claim flumpwhistle${i}`
        if (i === 2400) row.stated_on = 'not a date'
      }),
    )
    expect(res.status).toBe(400)
    expect(await count('claims')).toBe(before.claims)
    expect(await count('disputes')).toBe(before.disputes)
    expect(await search('rolledback')).toEqual([])
  })

  it('streams the export from one snapshot on a connection of its own: a write meanwhile is not in it', async () => {
    const res = await t.send('/api/claim-log.csv', { cookie: editor })
    expect(res.status).toBe(200)
    const reader = res.body?.getReader()
    if (!reader) throw new Error('no body')
    const chunks: Uint8Array[] = []
    // The oldest claim, changed while the export is open: its activity makes it the newest.
    const oldest = (await allLogRows(t, editor, '', 100)).at(-1)
    if (!oldest) throw new Error('no rows')
    try {
      const first = await reader.read()
      if (first.value) chunks.push(first.value)
      const bench = await t.send(`/api/disputes/${oldest.disputeId}`, { cookie: editor })
      const { claims } = (await bench.json()) as { claims: Array<{ id: string; version: number }> }
      const version = claims.find((c) => c.id === oldest.claimId)?.version
      await send(
        'PATCH',
        `/api/claims/${oldest.claimId}`,
        { text: 'Rewritten while the export ran' },
        `"${version}"`,
      )
      for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
    } finally {
      await reader.cancel()
    }
    expect(chunks.length).toBeGreaterThan(3)
    const text = Buffer.concat(chunks).toString('utf8')
    expect(text).not.toContain('Rewritten while the export ran')
    expect(text.trimEnd().split('\r\n').at(-1)).toContain(oldest.claimId)
    const after = await exportCsv(t, editor, '')
    expect(after.records[1]?.[0]).toBe(oldest.claimId)
    expect(after.records[1]).toContain('Rewritten while the export ran')
    expect(after.records).toHaveLength(text.trimEnd().split('\r\n').length)
  })
})

describe('the same answers as SQLite', () => {
  it('gives the same JSON pages and byte-identical CSV exports for the same rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterclaim-compare-'))
    try {
      const sqlite = run(process.execPath, ['--import', 'tsx', ANSWERS_SCRIPT, join(dir, 'compare.db')], {
        cwd: REPO,
        maxBuffer: 64 * 1024 * 1024,
      })
      const { db: compared, url } = await openDatabase('compare')
      const onPostgres = await claimLogAnswers(compared, configFor(url))
      const onSqlite = JSON.parse((await sqlite).stdout) as ClaimLogAnswers
      expect(Object.keys(onPostgres.pages)).toEqual(COMPARED_FILTERS)
      for (const filter of COMPARED_FILTERS) {
        expect(onPostgres.pages[filter], filter).toEqual(onSqlite.pages[filter])
      }
      expect(onPostgres.pages['']).toHaveLength(90)
      expect(Object.values(onPostgres.pages).filter((rows) => rows.length > 0).length).toBe(
        COMPARED_FILTERS.length - 1,
      )
      for (const [filter, bytes] of Object.entries(onSqlite.csv)) {
        const text = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8')
        expect(text(onPostgres.csv[filter]), filter).toBe(text(bytes))
        expect(onPostgres.csv[filter], filter).toBe(bytes)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
