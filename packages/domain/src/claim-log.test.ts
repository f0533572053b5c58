import type { ClaimLogRawRow } from '@counterclaim/shared'
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CLAIM_LOG_COLUMNS,
  CLAIM_LOG_CSV_HEADER,
  claimLogCells,
  claimLogCsvLine,
  claimLogRowFromRaw,
  importRecord,
  readImportHeader,
  tagsFromJson,
} from './claim-log.ts'
import { quantityFromInput } from './quantities.ts'

// What a spreadsheet runs as a formula when a cell begins with it (OWASP's list, full-width forms
// too), also after blanks it may trim first.
const FORMULA_START = /^[\s\u0085\u180e\u200b\u2060]*[=+\-@\t\r\n\0＝＋－＠]/

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '=HYPERLINK("http://x","y")',
    '@SUM(1)',
    '-3',
    'Київ, "лапки"\r\nрядок',
    '🚀 launch',
    "'=x",
  ),
)
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
const tag = fc.stringMatching(/^[a-zа-я0-9_=+"\\-]{1,8}$/)

const rawRow: fc.Arbitrary<ClaimLogRawRow> = fc.tuple(
  fc.uuid(),
  fc.uuid(),
  text,
  text,
  fc.constantFrom('person', 'government', 'military', 'media', 'ngo', 'other'),
  nullable(fc.constant('https://example.org/people/a?x=1')),
  text,
  nullable(text),
  nullable(fc.constant('2025-06-10')),
  nullable(fc.constant('https://example.org/a?b=1,2&c="d"')),
  nullable(fc.constant('https://archive.example.org/x')),
  nullable(fc.double({ noNaN: true, noDefaultInfinity: true })),
  nullable(text),
  nullable(fc.constantFrom('exact', 'at_least', 'at_most', 'approx')),
  nullable(fc.constantFrom('true', 'false', 'misleading')),
  nullable(fc.constantFrom('True', 'False', 'Misleading')),
  nullable(text),
  nullable(text),
  nullable(fc.constantFrom('draft', 'in_review', 'published')),
  nullable(fc.constant('2025-06-11T09:00:00.000Z')),
  nullable(fc.uuid().map((id) => `/v/${id}`)),
  fc.nat(50),
  fc.nat(50),
  fc.nat(50),
  fc.array(tag, { maxLength: 4 }).map((tags) => JSON.stringify(tags)),
  fc.constant('2025-06-12T10:00:00.000Z'),
  fc
    .array(
      fc.record({
        measure: text,
        value: fc.double({ noNaN: true, noDefaultInfinity: true }),
        valueMax: nullable(fc.integer()),
        qualifier: fc.constantFrom(
          'exact' as const,
          'at_least' as const,
          'at_most' as const,
          'approx' as const,
        ),
        unit: text,
        periodFrom: nullable(fc.constant('2025-06-09')),
        periodTo: nullable(fc.constant('2025-06-10')),
        place: nullable(text),
      }),
      { maxLength: 3 },
    )
    // As the database keeps them: stored through quantityFromInput, so trimmed and in its key order.
    .map((list) => JSON.stringify(list.map(quantityFromInput))),
)

describe('claim-log columns', () => {
  it('are the issue’s snake_case headers in order, each with its camelCase field', () => {
    expect(CLAIM_LOG_COLUMNS.map((c) => c.header).join(',')).toBe(
      'claim_id,dispute_id,dispute_title,claimant,claimant_kind,claimant_url,claim_text,short_text,stated_on,appearance_url,archive_url,quantity_value,quantity_unit,quantity_qualifier,rating,rating_label,verdict_summary,rationale,verdict_status,published_at,public_url,supporting_evidence,contradicting_evidence,context_evidence,tags,updated_at,quantities',
    )
    for (const c of CLAIM_LOG_COLUMNS) {
      expect(c.field).toBe(c.header.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()))
    }
  })

  it('reads tags from their JSON text, escapes included', () => {
    expect(tagsFromJson('[]')).toEqual([])
    expect(tagsFromJson('["a","b"]')).toEqual(['a', 'b'])
    expect(tagsFromJson(JSON.stringify(['q"x', 'b\\s']))).toEqual(['q"x', 'b\\s'])
  })
})

describe('the export line and the JSON row', () => {
  it('say the same thing: the fast line equals the line written from the JSON row', () => {
    fc.assert(
      fc.property(rawRow, (raw) => {
        const cells = claimLogCells(claimLogRowFromRaw(raw))
        const [parsed] = parse(claimLogCsvLine(raw)) as string[][]
        expect(parsed?.length).toBe(CLAIM_LOG_COLUMNS.length)
        const fields = readImportHeader(CLAIM_LOG_COLUMNS.map((c) => c.header)).fields ?? []
        expect(Object.values(importRecord(fields, parsed ?? []))).toEqual(cells)
      }),
    )
  })

  it('never begins a cell with a formula trigger and parses back to the original values', () => {
    fc.assert(
      fc.property(fc.array(rawRow, { maxLength: 6 }), (raws) => {
        const file = CLAIM_LOG_CSV_HEADER + raws.map(claimLogCsvLine).join('')
        const [header, ...records] = parse(file) as string[][]
        const read = readImportHeader(header ?? [])
        expect(read.issues).toEqual([])
        for (const record of records) for (const cell of record) expect(cell).not.toMatch(FORMULA_START)
        expect(records.map((r) => Object.values(importRecord(read.fields ?? [], r)))).toEqual(
          raws.map((raw) => claimLogCells(claimLogRowFromRaw(raw))),
        )
      }),
    )
  })

  it('neutralises the =HYPERLINK claim', () => {
    const raw = fc.sample(rawRow, { numRuns: 1, seed: 1 })[0]
    if (!raw) throw new Error('no sample')
    const at = CLAIM_LOG_COLUMNS.findIndex((c) => c.header === 'claim_text')
    const row = [...raw] as unknown as Array<string | number | null>
    row[at] = '=HYPERLINK("http://x","y")'
    const [record] = parse(claimLogCsvLine(row as unknown as ClaimLogRawRow)) as string[][]
    expect(record?.[at]).toBe(`'\u2060=HYPERLINK("http://x","y")`)
  })

  it('neutralises a formula after leading blanks in every column, those never quoted included', () => {
    const raw = fc.sample(rawRow, { numRuns: 1, seed: 2 })[0]
    if (!raw) throw new Error('no sample')
    for (let i = 0; i < CLAIM_LOG_COLUMNS.length; i++) {
      for (const cell of ['  =HYPERLINK("http://x","y")', '\u00a0+1', '\u3000@A1', '\uFEFF-2']) {
        const row = [...raw] as unknown as Array<string | number | null>
        // The tags column holds the database's JSON array of tags.
        row[i] = CLAIM_LOG_COLUMNS[i]?.field === 'tags' ? JSON.stringify([cell]) : cell
        const [record] = parse(claimLogCsvLine(row as unknown as ClaimLogRawRow)) as string[][]
        const column = CLAIM_LOG_COLUMNS[i]
        // A public page's cell is the base address before the path: no trigger can lead it.
        if (column?.cell === 'page') continue
        expect(record?.[i], `${column?.header} ${JSON.stringify(cell)}`).toBe(`'\u2060${cell}`)
      }
    }
  })
})

describe('the import header', () => {
  it('names unknown, repeated and missing columns on line 1', () => {
    const read = readImportHeader(['\uFEFFclaim_text', 'claimant', 'claimant', 'colour'])
    expect(read.fields).toBeNull()
    expect(read.issues).toEqual([
      { line: 1, column: 'claimant', message: 'appears twice' },
      { line: 1, column: 'colour', message: 'is not a claim-log column' },
      { line: 1, column: 'dispute_title', message: 'is missing' },
    ])
  })

  it('knows an earlier export’s whole header, and reads its bare apostrophes as the export’s', () => {
    const now = CLAIM_LOG_COLUMNS.map((c) => c.header)
    const added = ['claimant_url', 'short_text', 'rationale', 'public_url']
    const before = now.filter((h) => !added.includes(h))
    for (const header of [before, before.filter((h) => h !== 'quantities')]) {
      const read = readImportHeader([`\uFEFF${header[0]}`, ...header.slice(1)])
      expect(read.issues).toEqual([])
      expect(read.legacy).toBe(true)
      const cells = header.map((h) => (h === 'claim_text' ? "'=1+1" : h === 'claimant' ? "''=2" : ''))
      const record = importRecord(read.fields ?? [], cells, read.legacy)
      expect([record.claimText, record.claimant]).toEqual(['=1+1', "'=2"])
    }
    expect(readImportHeader(now).legacy).toBe(false)
    expect(readImportHeader(before.slice(0, -2)).legacy).toBe(false)
  })

  it('accepts a subset of the columns in any order', () => {
    const read = readImportHeader(['claim_text', 'dispute_title', 'claimant'])
    expect(read.fields).toEqual(['claimText', 'disputeTitle', 'claimant'])
    // A person's own apostrophe is text; the export's has a word joiner after it.
    expect(importRecord(read.fields ?? [], ["'=1+1", 'D', 'C']).claimText).toBe("'=1+1")
    expect(importRecord(read.fields ?? [], ["'\u2060=1+1", 'D', 'C']).claimText).toBe('=1+1')
    expect(read.legacy).toBe(false)
  })
})
