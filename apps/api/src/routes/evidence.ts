import { EvidencePatchSchema, EvidenceSchema, IdParamSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { updateEvidence } from '../services/evidence.ts'
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

export const evidenceRoutes = newRouter().openapi(
  createRoute({
    method: 'patch',
    path: '/evidence/{id}',
    operationId: 'updateEvidence',
    summary: 'Change an evidence item; archive it with {archived: true}',
    tags: ['evidence'],
    security: SIGNED_IN,
    request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(EvidencePatchSchema) },
    responses: {
      200: jsonResponse(EvidenceSchema, 'The changed evidence item'),
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
        await updateEvidence(serviceContext(c), c.req.valid('param').id, readIfMatch(c), c.req.valid('json')),
      ),
      200,
    ),
)
