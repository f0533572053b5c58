import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  eq,
  gt,
  inArray,
  isNull,
  or,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { findMentions, trimAtWord } from '@counterclaim/domain'
import {
  AppError,
  type Comment,
  type CommentCreate,
  type CommentList,
  type Person,
} from '@counterclaim/shared'
import { assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { replayOrConflict } from './idempotency.ts'
import { NOTE_MAX, notify } from './notifications.ts'
import { found } from './versioning.ts'

type CommentRow = typeof tables.comments.$inferSelect

/** The names of these people, one query. */
async function peopleNamed(db: Db | Tx, ids: Iterable<string>): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db
    .select({ id: tables.users.id, name: tables.users.name })
    .from(tables.users)
    .where(inArray(tables.users.id, unique))
  return new Map(rows.map((r) => [r.id, r]))
}

async function toComments(db: Db | Tx, rows: CommentRow[]): Promise<Comment[]> {
  const people = await peopleNamed(
    db,
    rows.flatMap((r) => [r.authorId, ...r.mentionIds]),
  )
  const person = (id: string): Person => people.get(id) ?? { id, name: 'unknown' }
  return rows.map((r) => ({
    id: r.id,
    disputeId: r.disputeId,
    claimId: r.claimId,
    evidenceId: r.evidenceId,
    author: person(r.authorId),
    body: r.body,
    mentions: r.mentionIds.map(person),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }))
}

async function disputeNamed(db: Db | Tx, id: string) {
  const [row] = await db
    .select({ id: tables.disputes.id, title: tables.disputes.title, archivedAt: tables.disputes.archivedAt })
    .from(tables.disputes)
    .where(eq(tables.disputes.id, id))
  return found(row, 'Dispute')
}

/** A dispute's comments, oldest first, paged on (createdAt, id); not_found for an unknown dispute. */
export function listComments(
  db: Db,
  disputeId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<CommentList> {
  const cursor = decodeCursor(query.cursor)
  const c = tables.comments
  return readTransaction(db, async (tx) => {
    await disputeNamed(tx, disputeId)
    const rows = await tx
      .select()
      .from(c)
      .where(
        and(
          eq(c.disputeId, disputeId),
          isNull(c.archivedAt),
          cursor
            ? or(gt(c.createdAt, cursor[0]), and(eq(c.createdAt, cursor[0]), gt(c.id, cursor[1])))
            : undefined,
        ),
      )
      .orderBy(asc(c.createdAt), asc(c.id))
      .limit(query.limit + 1)
    const page = toPage(rows, query.limit, (r) => [r.createdAt, r.id])
    return { items: await toComments(tx, page.items), nextCursor: page.nextCursor }
  })
}

/** The claim or evidence item a comment is about must be a live part of its dispute. */
async function checkSubject(tx: Tx, disputeId: string, input: CommentCreate): Promise<void> {
  const subject = input.claimId
    ? { path: 'claimId', table: tables.claims, id: input.claimId, what: 'claim' }
    : input.evidenceId
      ? { path: 'evidenceId', table: tables.evidence, id: input.evidenceId, what: 'evidence item' }
      : null
  if (!subject) return
  const [row] = await tx
    .select({ id: subject.table.id })
    .from(subject.table)
    .where(
      and(
        eq(subject.table.id, subject.id),
        eq(subject.table.disputeId, disputeId),
        isNull(subject.table.archivedAt),
      ),
    )
  if (!row) {
    throw new AppError(
      'validation_failed',
      `The ${subject.what} this comment is about is not part of this dispute.`,
      [{ path: subject.path, message: `is not a ${subject.what} of this dispute` }],
    )
  }
}

/**
 * Adds a comment to a dispute (or to one of its claims or evidence items); the people its `@` mentions
 * name are told, in the same transaction.
 */
export function createComment(
  ctx: ServiceContext,
  disputeId: string,
  input: CommentCreate,
): Promise<{ record: Comment; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    const dispute = await disputeNamed(tx, disputeId)
    if (input.id) {
      const [existing] = await tx.select().from(tables.comments).where(eq(tables.comments.id, input.id))
      if (existing) {
        const [record] = await toComments(tx, [existing])
        return {
          record: replayOrConflict(
            { ...input, disputeId, claimId: input.claimId ?? null, evidenceId: input.evidenceId ?? null },
            found(record, 'Comment'),
          ),
          created: false,
        }
      }
    }
    assertNotArchived('dispute', dispute, { doing: 'commenting on it' })
    await checkSubject(tx, disputeId, input)
    const people = await tx
      .select({ id: tables.users.id, name: tables.users.name, email: tables.users.email })
      .from(tables.users)
      .where(isNull(tables.users.disabledAt))
    const mentionIds = findMentions(input.body, people)
    const id = input.id ?? randomUUID()
    const [row] = await tx
      .insert(tables.comments)
      .values({
        id,
        disputeId,
        claimId: input.claimId ?? null,
        evidenceId: input.evidenceId ?? null,
        authorId: ctx.actor.id,
        body: input.body,
        mentionIds,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const [record] = await toComments(tx, [found(row, 'Comment')])
    const comment = found(record, 'Comment')
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'comment',
      entityId: id,
      action: 'created',
      before: null,
      after: comment,
      disputeId,
      claimId: input.claimId ?? null,
    })
    await notify(tx, ctx, {
      userIds: mentionIds,
      kind: 'mentioned',
      message: `${ctx.actor.name} mentioned you in a comment on “${trimAtWord(dispute.title, 80)}”`,
      note: trimAtWord(input.body, NOTE_MAX),
      disputeId,
      claimId: input.claimId ?? null,
      commentId: id,
    })
    return { record: comment, created: true }
  })
}
