import {
  CLAIM_LOG_COLUMNS,
  type ClaimLogField,
  type ClaimLogHeader,
  type ClaimLogRawRow,
  type ClaimLogRow,
  type ImportIssue,
  type Quantity,
} from '@counterclaim/shared'
import { csvCell, csvLine, needsNeutralising, restoreCell, restoreLegacyCell } from './csv.ts'
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

/** A public page's address from the path the database row holds: PUBLIC_BASE_URL before it. */
export function pageUrl(path: string | null, baseUrl: string): string | null {
  return path === null ? null : baseUrl + path
}

/** A raw database row as the JSON log's row; `baseUrl` (PUBLIC_BASE_URL) goes before public pages' paths. */
export function claimLogRowFromRaw(r: ClaimLogRawRow, baseUrl = ''): ClaimLogRow {
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
          : column.cell === 'page'
            ? pageUrl(value as string | null, baseUrl)
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

/** How an export writes its cells: neutralised or raw, and the address public pages' paths hang from. */
export interface ClaimLogCsvOptions {
  neutralise: boolean
  baseUrl: string
}

/**
 * The writer of one raw database row as a CSV record: the export's hot path, no object per row. Raw
 * (neutralise: false) writes every cell as it is, quoted where RFC 4180 needs it.
 */
export function claimLogCsvWriter({
  neutralise,
  baseUrl,
}: ClaimLogCsvOptions): (r: ClaimLogRawRow) => string {
  return (r) => {
    let line = ''
    for (let i = 0; i < r.length; i++) {
      const v = r[i]
      if (i > 0) line += ','
      if (v === null || v === undefined) continue
      const cell = CELL[i]
      if (cell === 'tags') line += csvCell(tagsCell(v as string), neutralise)
      else if (cell === 'json') line += csvCell(quantitiesCell(v as string), neutralise)
      else if (cell === 'page') line += csvCell(baseUrl + (v as string), neutralise)
      else {
        const text = typeof v === 'string' ? v : String(v)
        // Plain columns skip quoting, not the formula check: every column is neutralised.
        line +=
          cell === 'plain' && !(neutralise && needsNeutralising(text)) ? text : csvCell(text, neutralise)
      }
    }
    return `${line}\r\n`
  }
}

/** One raw database row as a neutralised CSV record, public pages' paths as they are. */
export const claimLogCsvLine = claimLogCsvWriter({ neutralise: true, baseUrl: '' })

const COLUMN_BY_HEADER = new Map<string, ClaimLogField>(CLAIM_LOG_COLUMNS.map((c) => [c.header, c.field]))
const HEADER_BY_FIELD = new Map<string, ClaimLogHeader>(CLAIM_LOG_COLUMNS.map((c) => [c.field, c.header]))

/**
 * Columns an imported file must carry; the others may be left out. `claimant` among them: an empty
 * claimant (or none) is an unattributed claim.
 */
export const REQUIRED_IMPORT_HEADERS: readonly ClaimLogHeader[] = ['dispute_title', 'claim_text']

/** The CSV header of a JSON field, for naming the column of an import error. */
export function headerOfField(field: string): string {
  return HEADER_BY_FIELD.get(field) ?? field
}

/** The columns of the export's files before decision 0017 (without `quantities` before decision 0016). */
const NEW_IN_0017: ReadonlySet<string> = new Set(['claimant_url', 'short_text', 'rationale', 'public_url'])
const HEADERS_0016 = CLAIM_LOG_COLUMNS.map((c) => c.header).filter((h) => !NEW_IN_0017.has(h))
const LEGACY_EXPORT_HEADERS = [
  HEADERS_0016.join(','),
  HEADERS_0016.filter((h) => h !== 'quantities').join(','),
]

/**
 * Reads an import file's header record: the field of each column, or the issues that refuse the file.
 * `legacy` is true when the header is an earlier export's whole header, whose neutralising apostrophes
 * had no word joiner (restoreLegacyCell reads them).
 */
export function readImportHeader(
  header: readonly string[],
):
  | { fields: ClaimLogField[]; issues: []; legacy: boolean }
  | { fields: null; issues: ImportIssue[]; legacy: boolean } {
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
  const names = header.map((raw, index) => (index === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim())
  const legacy = LEGACY_EXPORT_HEADERS.includes(names.join(','))
  return issues.length ? { fields: null, issues, legacy } : { fields, issues: [], legacy }
}

/**
 * An imported record's cells keyed by field, neutralised cells restored (by the earlier rule in a
 * `legacy` export's file); absent columns are empty.
 */
export function importRecord(
  fields: readonly ClaimLogField[],
  cells: readonly string[],
  legacy = false,
): Record<string, string> {
  const restore = legacy ? restoreLegacyCell : restoreCell
  const record: Record<string, string> = {}
  for (const c of CLAIM_LOG_COLUMNS) record[c.field] = ''
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]
    if (field) record[field] = restore(cells[i] ?? '')
  }
  return record
}
