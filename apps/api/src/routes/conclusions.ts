import {
  ConclusionCorrectSchema,
  ConclusionDraftSchema,
  ConclusionSchema,
  CorrectionParamSchema,
  CorrectionRejectSchema,
  IdParamSchema,
  PendingConclusionCorrectionSchema,
  VerdictReturnSchema,
  VerdictWithdrawSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { requireRole } from '../middleware/roles.ts'
import {
  approveConclusionCorrection,
  correctConclusion,
  publishConclusion,
  rejectConclusionCorrection,
  returnConclusion,
  saveConclusionDraft,
  submitConclusion,
  withdrawConclusion,
} from '../services/conclusions.ts'
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

export const conclusionRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/disputes/{id}/conclusion',
      operationId: 'saveConclusionDraft',
      summary: "Create the dispute's conclusion draft (no If-Match) or change it (If-Match)",
      description:
        'The finding is the comparative answer in one or two sentences (at most 300 characters); the ' +
        'rationale is Markdown. Only a draft changes this way: a conclusion in review is 409 until it is ' +
        'returned, a published one changes by a correction.',
      tags: ['conclusions'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ConclusionDraftSchema) },
      responses: {
        201: jsonResponse(ConclusionSchema, 'The new draft'),
        200: jsonResponse(ConclusionSchema, 'The changed draft'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'not_found',
          'conflict',
          'precondition_failed',
          'precondition_required',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => {
      const { record, created } = await saveConclusionDraft(
        serviceContext(c),
        c.req.valid('param').id,
        readIfMatch(c),
        c.req.valid('json'),
      )
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/disputes/{id}/conclusion/submit',
      operationId: 'submitConclusion',
      summary: "Submit the dispute's conclusion draft for review (draft → in_review)",
      description:
        'No body is needed. Sends If-Match with the conclusion version. A draft without a finding is 400.',
      tags: ['conclusions'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(ConclusionSchema, 'The conclusion, now in review'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(
        tagged(c, await submitConclusion(serviceContext(c), c.req.valid('param').id, readIfMatch(c))),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/disputes/{id}/conclusion/return',
      operationId: 'returnConclusion',
      summary: 'Return a conclusion in review to its author with a note (in_review → draft; editor)',
      tags: ['conclusions'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(VerdictReturnSchema) },
      responses: {
        200: jsonResponse(ConclusionSchema, 'The conclusion, back to draft with the note'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await returnConclusion(
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
      path: '/disputes/{id}/conclusion/publish',
      operationId: 'publishConclusion',
      summary: 'Publish a conclusion in review (in_review → published; editor)',
      description:
        'No body is needed. Needs a finding and a rationale; a refusal (400) names what is missing. Under ' +
        'the two-person rule (on by default) an editor who wrote or edited the conclusion cannot publish it ' +
        "(403). Publishing freezes what the public sees: the dispute's title and question, the finding, the " +
        'rationale and the relations set between its claims.',
      tags: ['conclusions'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(ConclusionSchema, 'The published conclusion'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await publishConclusion(
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
      path: '/disputes/{id}/conclusion/correct',
      operationId: 'correctConclusion',
      summary: 'Correct a published conclusion with a public correction note (editor)',
      description:
        'Changes the finding or the rationale and freezes anew what the public sees, with the dispute and its ' +
        'claim relations as they now stand. A correction that would change nothing the public sees is 400. ' +
        'Under the two-person rule (on by default) a change of the finding is only proposed: 202 with the ' +
        'pending correction, which another editor approves; a change of the rationale alone applies at once.',
      tags: ['conclusions'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ConclusionCorrectSchema) },
      responses: {
        200: jsonResponse(ConclusionSchema, 'The corrected conclusion'),
        202: jsonResponse(
          PendingConclusionCorrectionSchema,
          'A change of the finding, waiting for a second editor',
        ),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const outcome = await correctConclusion(
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
      path: '/disputes/{id}/conclusion/corrections/{correctionId}/approve',
      operationId: 'approveConclusionCorrection',
      summary: 'Apply a pending correction of the conclusion proposed by another editor (editor)',
      description:
        "Sends If-Match with the conclusion's version. The editor who proposed the correction cannot approve it (403).",
      tags: ['conclusions'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: CorrectionParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(ConclusionSchema, 'The corrected conclusion'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const { id, correctionId } = c.req.valid('param')
      return c.json(
        tagged(c, await approveConclusionCorrection(serviceContext(c), id, correctionId, readIfMatch(c))),
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/disputes/{id}/conclusion/corrections/{correctionId}/reject',
      operationId: 'rejectConclusionCorrection',
      summary: 'Turn down a pending correction of the conclusion with a note (editor)',
      description:
        "Sends If-Match with the conclusion's version. Nothing is published; the proposer may also take a proposal back.",
      tags: ['conclusions'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: {
        params: CorrectionParamSchema,
        headers: IfMatchHeaderSchema,
        ...jsonBody(CorrectionRejectSchema),
      },
      responses: {
        200: jsonResponse(ConclusionSchema, 'The conclusion, with no correction pending'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const { id, correctionId } = c.req.valid('param')
      return c.json(
        tagged(
          c,
          await rejectConclusionCorrection(
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
      path: '/disputes/{id}/conclusion/withdraw',
      operationId: 'withdrawConclusion',
      summary: 'Withdraw a published conclusion with a public note (editor)',
      description:
        'published → withdrawn. The public dispute page shows the withdrawal notice (date and note) in place ' +
        'of the conclusion. A correction still waiting is turned down with it.',
      tags: ['conclusions'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(VerdictWithdrawSchema) },
      responses: {
        200: jsonResponse(ConclusionSchema, 'The withdrawn conclusion'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await withdrawConclusion(
            serviceContext(c),
            c.req.valid('param').id,
            readIfMatch(c),
            c.req.valid('json').note,
          ),
        ),
        200,
      ),
  )
