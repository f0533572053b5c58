// RFC 4180 writing and spreadsheet-formula neutralisation. Written by hand because the export's
// hot path writes every cell of up to a million rows (ENGINEERING.md has the measurements).

const APOSTROPHE = 0x27

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
 * Whether a cell needs a leading apostrophe: it begins with a trigger, or with apostrophes
 * followed by one (so that reading back strips exactly the apostrophe the writer added).
 */
export function needsNeutralising(value: string): boolean {
  let i = 0
  while (i < value.length && value.charCodeAt(i) === APOSTROPHE) i++
  return i < value.length && isTrigger(value.charCodeAt(i))
}

/** A cell as exported: prefixed with ' when a spreadsheet would otherwise run it as a formula. */
export function neutraliseCell(value: string): string {
  return needsNeutralising(value) ? `'${value}` : value
}

/** The reverse of neutraliseCell: a cell read from a file, as it was before export. */
export function restoreCell(value: string): string {
  return value.charCodeAt(0) === APOSTROPHE && needsNeutralising(value.slice(1)) ? value.slice(1) : value
}

const NEEDS_QUOTES = /[",\r\n]/
const QUOTES = /"/g

/** One neutralised, RFC 4180-quoted cell. */
export function csvCell(value: string): string {
  const safe = value.length > 0 && needsNeutralising(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(QUOTES, '""')}"` : safe
}

/** One CSV record from text cells, ending in CRLF. */
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
