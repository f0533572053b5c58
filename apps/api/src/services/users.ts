import { randomUUID } from 'node:crypto'
import { and, asc, byCodePoint, type Db, eq, forUpdate, gt, tables, transaction } from '@counterclaim/db'
import { AppError, type User, type UserCreateSchema, type UserPatchSchema } from '@counterclaim/shared'
import type { z } from 'zod'
import { revokeUserSessions } from './auth.ts'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { toUser } from './mappers.ts'
import { assertVersion, found } from './versioning.ts'

export async function listUsers(db: Db, query: { limit: number; cursor?: string | undefined }) {
  const cursor = decodeCursor(query.cursor)
  const rows = await db
    .select()
    .from(tables.users)
    .where(cursor ? gt(byCodePoint(tables.users.email), cursor[0]) : undefined)
    .orderBy(asc(byCodePoint(tables.users.email)))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [r.email, r.id])
  return { items: page.items.map(toUser), nextCursor: page.nextCursor }
}

/** Creates an account; the password arrives already hashed. */
export async function createUser(
  ctx: ServiceContext,
  input: Omit<z.infer<typeof UserCreateSchema>, 'password'>,
  passwordHash: string,
): Promise<User> {
  const email = input.email.trim().toLowerCase()
  return transaction(ctx.db, async (tx) => {
    const [taken] = await tx
      .select({ id: tables.users.id })
      .from(tables.users)
      .where(eq(tables.users.email, email))
      .limit(1)
    if (taken) {
      throw new AppError('conflict', 'An account with this email already exists.', { field: 'email' })
    }
    const [inserted] = await tx
      .insert(tables.users)
      .values({
        id: randomUUID(),
        email,
        name: input.name,
        role: input.role,
        passwordHash,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const row = found(inserted, 'User')
    const record = toUser(row)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'user',
      entityId: row.id,
      action: 'created',
      before: null,
      after: record,
    })
    return record
  })
}

/**
 * Changes an account. A new password arrives already hashed (`passwordHash`); setting one ends every
 * session of that user, except the acting admin's own when they set their own.
 */
export async function updateUser(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: Omit<z.infer<typeof UserPatchSchema>, 'password'>,
  password?: { hash: string; keepToken: string | undefined },
): Promise<User> {
  return transaction(ctx.db, async (tx) => {
    const [currentRow] = await forUpdate(tx.select().from(tables.users).where(eq(tables.users.id, id)))
    const current = found(currentRow, 'User')
    const before = toUser(current)
    assertVersion(expectedVersion, current, before)
    if (
      id === ctx.actor.id &&
      (input.disabled === true || (input.role !== undefined && input.role !== 'admin'))
    ) {
      throw new AppError('conflict', 'You cannot disable yourself or give up your own admin role.')
    }
    const [updated] = await tx
      .update(tables.users)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.role === undefined ? {} : { role: input.role }),
        ...(input.disabled === undefined
          ? {}
          : { disabledAt: input.disabled ? (current.disabledAt ?? ctx.now) : null }),
        ...(password ? { passwordHash: password.hash } : {}),
        updatedAt: ctx.now,
        version: current.version + 1,
      })
      .where(and(eq(tables.users.id, id)))
      .returning()
    const row = found(updated, 'User')
    if (input.disabled) await revokeUserSessions(tx, id, ctx.now)
    else if (password)
      await revokeUserSessions(tx, id, ctx.now, id === ctx.actor.id ? password.keepToken : undefined)
    const after = toUser(row)
    // The history names a password change by its action; neither password nor hash is ever in it.
    const action =
      input.disabled === true && !before.disabled
        ? 'disabled'
        : input.disabled === false && before.disabled
          ? 'enabled'
          : password
            ? 'password_set'
            : 'updated'
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'user',
      entityId: id,
      action,
      before,
      after,
    })
    return after
  })
}
