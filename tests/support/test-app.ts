import { createApp } from '../../apps/api/src/app.ts'
import { readConfig } from '../../apps/api/src/env.ts'
import { AuthService } from '../../apps/api/src/services/auth.ts'
import type { DatabaseLocation, Db } from '../../packages/db/src/index.ts'
import { TEST_ACCOUNTS, TEST_SCRYPT_LOG_N, type TestRole } from './accounts.ts'
import { requestInit, type SendInit, sessionCookie } from './http.ts'
import { databaseEnv, freshDatabase, openTestDatabase } from './test-db.ts'

export const BASE = 'http://127.0.0.1:3000'

export interface TestApp {
  db: Db
  app: ReturnType<typeof createApp>
  /** Where its database is (a SQLite file, or a PostgreSQL URL): to start the app again on it. */
  database: DatabaseLocation
  /** Sends a request to the real app; a JSON body is encoded with its content type. */
  request: (path: string, init?: SendInit & { address?: string }) => Promise<Response>
  /** Signs in as a seeded role and returns its session cookie. */
  login: (role: TestRole) => Promise<string>
  /** The app's one-line notes about malformed requests, kept here rather than printed. */
  logs: string[]
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
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await freshDatabase(options.kind))
  const config = readConfig({
    ...databaseEnv(database),
    COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N),
    ...options.env,
  })
  const db = openTestDatabase(database)
  const logs: string[] = []
  const app = createApp({
    db,
    config,
    auth: new AuthService(db, {
      idleMs: config.sessionIdleMs,
      maxMs: config.sessionMaxMs,
      scryptLogN: config.scryptLogN,
      ...(options.now ? { now: options.now } : {}),
    }),
    log: (line) => logs.push(line),
    ...(options.now ? { now: options.now } : {}),
  })
  const request: TestApp['request'] = (p, init = {}) => {
    const { address, ...rest } = init
    return Promise.resolve(
      app.request(
        `${BASE}${p}`,
        requestInit(rest),
        // The client's address, where a test needs one: what the Node server would read off the socket.
        address ? { incoming: { socket: { remoteAddress: address } } } : undefined,
      ),
    )
  }
  const cookies = new Map<TestRole, string>()
  const login = async (role: TestRole) => {
    const cached = cookies.get(role)
    if (cached) return cached
    const res = await request('/api/auth/login', { method: 'POST', json: TEST_ACCOUNTS[role] })
    if (res.status !== 200) throw new Error(`login as ${role} answered ${res.status}: ${await res.text()}`)
    const cookie = sessionCookie(res)
    cookies.set(role, cookie)
    return cookie
  }
  return { db, app, database, request, login, logs }
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
