import { z } from 'zod'
import { ClaimantKindSchema, QuantityQualifierSchema, VerdictStatusSchema } from './enums.ts'
import {
  DateOnlySchema,
  HttpUrlSchema,
  IdSchema,
  LIMITS,
  nonBlank,
  optionalText,
  TagSchema,
  TimestampSchema,
} from './fields.ts'
import { RatingSchema } from './rating-scale.ts'
import { QuantitySchema } from './records.ts'
import { ClaimLogQuerySchema, QuantityInputSchema } from './requests.ts'

/**
 * How the CSV writes a column's cell: `plain` values (ids, enums, dates, counts, timestamps) never
 * need quoting, `text` may, and `tags` is the dispute's tags (a JSON array in the database, a JSON
 * array in the row, space-separated words in a cell), `json` a JSON column kept as its text in the raw row
 * and in the cell (empty for an empty list), parsed in the row, and `page` a public page's path in the raw
 * row (`/v/…`, null when there is none), the full address (PUBLIC_BASE_URL before it) in the row and cell.
 */
export type ClaimLogCellKind = 'plain' | 'text' | 'tags' | 'json' | 'page'

const column = <
  const F extends string,
  const H extends string,
  S extends z.ZodType,
  K extends ClaimLogCellKind,
>(
  field: F,
  header: H,
  schema: S,
  cell: K,
) => ({ field, header, schema, cell })

/**
 * The claim log's columns, in the order of the CSV and of the database's raw rows: each one's JSON
 * field, CSV header, row schema and kind of cell. The row schema, the raw row type, the SQL select
 * list (packages/db, one SQL expression per field) and the CSV writer (packages/domain) all come from
 * this list.
 */
export const CLAIM_LOG_COLUMNS = [
  column('claimId', 'claim_id', z.string(), 'plain'),
  column('disputeId', 'dispute_id', z.string(), 'plain'),
  column('disputeTitle', 'dispute_title', z.string(), 'text'),
  // Both null for an unattributed claim (no known speaker): an empty cell in the CSV.
  column('claimant', 'claimant', z.string().nullable(), 'text'),
  column('claimantKind', 'claimant_kind', ClaimantKindSchema.nullable(), 'plain'),
  column('claimantUrl', 'claimant_url', z.string().nullable(), 'text'),
  column('claimText', 'claim_text', z.string(), 'text'),
  column('shortText', 'short_text', z.string().nullable(), 'text'),
  column('statedOn', 'stated_on', z.string().nullable(), 'plain'),
  column('appearanceUrl', 'appearance_url', z.string().nullable(), 'text'),
  column('archiveUrl', 'archive_url', z.string().nullable(), 'text'),
  column('quantityValue', 'quantity_value', z.number().nullable(), 'text'),
  column('quantityUnit', 'quantity_unit', z.string().nullable(), 'text'),
  column('quantityQualifier', 'quantity_qualifier', QuantityQualifierSchema.nullable(), 'plain'),
  column('rating', 'rating', RatingSchema.nullable(), 'plain'),
  column('ratingLabel', 'rating_label', z.string().nullable(), 'text'),
  column('verdictSummary', 'verdict_summary', z.string().nullable(), 'text'),
  column('rationale', 'rationale', z.string().nullable(), 'text'),
  column('verdictStatus', 'verdict_status', VerdictStatusSchema.nullable(), 'plain'),
  column('publishedAt', 'published_at', TimestampSchema.nullable(), 'plain'),
  // Export only: the import reads past it.
  column('publicUrl', 'public_url', z.string().nullable(), 'page'),
  column('supportingEvidence', 'supporting_evidence', z.number().int(), 'plain'),
  column('contradictingEvidence', 'contradicting_evidence', z.number().int(), 'plain'),
  column('contextEvidence', 'context_evidence', z.number().int(), 'plain'),
  column('tags', 'tags', z.array(z.string()), 'tags'),
  column('updatedAt', 'updated_at', TimestampSchema, 'plain'),
  // Last: the list is not for hand-editing (decision 0016). The columns of decision 0017 sit beside
  // their kin; readers find columns by header.
  column('quantities', 'quantities', z.array(QuantitySchema), 'json'),
] as const

type ClaimLogColumns = typeof CLAIM_LOG_COLUMNS
export type ClaimLogField = ClaimLogColumns[number]['field']
export type ClaimLogHeader = ClaimLogColumns[number]['header']

type ClaimLogShape = { [C in ClaimLogColumns[number] as C['field']]: C['schema'] }

/** One row of the claim log: one claim across all disputes, with its verdict. */
export const ClaimLogRowSchema = z
  .object(Object.fromEntries(CLAIM_LOG_COLUMNS.map((c) => [c.field, c.schema])) as ClaimLogShape)
  .meta({ id: 'ClaimLogRow' })
export type ClaimLogRow = z.infer<typeof ClaimLogRowSchema>

