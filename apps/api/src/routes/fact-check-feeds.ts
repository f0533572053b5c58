import {
  FactCheckFeedCreateSchema,
  FactCheckFeedListSchema,
  FactCheckFeedSchema,
  IdParamSchema,
  PageQuerySchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { requireRole } from '../middleware/roles.ts'
import { archiveFeed, createFeed, listFeeds } from '../services/fact-check-feeds.ts'
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

const admin = requireRole('admin')

export const factCheckFeedRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/fact-check-feeds',
      operationId: 'listFactCheckFeeds',
      summary: 'The fact-check feeds the desk polls, with what their last fetch came to (admin)',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      middleware: admin,
      request: { query: PageQuerySchema },
      responses: {
        200: jsonResponse(FactCheckFeedListSchema, 'A page of feeds, by url'),
        ...errorResponses('validation_failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => c.json(await listFeeds(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/fact-check-feeds',
      operationId: 'createFactCheckFeed',
      summary: 'Subscribe to a feed of fact-checks; its first fetch is due at once (admin)',
      description:
        'A url the desk already polls is 409 with that feed in details. intervalMinutes is 15 to 10080 (a week), 60 when left out.',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      middleware: admin,
      request: jsonBody(FactCheckFeedCreateSchema),
      responses: {
        201: jsonResponse(FactCheckFeedSchema, 'The new feed'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'forbidden',
          'conflict',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => c.json(tagged(c, await createFeed(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/fact-check-feeds/{id}',
      operationId: 'archiveFactCheckFeed',
      summary: 'Unsubscribe from a feed: it is archived, no longer polled or listed (admin)',
      description:
        'Needs If-Match. Answers the archived feed. The fact-checks it brought stay. A feed already unsubscribed is 409.',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      middleware: admin,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema },
      responses: {
        200: jsonResponse(FactCheckFeedSchema, 'The archived feed'),
        ...errorResponses(
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
      c.json(tagged(c, await archiveFeed(serviceContext(c), c.req.valid('param').id, readIfMatch(c))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/fact-check-feeds/{id}/fetch',
      operationId: 'fetchFactCheckFeed',
      summary: 'Fetch a feed now, whenever it was due; answers the feed with its new status (admin)',
      description:
        'Needs no If-Match: a fetch changes the feed’s status, not what an admin set, so its version stays. ' +
        'A fetch already under way is waited for rather than doubled. An unsubscribed feed is 409.',
      tags: ['fact-checks'],
      security: SIGNED_IN,
      middleware: admin,
      request: { params: IdParamSchema },
      responses: {
        200: jsonResponse(FactCheckFeedSchema, 'The feed after the fetch'),
        ...errorResponses('unauthenticated', 'forbidden', 'not_found', 'conflict'),
      },
    }),
    async (c) => c.json(tagged(c, await c.get('deps').feeds.fetchNow(c.req.valid('param').id)), 200),
  )
