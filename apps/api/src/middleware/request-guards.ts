import { AppError, FACT_CHECK_IMPORT_MEDIA_TYPES, LIMITS } from '@counterclaim/shared'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'
import { bearerToken, SESSION_COOKIE } from './session.ts'

/** Methods that change things: the ones the origin, media-type and write-gate checks apply to. */
export const UNSAFE = /^(POST|PUT|PATCH|DELETE)$/
export const CSV_ROUTES = new Set(['/api/claim-log/import'])
const JSON_LIMIT = 1024 * 1024
/** The CSV import's body limit. */
export const CSV_LIMIT = LIMITS.claimLogImportBytes
/** The fact-check import: ClaimReview as JSON-LD, JSON or an HTML page, up to 10 MiB. */
export const FACT_CHECK_IMPORT = '/api/fact-checks/import'
export const FACT_CHECK_IMPORT_LIMIT = 10 * 1024 * 1024

const tooLarge = (limit: number) => () => {
  throw new AppError('payload_too_large', `The body is larger than ${limit / (1024 * 1024)} MiB.`, {
    limitBytes: limit,
  })
}
const jsonLimit = bodyLimit({ maxSize: JSON_LIMIT, onError: tooLarge(JSON_LIMIT) })
// The fact-check import reads its whole body to parse it, so hono's counting limit suits it.
const factCheckImportLimit = bodyLimit({
  maxSize: FACT_CHECK_IMPORT_LIMIT,
  onError: tooLarge(FACT_CHECK_IMPORT_LIMIT),
})
// hono's bodyLimit holds a body without Content-Length in memory to count it; the import streams its
// body and counts the bytes as it reads (services/claim-log-import.ts), so here only a declared length
// is checked: a body that says it is too large is refused before any of it is read.
const csvLimit = createMiddleware<AppEnv>(async (c, next) => {
  const declared = c.req.header('content-length')
  if (declared !== undefined && Number.parseInt(declared, 10) > CSV_LIMIT) tooLarge(CSV_LIMIT)()
  return next()
})

/** 1 MiB for JSON; the CSV import takes up to 50 MiB, the fact-check import 10 MiB. */
export const bodyLimits = createMiddleware<AppEnv>((c, next) =>
  CSV_ROUTES.has(c.req.path)
    ? csvLimit(c, next)
    : c.req.path === FACT_CHECK_IMPORT
      ? factCheckImportLimit(c, next)
      : jsonLimit(c, next),
)

/**
 * Unsafe requests from a browser must come from the app's own origin: hono/csrf refuses
 * cross-site form posts, and any Origin or Sec-Fetch-Site that names another site is refused too.
 * With PUBLIC_BASE_URL set, its origin is the only one: the Host header, which a client chooses,
 * never makes an Origin acceptable. Without it, the server's own address and the request's origin
 * (the address the browser used) are.
 *
 * A request that signs in with an API token and carries no session cookie is exempt: a browser never
 * adds an Authorization header on its own, so such a request holds no credential another site could
 * borrow. A request with the session cookie is always checked, whatever Authorization it also names.
 */
export function sameOrigin(publicOrigin: string | null, ownOrigin: string) {
  const allowed = (origin: string, c: Context) =>
    publicOrigin !== null
      ? origin === publicOrigin
      : origin === ownOrigin || origin === new URL(c.req.url).origin
  const formGuard = csrf({ origin: allowed })
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!UNSAFE.test(c.req.method)) return next()
    if (bearerToken(c) !== undefined && getCookie(c, SESSION_COOKIE) === undefined) return next()
    const origin = c.req.header('origin')
    const site = c.req.header('sec-fetch-site')
    if (site === 'cross-site' || (origin !== undefined && !allowed(origin, c))) {
      throw new AppError('forbidden', 'Changes must come from the app itself.')
    }
    // Browsers send Origin with every cross-site POST, so a request naming neither header is no
    // cross-site form: let it through to the media-type check, which answers a form body 415.
    if (origin === undefined && site === undefined) return next()
    return formGuard(c, next)
  })
}

/** The media types an unsafe request to `path` may carry. */
export function acceptedMediaTypes(path: string): readonly string[] {
  if (CSV_ROUTES.has(path)) return ['text/csv']
  if (path === FACT_CHECK_IMPORT) return Object.keys(FACT_CHECK_IMPORT_MEDIA_TYPES)
  return ['application/json']
}

const inWords = (types: readonly string[]) =>
  types.length === 1 ? (types[0] ?? '') : `${types.slice(0, -1).join(', ')} or ${types.at(-1)}`

/** Unsafe methods take JSON (the imports take CSV, or ClaimReview); any other body is 415. */
export const contentTypes = createMiddleware<AppEnv>(async (c, next) => {
  if (!UNSAFE.test(c.req.method)) return next()
  const type = c.req.header('content-type')
  const length = c.req.header('content-length')
  const hasBody =
    type !== undefined ||
    (length !== undefined && length !== '0') ||
    c.req.header('transfer-encoding') !== undefined
  if (!hasBody) return next()
  const mediaType = (type ?? '').split(';')[0]?.trim().toLowerCase()
  const accepted = acceptedMediaTypes(c.req.path)
  if (!accepted.includes(mediaType ?? '')) {
    const expected = inWords(accepted)
    throw new AppError('unsupported_media_type', `The body must be ${expected}.`, {
      expected,
      received: mediaType || null,
    })
  }
  return next()
})