export const ClaimLogPageSchema = z
  .object({ items: z.array(ClaimLogRowSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ClaimLogPage' })

/**
 * How the export writes its file: `safe` (the default) neutralises cells a spreadsheet would run as a
 * formula; `excel` does too and starts with a UTF-8 byte-order mark, so Excel reads the file as UTF-8; `raw`
 * writes every cell as it is, for data tools, never for a spreadsheet.
 */
export const ClaimLogExportFormatSchema = z
  .enum(['safe', 'excel', 'raw'])
  .meta({ id: 'ClaimLogExportFormat' })
export type ClaimLogExportFormat = z.infer<typeof ClaimLogExportFormatSchema>

/** The claim log's filters without paging, for the CSV export; `bom=1` is the older name of format=excel. */
export const ClaimLogExportQuerySchema = ClaimLogQuerySchema.omit({ limit: true, cursor: true }).extend({
  format: ClaimLogExportFormatSchema.optional(),
  bom: z.enum(['0', '1']).optional(),
})
export type ClaimLogExportQuery = z.infer<typeof ClaimLogExportQuerySchema>

/** The filters both the page and the export apply. */
export type ClaimLogFilters = Omit<ClaimLogExportQuery, 'bom' | 'format'>

/** A cell of an imported file that was refused. */
export const ImportIssueSchema = z
  .object({ line: z.number().int(), column: z.string(), message: z.string() })
  .meta({ id: 'ImportIssue' })
export type ImportIssue = z.infer<typeof ImportIssueSchema>

export const ClaimLogImportResultSchema = z
  .object({
    rows: z.number().int(),
    created: z.object({
      claims: z.number().int(),
      disputes: z.number().int(),
      claimants: z.number().int(),
      verdicts: z.number().int(),
    }),
    /** Rows marked published that arrived in review: an editor's, or an admin's without published_at. */
    heldForReview: z.number().int(),
    /**
     * Rows whose claimant (by name or alias) already has a claim of the same text on the desk: the same
     * file imported again. A real import refuses them unless allowDuplicates=1; a dry run lists them.
     */
    duplicates: z.array(
      z.object({
        line: z.number().int(),
        claimId: z.string(),
        disputeId: z.string(),
        disputeTitle: z.string(),
      }),
    ),
    duplicateCount: z.number().int(),
    /**
     * The disputes the file's rows went to (or, in a dry run, would go to), in the order the file first
     * names them: the first 1,000, each with how many of the file's claims it received and whether the
     * import created it.
     */
    disputes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        claims: z.number().int(),
        created: z.boolean(),
      }),
    ),
    /** How many disputes the file's rows went to in all (`disputes` lists the first 1,000). */
    disputeCount: z.number().int(),
    /** True when nothing was written: the counts are what the import would create. */
    dryRun: z.boolean(),
  })
  .meta({ id: 'ClaimLogImportResult' })

export const ClaimLogImportQuerySchema = z.object({
  /** 1: check the whole file and answer what it would create, writing nothing. */
  dryRun: z.enum(['0', '1']).optional(),
  /** 1: import rows that repeat claims already on the desk instead of refusing them. */
  allowDuplicates: z.enum(['0', '1']).optional(),
})
export type ClaimLogImportQuery = z.infer<typeof ClaimLogImportQuerySchema>
export type ClaimLogImportResult = z.infer<typeof ClaimLogImportResultSchema>

export const SearchKindSchema = z.enum(['claim', 'claimant', 'evidence', 'verdict', 'fact_check'])
export type SearchKind = z.infer<typeof SearchKindSchema>

export const SearchQuerySchema = z.object({
  q: z.string().max(500).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})

/** One search hit: what it is, where it sits, and its snippet cut into plain and matching parts. */
export const SearchHitSchema = z
  .object({
    kind: SearchKindSchema,
    id: z.string(),
    disputeId: z.string().nullable(),
    claimId: z.string().nullable(),
    title: z.string(),
    snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
    score: z.number(),
  })
  .meta({ id: 'SearchHit' })
export type SearchHit = z.infer<typeof SearchHitSchema>

export const SearchResultSchema = z.object({ items: z.array(SearchHitSchema) }).meta({ id: 'SearchResult' })
export type SearchResult = z.infer<typeof SearchResultSchema>

/**
 * A claim-log row as the database hands it over, one value per column of CLAIM_LOG_COLUMNS in its
 * order: what the export writes without building an object per row. `tags` is the dispute's JSON
 * array text.
 */
export type ClaimLogRawRow = RawValues<ClaimLogColumns>
// Generic, so that mapping the columns' tuple gives a tuple.
type RawValues<T extends readonly { schema: z.ZodType; cell: ClaimLogCellKind }[]> = {
  -readonly [I in keyof T]: T[I]['cell'] extends 'tags' | 'json' ? string : z.output<T[I]['schema']>
}

/**
 * A search hit as the database hands it over: the record's indexed texts as they are (a claim's text or a
 * fact-check's claim as body; a claimant's aliases joined by ", "), which the snippet is made from.
 */
export interface SearchRawHit {
  kind: SearchKind
  refId: string
  disputeId: string | null
  claimId: string | null
  /** A claimant's name, an evidence item's title, a verdict's summary, a fact-check's publisher; '' for a claim. */
  title: string
  body: string
  score: number
}

