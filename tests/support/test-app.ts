import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { createApp } from '../../apps/api/src/app.ts'
import { readConfig } from '../../apps/api/src/env.ts'
import { AuthService } from '../../apps/api/src/services/auth.ts'
import { createDb, type Db } from '../../packages/db/src/index.ts'
import { TEST_ACCOUNTS, TEST_SCRYPT_LOG_N, type TestRole } from './accounts.ts'
import { requestInit, type SendInit, sessionCookie } from './http.ts'

export const BASE = 'http://127.0.0.1:3000'

/** A fresh copy of the seeded (or empty) template database in its own folder. */
export function freshDbFile(kind: 'demo' | 'empty' = 'demo'): string {
  const dir = mkdtempSync(join(tmpdir(), 'counterclaim-test-'))
  const path = join(dir, 'test.db')
  copyFileSync(inject(kind === 'demo' ? 'templateDb' : 'emptyTemplateDb'), path)
  return path
}

export interface TestApp {
  db: Db
  app: ReturnType<typeof createApp>
  path: string
  /** Sends a request to the real app; a JSON body is encoded with its content type. */
  request: (path: string, init?: SendInit & { address?: string }) => Promise<Response>
  /** Signs in as a seeded role and returns its session cookie. */
  login: (role: TestRole) => Promise<string>
  /** The app's one-line notes about malformed requests, kept here rather than printed. */
  logs: string[]
}

/** The real Hono app on a real migrated SQLite file. */
export function makeTestApp(
  options: {
    kind?: 'demo' | 'empty'
    env?: Record<string, string>
    /** An existing database file, to start the app again on it (a restart). */
    path?: string
    /** The clock sessions, sign-in throttling and write timestamps read; tests move it instead of sleeping. */
    now?: () => number
  } = {},
): TestApp {
  const path = options.path ?? freshDbFile(options.kind)
  const config = readConfig({
    DATABASE_PATH: path,
    COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N),
    ...options.env,
  })
  const db = createDb(path)
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
  return { db, app, path, request, login, logs }
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
