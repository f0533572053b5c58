import type { ClaimLogRawRow, ClaimLogRow, ImportIssue } from '@counterclaim/shared'
import { csvCell, csvLine, needsNeutralising, restoreCell } from './csv.ts'

/**
 * The claim log's columns in the CSV's order: snake_case header, camelCase JSON field, and
 * whether the exporter may skip quoting (ids, enums, dates, counts and timestamps never need it).
 */
export const CLAIM_LOG_COLUMNS = [
  { header: 'claim_id', field: 'claimId', plain: true },
  { header: 'dispute_id', field: 'disputeId', plain: true },
  { header: 'dispute_title', field: 'disputeTitle', plain: false },
  { header: 'claimant', field: 'claimant', plain: false },
  { header: 'claimant_kind', field: 'claimantKind', plain: true },
  { header: 'claim_text', field: 'claimText', plain: false },
  { header: 'stated_on', field: 'statedOn', plain: true },
  { header: 'appearance_url', field: 'appearanceUrl', plain: false },
  { header: 'archive_url', field: 'archiveUrl', plain: false },
  { header: 'quantity_value', field: 'quantityValue', plain: false },
  { header: 'quantity_unit', field: 'quantityUnit', plain: false },
  { header: 'quantity_qualifier', field: 'quantityQualifier', plain: true },
  { header: 'rating', field: 'rating', plain: true },
  { header: 'rating_label', field: 'ratingLabel', plain: false },
  { header: 'verdict_summary', field: 'verdictSummary', plain: false },
  { header: 'verdict_status', field: 'verdictStatus', plain: true },
  { header: 'published_at', field: 'publishedAt', plain: true },
  { header: 'supporting_evidence', field: 'supportingEvidence', plain: true },
  { header: 'contradicting_evidence', field: 'contradictingEvidence', plain: true },
  { header: 'context_evidence', field: 'contextEvidence', plain: true },
  { header: 'tags', field: 'tags', plain: false },
  { header: 'updated_at', field: 'updatedAt', plain: true },
] as const satisfies ReadonlyArray<{ header: string; field: keyof ClaimLogRow; plain: boolean }>

export type ClaimLogHeader = (typeof CLAIM_LOG_COLUMNS)[number]['header']
export type ClaimLogField = (typeof CLAIM_LOG_COLUMNS)[number]['field']

const TAGS_INDEX = CLAIM_LOG_COLUMNS.findIndex((c) => c.field === 'tags')
const PLAIN = CLAIM_LOG_COLUMNS.map((c) => c.plain)

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

/** A raw database row as the JSON log's row. */
export function claimLogRowFromRaw(r: ClaimLogRawRow): ClaimLogRow {
  return {
    claimId: r[0],
    disputeId: r[1],
    disputeTitle: r[2],
    claimant: r[3],
    claimantKind: r[4],
    claimText: r[5],
    statedOn: r[6],
    appearanceUrl: r[7],
    archiveUrl: r[8],
    quantityValue: r[9],
    quantityUnit: r[10],
    quantityQualifier: r[11],
    rating: r[12],
    ratingLabel: r[13],
    verdictSummary: r[14],
    verdictStatus: r[15],
    publishedAt: r[16],
    supportingEvidence: r[17],
    contradictingEvidence: r[18],
    contextEvidence: r[19],
    tags: tagsFromJson(r[20]),
    updatedAt: r[21],
  }
}

/** The text of one JSON-log value as a CSV cell holds it (before neutralising and quoting). */
export function cellText(value: string | number | string[] | null): string {
  if (value === null) return ''
  if (Array.isArray(value)) return value.join(' ')
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
    if (i === TAGS_INDEX) line += csvCell(tagsCell(v as string))
    else {
      const text = typeof v === 'string' ? v : String(v)
      // Plain columns skip quoting, not the formula check: every column is neutralised.
      line += PLAIN[i] && !needsNeutralising(text) ? text : csvCell(text)
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
