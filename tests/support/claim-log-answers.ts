// The claim log's answers on a database of known rows, for comparing the engines: the same files
// imported at the same clock into an empty database must give the same JSON pages and byte-identical CSV
// exports on SQLite and PostgreSQL. A test process serves one engine, so run as a script this answers
// for a SQLite file (`node --import tsx tests/support/claim-log-answers.ts FILE` prints the JSON).
import { pathToFileURL } from 'node:url'
import { type Config, readConfig } from '../../apps/api/src/env.ts'
import { closeDb, createDb, type Db, migrateDb } from '../../packages/db/src/index.ts'
import { CLAIM_LOG_CSV_HEADER, csvLine } from '../../packages/domain/src/index.ts'
import { type ClaimLogRow, RATING_SCALE } from '../../packages/shared/src/index.ts'
import { TEST_SCRYPT_LOG_N } from './accounts.ts'
import { appOver, insertTestAccounts } from './app-over.ts'
import { allLogRows, HEADERS, importCsv } from './claim-log.ts'

export interface ClaimLogAnswers {
  /** Every row under each filter, read page by page through the cursor. */
  pages: Record<string, ClaimLogRow[]>
  /** The CSV export under each filter (and the whole log with a byte-order mark), its bytes in base64. */
  csv: Record<string, string>
}

const FILES = 3
const ROWS_PER_FILE = 30
const START = Date.parse('2026-03-02T08:00:00.000Z')

const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`
const DISPUTES = [
  { title: 'Strikes on Odesa', tags: 'ukraine strikes' },
  { title: 'The Zürich café', tags: 'café zürich' },
  { title: 'Заява про Київ', tags: 'київ ukraine' },
  { title: 'Growth figures', tags: 'numbers' },
  { title: 'Untagged, with "quotes"', tags: '' },
]
const CLAIMANTS = [
  { name: 'Oleg Kiper', kind: 'government' },
  { name: 'Zoë Ärzte', kind: 'person' },
  { name: 'Оксана Петренко', kind: 'media' },
  { name: 'The "Quoted" Desk, Inc.', kind: 'ngo' },
]
const TEXTS = [
  (i: number) => `Strike number ${i} hit the maternity hospital in Odesa.`,
  (i: number) => `=SUM(A1:A${i}) looks like a formula, "quoted", with a comma`,
  (i: number) => `Multi-line claim ${i}\nsecond line about the Café Zürich`,
  (i: number) => `Growth was 3.5 percent, per an example.com report (${i})`,
  (i: number) => `КИЇВ: заява номер ${i}`,
  (i: number) => `Plain claim ${i} about drones`,
]
const QUANTITIES = ['0.1', '123456.789', '-5', '0.0000001', '300']
const QUALIFIERS = ['exact', 'at_least', 'at_most', 'approx']
const STATUSES = ['draft', 'in_review', 'published']

/** Row i of the compared files: every kind of cell, deterministic ids, quantities, verdicts and tags. */
function row(i: number): Record<string, string> {
  const dispute = i % DISPUTES.length
  const claimant = CLAIMANTS[i % CLAIMANTS.length] ?? { name: '', kind: '' }
  const rated = i % 4 !== 0
  const status = STATUSES[i % STATUSES.length] ?? 'draft'
  return {
    claim_id: id('00000000', i),
    dispute_id: id('10000000', dispute),
    dispute_title: DISPUTES[dispute]?.title ?? '',
    claimant: claimant.name,
    claimant_kind: claimant.kind,
    claim_text: TEXTS[i % TEXTS.length]?.(i) ?? '',
    stated_on:
      i % 9 === 0
        ? ''
        : `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    appearance_url: i % 3 === 0 ? `https://example.org/claims/${i}?a=1&b=2` : '',
    quantity_value: i % 5 === 1 ? (QUANTITIES[((i / 5) % QUANTITIES.length) | 0] ?? '') : '',
    quantity_unit: i % 5 === 1 ? 'drones' : '',
    quantity_qualifier: i % 5 === 1 ? (QUALIFIERS[i % QUALIFIERS.length] ?? '') : '',
    rating: rated ? (RATING_SCALE[i % RATING_SCALE.length]?.rating ?? '') : '',
    verdict_summary: rated ? `Summary ${i}: the wobblequist test, "quoted"` : '',
    verdict_status: rated ? status : '',
    published_at: rated && status === 'published' ? `2024-05-0${1 + (i % 9)}T10:00:00.000Z` : '',
    supporting_evidence: String(i % 3),
    contradicting_evidence: String(i % 2),
    context_evidence: String(i % 5),
    tags: DISPUTES[dispute]?.tags ?? '',
  }
}

