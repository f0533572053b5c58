import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'
import { CSV_ROUTES, UNSAFE } from './request-guards.ts'

// A feed fetched at an admin's request: its writes pass the gate one by one (feed-poller.ts), never
// while it waits for the feed's answer, so an import is not held up by another site's slowness.
const GATES_ITS_OWN = /^\/api\/fact-check-feeds\/[^/]+\/fetch$/

/**
 * Unsafe requests wait at the write gate while an import writes (services/write-gate.ts), then run
 * as usual. The body (1 MiB at most, bodyLimits has seen to that) is read first, so a client that
 * sends it slowly never holds up an import that is about to start. The import itself passes: it
 * closes the gate.
 */
export const writeGate = createMiddleware<AppEnv>(async (c, next) => {
  if (!UNSAFE.test(c.req.method) || CSV_ROUTES.has(c.req.path) || GATES_ITS_OWN.test(c.req.path))
    return next()
  if (c.req.raw.body) await c.req.arrayBuffer()
  await c.get('deps').gate.run(next)
})
