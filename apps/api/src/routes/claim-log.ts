import {
  ClaimLogExportQuerySchema,
  ClaimLogImportQuerySchema,
  ClaimLogImportResultSchema,
  ClaimLogPageSchema,
  ClaimLogQuerySchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { CSV_LIMIT } from '../middleware/request-guards.ts'
import { requireRole } from '../middleware/roles.ts'
import { claimLogCsv, exportFileName } from '../services/claim-log-csv.ts'
import { importClaimLog } from '../services/claim-log-import.ts'
import { listClaimLog } from '../services/claim-log-page.ts'
import { nowIso } from '../services/context.ts'
import { errorResponses, jsonResponse, newRouter, SIGNED_IN, serviceContext } from './route-kit.ts'

const CsvSchema = z
  .string()
  .meta({ description: 'RFC 4180 CSV, UTF-8, with a header row of the claim-log columns' })

export const claimLogRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/claim-log',
      operationId: 'listClaimLog',
      summary: 'Claim log rows: one per claim with its verdict, newest activity first',
      description:
        'Filters: q (full text over claim text, claimant names and verdicts), disputeId, claimantId (none: the unattributed claims), rating, status, from and to (on statedOn), tag. Paged with limit and cursor.',
      tags: ['claim-log'],
      security: SIGNED_IN,
      request: { query: ClaimLogQuerySchema },
      responses: {
        200: jsonResponse(ClaimLogPageSchema, 'A page of claim-log rows'),
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) =>
      c.json(
        await listClaimLog(c.get('deps').db, c.req.valid('query'), c.get('deps').config.publicBaseUrl),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/claim-log.csv',
      operationId: 'exportClaimLog',
      summary: 'The claim log as CSV: the same rows and filters, streamed',
      description:
        'RFC 4180, UTF-8, a header row of snake_case columns. format=safe (the default): a cell a spreadsheet would run as a formula starts with an apostrophe and a word joiner (U+2060), which the import removes; an apostrophe without the joiner is the text’s own. format=excel: the same, after a UTF-8 byte-order mark so Excel reads the file as UTF-8 (bom=1 is an older name for it). format=raw: every cell as it is, no neutralising, for data tools: never open it in a spreadsheet. public_url is the published verdict’s public page (export only: the import ignores it).',
      tags: ['claim-log'],
      security: SIGNED_IN,
      request: { query: ClaimLogExportQuerySchema },
      responses: {
        200: {
          description: 'The CSV file, as an attachment named claim-log-YYYY-MM-DD.csv',
          headers: {
            'Content-Disposition': {
              description: 'attachment; filename="claim-log-YYYY-MM-DD.csv"',
              schema: { type: 'string' },
            },
          },
          content: { 'text/csv': { schema: CsvSchema } },
        },
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) => {
      const { bom, format, ...filters } = c.req.valid('query')
      const { db, config } = c.get('deps')
      const stream = await claimLogCsv(
        db,
        filters,
        format ?? (bom === '1' ? 'excel' : 'safe'),
        config.publicBaseUrl,
      )
      return c.body(stream, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${exportFileName(nowIso())}"`,
        'Cache-Control': 'no-store',
      })
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claim-log/import',
      operationId: 'importClaimLog',
      summary: 'Import claim-log rows from CSV: all rows or none (editor)',
      description:
        'The body is a CSV file (up to 50 MiB; a Content-Length over it is 413 before the body is read, a longer body is 413 once it passes the limit) in the export’s columns; dispute_title and claim_text are required, and an empty (or missing) claimant is an unattributed claim. It is parsed and checked in a worker thread as it arrives. A claim_id that exists is refused; disputes match by dispute_id, then title, claimants by name or alias (case, accents, hyphens and spacing ignored), created when new. A row whose claimant (or, unattributed, the desk’s unattributed claims) already has a live claim of exactly its text repeats a claim on the desk (the same file imported again): it is refused unless allowDuplicates=1, and listed in `duplicates` either way. With dryRun=1 the whole file is checked and written inside a transaction that is then rolled back: the answer (dryRun: true) gives the counts it would create and its repeated rows, and nothing is written. Only an admin’s import publishes, and only rows carrying published_at, which stays the verdict’s datePublished (the verdict is marked imported and its public snapshot taken); every other row marked published arrives in_review and is counted in heldForReview. verdict_status=withdrawn is refused. The answer lists the disputes the rows went to (or would go to) in `disputes`: the first 1,000, in the order the file first names them, each with its id, title, the number of the file’s claims it received and whether the import created it; `disputeCount` counts them all. A refused file answers 400 validation_failed with details [{line, column, message}] for every bad row, and nothing is written.',
      tags: ['claim-log'],
      security: SIGNED_IN,
      middleware: requireRole('editor'),
      request: {
        query: ClaimLogImportQuerySchema,
        body: { required: true, content: { 'text/csv': { schema: CsvSchema } } },
      },
      responses: {
        200: jsonResponse(
          ClaimLogImportResultSchema,
          'Every row was imported, or with dryRun=1 would be: the counts, and the rows that repeat claims already on the desk',
        ),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'payload_too_large',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      return c.json(
        await importClaimLog(serviceContext(c), c.req.raw.body, {
          maxBytes: CSV_LIMIT,
          gate: c.get('deps').gate,
          write: { dryRun: query.dryRun === '1', allowDuplicates: query.allowDuplicates === '1' },
        }),
        200,
      )
    },
  )
