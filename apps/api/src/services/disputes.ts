import { randomUUID } from 'node:crypto'
import {
  and,
  containsText,
  type Db,
  desc,
  eq,
  forUpdate,
  inArray,
  isNotNull,
  isNull,
  lt,
  max,
  or,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { trimAtWord } from '@counterclaim/domain'
import {
  AppError,
  type Dispute,
  type DisputeCreateSchema,
  type DisputeListItem,
  type DisputeListQuerySchema,
  type DisputePatchSchema,
} from '@counterclaim/shared'
import type { z } from 'zod'
import { assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { replayOrConflict } from './idempotency.ts'
import { toDispute } from './mappers.ts'
import { notify } from './notifications.ts'
import { assertVersion, found } from './versioning.ts'

type CreateInput = z.infer<typeof DisputeCreateSchema>
type PatchInput = z.infer<typeof DisputePatchSchema>
type ListQuery = z.infer<typeof DisputeListQuerySchema>

const uniqueTags = (tags: string[] | undefined) => [...new Set(tags ?? [])]

/**
 * The people assigned to each of these disputes, in the order they were assigned: one query for a
 * whole page of disputes.
 */
export async function loadAssignees(db: Db | Tx, disputeIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>()
  if (disputeIds.length === 0) return result
  const a = tables.disputeAssignees
  const rows = await db
    .select({ disputeId: a.disputeId, userId: a.userId })
    .from(a)
    .where(inArray(a.disputeId, [...new Set(disputeIds)]))
    .orderBy(a.disputeId, a.position)
  for (const row of rows) result.set(row.disputeId, [...(result.get(row.disputeId) ?? []), row.userId])
  return result
}

/** One dispute, or not_found. */
export async function getDispute(db: Db | Tx, id: string): Promise<Dispute> {
  const [row] = await db.select().from(tables.disputes).where(eq(tables.disputes.id, id))
  const dispute = found(row, 'Dispute')
  return toDispute(dispute, (await loadAssignees(db, [id])).get(id) ?? [])
}

/** Assignees must be people of the desk whose accounts are active: validation_failed naming each other one. */
async function checkAssignees(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const rows = await tx
    .select({ id: tables.users.id })
    .from(tables.users)
    .where(and(inArray(tables.users.id, ids), isNull(tables.users.disabledAt)))
  const active = new Set(rows.map((r) => r.id))
  const issues = ids.flatMap((id, i) =>
    active.has(id) ? [] : [{ path: `assigneeIds.${i}`, message: 'is not an active person on the desk' }],
  )
  if (issues.length) {
    throw new AppError('validation_failed', 'Only active people of the desk can be assigned.', issues)
  }
}

/**
 * Sets who is assigned to a dispute: people kept keep their place, people added follow in the order
 * given, and each one added is told.
 */
async function assign(
  tx: Tx,
  ctx: ServiceContext,
  dispute: { id: string; title: string; dueOn: string | null },
  current: string[],
  next: string[],
): Promise<void> {
  await checkAssignees(tx, next)
  const a = tables.disputeAssignees
  const removed = current.filter((id) => !next.includes(id))
  const added = next.filter((id) => !current.includes(id))
  if (removed.length) await tx.delete(a).where(and(eq(a.disputeId, dispute.id), inArray(a.userId, removed)))
  if (added.length === 0) return
  const [last] = await tx
    .select({ position: max(a.position) })
    .from(a)
    .where(eq(a.disputeId, dispute.id))
  const after = last?.position ?? 0
  await tx.insert(a).values(
    added.map((userId, i) => ({
      disputeId: dispute.id,
      userId,
      position: after + i + 1,
      assignedAt: ctx.now,
      assignedBy: ctx.actor.id,
    })),
  )
  await notify(tx, ctx, {
    userIds: added,
    kind: 'assigned',
    message: `${ctx.actor.name} assigned you to “${trimAtWord(dispute.title, 80)}”${dispute.dueOn ? `, due ${dispute.dueOn}` : ''}`,
    disputeId: dispute.id,
  })
}

export async function createDispute(
  ctx: ServiceContext,
  input: CreateInput,
): Promise<{ record: Dispute; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    if (input.id) {
      const [existing] = await tx.select().from(tables.disputes).where(eq(tables.disputes.id, input.id))
      if (existing) {
        const record = await getDispute(tx, input.id)
        return {
          record: replayOrConflict({ ...input, tags: uniqueTags(input.tags) }, record),
          created: false,
        }
      }
    }
    const id = input.id ?? randomUUID()
    const tags = uniqueTags(input.tags)
    const [row] = await tx
      .insert(tables.disputes)
      .values({
        id,
        title: input.title,
        question: input.question,
        summary: input.summary ?? '',
        tags,
        status: input.status ?? 'open',
        dueOn: input.dueOn ?? null,
        independentRatings: input.independentRatings ?? false,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    if (tags.length) await tx.insert(tables.disputeTags).values(tags.map((tag) => ({ disputeId: id, tag })))
    const inserted = found(row, 'Dispute')
    const assigneeIds = input.assigneeIds ?? []
    await assign(tx, ctx, inserted, [], assigneeIds)
    const record = toDispute(inserted, assigneeIds)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'dispute',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
      disputeId: id,
    })
    return { record, created: true }
  })
}

