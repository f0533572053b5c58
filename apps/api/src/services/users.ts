import { randomUUID } from 'node:crypto'
import { and, asc, type Db, eq, gt, tables } from '@counterclaim/db'
import { AppError, type User, type UserCreateSchema, type UserPatchSchema } from '@counterclaim/shared'
import type { z } from 'zod'
import { revokeUserSessions } from './auth.ts'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { toUser } from './mappers.ts'
import { assertVersion, found } from './versioning.ts'

export function listUsers(db: Db, query: { limit: number; cursor?: string | undefined }) {
  const cursor = decodeCursor(query.cursor)
  const rows = db
    .select()
    .from(tables.users)
    .where(cursor ? gt(tables.users.email, cursor[0]) : undefined)
    .orderBy(asc(tables.users.email))
    .limit(query.limit + 1)
    .all()
  const page = toPage(rows, query.limit, (r) => [r.email, r.id])
  return { items: page.items.map(toUser), nextCursor: page.nextCursor }
}

/** Creates an account; the password arrives already hashed, so this stays synchronous. */
export function createUser(
  ctx: ServiceContext,
  input: Omit<z.infer<typeof UserCreateSchema>, 'password'>,
  passwordHash: string,
): User {
  const email = input.email.trim().toLowerCase()
  return ctx.db.transaction((tx) => {
    if (tx.select({ id: tables.users.id }).from(tables.users).where(eq(tables.users.email, email)).get()) {
      throw new AppError('conflict', 'An account with this email already exists.', { field: 'email' })
    }
    const row = tx
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
      .get()
    const record = toUser(row)
    recordHistory(tx, {
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
export function updateUser(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: Omit<z.infer<typeof UserPatchSchema>, 'password'>,
  password?: { hash: string; keepToken: string | undefined },
): User {
  return ctx.db.transaction((tx) => {
    const current = found(tx.select().from(tables.users).where(eq(tables.users.id, id)).get(), 'User')
    const before = toUser(current)
    assertVersion(expectedVersion, current, before)
    if (
      id === ctx.actor.id &&
      (input.disabled === true || (input.role !== undefined && input.role !== 'admin'))
    ) {
      throw new AppError('conflict', 'You cannot disable yourself or give up your own admin role.')
    }
    const row = tx
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
      .get()
    if (input.disabled) revokeUserSessions(tx, id, ctx.now)
    else if (password)
      revokeUserSessions(tx, id, ctx.now, id === ctx.actor.id ? password.keepToken : undefined)
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
    recordHistory(tx, {
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
