import { AppError } from '@counterclaim/shared'
import type { Context } from 'hono'
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

// What no API token may do, whatever its scope and its owner's role: administer accounts, change a
// password, or make and revoke tokens. Those need a person signed in to the app.
const NEVER_WITH_A_TOKEN = /^\/api\/(?:users|tokens|auth\/password)(?:\/|$)/

const SAFE = /^(GET|HEAD)$/

/**
 * The token of an `Authorization: Bearer <token>` header; undefined when the request has none (other
 * schemes, e.g. a proxy's Basic, are not ours and are left alone).
 */
export function bearerToken(c: Context): string | undefined {
  const match = /^Bearer(?:\s+(.*))?$/i.exec(c.req.header('authorization') ?? '')
  return match ? (match[1]?.trim() ?? '') : undefined
}

/**
 * Loads the request's user: from an API token when the request carries one (never then from the
 * cookie), otherwise from the session cookie; then refuses non-public routes to anyone signed out.
 */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  const { auth, gate } = c.get('deps')
  const bearer = bearerToken(c)
  if (bearer !== undefined) {
    // The last-used stamp passes the write gate as the session's last-seen stamp does.
    const signedIn = await auth.authenticateToken(bearer, { gate })
    if (!signedIn) {
      throw new AppError('unauthenticated', 'This API token is not valid: it may have been revoked.')
    }
    if (NEVER_WITH_A_TOKEN.test(c.req.path)) {
      throw new AppError(
        'forbidden',
        'API tokens cannot manage accounts, passwords or tokens. Sign in to the app for that.',
      )
    }
    if (signedIn.scope === 'read' && !SAFE.test(c.req.method)) {
      throw new AppError('forbidden', 'This token may only read.')
    }
    c.set('user', signedIn.user)
    return next()
  }
  // While an import holds the database the last-seen stamp waits for a later request (a GET would
  // otherwise write past the gate); otherwise the stamp passes the gate like any write.
  const user = await auth.authenticate(getCookie(c, SESSION_COOKIE), { gate })
  c.set('user', user)
  if (!user && !isPublic(c.req.method, c.req.path))
    throw new AppError('unauthenticated', 'Sign in to continue.')
  await next()
})
