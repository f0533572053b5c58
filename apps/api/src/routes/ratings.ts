import {
  AgreementQuerySchema,
  AgreementSchema,
  ClaimRatingPutSchema,
  ClaimRatingSchema,
  ClaimRatingsSchema,
  IdParamSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { nowIso } from '../services/context.ts'
import { getAgreement, getClaimRatings, putMyRating } from '../services/ratings.ts'
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

export const ratingRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/claims/{id}/ratings',
      operationId: 'getClaimRatings',
      summary: "A claim's independent ratings: your own, and everyone's once both are in",
      description:
        'Before both ratings are in, `ratings` is empty and only `mine` (your own rating) and `raters` (who has rated, not what) are shown, to editors as to anyone.',
      tags: ['ratings'],
      security: SIGNED_IN,
      request: { params: IdParamSchema },
      responses: {
        200: jsonResponse(ClaimRatingsSchema, 'The ratings you may see'),
        ...errorResponses('unauthenticated', 'not_found'),
      },
    }),
    async (c) => c.json(await getClaimRatings(c.get('deps').db, c.req.valid('param').id, actorOf(c).id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/claims/{id}/ratings/mine',
      operationId: 'putMyClaimRating',
      summary: 'Rate a claim independently (If-Match to change your rating before the other is in)',
      description:
        'Needs the dispute’s independent ratings on (409 otherwise). Two checkers rate each claim; a third gets 409, and once both are in the ratings no longer change (409).',
      tags: ['ratings'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ClaimRatingPutSchema) },
      responses: {
        201: jsonResponse(ClaimRatingSchema, 'Your rating, given for the first time'),
        200: jsonResponse(ClaimRatingSchema, 'Your changed rating'),
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
      const { record, created } = await putMyRating(
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
      method: 'get',
      path: '/ratings/agreement',
      operationId: 'getRaterAgreement',
      summary:
        'How often independent raters agree: percent agreement and Cohen’s kappa, overall and per rating',
      description:
        'Over claims whose second rating came in between `from` and `to` (YYYY-MM-DD, UTC days; default the last 90 days). Kappa treats the first rating in as one rater and the second as the other; it is null where it is undefined.',
      tags: ['ratings'],
      security: SIGNED_IN,
      request: { query: AgreementQuerySchema },
      responses: {
        200: jsonResponse(AgreementSchema, 'Agreement over the period'),
        ...errorResponses('validation_failed', 'unauthenticated'),
      },
    }),
    async (c) => {
      const deps = c.get('deps')
      return c.json(await getAgreement(deps.db, c.req.valid('query'), nowIso(deps.now)), 200)
    },
  )
