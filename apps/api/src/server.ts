import { Server } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkDatabase, closeDb, migrateDb, openDatabase, repoRoot } from '@counterclaim/db'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { readConfig } from './env.ts'
import { logClientErrors } from './middleware/request-log.ts'
import { AuthService } from './services/auth.ts'
import { bootstrap } from './services/bootstrap.ts'
import { DisputeEvents } from './services/dispute-events.ts'
import { FeedPoller } from './services/feed-poller.ts'
import { NotificationMailer } from './services/notification-mailer.ts'
import { DEFAULT_OUTBOUND } from './services/outbound-fetch.ts'
import { WebhookDeliverer } from './services/webhook-deliverer.ts'
import { WriteGate } from './services/write-gate.ts'

// How often the poller looks for due feeds (the shortest feed interval is 15 minutes).
const FEED_TICK_MS = 60_000
// How often notification e-mail goes out: a notification waits at most this long for its mail.
const MAIL_TICK_MS = 15_000
// How often the deliverer looks for due webhook deliveries; a verdict step also wakes it at once.
const WEBHOOK_TICK_MS = 5_000

// From the checkout's root, not from this module: the same from the sources and from dist/server/server.mjs.
const DEFAULT_WEB_DIST = join(repoRoot(), 'dist/web')

/** Opens and migrates the database, seeds a first start, and serves API and web on one port. */
export async function startServer(env: Record<string, string | undefined> = process.env) {
  const config = readConfig(env)
  const db = openDatabase({
    databasePath: config.databasePath,
    databaseUrl: config.databaseUrl,
    readWorkers: config.sqliteReadWorkers,
    poolSize: config.databasePoolSize,
    log: (line) => console.error(line),
  })
  await checkDatabase(db)
  await migrateDb(db)
  const issued = await bootstrap(db, {
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
    seed: config.seed,
    scryptLogN: config.scryptLogN,
  })
  if (issued.length) {
    console.log('\nAccounts created on this first start. These passwords are shown once; keep them:')
    for (const c of issued) console.log(`  ${c.role.padEnd(8)} ${c.email.padEnd(24)} ${c.password}`)
    console.log('')
  }
  // One poller per server process; two servers on one PostgreSQL database never fetch one feed twice,
  // as each claims a due feed before fetching it (services/fact-check-feeds.ts, claimDueFeed).
  const gate = new WriteGate()
  const feeds = new FeedPoller({
    db,
    gate,
    policy: { ...DEFAULT_OUTBOUND, allowPrivate: config.allowPrivateTargets },
  })
  // One broker of live event streams per process; on PostgreSQL it listens for every process's writes.
  const events = new DisputeEvents({ db, gate })
  await events.start()
  // Only when the desk mails notifications; two servers on one database never send one mail twice at
  // once, as each claims a notification before sending it.
  const mailer = config.smtpUrl
    ? new NotificationMailer({
        db,
        gate,
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        publicBaseUrl: config.publicBaseUrl,
      })
    : null
  // Likewise one deliverer per process: each leases a delivery before sending it (webhook-deliverer.ts).
  const webhooks = new WebhookDeliverer({
    db,
    gate,
    policy: { allowPrivate: config.allowPrivateTargets },
    firstRetryMs: config.webhookFirstRetryMs,
  })
  const app = createApp({
    db,
    gate,
    feeds,
    events,
    webhooks,
    config: { ...config, webDist: config.webDist ?? DEFAULT_WEB_DIST },
    auth: new AuthService(db, {
      idleMs: config.sessionIdleMs,
      maxMs: config.sessionMaxMs,
      scryptLogN: config.scryptLogN,
    }),
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(
      `Counterclaim is listening on http://${config.host}:${info.port} (public URL ${config.publicBaseUrl})`,
    )
  })

  // Requests Node's parser refuses (a malformed header, an over-long URL) never reach the app.
  if (server instanceof Server) logClientErrors(server)
  feeds.start(FEED_TICK_MS)
  mailer?.start(MAIL_TICK_MS)
  webhooks.start(WEBHOOK_TICK_MS)

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    console.log(`${signal}: finishing requests in flight, then closing the database.`)
    // Feed fetches under way are cancelled at once (an admin's fetch-now answers with the feed's status).
    // Webhook sends under way are recorded as cut off and tried again later.
    const pollerStopped = Promise.all([feeds.stop(), mailer?.stop(), webhooks.stop()])
    // Event streams never end on their own: they are ended first, so close() is not held open by them.
    const streamsStopped = events.stop()
    // Their connections are idle once the streams have ended.
    streamsStopped.then(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections()
    })
    server.close(() => {
      Promise.all([pollerStopped, streamsStopped])
        .then(() => closeDb(db))
        .then(
          () => process.exit(0),
          (err) => {
            console.error(err instanceof Error ? err.message : err)
            process.exit(1)
          },
        )
    })
    // Keep-alive sockets would hold close() open; end idle ones now, force the rest after 10 s.
    if ('closeIdleConnections' in server) server.closeIdleConnections()
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  // on, not once: a repeated signal (npm start passes Ctrl-C on as well) must not end the process mid-shutdown.
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  return { server, db, config }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startServer().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
