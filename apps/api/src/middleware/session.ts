import { AppError } from '@counterclaim/shared'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'

export const SESSION_COOKIE = 'cc_session'

// Reachable signed out; everything else under /api needs a session (deny by default).
const PUBLIC_ROUTES: Array<[string, RegExp]> = [
  ['GET', /^\/api\/health$/],
  ['GET', /^\/api\/openapi\.json$/],
  ['POST', /^\/api\/auth\/login$/],
  ['GET', /^\/api\/public\/verdicts(\/[^/]+)?$/],
]

const isPublic = (method: string, path: string) =>
  PUBLIC_ROUTES.some(([m, re]) => (m === method || (m === 'GET' && method === 'HEAD')) && re.test(path))

/** Loads the session's user, then refuses non-public routes to anyone signed out. */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  const { auth, gate } = c.get('deps')
  // While an import holds the database the last-seen stamp waits for a later request (a GET would
  // otherwise write past the gate); otherwise the stamp passes the gate like any write.
  const user = await auth.authenticate(getCookie(c, SESSION_COOKIE), { gate })
  c.set('user', user)
  if (!user && !isPublic(c.req.method, c.req.path))
    throw new AppError('unauthenticated', 'Sign in to continue.')
  await next()
})
