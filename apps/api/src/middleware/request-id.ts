import { randomUUID } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'

/** Tags each request with an id, echoed in X-Request-Id and in logs of failures. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = randomUUID()
  c.set('requestId', id)
  c.header('X-Request-Id', id)
  await next()
})
