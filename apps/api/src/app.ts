import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, ERROR_STATUS, type ErrorCode } from '@counterclaim/shared'
import { serveStatic } from '@hono/node-server/serve-static'
import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { bodyLimits, contentTypes, sameOrigin } from './middleware/request-guards.ts'
import { requestId } from './middleware/request-id.ts'
import { clientAborts, clientAbortWords, isClientAbort, noteRequest } from './middleware/request-log.ts'
import { privateAnswers, securityHeaders } from './middleware/security-headers.ts'
import { session } from './middleware/session.ts'
import { writeGate } from './middleware/write-gate.ts'
import { apiTokenRoutes } from './routes/api-tokens.ts'
import { authRoutes } from './routes/auth.ts'
import { claimLinkRoutes } from './routes/claim-links.ts'
import { claimLogRoutes } from './routes/claim-log.ts'
import { claimRelationRoutes } from './routes/claim-relations.ts'
import { claimantRoutes } from './routes/claimants.ts'
import { claimRoutes } from './routes/claims.ts'
import { commentRoutes } from './routes/comments.ts'
import { conclusionRoutes } from './routes/conclusions.ts'
import { disputeEventRoutes } from './routes/dispute-events.ts'
import { disputeRoutes } from './routes/disputes.ts'
import { evidenceRoutes } from './routes/evidence.ts'
import { factCheckFeedRoutes } from './routes/fact-check-feeds.ts'
import { factCheckRoutes } from './routes/fact-checks.ts'
import { healthRoutes } from './routes/health.ts'
import { historyRoutes } from './routes/history.ts'
import { matchRoutes } from './routes/matches.ts'
import { notificationRoutes } from './routes/notifications.ts'
import { publicRoutes } from './routes/public.ts'
import { publicPageRoutes } from './routes/public-page.ts'
import { ratingRoutes } from './routes/ratings.ts'
import { replyRoutes } from './routes/replies.ts'
import { type AppDeps, type AppEnv, SIGNED_IN } from './routes/route-kit.ts'
import { searchRoutes } from './routes/search.ts'
import { stanceRoutes } from './routes/stances.ts'
import { teamRoutes } from './routes/team.ts'
import { userRoutes } from './routes/users.ts'
import { verdictWorkflowRoutes } from './routes/verdict-workflow.ts'
import { webhookRoutes } from './routes/webhooks.ts'
import { DisputeEvents } from './services/dispute-events.ts'
import { FeedPoller } from './services/feed-poller.ts'
import { DEFAULT_OUTBOUND } from './services/outbound-fetch.ts'
import { WebhookDeliverer } from './services/webhook-deliverer.ts'
import { WriteGate } from './services/write-gate.ts'

const STATUS_CODES = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code]),
) as Record<number, ErrorCode>

// Every tag an operation uses is declared here, so the document's readers get each group's meaning.
const OPENAPI_TAGS = [
  { name: 'system', description: 'Health of the service' },
  { name: 'auth', description: 'Sign-in, sign-out and the signed-in user' },
  { name: 'users', description: 'Accounts and roles (admin)' },
  { name: 'tokens', description: 'Your API tokens, for integrations that sign in without a browser' },
  { name: 'claimants', description: 'Who makes claims, with their track record' },
  { name: 'disputes', description: 'Disputes and their whole workbench' },
  { name: 'claims', description: 'Claims inside a dispute' },
  { name: 'evidence', description: 'Evidence items inside a dispute' },
  { name: 'stances', description: 'The evidence × claim matrix' },
  { name: 'verdicts', description: "A claim's verdict: the draft and its workflow" },
  {
    name: 'conclusions',
    description: "A dispute's conclusion: the comparative finding, through the verdicts' workflow",
  },
  {
    name: 'ratings',
    description: 'Independent ratings: two checkers rate a claim blind; how often raters agree',
  },
  { name: 'history', description: 'The append-only history of every record' },
  { name: 'claim-log', description: 'Every claim as one row: filter, export, import' },
  {
    name: 'search',
    description: "Full-text search over claims, evidence, verdicts and other desks' fact-checks",
  },
  {
    name: 'matching',
    description: "Claims and other desks' fact-checks that say the same, and the links made to them",
  },
  { name: 'public', description: 'Published verdicts for anyone, as ClaimReview' },
  {
    name: 'fact-checks',
    description: "Other desks' fact-checks: import, list, and the feeds that bring them",
  },
  {
    name: 'team',
    description: "The desk's people and each one's work: assignments, returns, reviews, mentions",
  },
  { name: 'comments', description: 'Comments on a dispute, its claims and evidence, with @ mentions' },
  {
    name: 'notifications',
    description: 'What each person is told: assigned, returned, published, mentioned…',
  },
  { name: 'replies', description: "The right of reply: each claim's log of attempts to reach its claimant" },
  {
    name: 'webhooks',
    description: 'Signed POSTs to other systems when verdicts are published, corrected or withdrawn (admin)',
  },
]

function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

