import { LoginRequestSchema, MeSchema } from '@counterclaim/shared'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createRoute } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { SESSION_COOKIE } from '../middleware/session.ts'
import { actorOf, errorResponses, jsonBody, jsonResponse, newRouter, PUBLIC, SIGNED_IN } from './route-kit.ts'

const LogoutSchema = z.object({ signedOut: z.literal(true) }).meta({ id: 'Logout' })

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket.
    return 'local'
  }
}

export const authRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      summary: 'Sign in with email and password; sets the session cookie',
      tags: ['auth'],
      security: PUBLIC,
      request: jsonBody(LoginRequestSchema),
      responses: {
        200: jsonResponse(MeSchema, 'Signed in'),
        ...errorResponses('validation_failed', 'unauthenticated', 'unsupported_media_type', 'rate_limited'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json')
      const { config, auth } = c.get('deps')
      // Rotation: whatever session the browser held before ends here.
      auth.logout(getCookie(c, SESSION_COOKIE))
      const { token, user, expiresAt } = await auth.login(email, password, clientAddress(c))
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.publicBaseUrl.startsWith('https:'),
        path: '/',
        expires: expiresAt,
      })
      return c.json({ user }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      operationId: 'logout',
      summary: 'Sign out: ends the session',
      tags: ['auth'],
      security: SIGNED_IN,
      responses: { 200: jsonResponse(LogoutSchema, 'Signed out'), ...errorResponses('unauthenticated') },
    }),
    (c) => {
      c.get('deps').auth.logout(getCookie(c, SESSION_COOKIE))
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.json({ signedOut: true as const }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      operationId: 'getMe',
      summary: 'The signed-in user',
      tags: ['auth'],
      security: SIGNED_IN,
      responses: { 200: jsonResponse(MeSchema, 'The signed-in user'), ...errorResponses('unauthenticated') },
    }),
    (c) => c.json({ user: actorOf(c) }, 200),
  )
