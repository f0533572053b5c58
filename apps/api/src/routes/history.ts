import { AppError, HistoryEventSchema, HistoryQuerySchema, pageOf, roleAtLeast } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { listHistory } from '../services/history-read.ts'
import { actorOf, errorResponses, jsonResponse, newRouter, SIGNED_IN } from './route-kit.ts'

export const historyRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/history',
    operationId: 'listHistory',
    summary: "A record's history, newest first; a dispute's includes everything inside it",
    tags: ['history'],
    security: SIGNED_IN,
    request: { query: HistoryQuerySchema },
    responses: {
      200: jsonResponse(pageOf(HistoryEventSchema), 'A page of events'),
      ...errorResponses('validation_failed', 'unauthenticated', 'forbidden', 'not_found'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query')
    // Accounts are the admin's: their history (emails, roles) is too.
    if (query.entity === 'user' && !roleAtLeast(actorOf(c).role, 'admin'))
      throw new AppError('forbidden', 'The history of accounts needs the admin role.')
    return c.json(await listHistory(c.get('deps').db, query, actorOf(c).id), 200)
  },
)
