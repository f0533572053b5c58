import { createHash, randomBytes } from 'node:crypto'
import { type Db, type Tx, tables } from '@counterclaim/db'
import { AppError, type SessionUser } from '@counterclaim/shared'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { verifyPassword } from './passwords.ts'
import { FailureThrottle } from './throttle.ts'

export interface SessionPolicy {
  idleMs: number
  maxMs: number
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

// A hash to compare against when the account does not exist, so timing does not tell.
const DUMMY_HASH = `scrypt$14$8$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(64).toString('base64')}`

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
    .prepare()
}

/** Sign-in, sessions and their throttling for one database. */
export class AuthService {
  private readonly accountFailures = new FailureThrottle(10, 15 * 60_000)
  private readonly addressFailures = new FailureThrottle(10, 15 * 60_000)
  // Last-seen writes are coarse so reads do not each cost a write; a quarter of the idle window
  // at most, so a session in use never looks idle.
  private readonly touchEveryMs: number
  private readonly sessionByToken: ReturnType<typeof prepareSessionByToken>

  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
  ) {
    this.touchEveryMs = Math.min(60_000, policy.idleMs / 4)
    this.sessionByToken = prepareSessionByToken(db)
  }

  /** Checks the pair and opens a session; returns the raw token for the cookie. */
  async login(
    emailInput: string,
    password: string,
    address: string,
  ): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
    const email = emailInput.trim().toLowerCase()
    const wait = Math.max(
      this.accountFailures.retryAfter(`a:${email}`),
      this.addressFailures.retryAfter(`i:${address}`),
    )
    if (wait > 0) {
      throw new AppError(
        'rate_limited',
        'Too many failed sign-ins. Try again later.',
        { retryAfterSeconds: wait },
        { 'Retry-After': String(wait) },
      )
    }
    const user = this.db.select().from(tables.users).where(eq(tables.users.email, email)).get()
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
    if (!user || !ok || user.disabledAt) {
      this.accountFailures.fail(`a:${email}`)
      this.addressFailures.fail(`i:${address}`)
      throw new AppError('unauthenticated', 'The email or the password is wrong.')
    }
    this.accountFailures.clear(`a:${email}`)
    const token = randomBytes(32).toString('base64url')
    const now = new Date()
    const expiresAt = new Date(now.getTime() + this.policy.maxMs)
    this.db
      .insert(tables.sessions)
      .values({
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      })
      .run()
    return { token, user: { id: user.id, email: user.email, name: user.name, role: user.role }, expiresAt }
  }

  /** The user of a live session token, or null when it is unknown, expired, revoked or the user disabled. */
  authenticate(token: string | undefined): SessionUser | null {
    if (!token || token.length > 200) return null
    const tokenHash = hashToken(token)
    const row = this.sessionByToken.get({ tokenHash })
    if (!row || row.user.disabledAt) return null
    const now = Date.now()
    const lastSeen = Date.parse(row.session.lastSeenAt)
    if (now >= Date.parse(row.session.expiresAt) || now - lastSeen >= this.policy.idleMs) return null
    if (now - lastSeen >= this.touchEveryMs) {
      this.db
        .update(tables.sessions)
        .set({ lastSeenAt: new Date(now).toISOString() })
        .where(eq(tables.sessions.tokenHash, tokenHash))
        .run()
    }
    return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role }
  }

  /** Ends one session. */
  logout(token: string | undefined): void {
    if (!token) return
    this.db
      .update(tables.sessions)
      .set({ revokedAt: new Date().toISOString() })
      .where(and(eq(tables.sessions.tokenHash, hashToken(token)), isNull(tables.sessions.revokedAt)))
      .run()
  }
}

/** Ends every session of a user, when they are disabled. */
export function revokeUserSessions(db: Db | Tx, userId: string, at: string): void {
  db.update(tables.sessions)
    .set({ revokedAt: at })
    .where(and(eq(tables.sessions.userId, userId), isNull(tables.sessions.revokedAt)))
    .run()
}
