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
  or,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
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
import { assertVersion, found } from './versioning.ts'

type CreateInput = z.infer<typeof DisputeCreateSchema>
type PatchInput = z.infer<typeof DisputePatchSchema>
type ListQuery = z.infer<typeof DisputeListQuerySchema>

const uniqueTags = (tags: string[] | undefined) => [...new Set(tags ?? [])]

/** One dispute, or not_found. */
export async function getDispute(db: Db, id: string): Promise<Dispute> {
  const [row] = await db.select().from(tables.disputes).where(eq(tables.disputes.id, id))
  return toDispute(found(row, 'Dispute'))
}

export async function createDispute(
  ctx: ServiceContext,
  input: CreateInput,
): Promise<{ record: Dispute; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    if (input.id) {
      const [existing] = await tx.select().from(tables.disputes).where(eq(tables.disputes.id, input.id))
      if (existing) {
        const record = toDispute(existing)
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
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    if (tags.length) await tx.insert(tables.disputeTags).values(tags.map((tag) => ({ disputeId: id, tag })))
    const record = toDispute(found(row, 'Dispute'))
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
    const before = toDispute(current)
    assertVersion(expectedVersion, current, before)
    assertNotArchived('dispute', current, { restoring: input.archived === false })
    if (input.archived === true && !current.archivedAt) await assertNothingPublished(tx, id)
    const { archived, tags, ...fields } = input
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
    const after = toDispute(found(row, 'Dispute'))
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
): Promise<{ items: DisputeListItem[]; nextCursor: string | null }> {
  const d = tables.disputes
  const cursor = decodeCursor(query.cursor)
  const conditions = [query.archived === 'true' ? isNotNull(d.archivedAt) : isNull(d.archivedAt)]
  if (query.status) conditions.push(eq(d.status, query.status))
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
  const { page, claimRows } = await readTransaction(db, async (tx) => {
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
            claimantId: tables.claimants.id,
            claimantName: tables.claimants.name,
            claimantKind: tables.claimants.kind,
          })
          .from(tables.claims)
          .innerJoin(tables.claimants, eq(tables.claimants.id, tables.claims.claimantId))
          .where(and(inArray(tables.claims.disputeId, ids), isNull(tables.claims.archivedAt)))
          .orderBy(tables.claims.disputeId, tables.claims.position, tables.claims.createdAt)
      : []
    return { page, claimRows }
  })
  const items = page.items.map((row) => ({
    ...toDispute(row),
    claims: claimRows
      .filter((c) => c.disputeId === row.id)
      .map((c) => ({
        id: c.id,
        shortText: c.shortText,
        claimant: { id: c.claimantId, name: c.claimantName, kind: c.claimantKind },
        rating: c.rating,
        verdictStatus: c.verdictStatus,
      })),
  }))
  return { items, nextCursor: page.nextCursor }
}
