import { readConfig } from '../../apps/api/src/env.ts'
import type { OutboundPolicy } from '../../apps/api/src/services/outbound-fetch.ts'
import type { DatabaseLocation, Db } from '../../packages/db/src/index.ts'
import { TEST_SCRYPT_LOG_N, type TestRole } from './accounts.ts'
import { type AppOver, appOver } from './app-over.ts'
import type { SendInit } from './http.ts'
import { databaseEnv, freshDatabase, openTestDatabase } from './test-db.ts'

export { BASE } from './app-over.ts'

export interface TestApp {
  db: Db
  app: AppOver['app']
  /** Where its database is (a SQLite file, or a PostgreSQL URL): to start the app again on it. */
  database: DatabaseLocation
  /** Sends a request to the real app; a JSON body is encoded with its content type. */
  request: (path: string, init?: SendInit & { address?: string }) => Promise<Response>
  /** Signs in as a seeded role and returns its session cookie. */
  login: (role: TestRole) => Promise<string>
  /** The app's one-line notes about malformed requests, kept here rather than printed. */
  logs: string[]
  /** The app's feed poller, its timer not started: a test calls tick() when it wants a poll. */
  feeds: AppOver['feeds']
  /** The app's broker of live event streams, not started: a test that streams starts and stops it. */
  events: AppOver['events']
  /** The notification mailer when COUNTERCLAIM_SMTP_URL is set, its timer not started: tests call tick(). */
  mailer: AppOver['mailer']
  /** The app's webhook deliverer, its timer not started: a test calls tick() when it wants sends. */
  webhooks: AppOver['webhooks']
}

/** The real Hono app on a real migrated database of the file's engine, a fresh copy of the template. */
export async function makeTestApp(
  options: {
    kind?: 'demo' | 'empty'
    env?: Record<string, string>
    /** An existing database, to start the app again on it (a restart). */
    database?: DatabaseLocation
    /** The clock sessions, sign-in throttling and write timestamps read; tests move it instead of sleeping. */
    now?: () => number
    /** Changes to the feeds' outbound rules, e.g. one loopback address let through with the flag off. */
    outbound?: Partial<Omit<OutboundPolicy, 'allowPrivate'>>
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await freshDatabase(options.kind))
  const config = readConfig({
    ...databaseEnv(database),
    COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N),
    ...options.env,
  })
  // SQLite's read workers only where a test asks for them (each file's app would start threads otherwise).
  const db = openTestDatabase(database, {
    poolSize: config.databasePoolSize,
    readWorkers: options.env?.SQLITE_READ_WORKERS === undefined ? 0 : config.sqliteReadWorkers,
  })
  const logs: string[] = []
  const { app, feeds, events, mailer, webhooks, send, login } = appOver(db, config, {
    now: options.now,
    log: (line) => logs.push(line),
    ...(options.outbound ? { outbound: options.outbound } : {}),
  })
  return { db, app, database, request: send, login, logs, feeds, events, mailer, webhooks }
}

/** A clock a test moves by hand: sessions, sign-in throttling and write timestamps read it instead of the wall clock. */
export function manualClock(start = Date.parse('2026-01-15T09:00:00Z')) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}