/** The files imported, one after another, each a minute after the one before. */
export function comparedFiles(): string[] {
  return Array.from({ length: FILES }, (_, f) => {
    let file = CLAIM_LOG_CSV_HEADER
    for (let i = f * ROWS_PER_FILE; i < (f + 1) * ROWS_PER_FILE; i++) {
      const cells = row(i)
      file += csvLine(HEADERS.map((h) => cells[h] ?? ''))
    }
    return file
  })
}

/** The filters compared: each one alone, text queries the tokenisers could disagree on, and together. */
export const COMPARED_FILTERS = [
  '',
  `disputeId=${id('10000000', 1)}`,
  'claimantId=',
  'rating=false',
  'status=published',
  'from=2024-03-01&to=2024-08-31',
  'tag=ukraine',
  'tag=Café',
  'q=maternity',
  'q=ODESA hospital',
  'q=zurich CAFE',
  'q=matern*',
  'q=3.5',
  'q=example',
  'q=київ',
  'q=wobblequist',
  'q=arzte',
  'q=claim&tag=ukraine&status=published',
  'q=nothingmatchesthis',
]

/**
 * Imports the compared files into `db` (migrated, with no accounts yet) as an admin at a fixed clock,
 * then reads the claim log under every compared filter, seven rows a page, and exports it.
 */
export async function claimLogAnswers(db: Db, config: Config): Promise<ClaimLogAnswers> {
  let now = START
  const { send, login } = appOver(db, config, { now: () => now })
  await insertTestAccounts(db, ['admin'], new Date(now).toISOString())
  const cookie = await login('admin')
  for (const file of comparedFiles()) {
    now += 60_000
    const res = await importCsv({ request: send }, cookie, file)
    if (res.status !== 200) throw new Error(`the import answered ${res.status}: ${await res.text()}`)
  }
  const claimants = await send(`/api/claimants?q=${encodeURIComponent('Zoë')}`, { cookie })
  const zoe = ((await claimants.json()) as { items: Array<{ id: string }> }).items[0]?.id ?? ''
  const answers: ClaimLogAnswers = { pages: {}, csv: {} }
  for (const filter of COMPARED_FILTERS) {
    const query = filter === 'claimantId=' ? `claimantId=${zoe}` : filter
    const rows = await allLogRows({ request: send }, cookie, query, 7)
    answers.pages[filter] = rows
    answers.csv[filter] = await exportBytes(`/api/claim-log.csv?${new URLSearchParams(query)}`)
  }
  answers.csv['bom=1'] = await exportBytes('/api/claim-log.csv?bom=1')
  return answers

  async function exportBytes(path: string): Promise<string> {
    const res = await send(path, { cookie })
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
    return Buffer.from(await res.arrayBuffer()).toString('base64')
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2]
  if (!path) throw new Error('usage: claim-log-answers.ts SQLITE_FILE')
  const db = createDb(path)
  await migrateDb(db)
  const config = readConfig({ DATABASE_PATH: path, COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N) })
  const answers = await claimLogAnswers(db, config)
  await closeDb(db)
  process.stdout.write(JSON.stringify(answers))
}
