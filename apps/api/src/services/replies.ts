import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  eq,
  forUpdate,
  inArray,
  isNull,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { replyProblems } from '@counterclaim/domain'
import {
  AppError,
  invalidFields,
  type PublishedReply,
  type ReplyAttempt,
  type ReplyAttemptCreate,
  type ReplyAttemptPatch,
} from '@counterclaim/shared'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { replayOrConflict } from './idempotency.ts'
import { assertVersion, found } from './versioning.ts'

type Reader = Db | Tx
type ReplyRow = typeof tables.replyAttempts.$inferSelect

const r = tables.replyAttempts

/** An entry of a reply log as a snapshot keeps it: what the desk asked, of whom, and the answer. */
function publishedReply(row: ReplyRow): PublishedReply {
  return {
    askedOn: row.askedOn,
    channel: row.channel,
    contact: row.contact,
    question: row.question,
    replyBy: row.replyBy,
    answer: row.answer,
    answeredOn: row.answeredOn,
  }
}

async function toReplies(db: Reader, rows: ReplyRow[]): Promise<ReplyAttempt[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.createdBy ? [row.createdBy] : [])))]
  const people = new Map<string, { id: string; name: string }>()
  for (const id of ids) {
    const [person] = await db
      .select({ id: tables.users.id, name: tables.users.name })
      .from(tables.users)
      .where(eq(tables.users.id, id))
    if (person) people.set(person.id, person)
  }
  return rows.map((row) => ({
    id: row.id,
    claimId: row.claimId,
    disputeId: row.disputeId,
    ...publishedReply(row),
    createdBy: row.createdBy ? (people.get(row.createdBy) ?? { id: row.createdBy, name: 'unknown' }) : null,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }))
}

async function toReply(db: Reader, row: ReplyRow | undefined): Promise<ReplyAttempt> {
  const [record] = await toReplies(db, [found(row, 'Reply attempt')])
  return found(record, 'Reply attempt')
}

async function claimRow(db: Reader, claimId: string) {
  const [row] = await db
    .select({
      id: tables.claims.id,
      disputeId: tables.claims.disputeId,
      claimantId: tables.claims.claimantId,
      archivedAt: tables.claims.archivedAt,
    })
    .from(tables.claims)
    .where(eq(tables.claims.id, claimId))
  return found(row, 'Claim')
}

/** The rules across fields, as the one validation error: the fields named in words, each problem in details. */
function assertCoherent(entry: Parameters<typeof replyProblems>[0]): void {
  const problems = replyProblems(entry)
  if (problems.length) {
    throw invalidFields(problems)
  }
}

const logOrder = [asc(r.askedOn), asc(r.createdAt), asc(r.id)]

/** A claim's right-of-reply log in the order it was asked; archived entries only when asked for. */
export function listReplies(
  db: Db,
  claimId: string,
  options: { archived?: boolean } = {},
): Promise<ReplyAttempt[]> {
  return readTransaction(db, async (tx) => {
    await claimRow(tx, claimId)
    const rows = await tx
      .select()
      .from(r)
      .where(and(eq(r.claimId, claimId), options.archived ? undefined : isNull(r.archivedAt)))
      .orderBy(...logOrder)
    return toReplies(tx, rows)
  })
}

/**
 * These claims' live logs as the public sees them in a snapshot, keyed by claim id (a claim with none is
 * left out): entries taken off a log are left out. One statement for up to 500 claims.
 */
export async function publishedReplies(
  db: Reader,
  claimIds: readonly string[],
): Promise<Map<string, PublishedReply[]>> {
  const result = new Map<string, PublishedReply[]>()
  const rows: ReplyRow[] = []
  // SQLite caps bound parameters; chunk long lists.
  for (let i = 0; i < claimIds.length; i += 500) {
    rows.push(
      ...(await db
        .select()
        .from(r)
        .where(and(inArray(r.claimId, claimIds.slice(i, i + 500)), isNull(r.archivedAt)))
        .orderBy(...logOrder)),
    )
  }
  for (const row of rows) {
    const log = result.get(row.claimId) ?? []
    log.push(publishedReply(row))
    result.set(row.claimId, log)
  }
  return result
}

/** Logs an attempt to reach the claimant of a live claim; a retried create with its id answers the first. */
export function createReply(
  ctx: ServiceContext,
  claimId: string,
  input: ReplyAttemptCreate,
): Promise<{ record: ReplyAttempt; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    const claim = await claimRow(tx, claimId)
    const fields = {
      askedOn: input.askedOn,
      channel: input.channel,
      contact: input.contact,
      question: input.question,
      replyBy: input.replyBy ?? null,
      answer: input.answer ?? null,
      answeredOn: input.answeredOn ?? null,
    }
    if (input.id) {
      const [existing] = await tx.select().from(r).where(eq(r.id, input.id))
      if (existing) {
        const record = await toReply(tx, existing)
        return { record: replayOrConflict({ ...input, ...fields, claimId }, record), created: false }
      }
    }
    await assertDisputeLive(tx, claim.disputeId)
    assertNotArchived('claim', claim, { doing: 'logging attempts to reach its claimant' })
    if (claim.claimantId === null) {
      throw new AppError(
        'conflict',
        'This claim is unattributed: there is no claimant to ask for a reply. Name who made the claim first.',
        { claimantId: null },
      )
    }
    assertCoherent(fields)
    const id = input.id ?? randomUUID()
    const [row] = await tx
      .insert(r)
      .values({
        id,
        claimId,
        disputeId: claim.disputeId,
        ...fields,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = await toReply(tx, row)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'reply_attempt',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
      disputeId: claim.disputeId,
      claimId,
    })
    return { record, created: true }
  })
}

/**
 * Records the answer, corrects a field, or takes a mistaken entry off the log (archived: true; false puts it
 * back). Needs the entry's version.
 */
export function updateReply(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: ReplyAttemptPatch,
): Promise<ReplyAttempt> {
  return transaction(ctx.db, async (tx) => {
    const [current] = await forUpdate(tx.select().from(r).where(eq(r.id, id)))
    const before = await toReply(tx, current)
    const row = found(current, 'Reply attempt')
    assertVersion(expectedVersion, row, before)
    await assertDisputeLive(tx, row.disputeId)
    const claim = await claimRow(tx, row.claimId)
    assertNotArchived('claim', claim, { doing: 'changing its right-of-reply log' })
    const { archived, ...fields } = input
    if (row.archivedAt !== null && archived !== false) {
      throw new AppError('conflict', 'This entry was taken off the log: put it back before changing it.', {
        archived: 'reply_attempt',
      })
    }
    assertCoherent({
      askedOn: fields.askedOn ?? row.askedOn,
      replyBy: fields.replyBy === undefined ? row.replyBy : fields.replyBy,
      answer: fields.answer === undefined ? row.answer : fields.answer,
      answeredOn: fields.answeredOn === undefined ? row.answeredOn : fields.answeredOn,
    })
    const [updated] = await tx
      .update(r)
      .set({
        ...fields,
        ...(archived === undefined ? {} : { archivedAt: archived ? (row.archivedAt ?? ctx.now) : null }),
        updatedAt: ctx.now,
        version: row.version + 1,
      })
      .where(eq(r.id, id))
      .returning()
    const after = await toReply(tx, updated)
    const action =
      archived === true && !before.archived
        ? 'archived'
        : archived === false && before.archived
          ? 'restored'
          : before.answer === null && after.answer !== null
            ? 'answered'
            : 'updated'
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'reply_attempt',
      entityId: id,
      action,
      before,
      after,
      disputeId: row.disputeId,
      claimId: row.claimId,
    })
    return after
  })
}
