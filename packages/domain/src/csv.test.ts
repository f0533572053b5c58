import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, neutraliseCell, restoreCell, restoreLegacyCell } from './csv.ts'

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
    for (const t of TRIGGERS) expect(neutraliseCell(`${t}SUM(A1)`)).toBe(`'\u2060${t}SUM(A1)`)
    expect(neutraliseCell('=HYPERLINK("http://x","y")')).toBe(`'\u2060=HYPERLINK("http://x","y")`)
    expect(neutraliseCell('plain text')).toBe('plain text')
    expect(neutraliseCell("'quoted'")).toBe("'quoted'")
  })

  it('prefixes a trigger after leading blanks of every kind', () => {
    for (const blank of BLANKS)
      for (const t of TRIGGERS) {
        for (const value of [`${blank}${t}1`, `${blank}${blank}${t}SUM(A1)`]) {
          expect(neutraliseCell(value), JSON.stringify(value)).toBe(`'\u2060${value}`)
          expect(restoreCell(`'\u2060${value}`)).toBe(value)
        }
      }
    expect(neutraliseCell('  =HYPERLINK("http://x","y")')).toBe(`'\u2060  =HYPERLINK("http://x","y")`)
    expect(neutraliseCell('\u00a0+1')).toBe("'\u2060\u00a0+1")
    expect(neutraliseCell('\t\tplain')).toBe("'\u2060\t\tplain")
    // Blanks before text, or a trigger later in the cell, are no formula.
    for (const blank of BLANKS) expect(neutraliseCell(`${blank}a=1`)).toBe(`${blank}a=1`)
    expect(neutraliseCell('   ')).toBe('   ')
    expect(restoreCell("'  plain")).toBe("'  plain")
  })

  it('keeps an apostrophe the text already had before a trigger: only the marked one is the export’s', () => {
    // A spreadsheet never runs a cell that begins with an apostrophe: the text's own needs no mark.
    expect(neutraliseCell("'=1+1")).toBe("'=1+1")
    expect(restoreCell("'=1+1")).toBe("'=1+1")
    expect(restoreCell("''=1")).toBe("''=1")
    expect(restoreCell("'plain")).toBe("'plain")
    // Text that begins with the mark itself is marked again, so reading back drops only the export's.
    expect(neutraliseCell("'\u2060x")).toBe("'\u2060'\u2060x")
    expect(restoreCell("'\u2060'\u2060x")).toBe("'\u2060x")
  })

  it('reads an earlier export’s bare apostrophe before a trigger as the export’s', () => {
    expect(restoreLegacyCell("'=1+1")).toBe('=1+1')
    expect(restoreLegacyCell("''=1")).toBe("'=1")
    expect(restoreLegacyCell("' \u00a0+1")).toBe(' \u00a0+1')
    expect(restoreLegacyCell("'plain")).toBe("'plain")
    expect(restoreLegacyCell('=1')).toBe('=1')
  })

  it('gives back a person’s cell unchanged through import, export and import again', () => {
    // What a person typed reaches the desk as it is, and a second trip through the export changes nothing.
    fc.assert(
      fc.property(awkwardText, (typed) => {
        const imported = restoreCell(typed)
        const again = restoreCell(neutraliseCell(imported))
        return again === imported && (typed.startsWith("'\u2060") || imported === typed)
      }),
    )
    fc.assert(
      fc.property(
        awkwardText.map((t) => `'${t}`),
        (typed) => restoreCell(neutraliseCell(restoreCell(typed))) === restoreCell(typed),
      ),
    )
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

  it('writes a raw cell as it is, quoted where RFC 4180 needs it', () => {
    expect(csvCell('=1+1', false)).toBe('=1+1')
    expect(csvCell('=SUM(A1,B1)', false)).toBe('"=SUM(A1,B1)"')
    fc.assert(
      fc.property(awkwardText, (value) => {
        const [record] = parse(`${csvCell(value, false)}\r\n`, { relax_quotes: false }) as string[][]
        return value === '' || record?.[0] === value
      }),
    )
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
