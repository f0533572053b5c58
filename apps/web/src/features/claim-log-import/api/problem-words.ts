import { CLAIM_LOG_COLUMNS, type ImportIssue } from '@counterclaim/shared'
import type { TFunction } from 'i18next'

type ImportT = TFunction<['claimLogImport', 'domain']>

/** A problem the import found, for reading: its column in words, and what is wrong in the reader's language. */
export interface ProblemWords {
  line: number
  /** The column's header as the file has it ('' for the whole file or row). */
  header: string
  /** The column in words, when it is one of the claim log's columns. */
  columnWords: string | null
  message: string
  /** The API's own English words, for a message this screen has no words for. */
  inEnglish: boolean
}

// The domain's field words where the shared catalogue has them (the same words the rest of the app uses).
const DOMAIN_FIELDS = new Set([
  'claimId',
  'disputeId',
  'shortText',
  'statedOn',
  'appearanceUrl',
  'archiveUrl',
  'quantities',
])

/** The claim log's columns in words, keyed by the file's header. */
export function columnWords(header: string, t: ImportT): string | null {
  const column = CLAIM_LOG_COLUMNS.find((c) => c.header === header)
  if (!column) return null
  if (DOMAIN_FIELDS.has(column.field))
    return t(`domain:field.${column.field as 'claimId'}`, { defaultValue: header })
  return t(`claimLogImport:column.${header as 'claimant'}`, { defaultValue: header })
}

/**
 * The API's messages for an import (packages/shared's row schema, the import's checks), each with its
 * words in the catalogue. The API writes English for integrators; the screen speaks the reader's language.
 */
const MESSAGES: ReadonlyArray<[RegExp, (m: RegExpMatchArray, t: ImportT) => string]> = [
  [/^must not be empty$/, (_, t) => t('claimLogImport:problem.empty')],
  [
    /^must be at most (\d+) characters$/,
    (m, t) => t('claimLogImport:problem.tooLong', { max: Number(m[1]) }),
  ],
  [/^must be a real calendar date$/, (_, t) => t('claimLogImport:problem.realDate')],
  [/^must be a date as YYYY-MM-DD$/, (_, t) => t('claimLogImport:problem.dateFormat')],
  [/^must be an http or https URL$/, (_, t) => t('claimLogImport:problem.url')],
  [/^must be a UUID$/, (_, t) => t('claimLogImport:problem.uuid')],
  [/^must be an ISO 8601 UTC timestamp$/, (_, t) => t('claimLogImport:problem.timestamp')],
  [/^must be a whole number, 0 or more$/, (_, t) => t('claimLogImport:problem.wholeNumber')],
  [/^must be a (finite )?number$/, (_, t) => t('claimLogImport:problem.number')],
  [/^a quantity needs value, unit and qualifier$/, (_, t) => t('claimLogImport:problem.quantityParts')],
  [/^a withdrawn verdict cannot be imported/, (_, t) => t('claimLogImport:problem.withdrawn')],
  [/NUL character/, (_, t) => t('claimLogImport:problem.nul')],
  [/^already exists$/, (_, t) => t('claimLogImport:problem.taken')],
  [
    /^appears twice in the file \(first on line (\d+)\)$/,
    (m, t) => t('claimLogImport:problem.twice', { line: Number(m[1]) }),
  ],
  [/^names an archived dispute/, (_, t) => t('claimLogImport:problem.archivedDispute')],
  [/^repeats a claim already on the desk/, (_, t) => t('claimLogImport:problem.repeat')],
  [
    /^has (\d+) cells where the header has (\d+)$/,
    (m, t) => t('claimLogImport:problem.cells', { cells: Number(m[1]), header: Number(m[2]) }),
  ],
  [/^the file is empty/, (_, t) => t('claimLogImport:problem.fileEmpty')],
  [/^the header row is unreadable$/, (_, t) => t('claimLogImport:problem.headerUnreadable')],
  [/^the file has no rows$/, (_, t) => t('claimLogImport:problem.noRows')],
  [/^the file is not valid CSV/, (_, t) => t('claimLogImport:problem.notCsv')],
  [/^is not a claim-log column$/, (_, t) => t('claimLogImport:problem.notAColumn')],
  [/^appears twice$/, (_, t) => t('claimLogImport:problem.columnTwice')],
  [/^is missing$/, (_, t) => t('claimLogImport:problem.missing')],
  [/^Invalid option/, (_, t) => t('claimLogImport:problem.oneOf')],
  [/^must be one word without spaces, commas or #$/, (_, t) => t('claimLogImport:problem.tagsWord')],
]

/** A problem of an import, in words: the column's words beside its header, the message in the reader's language. */
export function problemWords(issue: ImportIssue, t: ImportT): ProblemWords {
  for (const [pattern, words] of MESSAGES) {
    const match = issue.message.match(pattern)
    if (match)
      return {
        line: issue.line,
        header: issue.column,
        columnWords: columnWords(issue.column, t),
        message: words(match, t),
        inEnglish: false,
      }
  }
  return {
    line: issue.line,
    header: issue.column,
    columnWords: columnWords(issue.column, t),
    message: issue.message,
    inEnglish: true,
  }
}

/** The problems of a refused file: the API's details when they are a list of {line, column, message}. */
export function importIssues(details: unknown): ImportIssue[] | null {
  if (!Array.isArray(details)) return null
  const issues = details.filter(
    (d): d is ImportIssue =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as ImportIssue).line === 'number' &&
      typeof (d as ImportIssue).column === 'string' &&
      typeof (d as ImportIssue).message === 'string',
  )
  return issues.length > 0 ? issues : null
}