/** A dispute whose claims have published fact checks stays: its public pages would go with it. */
async function assertNothingPublished(tx: Tx, disputeId: string): Promise<void> {
  const published = await tx
    .select({ id: tables.claims.id })
    .from(tables.claims)
    .where(
      and(
        eq(tables.claims.disputeId, disputeId),
        isNull(tables.claims.archivedAt),
        eq(tables.claims.verdictStatus, 'published'),
      ),
    )
  if (published.length) {
    throw new AppError(
      'conflict',
      `${published.length === 1 ? 'A claim of this dispute has a published fact check' : `${published.length} claims of this dispute have published fact checks`}: withdraw them first, so their public pages say why they are gone.`,
      { publishedClaimIds: published.map((claim) => claim.id) },
    )
  }
}

export async function updateDispute(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<Dispute> {
  return transaction(ctx.db, async (tx) => {
    const [currentRow] = await forUpdate(tx.select().from(tables.disputes).where(eq(tables.disputes.id, id)))
    const current = found(currentRow, 'Dispute')
    const assignedBefore = (await loadAssignees(tx, [id])).get(id) ?? []
    const before = toDispute(current, assignedBefore)
    assertVersion(expectedVersion, current, before)
    assertNotArchived('dispute', current, { restoring: input.archived === false })
    if (input.archived === true && !current.archivedAt) await assertNothingPublished(tx, id)
    const { archived, tags, assigneeIds, ...fields } = input
    const nextTags = tags === undefined ? undefined : uniqueTags(tags)
    const [row] = await tx
      .update(tables.disputes)
      .set({
        ...fields,
        ...(nextTags === undefined ? {} : { tags: nextTags }),
        ...(archived === undefined ? {} : { archivedAt: archived ? (current.archivedAt ?? ctx.now) : null }),
        updatedAt: ctx.now,
        version: current.version + 1,
      })
      .where(eq(tables.disputes.id, id))
      .returning()
    if (nextTags !== undefined) {
      await tx.delete(tables.disputeTags).where(eq(tables.disputeTags.disputeId, id))
      if (nextTags.length)
        await tx.insert(tables.disputeTags).values(nextTags.map((tag) => ({ disputeId: id, tag })))
    }
    if (input.title !== undefined || nextTags !== undefined) {
      // The claim log shows the dispute's title and tags: its rows changed too.
      await tx.update(tables.claims).set({ activityAt: ctx.now }).where(eq(tables.claims.disputeId, id))
    }
    const changed = found(row, 'Dispute')
    if (assigneeIds !== undefined) await assign(tx, ctx, changed, assignedBefore, assigneeIds)
    const after = toDispute(changed, (await loadAssignees(tx, [id])).get(id) ?? [])
    const action =
      archived === true && !before.archived
        ? 'archived'
        : archived === false && before.archived
          ? 'restored'
          : 'updated'
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'dispute',
      entityId: id,
      action,
      before,
      after,
      disputeId: id,
    })
    return after
  })
}

