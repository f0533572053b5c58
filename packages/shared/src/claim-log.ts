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
import { ClaimLogQuerySchema } from './requests.ts'

/** One row of the claim log: one claim across all disputes, with its verdict. */
export const ClaimLogRowSchema = z
  .object({
    claimId: z.string(),
    disputeId: z.string(),
    disputeTitle: z.string(),
    claimant: z.string(),
    claimantKind: ClaimantKindSchema,
    claimText: z.string(),
    statedOn: z.string().nullable(),
    appearanceUrl: z.string().nullable(),
    archiveUrl: z.string().nullable(),
    quantityValue: z.number().nullable(),
    quantityUnit: z.string().nullable(),
    quantityQualifier: QuantityQualifierSchema.nullable(),
    rating: RatingSchema.nullable(),
    ratingLabel: z.string().nullable(),
    verdictSummary: z.string().nullable(),
    verdictStatus: VerdictStatusSchema.nullable(),
    publishedAt: TimestampSchema.nullable(),
    supportingEvidence: z.number().int(),
    contradictingEvidence: z.number().int(),
    contextEvidence: z.number().int(),
    tags: z.array(z.string()),
    updatedAt: TimestampSchema,
  })
  .meta({ id: 'ClaimLogRow' })
export type ClaimLogRow = z.infer<typeof ClaimLogRowSchema>

export const ClaimLogPageSchema = z
  .object({ items: z.array(ClaimLogRowSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ClaimLogPage' })

/** The claim log's filters without paging, for the CSV export; `bom=1` adds a byte-order mark. */
export const ClaimLogExportQuerySchema = ClaimLogQuerySchema.omit({ limit: true, cursor: true }).extend({
  bom: z.enum(['0', '1']).optional(),
})
export type ClaimLogExportQuery = z.infer<typeof ClaimLogExportQuerySchema>

/** The filters both the page and the export apply. */
export type ClaimLogFilters = Omit<ClaimLogExportQuery, 'bom'>

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
  })
  .meta({ id: 'ClaimLogImportResult' })
export type ClaimLogImportResult = z.infer<typeof ClaimLogImportResultSchema>

export const SearchKindSchema = z.enum(['claim', 'claimant', 'evidence', 'verdict'])
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
 * A claim-log row as the database hands it over, in the CSV's column order: what the export
 * writes without building an object per row. `tags` is the dispute's JSON array text.
 */
export type ClaimLogRawRow = [
  claimId: string,
  disputeId: string,
  disputeTitle: string,
  claimant: string,
  claimantKind: ClaimLogRow['claimantKind'],
  claimText: string,
  statedOn: string | null,
  appearanceUrl: string | null,
  archiveUrl: string | null,
  quantityValue: number | null,
  quantityUnit: string | null,
  quantityQualifier: ClaimLogRow['quantityQualifier'],
  rating: ClaimLogRow['rating'],
  ratingLabel: string | null,
  verdictSummary: string | null,
  verdictStatus: ClaimLogRow['verdictStatus'],
  publishedAt: string | null,
  supportingEvidence: number,
  contradictingEvidence: number,
  contextEvidence: number,
  tags: string,
  updatedAt: string,
]

/** A search hit as the database hands it over; the snippet still carries its markers. */
export interface SearchRawHit {
  kind: SearchKind
  refId: string
  disputeId: string | null
  claimId: string | null
  title: string
  snippet: string
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
    claimant: nonBlank(LIMITS.name),
    claimantKind: emptyToNull(ClaimantKindSchema),
    claimText: nonBlank(LIMITS.claimText),
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
    verdictStatus: emptyToNull(VerdictStatusSchema),
    publishedAt: emptyToNull(z.iso.datetime({ message: 'must be an ISO 8601 UTC timestamp' })),
    supportingEvidence: count,
    contradictingEvidence: count,
    contextEvidence: count,
    tags: z
      .string()
      .transform((value) => value.split(/\s+/).filter(Boolean))
      .pipe(z.array(TagSchema).max(LIMITS.tags, `must be at most ${LIMITS.tags} tags`)),
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
