import { HistoryEventSchema, HistoryQuerySchema, pageOf } from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { listHistory } from '../services/history-read.ts'
import { errorResponses, jsonResponse, newRouter, SIGNED_IN } from './route-kit.ts'

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
      ...errorResponses('validation_failed', 'unauthenticated'),
    },
  }),
  (c) => c.json(listHistory(c.get('deps').db, c.req.valid('query')), 200),
)
