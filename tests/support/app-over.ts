// The real app over a database already open and migrated, on either engine: what a test needs when the
// database is not one of test-app.ts's SQLite template copies (a PostgreSQL database of its own, or a
// SQLite file in a child process). No Vitest import here: a plain script may use it.
import { createApp } from '../../apps/api/src/app.ts'
import type { Config } from '../../apps/api/src/env.ts'
import { AuthService } from '../../apps/api/src/services/auth.ts'
import { FeedPoller } from '../../apps/api/src/services/feed-poller.ts'
import { DEFAULT_OUTBOUND, type OutboundPolicy } from '../../apps/api/src/services/outbound-fetch.ts'
import { hashPassword } from '../../apps/api/src/services/passwords.ts'
import { insertAccount, seedDemo } from '../../apps/api/src/services/seed.ts'
import { WebhookDeliverer } from '../../apps/api/src/services/webhook-deliverer.ts'
import { WriteGate } from '../../apps/api/src/services/write-gate.ts'
import type { Db } from '../../packages/db/src/index.ts'
import type { Role } from '../../packages/shared/src/index.ts'
import { TEST_ACCOUNTS, TEST_SCRYPT_LOG_N, type TestRole } from './accounts.ts'
import { requestInit, type SendInit, signIn } from './http.ts'

export const BASE = 'http://127.0.0.1:3000'

export interface AppOver {
  app: ReturnType<typeof createApp>
  /** The app's feed poller, its timer not started: tests call tick() themselves. */
  feeds: FeedPoller
  /** The app's webhook deliverer, its timer not started: tests call tick() themselves. */
  webhooks: WebhookDeliverer
  /** Sends a request to the real app in-process, from the client `address` when one is given. */
  send: (path: string, init?: SendInit & { address?: string }) => Promise<Response>
  /** Signs in as one of the test accounts and returns its session cookie. */
  login: (role: TestRole) => Promise<string>
}

/**
 * The app over `db`: its writes stamped by `now` (the wall clock when absent), its one-line notes about
 * malformed requests handed to `log` (dropped when absent).
 */
export function appOver(
  db: Db,
  config: Config,
  options: {
    now?: (() => number) | undefined
    log?: (line: string) => void
    /** Changes to the outbound rules of feeds and webhooks (allowAddress lets one address through with the flag off). */
    outbound?: Partial<Omit<OutboundPolicy, 'allowPrivate'>>
  } = {},
): AppOver {
  const { now } = options
  const gate = new WriteGate()
  const feeds = new FeedPoller({
    db,
    gate,
    policy: { ...DEFAULT_OUTBOUND, ...options.outbound, allowPrivate: config.allowPrivateTargets },
    ...(now ? { now } : {}),
    log: options.log ?? (() => {}),
  })
  const webhooks = new WebhookDeliverer({
    db,
    gate,
    policy: {
      allowPrivate: config.allowPrivateTargets,
      ...(options.outbound?.allowAddress ? { allowAddress: options.outbound.allowAddress } : {}),
    },
    ...(now ? { now } : {}),
    log: options.log ?? (() => {}),
  })
  const app = createApp({
    gate,
    feeds,
    webhooks,
    db,
    config,
    auth: new AuthService(db, {
      idleMs: config.sessionIdleMs,
      maxMs: config.sessionMaxMs,
      scryptLogN: config.scryptLogN,
      ...(now ? { now } : {}),
    }),
    log: options.log ?? (() => {}),
    ...(now ? { now } : {}),
  })
  const send: AppOver['send'] = (path, init = {}) => {
    const { address, ...rest } = init
    return Promise.resolve(
      app.request(
        `${BASE}${path}`,
        requestInit(rest),
        // The client's address, where a test needs one: what the Node server would read off the socket.
        address ? { incoming: { socket: { remoteAddress: address } } } : undefined,
      ),
    )
  }
  const cookies = new Map<TestRole, Promise<string>>()
  const login = (role: TestRole) => {
    let cookie = cookies.get(role)
    if (!cookie) {
      cookie = signIn(send, role)
      cookies.set(role, cookie)
      // A refused sign-in is not kept: the next call tries again.
      cookie.catch(() => cookies.delete(role))
    }
    return cookie
  }
  return { app, feeds, webhooks, send, login }
}

const NAMES: Record<TestRole, string> = {
  admin: 'Administrator',
  editor: 'Ana Petrenko',
  checker: 'Taras Bondar',
}

/** Creates the test accounts of these roles, with their test passwords; returns each one's user. */
export async function insertTestAccounts(db: Db, roles: readonly TestRole[], at = new Date().toISOString()) {
  const users = []
  for (const role of roles) {
    const { email, password } = TEST_ACCOUNTS[role]
    const passwordHash = await hashPassword(password, TEST_SCRYPT_LOG_N)
    users.push(await insertAccount(db, { email, name: NAMES[role], role: role as Role, passwordHash }, at))
  }
  return users
}

/**
 * The three test accounts and the demo desk's records, written through the services as bootstrap's demo
 * seed writes them (bootstrap itself also runs the SQLite-only snapshot backfill, which a fresh demo
 * desk does not need: its verdicts are published through the workflow, which takes their snapshots).
 */
export async function seedTestDesk(db: Db): Promise<void> {
  const [, editor, checker] = await insertTestAccounts(db, ['admin', 'editor', 'checker'])
  if (!editor || !checker) throw new Error('the test accounts were not created')
  await seedDemo(db, { editor, checker })
}
