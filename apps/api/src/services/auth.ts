import { createHash, randomBytes } from 'node:crypto'
import { and, type Db, eq, isNull, ne, sql, type Tx, tables, transaction } from '@counterclaim/db'
import { AppError, invalidFields, type SessionUser, type TokenScope } from '@counterclaim/shared'

import { appSecret } from './app-secrets.ts'
import { nowIso } from './context.ts'
import { DeviceCookies } from './device-cookie.ts'
import { recordHistory } from './history.ts'
import { toUser } from './mappers.ts'
import { assertPasswordAllowed } from './password-policy.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { type Clock, FailureThrottle, type Reservation } from './throttle.ts'
import { found } from './versioning.ts'
import type { WriteGate } from './write-gate.ts'

/** How sessions live and which clock they live by. */
export interface SessionPolicy {
  idleMs: number
  maxMs: number
  /** log2 of scrypt's N for new hashes, and for the stand-in hash of unknown accounts. */
  scryptLogN: number
  /** Milliseconds since the epoch; tests pass their own clock instead of sleeping. */
  now?: Clock
}

/** At most this many failures per key in one window. */
const FAILURE_LIMIT = 10
const FAILURE_WINDOW_MS = 15 * 60_000

/** The SHA-256 hex of a session or API token: all the database keeps of either. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * A hash to check against when the account does not exist, with the parameters of real hashes, so
 * an unknown email costs what a known one costs and timing does not tell which accounts exist.
 */
const standInHash = (logN: number) =>
  `scrypt$${logN}$8$1$${randomBytes(16).toString('base64')}$${randomBytes(64).toString('base64')}`

function rateLimited(wait: number, what: string): AppError {
  return new AppError(
    'rate_limited',
    `Too many failed ${what}. Try again later.`,
    { retryAfterSeconds: wait },
    { 'Retry-After': String(wait) },
  )
}

function hold(throttle: FailureThrottle, keys: string[], what: string): Reservation {
  const held = throttle.reserve(keys)
  if ('retryAfter' in held) throw rateLimited(held.retryAfter, what)
  return held
}

/**
 * The session and user of a token hash. Every signed-in request runs it, so it is prepared once:
 * building this join per request costs about 20 times running it (tests/bench/RESULTS.md).
 */
function prepareSessionByToken(db: Db) {
  return db
    .select({ session: tables.sessions, user: tables.users })
    .from(tables.sessions)
    .innerJoin(tables.users, eq(tables.users.id, tables.sessions.userId))
    .where(
      and(eq(tables.sessions.tokenHash, sql.placeholder('tokenHash')), isNull(tables.sessions.revokedAt)),
    )
    .prepare('session_by_token')
}

