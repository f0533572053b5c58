import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'
import { CSV_ROUTES, UNSAFE } from './request-guards.ts'

/**
 * Unsafe requests wait at the write gate while an import writes (services/write-gate.ts), then run
 * as usual. The body (1 MiB at most, bodyLimits has seen to that) is read first, so a client that
 * sends it slowly never holds up an import that is about to start. The import itself passes: it
 * closes the gate.
 */
export const writeGate = createMiddleware<AppEnv>(async (c, next) => {
  if (!UNSAFE.test(c.req.method) || CSV_ROUTES.has(c.req.path)) return next()
  if (c.req.raw.body) await c.req.arrayBuffer()
  const leave = await c.get('deps').gate.enter()
  try {
    await next()
  } finally {
    leave()
  }
})
