import { type DeskSettings, LoginRequestSchema, MeSchema, PasswordChangeSchema } from '@counterclaim/shared'
import { getConnInfo } from '@hono/node-server/conninfo'
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { SESSION_COOKIE } from '../middleware/session.ts'
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from '../services/device-cookie.ts'
import {
  type AppEnv,
  actorOf,
  errorResponses,
  jsonBody,
  jsonResponse,
  newRouter,
  PUBLIC,
  SESSION_ONLY,
  SIGNED_IN,
} from './route-kit.ts'

const LogoutSchema = z.object({ signedOut: z.literal(true) }).meta({ id: 'Logout' })

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket.
    return 'local'
  }
}

/** The desk's workflow settings that decide which actions a client offers. */
function deskOf(c: Context<AppEnv>): DeskSettings {
  const { config } = c.get('deps')
  return {
    twoPersonRule: config.twoPersonRule,
    independentRatings: config.independentRatings,
    twoSourceRule: config.twoSourceRule,
  }
}

export const authRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      summary: 'Sign in with email and password; sets the session cookie',
      description:
        'Attempts are counted before the password is checked. Ten failures for one account within 15 minutes from browsers without its device cookie, or ten from one address, answer 429 with Retry-After. A successful sign-in also sets a long-lived device cookie (`cc_device`): a browser carrying it for the account has a failure budget of its own, so no one else can lock it out.',
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
      await auth.logout(getCookie(c, SESSION_COOKIE))
      const secure = config.publicBaseUrl.startsWith('https:')
      const signedIn = await auth.login(email, password, clientAddress(c), getCookie(c, DEVICE_COOKIE))
      // The session cookie first: clients that read one Set-Cookie take the session.
      setCookie(c, SESSION_COOKIE, signedIn.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        expires: signedIn.expiresAt,
      })
      // Only sign-in reads the device cookie, so only sign-in's path gets it.
      setCookie(c, DEVICE_COOKIE, signedIn.device, {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/api/auth',
        maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
      })
      return c.json({ user: signedIn.user, desk: deskOf(c) }, 200)
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
    async (c) => {
      await c.get('deps').auth.logout(getCookie(c, SESSION_COOKIE))
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.json({ signedOut: true as const }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      operationId: 'getMe',
      summary: 'The signed-in user, and how the desk runs its workflow',
      description:
        '`desk.twoPersonRule` is the COUNTERCLAIM_TWO_PERSON_RULE setting: when true, no one publishes a verdict ' +
        'they wrote or edited, and a correction that changes the rating waits for a second editor.',
      tags: ['auth'],
      security: SIGNED_IN,
      responses: { 200: jsonResponse(MeSchema, 'The signed-in user'), ...errorResponses('unauthenticated') },
    }),
    (c) => c.json({ user: actorOf(c), desk: deskOf(c) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      operationId: 'changePassword',
      summary: 'Change your own password; ends your other sessions',
      description:
        'The new password needs 12 characters at least and may not be one of the most common passwords. A wrong current password answers 400 validation_failed naming `currentPassword`; repeated wrong ones answer 429. This session stays signed in; every other session of the account ends.',
      tags: ['auth'],
      security: SESSION_ONLY,
      request: jsonBody(PasswordChangeSchema),
      responses: {
        204: { description: 'Changed; the other sessions have ended' },
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'conflict',
          'unsupported_media_type',
          'rate_limited',
        ),
      },
    }),
    async (c) => {
      await c.get('deps').auth.changePassword(actorOf(c), getCookie(c, SESSION_COOKIE), c.req.valid('json'))
      return c.body(null, 204)
    },
  )
