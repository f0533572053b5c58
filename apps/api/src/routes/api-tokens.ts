import {
  ApiTokenCreatedSchema,
  ApiTokenCreateSchema,
  ApiTokenListSchema,
  ApiTokenSchema,
  IdParamSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { createApiToken, listApiTokens, MAX_LIVE_TOKENS, revokeApiToken } from '../services/api-tokens.ts'
import {
  actorOf,
  errorResponses,
  IfMatchHeaderSchema,
  jsonBody,
  jsonResponse,
  newRouter,
  readIfMatch,
  SESSION_ONLY,
  serviceContext,
  tagged,
} from './route-kit.ts'

// Tokens are made and revoked by a person signed in to the app: no token manages tokens.
export const apiTokenRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      operationId: 'listApiTokens',
      summary: 'Your live API tokens',
      description:
        "The signed-in user's own tokens that are not revoked, newest first. The token itself is never shown again after it was made, and its hash never leaves the server. `nextCursor` is always null: one person holds at most " +
        `${MAX_LIVE_TOKENS} live tokens.`,
      tags: ['tokens'],
      security: SESSION_ONLY,
      responses: {
        200: jsonResponse(ApiTokenListSchema, 'Your live tokens'),
        ...errorResponses('unauthenticated', 'forbidden'),
      },
    }),
    async (c) => c.json(await listApiTokens(c.get('deps').db, actorOf(c).id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      operationId: 'createApiToken',
      summary: 'Make an API token; the answer is the only time the token is shown',
      description:
        'An integration sends the token as `Authorization: Bearer <token>` and then acts as you, with your role. ' +
        'A `read` token may only use GET and HEAD; a `write` token may also change what your role allows. ' +
        'No token may administer accounts, change a password, or make or revoke tokens. Only the SHA-256 of the ' +
        `token is stored. At most ${MAX_LIVE_TOKENS} live tokens per person (409 beyond).`,
      tags: ['tokens'],
      security: SESSION_ONLY,
      request: jsonBody(ApiTokenCreateSchema),
      responses: {
        201: jsonResponse(ApiTokenCreatedSchema, 'The new token, with the token itself shown this once'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'conflict',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => c.json(tagged(c, await createApiToken(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      operationId: 'revokeApiToken',
      summary: 'Revoke one of your API tokens (If-Match)',
      description:
        "From the next request on, the token signs nothing in (401). Another person's token answers 404.",
      tags: ['tokens'],
      security: SESSION_ONLY,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(ApiTokenSchema, 'The revoked token'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'not_found',
          'conflict',
          'precondition_failed',
          'precondition_required',
        ),
      },
    }),
    async (c) =>
      c.json(
        tagged(c, await revokeApiToken(serviceContext(c), c.req.valid('param').id, readIfMatch(c))),
        200,
      ),
  )
