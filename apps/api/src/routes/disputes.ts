import {
  ClaimCreateSchema,
  ClaimSchema,
  DisputeCreateSchema,
  DisputeListItemSchema,
  DisputeListQuerySchema,
  DisputePatchSchema,
  DisputeSchema,
  EvidenceCreateSchema,
  EvidenceSchema,
  IdParamSchema,
  pageOf,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { createClaim } from '../services/claims.ts'
import { createDispute, listDisputes, updateDispute } from '../services/disputes.ts'
import { createEvidence } from '../services/evidence.ts'
import { getWorkbench } from '../services/workbench.ts'
import {
  actorOf,
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

const createErrors = errorResponses(
  'validation_failed',
  'unauthenticated',
  'not_found',
  'conflict',
  'unsupported_media_type',
)

export const disputeRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/disputes',
      operationId: 'listDisputes',
      summary: 'List disputes, newest change first (q, status, tag, assignee)',
      tags: ['disputes'],
      security: SIGNED_IN,
      request: { query: DisputeListQuerySchema },
      responses: {
        200: jsonResponse(pageOf(DisputeListItemSchema), 'A page of disputes'),
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) => c.json(await listDisputes(c.get('deps').db, c.req.valid('query'), actorOf(c).id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/disputes',
      operationId: 'createDispute',
      summary: 'Create a dispute',
      tags: ['disputes'],
      security: SIGNED_IN,
      request: jsonBody(DisputeCreateSchema),
      responses: {
        201: jsonResponse(DisputeSchema, 'The new dispute'),
        200: jsonResponse(DisputeSchema, 'A retried create: the dispute made before'),
        ...createErrors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      // A new dispute takes the desk's setting unless the body says otherwise.
      const independentRatings = input.independentRatings ?? c.get('deps').config.independentRatings
      const { record, created } = await createDispute(serviceContext(c), { ...input, independentRatings })
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/disputes/{id}',
      operationId: 'getDispute',
      summary:
        'The whole workbench of a dispute: claims with claimants and verdicts, evidence, the stances as a matrix',
      tags: ['disputes'],
      security: SIGNED_IN,
      request: { params: IdParamSchema },
      responses: {
        200: jsonResponse(WorkbenchSchema, 'The workbench'),
        ...errorResponses('unauthenticated', 'not_found'),
      },
    }),
    async (c) => c.json(tagged(c, await getWorkbench(c.get('deps').db, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/disputes/{id}',
      operationId: 'updateDispute',
      summary: 'Change a dispute; archive it with {archived: true}',
      tags: ['disputes'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(DisputePatchSchema) },
      responses: {
        200: jsonResponse(DisputeSchema, 'The changed dispute'),
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
          await updateDispute(
            serviceContext(c),
            c.req.valid('param').id,
            readIfMatch(c),
            c.req.valid('json'),
          ),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/disputes/{id}/claims',
      operationId: 'createClaim',
      summary: 'Add a claim to a dispute',
      tags: ['claims'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, ...jsonBody(ClaimCreateSchema) },
      responses: {
        201: jsonResponse(ClaimSchema, 'The new claim'),
        200: jsonResponse(ClaimSchema, 'A retried create: the claim made before'),
        ...createErrors,
      },
    }),
    async (c) => {
      const { record, created } = await createClaim(
        serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/disputes/{id}/evidence',
      operationId: 'createEvidence',
      summary: 'Add an evidence item to a dispute',
      tags: ['evidence'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, ...jsonBody(EvidenceCreateSchema) },
      responses: {
        201: jsonResponse(EvidenceSchema, 'The new evidence item'),
        200: jsonResponse(EvidenceSchema, 'A retried create: the evidence made before'),
        ...createErrors,
      },
    }),
    async (c) => {
      const { record, created } = await createEvidence(
        serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      )
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
