import type { Db } from '@counterclaim/db'
import {
  AppError,
  ERROR_STATUS,
  ErrorBodySchema,
  type ErrorCode,
  invalidFields,
  type SessionUser,
} from '@counterclaim/shared'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import type { Config } from '../env.ts'
import type { RequestLog } from '../middleware/request-log.ts'
import type { AuthService } from '../services/auth.ts'
import type { ServiceContext } from '../services/context.ts'
import type { DisputeEvents } from '../services/dispute-events.ts'
import type { FeedPoller } from '../services/feed-poller.ts'
import { NUL_MESSAGE, nulPath } from '../services/nul-text.ts'
import type { Publishing } from '../services/public-verdicts.ts'
import type { Clock } from '../services/throttle.ts'
import type { WebhookDeliverer } from '../services/webhook-deliverer.ts'
import type { WriteGate } from '../services/write-gate.ts'

/** What the app is built from: the database, the configuration, the auth service. */
export interface AppDeps {
  db: Db
  config: Config
  auth: AuthService
  /** Where one-line notes about client aborts and malformed requests go; console.info when absent. */
  log?: RequestLog
  /** Holds the main connection's writes while an import writes; createApp makes one when absent. */
  gate?: WriteGate
  /** The clock writes are stamped with; the wall clock when absent (tests pass one they move by hand). */
  now?: Clock
  /**
   * What fetches the fact-check feeds: the server's running poller; createApp makes one without a timer
   * when absent (it then fetches only when an admin asks).
   */
  feeds?: FeedPoller
  /**
   * The live event streams of disputes: the server's started broker; createApp makes one, not started,
   * when absent (its streams then deliver what a catch-up read finds, and nothing live).
   */
  events?: DisputeEvents
  /**
   * What sends webhook deliveries: the server's running deliverer; createApp makes one without a timer
   * when absent (it then sends only when an admin retries a delivery).
   */
  webhooks?: WebhookDeliverer
}

/** The deps every request sees: those given, with the write gate, the feed poller, the broker and the deliverer in place. */
export type RequestDeps = AppDeps & {
  gate: WriteGate
  feeds: FeedPoller
  events: DisputeEvents
  webhooks: WebhookDeliverer
}

export type AppEnv = { Variables: { deps: RequestDeps; user: SessionUser | null; requestId: string } }

/** Turns zod's failures into the one validation error. */
export function validationError(error: z.ZodError, prefix = ''): AppError {
  return invalidFields(
    error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
      message: issue.message,
    })),
  )
}

/** A sub-app whose validation failures reach the one error formatter. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const prefix = result.target === 'json' ? '' : result.target
      if (!result.success) throw validationError(result.error, prefix)
      const at = nulPath(result.data)
      if (at) {
        throw invalidFields([
          { path: [prefix, ...at].filter(Boolean).join('.') || '(body)', message: NUL_MESSAGE },
        ])
      }
    },
  })
}

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } })

/** A response of the OpenAPI document carrying one JSON schema. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: json(schema),
})

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: json(schema) },
})

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  validation_failed: 'A field is missing or not valid',
  unauthenticated: 'Not signed in',
  forbidden: 'The role does not allow this',
  not_found: 'No such record',
  conflict: 'The record is not in a state that allows this',
  gone: 'It was published once and has been withdrawn; details carry the notice',
  precondition_failed: 'If-Match is stale; details carry the current record',
  payload_too_large: 'The body is too large',
  unsupported_media_type: 'The body is not JSON',
  precondition_required: 'If-Match is missing',
  rate_limited: 'Too many attempts; see Retry-After',
  internal: 'Unexpected failure',
}

/** The error answers an operation can give, for the OpenAPI document. */
export function errorResponses<const C extends ErrorCode[]>(...codes: C) {
  return Object.fromEntries(
    codes.map((code) => [
      ERROR_STATUS[code],
      { description: ERROR_DESCRIPTIONS[code], content: json(ErrorBodySchema) },
    ]),
  ) as {
    [K in C[number] as (typeof ERROR_STATUS)[K]]: {
      description: string
      content: { 'application/json': { schema: typeof ErrorBodySchema } }
    }
  }
}

/** The errors of every review-workflow step (verdicts, conclusions): If-Match of the record, 409 when it is not where the step starts from. */
export const WORKFLOW_STEP_ERRORS = [
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'precondition_required',
] as const

/** Signed in with the session cookie or an API token (`Authorization: Bearer`). */
export const SIGNED_IN: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }]
/** Signed in with the session cookie only: what no API token may do (accounts, passwords, tokens). */
export const SESSION_ONLY: Array<Record<string, string[]>> = [{ session: [] }]
export const PUBLIC: [] = []

export const IfMatchHeaderSchema = z.object({
  'if-match': z.string().optional().meta({ description: 'The version from the record\'s ETag, as "N"' }),
})

/** The version an If-Match names, null when absent; an unreadable one can never match. */
export function readIfMatch(c: Context): number | null {
  const header = c.req.header('if-match')
  if (header === undefined) return null
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header)
  return match?.[1] ? Number(match[1]) : -1
}

/** The signed-in user; the auth gate guarantees one on every non-public route. */
export function actorOf(c: Context<AppEnv>): SessionUser {
  const user = c.get('user')
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue.')
  return user
}

/** The service context of a request. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const deps = c.get('deps')
  return {
    db: deps.db,
    actor: actorOf(c),
    now: new Date((deps.now ?? Date.now)()).toISOString(),
    emailNotifications: deps.config.smtpUrl !== null,
    publishing: publishingOf(c),
    twoSourceRule: deps.config.twoSourceRule,
  }
}

/** The organisation and base URL that public answers (and webhooks' ClaimReviews) name. */
export function publishingOf(c: Context<AppEnv>): Publishing {
  const { config } = c.get('deps')
  return { org: config.org, baseUrl: config.publicBaseUrl, locale: config.locale }
}

/** Sets the record's version as its ETag and returns the record for c.json. */
export function tagged<T extends { version: number }>(c: Context, record: T): T {
  c.header('ETag', `"${record.version}"`)
  return record
}
