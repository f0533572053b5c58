import {
  ClaimPatchSchema,
  ClaimSchema,
  IdParamSchema,
  VerdictDraftSchema,
  VerdictSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { updateClaim } from '../services/claims.ts'
import { saveDraft } from '../services/verdicts.ts'
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

export const claimRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'patch',
      path: '/claims/{id}',
      operationId: 'updateClaim',
      summary: 'Change a claim; archive it with {archived: true}',
      tags: ['claims'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ClaimPatchSchema) },
      responses: {
        200: jsonResponse(ClaimSchema, 'The changed claim'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'not_found',
          'precondition_failed',
          'precondition_required',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) =>
      c.json(
        tagged(
          c,
          await updateClaim(serviceContext(c), c.req.valid('param').id, readIfMatch(c), c.req.valid('json')),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/claims/{id}/verdict',
      operationId: 'saveVerdictDraft',
      summary: "Create the claim's verdict draft (no If-Match) or change it (If-Match)",
      tags: ['verdicts'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(VerdictDraftSchema) },
      responses: {
        201: jsonResponse(VerdictSchema, 'The new draft'),
        200: jsonResponse(VerdictSchema, 'The changed draft'),
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
      const { record, created } = await saveDraft(
        serviceContext(c),
        c.req.valid('param').id,
        readIfMatch(c),
        c.req.valid('json'),
      )
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
