import {
  ClaimantCreateSchema,
  ClaimantDetailSchema,
  ClaimantListQuerySchema,
  ClaimantMergeSchema,
  ClaimantPatchSchema,
  ClaimantSchema,
  IdParamSchema,
  pageOf,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { requireRole } from '../middleware/roles.ts'
import {
  createClaimant,
  getClaimantDetail,
  listClaimants,
  mergeClaimant,
  updateClaimant,
} from '../services/claimants.ts'
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

export const claimantRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/claimants',
      operationId: 'listClaimants',
      summary:
        'List claimants by name; ?q finds names and aliases, exact ones first; ?archived=1 adds merged ones',
      tags: ['claimants'],
      security: SIGNED_IN,
      request: { query: ClaimantListQuerySchema },
      responses: {
        200: jsonResponse(pageOf(ClaimantSchema), 'A page of claimants'),
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) => c.json(await listClaimants(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/claimants',
      operationId: 'createClaimant',
      summary:
        'Create a claimant (an id may be given, so a retry is not a duplicate); 409 with the matches when its name or an alias is already on the desk, unless allowDuplicate',
      tags: ['claimants'],
      security: SIGNED_IN,
      request: jsonBody(ClaimantCreateSchema),
      responses: {
        201: jsonResponse(ClaimantSchema, 'The new claimant'),
        200: jsonResponse(ClaimantSchema, 'A retried create: the claimant made before'),
        ...errorResponses('validation_failed', 'unauthenticated', 'conflict', 'unsupported_media_type'),
      },
    }),
    async (c) => {
      const { record, created } = await createClaimant(serviceContext(c), c.req.valid('json'))
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/claimants/{id}',
      operationId: 'getClaimant',
      summary: 'A claimant with its track record: its claims and their verdicts',
      tags: ['claimants'],
      security: SIGNED_IN,
      request: { params: IdParamSchema },
      responses: {
        200: jsonResponse(ClaimantDetailSchema, 'The claimant'),
        ...errorResponses('unauthenticated', 'not_found'),
      },
    }),
    async (c) => c.json(tagged(c, await getClaimantDetail(c.get('deps').db, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/claimants/{id}',
      operationId: 'updateClaimant',
      summary:
        'Change a claimant; 409 with the matches when a new name or alias is already on the desk, unless allowDuplicate',
      tags: ['claimants'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ClaimantPatchSchema) },
      responses: {
        200: jsonResponse(ClaimantSchema, 'The changed claimant'),
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
    async (c) =>
      c.json(
        tagged(
          c,
          await updateClaimant(
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
      path: '/claimants/{id}/merge',
      operationId: 'mergeClaimant',
      summary:
        'Merge a claimant into another (editor): its claims move, its names become aliases, it is archived; answers the survivor',
      tags: ['claimants'],
      security: SIGNED_IN,
      middleware: requireRole('editor'),
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ClaimantMergeSchema) },
      responses: {
        200: jsonResponse(ClaimantSchema, 'The claimant merged into, with the new aliases'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'not_found',
          'conflict',
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
          await mergeClaimant(
            serviceContext(c),
            c.req.valid('param').id,
            readIfMatch(c),
            c.req.valid('json').intoId,
          ),
        ),
        200,
      ),
  )