/** The live API token of a hash, with its owner; prepared once, like the session's lookup. */
function prepareApiTokenByHash(db: Db) {
  return db
    .select({ token: tables.apiTokens, user: tables.users })
    .from(tables.apiTokens)
    .innerJoin(tables.users, eq(tables.users.id, tables.apiTokens.userId))
    .where(
      and(eq(tables.apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(tables.apiTokens.revokedAt)),
    )
    .prepare('api_token_by_hash')
}

/** A request signed in with an API token: its owner, and what the token allows. */
export interface TokenSignIn {
  user: SessionUser
  tokenId: string
  scope: TokenScope
}

/** An API token's last-used stamp is written at most this often, so reads do not each cost a write. */
const TOKEN_TOUCH_EVERY_MS = 60_000

export interface SignedIn {
  token: string
  user: SessionUser
  expiresAt: Date
  /** A fresh device cookie value for this browser and account. */
  device: string
}

/** Sign-in, sessions, password changes and their throttling for one database. */
export class AuthService {
  // One window for every key: `a:` an account tried from browsers without its device cookie,
  // `i:` an address, `d:` one device cookie, `p:` an account's password changes.
  private readonly failures: FailureThrottle
  // Last-seen writes are coarse so reads do not each cost a write; a quarter of the idle window
  // at most, so a session in use never looks idle.
  private readonly touchEveryMs: number
  private readonly sessionByToken: ReturnType<typeof prepareSessionByToken>
  private readonly apiTokenByHash: ReturnType<typeof prepareApiTokenByHash>
  private readonly now: Clock
  private readonly standIn: string
  private devicesCache: DeviceCookies | null = null

  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
  ) {
    this.now = policy.now ?? Date.now
    this.failures = new FailureThrottle(FAILURE_LIMIT, FAILURE_WINDOW_MS, this.now)
    this.touchEveryMs = Math.min(60_000, policy.idleMs / 4)
    this.sessionByToken = prepareSessionByToken(db)
    this.apiTokenByHash = prepareApiTokenByHash(db)
    this.standIn = standInHash(policy.scryptLogN)
  }

  // The key is read (or made) on the first sign-in, not at start, so opening a database for a
  // read-only task writes nothing.
  private async devices(): Promise<DeviceCookies> {
    this.devicesCache ??= new DeviceCookies(
      await appSecret(this.db, 'device-cookie-key', nowIso(this.now)),
      this.now,
    )
    return this.devicesCache
  }

  /**
   * Checks the pair and opens a session; returns the raw token for the cookie and a new device
   * cookie. The attempt is counted before its password is checked and uncounted on success.
   */
  async login(emailInput: string, password: string, address: string, device?: string): Promise<SignedIn> {
    const email = emailInput.trim().toLowerCase()
    const [user] = await this.db.select().from(tables.users).where(eq(tables.users.email, email)).limit(1)
    // A browser carrying this account's device cookie answers only for its own failures; any other
    // is counted per account (across addresses) and per address.
    const nonce = user && device ? (await this.devices()).verify(device, user.id) : null
    const held = hold(this.failures, nonce ? [`d:${nonce}`] : [`a:${email}`, `i:${address}`], 'sign-ins')
    const ok = await verifyPassword(password, user?.passwordHash ?? this.standIn)
    if (!user || !ok || user.disabledAt) {
      throw new AppError('unauthenticated', 'The email or the password is wrong.')
    }
    held.release()
    const token = randomBytes(32).toString('base64url')
    const now = new Date(this.now())
    const expiresAt = new Date(now.getTime() + this.policy.maxMs)
    await this.db.insert(tables.sessions).values({
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    })
    return {
      token,
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      expiresAt,
      device: (await this.devices()).issue(user.id),
    }
  }

  /**
   * The user of a live session token, or null when it is unknown, expired, revoked or the user disabled.
   * `touch: false` skips the last-seen write (a best-effort timestamp). With `gate`, the write is skipped
   * while an import holds the database, and otherwise counts as a write under way at the gate, so an
   * import that starts meanwhile waits for it.
   */
  async authenticate(
    token: string | undefined,
    options: { touch?: boolean; gate?: WriteGate } = {},
  ): Promise<SessionUser | null> {
    if (!token || token.length > 200) return null
    const tokenHash = hashToken(token)
    const [row] = await this.sessionByToken.execute({ tokenHash })
    if (!row || row.user.disabledAt) return null
    const now = this.now()
    const lastSeen = Date.parse(row.session.lastSeenAt)
    if (now >= Date.parse(row.session.expiresAt) || now - lastSeen >= this.policy.idleMs) return null
    if (options.touch !== false && now - lastSeen >= this.touchEveryMs) {
      await this.touch(tokenHash, now, options.gate)
    }
    return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role }
  }

  /**
   * The owner and scope of a live API token, or null when it is unknown, revoked or its owner disabled.
   * Its last-used stamp is written at most once a minute, through `gate` as a session's last-seen is.
   */
  async authenticateToken(token: string, options: { gate?: WriteGate } = {}): Promise<TokenSignIn | null> {
    if (!token || token.length > 200) return null
    const [row] = await this.apiTokenByHash.execute({ tokenHash: hashToken(token) })
    if (!row || row.user.disabledAt) return null
    const now = this.now()
    const lastUsed = row.token.lastUsedAt === null ? null : Date.parse(row.token.lastUsedAt)
    if (lastUsed === null || now - lastUsed >= TOKEN_TOUCH_EVERY_MS) {
      const id = row.token.id
      await stampPastGate(options.gate, () =>
        this.db
          .update(tables.apiTokens)
          .set({ lastUsedAt: new Date(now).toISOString() })
          .where(eq(tables.apiTokens.id, id)),
      )
    }
    const { user } = row
    return {
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      tokenId: row.token.id,
      scope: row.token.scope,
    }
  }

  /** The session's last-seen write; skipped while the gate (when given) is closed. */
  private async touch(tokenHash: string, now: number, gate: WriteGate | undefined): Promise<void> {
    await stampPastGate(gate, () =>
      this.db
        .update(tables.sessions)
        .set({ lastSeenAt: new Date(now).toISOString() })
        .where(eq(tables.sessions.tokenHash, tokenHash)),
    )
  }

  /** Ends one session. */
  async logout(token: string | undefined): Promise<void> {
    if (!token) return
    await this.db
      .update(tables.sessions)
      .set({ revokedAt: nowIso(this.now) })
      .where(and(eq(tables.sessions.tokenHash, hashToken(token)), isNull(tables.sessions.revokedAt)))
  }

  /**
   * The signed-in user changes their own password: the current one must be right (wrong tries are
   * throttled like sign-ins), the new one is stored, and every other session of the user ends.
   */
  async changePassword(
    actor: SessionUser,
    sessionToken: string | undefined,
    input: { currentPassword: string; newPassword: string },
  ): Promise<void> {
    assertPasswordAllowed(input.newPassword, 'newPassword')
    const [row] = await this.db.select().from(tables.users).where(eq(tables.users.id, actor.id))
    if (!row) throw new AppError('unauthenticated', 'Sign in to continue.')
    const held = hold(this.failures, [`p:${actor.id}`], 'tries of your current password')
    if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
      throw new AppError('validation_failed', 'Your current password is not right, so nothing was changed.', [
        { path: 'currentPassword', message: 'is not your current password' },
      ])
    }
    held.release()
    if (input.newPassword === input.currentPassword) {
      throw invalidFields([{ path: 'newPassword', message: 'must differ from the current password' }])
    }
    const passwordHash = await hashPassword(input.newPassword, this.policy.scryptLogN)
    const at = nowIso(this.now)
    await transaction(this.db, async (tx) => {
      const [current] = await tx.select().from(tables.users).where(eq(tables.users.id, actor.id))
      // Changed by someone else (an admin) while this one was hashing: theirs stands.
      if (!current || current.passwordHash !== row.passwordHash) {
        throw new AppError('conflict', 'Your password was changed meanwhile, so this change was not saved.')
      }
      const [updated] = await tx
        .update(tables.users)
        .set({ passwordHash, updatedAt: at, version: current.version + 1 })
        .where(eq(tables.users.id, actor.id))
        .returning()
      const after = found(updated, 'User')
      await revokeUserSessions(tx, actor.id, at, sessionToken)
      await recordHistory(tx, {
        actorId: actor.id,
        at,
        entity: 'user',
        entityId: actor.id,
        action: 'password_changed',
        before: toUser(current),
        after: toUser(after),
      })
    })
  }
}

/**
 * A best-effort timestamp write (a session's last-seen, a token's last-used): skipped while the gate
 * (when given) is closed, and otherwise counted at the gate as a write under way.
 */
async function stampPastGate(gate: WriteGate | undefined, write: () => PromiseLike<unknown>): Promise<void> {
  // Checked and entered in one step (run() counts the write before its first await), so an
  // import cannot take the database between the check and the write.
  if (!gate) await write()
  else if (gate.isOpen) await gate.run(write)
}

/** Ends every session of a user (when disabled, or their password is set), but the one given. */
export async function revokeUserSessions(
  db: Db | Tx,
  userId: string,
  at: string,
  keepToken?: string,
): Promise<void> {
  await db
    .update(tables.sessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(tables.sessions.userId, userId),
        isNull(tables.sessions.revokedAt),
        keepToken ? ne(tables.sessions.tokenHash, hashToken(keepToken)) : undefined,
      ),
    )
}