/**
 * The dispute list, newest change first, with each dispute's claimants and verdict states. Its two
 * reads run in one read transaction, so the claims shown are those of the disputes as listed.
 */
export async function listDisputes(
  db: Db,
  query: ListQuery,
  viewerId: string,
): Promise<{ items: DisputeListItem[]; nextCursor: string | null }> {
  const d = tables.disputes
  const cursor = decodeCursor(query.cursor)
  const conditions = [query.archived === 'true' ? isNotNull(d.archivedAt) : isNull(d.archivedAt)]
  if (query.status) conditions.push(eq(d.status, query.status))
  if (query.assignee) {
    const a = tables.disputeAssignees
    const userId = query.assignee === 'me' ? viewerId : query.assignee
    conditions.push(inArray(d.id, db.select({ id: a.disputeId }).from(a).where(eq(a.userId, userId))))
  }
  if (query.tag) {
    conditions.push(
      inArray(
        d.id,
        db
          .select({ id: tables.disputeTags.disputeId })
          .from(tables.disputeTags)
          .where(eq(tables.disputeTags.tag, query.tag.toLowerCase())),
      ),
    )
  }
  const q = query.q?.trim()
  if (q) {
    const match = or(containsText(d.title, q), containsText(d.question, q), containsText(d.summary, q))
    if (match) conditions.push(match)
  }
  if (cursor) {
    const [updatedAt, id] = cursor
    const after = or(lt(d.updatedAt, updatedAt), and(eq(d.updatedAt, updatedAt), lt(d.id, id)))
    if (after) conditions.push(after)
  }
  const { page, claimRows, assignees } = await readTransaction(db, async (tx) => {
    const rows = await tx
      .select()
      .from(d)
      .where(and(...conditions))
      .orderBy(desc(d.updatedAt), desc(d.id))
      .limit(query.limit + 1)
    const page = toPage(rows, query.limit, (r) => [r.updatedAt, r.id])
    const ids = page.items.map((r) => r.id)
    const claimRows = ids.length
      ? await tx
          .select({
            id: tables.claims.id,
            disputeId: tables.claims.disputeId,
            shortText: tables.claims.shortText,
            rating: tables.claims.verdictRating,
            verdictStatus: tables.claims.verdictStatus,
            returnNote: tables.verdicts.returnNote,
            claimantId: tables.claimants.id,
            claimantName: tables.claimants.name,
            claimantKind: tables.claimants.kind,
          })
          .from(tables.claims)
          // An unattributed claim has no claimant row.
          .leftJoin(tables.claimants, eq(tables.claimants.id, tables.claims.claimantId))
          .leftJoin(tables.verdicts, eq(tables.verdicts.claimId, tables.claims.id))
          .where(and(inArray(tables.claims.disputeId, ids), isNull(tables.claims.archivedAt)))
          .orderBy(tables.claims.disputeId, tables.claims.position, tables.claims.createdAt)
      : []
    return { page, claimRows, assignees: await loadAssignees(tx, ids) }
  })
  const items = page.items.map((row) => ({
    ...toDispute(row, assignees.get(row.id) ?? []),
    claims: claimRows
      .filter((c) => c.disputeId === row.id)
      .map((c) => ({
        id: c.id,
        shortText: c.shortText,
        claimant:
          c.claimantId === null || c.claimantName === null || c.claimantKind === null
            ? null
            : { id: c.claimantId, name: c.claimantName, kind: c.claimantKind },
        rating: c.rating,
        verdictStatus: c.verdictStatus,
        returnNote: c.verdictStatus === 'draft' ? c.returnNote : null,
      })),
  }))
  return { items, nextCursor: page.nextCursor }
}
