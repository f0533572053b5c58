import {
  CorrectionParamSchema,
  CorrectionRejectSchema,
  IdParamSchema,
  PageQuerySchema,
  PendingCorrectionItemSchema,
  PendingCorrectionSchema,
  pageOf,
  VerdictCorrectSchema,
  VerdictReturnSchema,
  VerdictSchema,
  VerdictWithdrawSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { requireRole } from '../middleware/roles.ts'
import {
  approveCorrection,
  correctVerdict,
  listPendingCorrections,
  publishVerdict,
  rejectCorrection,
  returnVerdict,
  submitVerdict,
  withdrawVerdict,
} from '../services/verdict-workflow.ts'
import {
  errorResponses,
  IfMatchHeaderSchema,
  jsonBody,
  jsonResponse,
  newRouter,
  readIfMatch,
  SIGNED_IN,
  serviceContext,
  tagged,
  WORKFLOW_STEP_ERRORS,
} from './route-kit.ts'

const editorOrAdmin = requireRole('editor')

const stepErrors = WORKFLOW_STEP_ERRORS

export const verdictWorkflowRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/corrections/pending',
      operationId: 'listPendingCorrections',
      summary:
        'Corrections of published verdicts waiting for a second editor, longest-waiting first (editor)',
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { query: PageQuerySchema },
      responses: {
        200: jsonResponse(pageOf(PendingCorrectionItemSchema), 'A page of pending corrections'),
        ...errorResponses('validation_failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => c.json(await listPendingCorrections(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/submit',
      operationId: 'submitVerdict',
      summary: "Submit the claim's verdict draft for review (draft → in_review)",
      description:
        'No body is needed. Sends If-Match with the verdict version. A draft with neither a rating nor a ' +
        'summary is 400 naming both.',
      tags: ['verdicts'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(VerdictSchema, 'The verdict, now in review'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(tagged(c, await submitVerdict(serviceContext(c), c.req.valid('param').id, readIfMatch(c))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/return',
      operationId: 'returnVerdict',
      summary: 'Return a verdict in review to its author with a note (in_review → draft; editor)',
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(VerdictReturnSchema) },
      responses: {
        200: jsonResponse(VerdictSchema, 'The verdict, back to draft with the note'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await returnVerdict(
            serviceContext(c),
            c.req.valid('param').id,
            readIfMatch(c),
            c.req.valid('json').note,
          ),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/publish',
      operationId: 'publishVerdict',
      summary: 'Publish a verdict in review (in_review → published; editor)',
      description:
        'No body is needed. Needs a rating, a summary, a rationale and at least one cited evidence item ' +
        'with a URL; a refusal (400) names what is missing. Under the two-person rule (on by default) ' +
        'an editor who wrote or edited the verdict cannot publish it (403).',
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(VerdictSchema, 'The published verdict'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await publishVerdict(
            serviceContext(c),
            c.req.valid('param').id,
            readIfMatch(c),
            c.get('deps').config.twoPersonRule,
          ),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/correct',
      operationId: 'correctVerdict',
      summary: 'Correct a published verdict with a public correction note (editor)',
      description:
        'Changes the rating, the summary, the rationale or the cited evidence, and publishes a new snapshot of ' +
        'the claim, the claimant and the cited sources as they now stand (so a correction may change nothing but ' +
        'what was edited on those records since publication). The verdict stays published, the earlier text is ' +
        'kept, and the correction is listed on the public page with its date and note. A correction that would ' +
        'change nothing the public sees is 400. Under the two-person rule (on by default) a change of rating ' +
        'is only proposed: 202 with the pending correction, which another editor approves.',
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(VerdictCorrectSchema) },
      responses: {
        200: jsonResponse(VerdictSchema, 'The corrected verdict'),
        202: jsonResponse(PendingCorrectionSchema, 'A change of rating, waiting for a second editor'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const outcome = await correctVerdict(
        serviceContext(c),
        c.req.valid('param').id,
        readIfMatch(c),
        c.req.valid('json'),
        c.get('deps').config.twoPersonRule,
      )
      if (outcome.kind === 'pending') return c.json(outcome.correction, 202)
      return c.json(tagged(c, outcome.record), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/corrections/{correctionId}/approve',
      operationId: 'approveCorrection',
      summary: 'Apply a pending correction proposed by another editor (editor)',
      description:
        "Sends If-Match with the verdict's version. The editor who proposed the correction cannot approve it (403).",
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: CorrectionParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(VerdictSchema, 'The corrected verdict'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const { id, correctionId } = c.req.valid('param')
      return c.json(
        tagged(c, await approveCorrection(serviceContext(c), id, correctionId, readIfMatch(c))),
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/corrections/{correctionId}/reject',
      operationId: 'rejectCorrection',
      summary: 'Turn down a pending correction with a note (editor)',
      description:
        "Sends If-Match with the verdict's version. Nothing is published; the proposer may also take a proposal back.",
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: {
        params: CorrectionParamSchema,
        headers: IfMatchHeaderSchema,
        ...jsonBody(CorrectionRejectSchema),
      },
      responses: {
        200: jsonResponse(VerdictSchema, 'The verdict, with no correction pending'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const { id, correctionId } = c.req.valid('param')
      return c.json(
        tagged(
          c,
          await rejectCorrection(
            serviceContext(c),
            id,
            correctionId,
            readIfMatch(c),
            c.req.valid('json').note,
          ),
        ),
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/withdraw',
      operationId: 'withdrawVerdict',
      summary: 'Withdraw a published verdict with a public note (editor)',
      description:
        'published → withdrawn. The public page stays at its address and shows the withdrawal notice (date and ' +
        'note) in place of the verdict; GET /api/public/verdicts/{claimId} answers 410 and the feed leaves it out.',
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(VerdictWithdrawSchema) },
      responses: {
        200: jsonResponse(VerdictSchema, 'The withdrawn verdict'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await withdrawVerdict(
            serviceContext(c),
            c.req.valid('param').id,
            readIfMatch(c),
            c.req.valid('json').note,
          ),
        ),
        200,
      ),
  )
