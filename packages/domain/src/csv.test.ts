import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, neutraliseCell, restoreCell } from './csv.ts'

// What a spreadsheet runs as a formula when a cell begins with it (OWASP's list, full-width forms
// too), also after blanks it may trim first: Unicode's spaces and the invisible ones.
const FORMULA_START = /^[\s\u0085\u180e\u200b\u2060]*[=+\-@\t\r\n\0＝＋－＠]/

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠']
// Space, no-break space, ideographic space, BOM, em space, narrow no-break space, zero-width space,
// word joiner, line separator, next line.
const BLANKS = [' ', '\u00a0', '\u3000', '\uFEFF', '\u2003', '\u202f', '\u200b', '\u2060', '\u2028', '\u0085']

/** Text that leans towards the awkward: triggers, quotes, separators, apostrophes, Cyrillic, emoji. */
const awkwardText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(fc.constantFrom(...TRIGGERS, ...BLANKS, "'", '"', ',', '\r\n', 'a', 'ї', 'Ж', '😀', '👩‍👩‍👧'), {
      maxLength: 12,
    })
    .map((parts) => parts.join('')),
)

describe('neutralising cells', () => {
  it('prefixes every formula trigger, full-width forms included', () => {
    for (const t of TRIGGERS) expect(neutraliseCell(`${t}SUM(A1)`)).toBe(`'${t}SUM(A1)`)
    expect(neutraliseCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`)
    expect(neutraliseCell('plain text')).toBe('plain text')
    expect(neutraliseCell("'quoted'")).toBe("'quoted'")
  })

  it('prefixes a trigger after leading blanks of every kind', () => {
    for (const blank of BLANKS)
      for (const t of TRIGGERS) {
        for (const value of [`${blank}${t}1`, `${blank}${blank}${t}SUM(A1)`, `${blank}'${t}1`]) {
          expect(neutraliseCell(value), JSON.stringify(value)).toBe(`'${value}`)
          expect(restoreCell(`'${value}`)).toBe(value)
        }
      }
    expect(neutraliseCell('  =HYPERLINK("http://x","y")')).toBe(`'  =HYPERLINK("http://x","y")`)
    expect(neutraliseCell('\u00a0+1')).toBe("'\u00a0+1")
    expect(neutraliseCell('\t\tplain')).toBe("'\t\tplain")
    // Blanks before text, or a trigger later in the cell, are no formula.
    for (const blank of BLANKS) expect(neutraliseCell(`${blank}a=1`)).toBe(`${blank}a=1`)
    expect(neutraliseCell('   ')).toBe('   ')
    expect(restoreCell("'  plain")).toBe("'  plain")
  })

  it('keeps an apostrophe the text already had before a trigger', () => {
    expect(neutraliseCell("'=1")).toBe("''=1")
    expect(restoreCell("''=1")).toBe("'=1")
    expect(restoreCell("'plain")).toBe("'plain")
  })

  it('restores exactly what it neutralised', () => {
    fc.assert(fc.property(awkwardText, (value) => restoreCell(neutraliseCell(value)) === value))
  })
})

describe('the RFC 4180 writer', () => {
  it('quotes only what needs quoting', () => {
    expect(csvCell('a')).toBe('a')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvLine(['a', '', 'b'])).toBe('a,,b\r\n')
  })

  it('never writes a cell a spreadsheet would run, and csv-parse reads back the original values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(awkwardText, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        (rows) => {
          const file = csvLine(['a', 'b', 'c']) + rows.map(csvLine).join('')
          const parsed: string[][] = parse(file, { relax_column_count: false })
          const [header, ...records] = parsed
          expect(header).toEqual(['a', 'b', 'c'])
          expect(records).toHaveLength(rows.length)
          for (const record of records) {
            for (const cell of record) expect(cell).not.toMatch(FORMULA_START)
          }
          expect(records.map((r) => r.map(restoreCell))).toEqual(rows)
        },
      ),
    )
  })
})