const emptyToNull = <T extends z.ZodType>(schema: T) =>
  z.string().transform((value, ctx): z.infer<T> | null => {
    if (value.trim() === '') return null
    const parsed = schema.safeParse(value.trim())
    if (parsed.success) return parsed.data
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message })
    return z.NEVER
  })

/** How an import error names a quantity's field. */
const QUANTITY_FIELD_WORDS: Record<string, string> = {
  measure: 'what is counted',
  value: 'value',
  valueMax: '"to" value',
  qualifier: 'qualifier',
  unit: 'unit',
  periodFrom: 'start of the period',
  periodTo: 'end of the period',
  place: 'place',
}

/**
 * The `quantities` cell: the whole list as JSON (empty: none given here, the three older columns are read
 * instead). Each problem names the quantity by its number in the list and the field in words.
 */
const quantitiesCell = z.string().transform((value, ctx) => {
  if (value.trim() === '') return null
  let json: unknown
  try {
    json = JSON.parse(value)
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON list of quantities, as the export writes it' })
    return z.NEVER
  }
  const parsed = z
    .array(QuantityInputSchema, { error: 'must be a JSON list of quantities, as the export writes it' })
    .max(LIMITS.quantities, `must hold at most ${LIMITS.quantities} quantities`)
    .safeParse(json)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) {
    const [index, field] = issue.path
    const where =
      typeof index === 'number'
        ? `quantity ${index + 1}${field === undefined ? '' : `, ${QUANTITY_FIELD_WORDS[String(field)] ?? String(field)}`}: `
        : ''
    ctx.addIssue({ code: 'custom', message: `${where}${issue.message}` })
  }
  return z.NEVER
})

const count = z.string().transform((value, ctx) => {
  if (value.trim() === '') return 0
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a whole number, 0 or more' })
    return z.NEVER
  }
  return n
})

/**
 * One imported row, keyed by the claim log's JSON fields, each cell as read from the file
 * (neutralised cells already restored). Empty cells are "none".
 */
export const ClaimLogImportRowSchema = z
  .object({
    claimId: emptyToNull(IdSchema),
    disputeId: emptyToNull(IdSchema),
    disputeTitle: nonBlank(LIMITS.title),
    // Empty: an unattributed claim (no known speaker).
    claimant: emptyToNull(nonBlank(LIMITS.name)),
    claimantKind: emptyToNull(ClaimantKindSchema),
    claimantUrl: emptyToNull(HttpUrlSchema),
    claimText: nonBlank(LIMITS.claimText),
    shortText: emptyToNull(nonBlank(LIMITS.shortText)),
    statedOn: emptyToNull(DateOnlySchema),
    appearanceUrl: emptyToNull(HttpUrlSchema),
    archiveUrl: emptyToNull(HttpUrlSchema),
    quantityValue: emptyToNull(
      z.coerce.number({ error: 'must be a number' }).finite('must be a finite number'),
    ),
    quantityUnit: emptyToNull(nonBlank(60)),
    quantityQualifier: emptyToNull(QuantityQualifierSchema),
    rating: emptyToNull(RatingSchema),
    verdictSummary: optionalText(LIMITS.summary),
    rationale: optionalText(LIMITS.longText),
    verdictStatus: emptyToNull(VerdictStatusSchema),
    publishedAt: emptyToNull(z.iso.datetime({ message: 'must be an ISO 8601 UTC timestamp' })),
    // The export's address of the public page: the import makes its own.
    publicUrl: z.string().transform(() => null),
    supportingEvidence: count,
    contradictingEvidence: count,
    contextEvidence: count,
    tags: z
      .string()
      .transform((value) => value.split(/\s+/).filter(Boolean))
      .pipe(z.array(TagSchema).max(LIMITS.tags, `must be at most ${LIMITS.tags} tags`)),
    quantities: quantitiesCell,
  })
  .superRefine((row, ctx) => {
    const parts = [row.quantityValue, row.quantityUnit, row.quantityQualifier]
    const given = parts.filter((p) => p !== null).length
    if (given !== 0 && given !== 3) {
      for (const field of ['quantityValue', 'quantityUnit', 'quantityQualifier'] as const) {
        if (row[field] === null)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'a quantity needs value, unit and qualifier',
          })
      }
    }
    if (row.claimant === null) {
      for (const field of ['claimantKind', 'claimantUrl'] as const) {
        if (row[field] !== null)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'describes a claimant, but the claimant cell is empty (an unattributed claim has none)',
          })
      }
    }
    if (row.verdictStatus === 'withdrawn') {
      ctx.addIssue({
        code: 'custom',
        path: ['verdictStatus'],
        message: 'a withdrawn verdict cannot be imported: import it as a draft, or leave the status empty',
      })
    }
    if (row.publishedAt !== null && row.verdictStatus !== 'published') {
      ctx.addIssue({ code: 'custom', path: ['publishedAt'], message: 'only a published verdict has a date' })
    }
  })
export type ClaimLogImportRow = z.output<typeof ClaimLogImportRowSchema>
