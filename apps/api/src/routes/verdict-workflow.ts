import { IdParamSchema, VerdictCorrectSchema, VerdictReturnSchema, VerdictSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { requireRole } from '../middleware/roles.ts'
import { correctVerdict, publishVerdict, returnVerdict, submitVerdict } from '../services/verdict-workflow.ts'
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
} from './route-kit.ts'

const editorOrAdmin = requireRole('editor')

// Every step: If-Match of the verdict, 409 when the verdict is not where the step starts from.
const stepErrors = [
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'precondition_required',
] as const

export const verdictWorkflowRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/claims/{id}/verdict/submit',
      operationId: 'submitVerdict',
      summary: "Submit the claim's verdict draft for review (draft → in_review)",
      description: 'No body is needed. Sends If-Match with the verdict version.',
      tags: ['verdicts'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(VerdictSchema, 'The verdict, now in review'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    (c) => c.json(tagged(c, submitVerdict(serviceContext(c), c.req.valid('param').id, readIfMatch(c))), 200),
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
    (c) =>
      c.json(
        tagged(
          c,
          returnVerdict(serviceContext(c), c.req.valid('param').id, readIfMatch(c), c.req.valid('json').note),
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
    (c) =>
      c.json(
        tagged(
          c,
          publishVerdict(
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
        'Changes the rating, the summary or the rationale; the verdict stays published, the earlier ' +
        'text is kept, and the correction is listed on the public page with its date and note.',
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(VerdictCorrectSchema) },
      responses: {
        200: jsonResponse(VerdictSchema, 'The corrected verdict'),
        ...errorResponses('validation_failed', ...stepErrors, 'unsupported_media_type'),
      },
    }),
    (c) =>
      c.json(
        tagged(
          c,
          correctVerdict(serviceContext(c), c.req.valid('param').id, readIfMatch(c), c.req.valid('json')),
        ),
        200,
      ),
  )
