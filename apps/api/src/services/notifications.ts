import { randomUUID } from 'node:crypto'
import {
  and,
  count,
  type Db,
  desc,
  eq,
  inArray,
  isNull,
  lt,
  or,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { trimAtWord } from '@counterclaim/domain'
import type {
  Notification,
  NotificationKind,
  NotificationList,
  NotificationsRead,
  NotificationsReadResult,
} from '@counterclaim/shared'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'

export interface NotifyInput {
  userIds: string[]
  kind: NotificationKind
  message: string
  note?: string | null
  disputeId?: string | null
  claimId?: string | null
  commentId?: string | null
}

/** A notification's note at most this long: the start of a comment, not all of it. */
export const NOTE_MAX = 300

/** How a message names a claim: its short form, else the start of its text, in quotes. */
export function claimWords(claim: { text: string; shortText: string | null }): string {
  return `“${trimAtWord(claim.shortText ?? claim.text, 80)}”`
}

/**
 * Tells people what happened, in the transaction of the change that caused it: one notification each,
 * never to the one who acted, never to a disabled account, never twice to one person. Marked for e-mail
 * (emailState 'pending') when the desk mails notifications.
 */
export async function notify(tx: Tx, ctx: ServiceContext, input: NotifyInput): Promise<void> {
  const wanted = [...new Set(input.userIds)].filter((id) => id !== ctx.actor.id)
  if (wanted.length === 0) return
  const active = await tx
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(and(inArray(tables.users.id, wanted), isNull(tables.users.disabledAt)))
  const activeIds = new Set(active.map((u) => u.id))
  const recipients = wanted.filter((id) => activeIds.has(id))
  if (recipients.length === 0) return
  const mailed = ctx.emailNotifications === true
  await tx.insert(tables.notifications).values(
    recipients.map((userId) => ({
      id: randomUUID(),
      userId,
      kind: input.kind,
      message: input.message,
      note: input.note ?? null,
      actorId: ctx.actor.id,
      disputeId: input.disputeId ?? null,
      claimId: input.claimId ?? null,
      commentId: input.commentId ?? null,
      createdAt: ctx.now,
      readAt: null,
      emailState: mailed ? ('pending' as const) : null,
      emailNextAt: mailed ? ctx.now : null,
    })),
  )
}

/** The active editors and admins of the desk: who may approve a correction. */
export async function activeEditorIds(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(and(inArray(tables.users.role, ['editor', 'admin']), isNull(tables.users.disabledAt)))
  return rows.map((r) => r.id)
}

/** The people assigned to a dispute. */
export async function assigneeIdsOf(tx: Tx, disputeId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: tables.disputeAssignees.userId })
    .from(tables.disputeAssignees)
    .where(eq(tables.disputeAssignees.disputeId, disputeId))
  return rows.map((r) => r.userId)
}

/** Notifications of one user, newest first, with their actors' names and their disputes' titles. */
export async function readNotifications(
  db: Db | Tx,
  userId: string,
  where: { kind?: NotificationKind; unreadOnly?: boolean; cursor?: [string, string] | null },
  limit: number,
): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const n = tables.notifications
  const cursor = where.cursor
  const rows = await db
    .select({
      n,
      actorName: tables.users.name,
      disputeTitle: tables.disputes.title,
    })
    .from(n)
    .leftJoin(tables.users, eq(tables.users.id, n.actorId))
    .leftJoin(tables.disputes, eq(tables.disputes.id, n.disputeId))
    .where(
      and(
        eq(n.userId, userId),
        where.kind ? eq(n.kind, where.kind) : undefined,
        where.unreadOnly ? isNull(n.readAt) : undefined,
        cursor
          ? or(lt(n.createdAt, cursor[0]), and(eq(n.createdAt, cursor[0]), lt(n.id, cursor[1])))
          : undefined,
      ),
    )
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(limit + 1)
  const page = toPage(rows, limit, (r) => [r.n.createdAt, r.n.id])
  return {
    items: page.items.map(({ n: row, actorName, disputeTitle }) => ({
      id: row.id,
      kind: row.kind,
      message: row.message,
      note: row.note,
      actor: row.actorId ? { id: row.actorId, name: actorName ?? 'unknown' } : null,
      dispute: row.disputeId ? { id: row.disputeId, title: disputeTitle ?? '' } : null,
      claimId: row.claimId,
      commentId: row.commentId,
      createdAt: row.createdAt,
      readAt: row.readAt,
    })),
    nextCursor: page.nextCursor,
  }
}

async function unreadCount(db: Db | Tx, userId: string): Promise<number> {
  const n = tables.notifications
  const [row] = await db
    .select({ unread: count() })
    .from(n)
    .where(and(eq(n.userId, userId), isNull(n.readAt)))
  return Number(row?.unread ?? 0)
}

/** The signed-in user's notifications, newest first, and how many are unread in all. */
export function listNotifications(
  db: Db,
  userId: string,
  query: { limit: number; cursor?: string | undefined; unread?: '0' | '1' | undefined },
): Promise<NotificationList> {
  const cursor = decodeCursor(query.cursor)
  return readTransaction(db, async (tx) => {
    const page = await readNotifications(
      tx,
      userId,
      { unreadOnly: query.unread === '1', cursor },
      query.limit,
    )
    return { ...page, unread: await unreadCount(tx, userId) }
  })
}

/**
 * Marks the user's own notifications read (those named, or all); ids of anyone else's are ignored.
 * Not a change of a record: no version, no history.
 */
export function markNotificationsRead(
  db: Db,
  userId: string,
  input: NotificationsRead,
  now: string,
): Promise<NotificationsReadResult> {
  const n = tables.notifications
  return transaction(db, async (tx) => {
    const mine = and(eq(n.userId, userId), isNull(n.readAt))
    if ('all' in input) {
      await tx.update(n).set({ readAt: now }).where(mine)
    } else {
      const ids = [...new Set(input.ids)]
      await tx
        .update(n)
        .set({ readAt: now })
        .where(and(mine, inArray(n.id, ids)))
    }
    return { unread: await unreadCount(tx, userId) }
  })
}
