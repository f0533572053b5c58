import {
  CLAIM_LOG_COLUMNS,
  type ClaimLogField,
  type ClaimLogHeader,
  type ClaimLogRawRow,
  type ClaimLogRow,
  type ImportIssue,
  type Quantity,
} from '@counterclaim/shared'
import { csvCell, csvLine, needsNeutralising, restoreCell } from './csv.ts'
import { quantityFromInput } from './quantities.ts'

// The columns are defined once in packages/shared; re-exported here for the code that still imports
// them beside the CSV writer (the import worker, test fixtures).
export { CLAIM_LOG_COLUMNS, type ClaimLogField, type ClaimLogHeader }

// Each column's kind of cell, by position: the export's hot path reads these, not the column objects.
const CELL = CLAIM_LOG_COLUMNS.map((c) => c.cell)

/** The CSV header record, CRLF-terminated. */
export const CLAIM_LOG_CSV_HEADER = csvLine(CLAIM_LOG_COLUMNS.map((c) => c.header))

/** A dispute's tags from the JSON array text the database keeps. */
export function tagsFromJson(json: string): string[] {
  if (json === '[]' || json === '') return []
  // Tags hold no spaces, commas or #; only escapes need the full parser.
  if (json.includes('\\')) {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.map(String) : []
  }
  return json.slice(2, -2).split('","')
}

/** The tags cell: tags separated by single spaces (a tag never contains one). */
export function tagsCell(json: string): string {
  if (json === '[]' || json === '') return ''
  return json.includes('\\') ? tagsFromJson(json).join(' ') : json.slice(2, -2).split('","').join(' ')
}

/** A claim's quantities from the JSON text the database keeps. */
export function quantitiesFromJson(json: string): Quantity[] {
  if (json === '[]' || json === '') return []
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? (parsed as Quantity[]).map(quantityFromInput) : []
}

/** The quantities cell: the list's JSON text as kept, empty for none. */
export function quantitiesCell(json: string): string {
  return json === '[]' ? '' : json
}

/** A raw database row as the JSON log's row. */
export function claimLogRowFromRaw(r: ClaimLogRawRow): ClaimLogRow {
  const row: Record<string, unknown> = {}
  for (let i = 0; i < CLAIM_LOG_COLUMNS.length; i++) {
    const column = CLAIM_LOG_COLUMNS[i]
    if (!column) continue
    const value = r[i]
    row[column.field] =
      column.cell === 'tags'
        ? tagsFromJson(value as string)
        : column.cell === 'json'
          ? quantitiesFromJson(value as string)
          : value
  }
  // ClaimLogRawRow and ClaimLogRow are both derived from CLAIM_LOG_COLUMNS, value for value.
  return row as ClaimLogRow
}

/** The text of one JSON-log value as a CSV cell holds it (before neutralising and quoting). */
export function cellText(value: string | number | string[] | Quantity[] | null): string {
  if (value === null) return ''
  if (Array.isArray(value)) {
    if (value.length === 0) return ''
    return typeof value[0] === 'string' ? value.join(' ') : JSON.stringify(value)
  }
  return String(value)
}

/** A JSON-log row as CSV cells (unquoted), in column order. */
export function claimLogCells(row: ClaimLogRow): string[] {
  return CLAIM_LOG_COLUMNS.map((c) => cellText(row[c.field]))
}

/** One raw database row as a CSV record: the export's hot path, no object per row. */
export function claimLogCsvLine(r: ClaimLogRawRow): string {
  let line = ''
  for (let i = 0; i < r.length; i++) {
    const v = r[i]
    if (i > 0) line += ','
    if (v === null || v === undefined) continue
    const cell = CELL[i]
    if (cell === 'tags') line += csvCell(tagsCell(v as string))
    else if (cell === 'json') line += csvCell(quantitiesCell(v as string))
    else {
      const text = typeof v === 'string' ? v : String(v)
      // Plain columns skip quoting, not the formula check: every column is neutralised.
      line += cell === 'plain' && !needsNeutralising(text) ? text : csvCell(text)
    }
  }
  return `${line}\r\n`
}

const COLUMN_BY_HEADER = new Map<string, ClaimLogField>(CLAIM_LOG_COLUMNS.map((c) => [c.header, c.field]))
const HEADER_BY_FIELD = new Map<string, ClaimLogHeader>(CLAIM_LOG_COLUMNS.map((c) => [c.field, c.header]))

/** Columns an imported file must carry; the others may be left out. */
export const REQUIRED_IMPORT_HEADERS: readonly ClaimLogHeader[] = ['dispute_title', 'claimant', 'claim_text']

/** The CSV header of a JSON field, for naming the column of an import error. */
export function headerOfField(field: string): string {
  return HEADER_BY_FIELD.get(field) ?? field
}

/** Reads an import file's header record: the field of each column, or the issues that refuse the file. */
export function readImportHeader(
  header: readonly string[],
): { fields: ClaimLogField[]; issues: [] } | { fields: null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = []
  const fields: ClaimLogField[] = []
  const seen = new Set<string>()
  header.forEach((raw, index) => {
    // Excel saves a BOM before the first header; it is not part of the name.
    const name = (index === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim()
    const field = COLUMN_BY_HEADER.get(name)
    if (!field) issues.push({ line: 1, column: name, message: 'is not a claim-log column' })
    else if (seen.has(name)) issues.push({ line: 1, column: name, message: 'appears twice' })
    else fields.push(field)
    seen.add(name)
  })
  for (const required of REQUIRED_IMPORT_HEADERS) {
    if (!seen.has(required)) issues.push({ line: 1, column: required, message: 'is missing' })
  }
  return issues.length ? { fields: null, issues } : { fields, issues: [] }
}

/** An imported record's cells keyed by field, neutralised cells restored; absent columns are empty. */
export function importRecord(
  fields: readonly ClaimLogField[],
  cells: readonly string[],
): Record<string, string> {
  const record: Record<string, string> = {}
  for (const c of CLAIM_LOG_COLUMNS) record[c.field] = ''
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]
    if (field) record[field] = restoreCell(cells[i] ?? '')
  }
  return record
}
