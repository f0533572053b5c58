// RFC 4180 writing and spreadsheet-formula neutralisation. Written by hand because the export's
// hot path writes every cell of up to a million rows (ENGINEERING.md has the measurements).

const APOSTROPHE = 0x27
const WORD_JOINER = 0x2060

/** Whether a first character makes a spreadsheet run the cell: = + - @ tab CR LF NUL and full-width = + - @. */
function isTrigger(code: number): boolean {
  switch (code) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0x0a: // LF
    case 0x00: // NUL
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return true
    default:
      return false
  }
}

/**
 * Whether a character is blank to a reader's eye: Unicode's White_Space (space, tab, CR, LF,
 * no-break space, U+1680, U+2000–U+200A, line and paragraph separators, U+202F, U+205F, ideographic
 * space) and the invisible ones that once counted as spaces (U+180E, zero-width space, word joiner,
 * the byte-order mark). Spreadsheets may trim them before deciding that a cell is a formula.
 */
function isBlank(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  if (code < 0x85) return false
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    code === 0x180e ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2060 ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

/**
 * Whether a spreadsheet would run a cell as a formula: a trigger comes first, or after any run of blanks
 * ("  =HYPERLINK(…)", "\u00a0+1"). A cell that begins with an apostrophe is text to every spreadsheet.
 */
export function needsNeutralising(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (isTrigger(code)) return true
    if (!isBlank(code)) return false
  }
  return false
}

/**
 * What the export puts before a cell a spreadsheet would run: an apostrophe and a word joiner (U+2060,
 * invisible). The joiner is what tells the import the apostrophe is the export's: an apostrophe a person
 * typed ("'=1+1") has none after it and is kept as text (decision 0017).
 */
export const NEUTRALISING_MARK = "'\u2060"

/** Whether the export marks a cell: a spreadsheet would run it, or it begins with the mark itself. */
function needsMark(value: string): boolean {
  return (
    value.length > 0 &&
    (needsNeutralising(value) || (value.charCodeAt(0) === APOSTROPHE && value.charCodeAt(1) === WORD_JOINER))
  )
}

/** A cell as exported: marked when a spreadsheet would otherwise run it as a formula. */
export function neutraliseCell(value: string): string {
  return needsMark(value) ? NEUTRALISING_MARK + value : value
}

/** The reverse of neutraliseCell: a cell read from a file, as it was before export. */
export function restoreCell(value: string): string {
  return value.charCodeAt(0) === APOSTROPHE && value.charCodeAt(1) === WORD_JOINER ? value.slice(2) : value
}

/**
 * A cell of a file the export wrote before the mark had its joiner: a bare apostrophe before a run of
 * blanks and apostrophes ending in a trigger was the export's, and is dropped.
 */
export function restoreLegacyCell(value: string): string {
  if (value.charCodeAt(0) !== APOSTROPHE) return value
  for (let i = 1; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (isTrigger(code)) return value.slice(1)
    if (code !== APOSTROPHE && !isBlank(code)) return value
  }
  return value
}

const NEEDS_QUOTES = /[",\r\n]/
const QUOTES = /"/g

/** One RFC 4180-quoted cell, neutralised unless `neutralise` is false (the raw export). */
export function csvCell(value: string, neutralise = true): string {
  const safe = neutralise && needsMark(value) ? NEUTRALISING_MARK + value : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(QUOTES, '""')}"` : safe
}

/** One neutralised CSV record from text cells, ending in CRLF. */
export function csvLine(cells: readonly string[]): string {
  let line = ''
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ','
    line += csvCell(cells[i] ?? '')
  }
  return `${line}\r\n`
}

/** The UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8. */
export const CSV_BOM = '\uFEFF'
