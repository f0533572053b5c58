import { ClaimRelationPutSchema, ClaimRelationSchema } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { putClaimRelation } from '../services/claim-relations.ts'
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

export const claimRelationRoutes = newRouter().openapi(
  createRoute({
    method: 'put',
    path: '/claim-relations',
    operationId: 'putClaimRelation',
    summary: 'Set or clear how two claims of a dispute relate (If-Match once the pair has a relation)',
    description:
      'Kinds: contradicts, compatible, different_scope, same_claim; null clears the relation (the record ' +
      'stays and its version counts on). The pair is one record whichever claim the body names first; it is ' +
      'stored with the smaller id as claimId. Both claims must be live claims of one live dispute, and differ.',
    tags: ['claims'],
    security: SIGNED_IN,
    request: { headers: IfMatchHeaderSchema, ...jsonBody(ClaimRelationPutSchema) },
    responses: {
      201: jsonResponse(ClaimRelationSchema, 'The relation, set for the first time'),
      200: jsonResponse(ClaimRelationSchema, 'The changed relation'),
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
    const { record, created } = await putClaimRelation(serviceContext(c), readIfMatch(c), c.req.valid('json'))
    return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
  },
)
