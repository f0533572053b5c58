import { createMiddleware } from 'hono/factory'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from '../routes/route-kit.ts'

/**
 * Headers on every answer, the app shell included: a strict CSP, nosniff, HSTS behind HTTPS, and
 * X-Frame-Options DENY, which says to older browsers what frame-ancestors 'none' says to newer ones.
 */
export function securityHeaders(https: boolean) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginEmbedderPolicy: false,
  })
}

// Answers anyone may see, whose caching is their own: health, the OpenAPI document, public verdicts.
const PUBLIC_API = /^\/api\/(health|openapi\.json|public\/.*)$/

/**
 * Every other answer under /api, errors included, is for the signed-in caller alone: no browser,
 * proxy or shared cache may keep it (a later user of the same machine must not read it back).
 */
export const privateAnswers = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  if (/^\/api(\/|$)/.test(c.req.path) && !PUBLIC_API.test(c.req.path)) c.header('Cache-Control', 'no-store')
})
