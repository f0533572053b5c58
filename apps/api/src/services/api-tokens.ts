// API tokens: an integration signs in with one instead of a session cookie. The token is shown once,
// when made; only its SHA-256 is kept (like a session's), so the database never holds one that works.
import { randomBytes, randomUUID } from 'node:crypto'
import { and, count, type Db, desc, eq, forUpdate, isNull, tables, transaction } from '@counterclaim/db'
import { type ApiToken, type ApiTokenCreate, type ApiTokenCreated, AppError } from '@counterclaim/shared'
import { hashToken } from './auth.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { assertVersion, found } from './versioning.ts'

/** The most live tokens one person may hold: enough for every integration, few enough to keep track of. */
export const MAX_LIVE_TOKENS = 50

/** What every token begins with, so one pasted where it should not be is recognised as ours. */
export const TOKEN_PREFIX = 'cc_'

type TokenRow = typeof tables.apiTokens.$inferSelect

/** A token row as the contract shows it: never the hash. */
function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    version: row.version,
  }
}

/** The signed-in user's live tokens, newest first. */
export async function listApiTokens(
  db: Db,
  userId: string,
): Promise<{ items: ApiToken[]; nextCursor: null }> {
  const t = tables.apiTokens
  const rows = await db
    .select()
    .from(t)
    .where(and(eq(t.userId, userId), isNull(t.revokedAt)))
    .orderBy(desc(t.createdAt), desc(t.id))
  return { items: rows.map(toApiToken), nextCursor: null }
}

/** Makes a token for the actor; the answer is the only place the token itself ever appears. */
export function createApiToken(ctx: ServiceContext, input: ApiTokenCreate): Promise<ApiTokenCreated> {
  return transaction(ctx.db, async (tx) => {
    // The owner's row is locked so two creates at once cannot both pass the count below.
    const [owner] = await forUpdate(
      tx.select({ id: tables.users.id }).from(tables.users).where(eq(tables.users.id, ctx.actor.id)),
    )
    found(owner, 'User')
    const t = tables.apiTokens
    const [live] = await tx
      .select({ n: count() })
      .from(t)
      .where(and(eq(t.userId, ctx.actor.id), isNull(t.revokedAt)))
    if ((live?.n ?? 0) >= MAX_LIVE_TOKENS) {
      throw new AppError(
        'conflict',
        `You already have ${MAX_LIVE_TOKENS} API tokens, the most one person may hold. Revoke one you no longer use, then make this one.`,
        { limit: MAX_LIVE_TOKENS },
      )
    }
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
    const [row] = await tx
      .insert(t)
      .values({
        id: randomUUID(),
        userId: ctx.actor.id,
        name: input.name,
        scope: input.scope,
        tokenHash: hashToken(token),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = toApiToken(found(row, 'API token'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'api_token',
      entityId: record.id,
      action: 'created',
      before: null,
      after: record,
    })
    return { ...record, token }
  })
}

/** Revokes one of the actor's own tokens (If-Match of its version); another person's is not found. */
export function revokeApiToken(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
): Promise<ApiToken> {
  return transaction(ctx.db, async (tx) => {
    const t = tables.apiTokens
    const [current] = await forUpdate(
      tx
        .select()
        .from(t)
        .where(and(eq(t.id, id), eq(t.userId, ctx.actor.id))),
    )
    const row = found(current, 'API token')
    const before = toApiToken(row)
    assertVersion(expectedVersion, row, before)
    if (row.revokedAt !== null) throw new AppError('conflict', 'This token was revoked already.', before)
    const [changed] = await tx
      .update(t)
      .set({ revokedAt: ctx.now, updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(t.id, id))
      .returning()
    const after = toApiToken(found(changed, 'API token'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'api_token',
      entityId: id,
      action: 'revoked',
      before,
      after,
    })
    return after
  })
}