/** Builds the HTTP app: middleware, the one error formatter, every resource's routes. */
export function createApp(given: AppDeps) {
  const gate = given.gate ?? new WriteGate()
  const feeds =
    given.feeds ??
    new FeedPoller({
      db: given.db,
      gate,
      policy: { ...DEFAULT_OUTBOUND, allowPrivate: given.config.allowPrivateTargets },
      ...(given.now ? { now: given.now } : {}),
    })
  const events =
    given.events ?? new DisputeEvents({ db: given.db, gate, ...(given.now ? { now: given.now } : {}) })
  const webhooks =
    given.webhooks ??
    new WebhookDeliverer({
      db: given.db,
      gate,
      policy: { allowPrivate: given.config.allowPrivateTargets },
      ...(given.now ? { now: given.now } : {}),
    })
  const deps = { ...given, gate, feeds, events, webhooks }
  const app = new OpenAPIHono<AppEnv>()
  const https = deps.config.publicBaseUrl.startsWith('https:')
  const ownOrigin = new URL(deps.config.publicBaseUrl).origin

  app.use('*', requestId, clientAborts, securityHeaders(https), privateAnswers, async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  // The origin guard first, so a cross-site form post is 403 whatever its body; then any body
  // that is not JSON is 415 (a client that names no origin included).
  // A request signing in with an API token and no session cookie skips the origin check (it carries no
  // credential a browser adds on its own); session then reads the token, never falling back to the cookie.
  // Last, the write gate: requests refused above never wait for an import.
  app.use(
    '/api/*',
    sameOrigin(deps.config.publicOrigin, ownOrigin),
    contentTypes,
    bodyLimits,
    session,
    writeGate,
  )
  // A verdict step that published, corrected or withdrew has written its webhook deliveries by the time
  // it answers (its transaction committed): the deliverer looks for them at once.
  app.use('/api/claims/:id/verdict/*', async (c, next) => {
    await next()
    if (c.req.method === 'POST' && c.res.status < 300) deps.webhooks.wake()
  })

  const routes = app
    .route('/api', healthRoutes)
    .route('/api', authRoutes)
    .route('/api', userRoutes)
    .route('/api', apiTokenRoutes)
    .route('/api', claimantRoutes)
    .route('/api', disputeRoutes)
    .route('/api', disputeEventRoutes)
    .route('/api', claimRoutes)
    .route('/api', evidenceRoutes)
    .route('/api', stanceRoutes)
    .route('/api', claimRelationRoutes)
    .route('/api', historyRoutes)
    .route('/api', verdictWorkflowRoutes)
    .route('/api', conclusionRoutes)
    .route('/api', publicRoutes)
    .route('/api', claimLogRoutes)
    .route('/api', searchRoutes)
    .route('/api', factCheckRoutes)
    .route('/api', factCheckFeedRoutes)
    .route('/api', matchRoutes)
    .route('/api', claimLinkRoutes)
    .route('/api', teamRoutes)
    .route('/api', commentRoutes)
    .route('/api', notificationRoutes)
    .route('/api', webhookRoutes)
    .route('/api', replyRoutes)
    .route('/api', ratingRoutes)

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'cc_session',
    description: 'The session cookie set by POST /api/auth/login',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token made on your account screen (POST /api/tokens), sent as `Authorization: Bearer <token>`',
  })
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Counterclaim API',
      version: '1.0.0',
      description: 'Claims side by side, evidence and stances, verdicts and their publication.',
      license: { name: 'Proprietary', url: 'https://example.org/counterclaim/license' },
    },
    servers: [{ url: deps.config.publicBaseUrl, description: 'This server' }],
    security: SIGNED_IN,
    tags: OPENAPI_TAGS,
  })

  // The public verdict pages, before the web app's fallback would answer /v/* with the app shell.
  app.route('/', publicPageRoutes)

  const webDist = deps.config.webDist
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    const indexHtml = readFileSync(join(webDist, 'index.html'), 'utf8')
    app.use('/assets/*', serveStatic({ root: webDist }))
    app.get('*', serveStatic({ root: webDist }), (c) => {
      if (c.req.path.startsWith('/api/')) return c.notFound()
      return c.html(indexHtml)
    })
  }

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404))
  app.onError((err, c) => {
    if (err instanceof AppError) {
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value)
      return c.json(errorBody(err.code, err.message, err.details), err.status as ContentfulStatusCode)
    }
    // The client's doing, not ours: one info line, never a stack trace.
    if (isClientAbort(err)) {
      noteRequest(c, clientAbortWords(err))
      return c.json(errorBody('validation_failed', 'The request ended before its body was complete.'), 400)
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code = STATUS_CODES[err.status] ?? 'validation_failed'
      const message =
        code === 'validation_failed'
          ? `The request is malformed: ${err.message || 'bad request'}.`
          : err.message || code
      const status = ERROR_STATUS[code]
      noteRequest(c, `refused: ${err.message || code}; answered ${status}`)
      return c.json(errorBody(code, message), status as ContentfulStatusCode)
    }
    // Unexpected: log it with the request id; the answer carries no stack and no SQL.
    console.error(`error [${c.get('requestId') ?? '-'}] ${c.req.method} ${c.req.path}:`, err)
    return c.json(errorBody('internal', 'Something went wrong on our side. It has been logged.'), 500)
  })

  return routes
}

export type AppType = ReturnType<typeof createApp>
