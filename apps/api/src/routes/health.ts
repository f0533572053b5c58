import { pingDb } from '@counterclaim/db'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { errorResponses, jsonResponse, newRouter, PUBLIC } from './route-kit.ts'

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })

export const healthRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Health: ok once the database answers',
    tags: ['system'],
    security: PUBLIC,
    // Takes no parameters: a probe that sends some is misconfigured and hears so.
    request: { query: z.strictObject({}) },
    responses: {
      200: jsonResponse(HealthSchema, 'The service and its database answer'),
      ...errorResponses('validation_failed', 'internal'),
    },
  }),
  async (c) => {
    await pingDb(c.get('deps').db)
    return c.json({ status: 'ok' as const }, 200)
  },
)
