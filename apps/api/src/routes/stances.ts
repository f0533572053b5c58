import { StancePutSchema, StanceSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { putStance } from '../services/stances.ts'
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

export const stanceRoutes = newRouter().openapi(
  createRoute({
    method: 'put',
    path: '/stances',
    operationId: 'putStance',
    summary: 'Set or clear one cell of the evidence matrix (If-Match once the cell exists)',
    tags: ['stances'],
    security: SIGNED_IN,
    request: { headers: IfMatchHeaderSchema, ...jsonBody(StancePutSchema) },
    responses: {
      201: jsonResponse(StanceSchema, 'The cell, set for the first time'),
      200: jsonResponse(StanceSchema, 'The changed cell'),
      ...errorResponses(
        'validation_failed',
        'unauthenticated',
        'precondition_failed',
        'precondition_required',
        'unsupported_media_type',
      ),
    },
  }),
  async (c) => {
    const { record, created } = await putStance(serviceContext(c), readIfMatch(c), c.req.valid('json'))
    return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
  },
)
