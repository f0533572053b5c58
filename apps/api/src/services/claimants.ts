import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  containsText,
  type Db,
  desc,
  descNullsLast,
  eq,
  forUpdate,
  gt,
  isNull,
  or,
  readTransaction,
  tables,
  transaction,
} from '@counterclaim/db'
import type {
  Claimant,
  ClaimantCreateSchema,
  ClaimantDetail,
  ClaimantListQuerySchema,
  ClaimantPatchSchema,
} from '@counterclaim/shared'
import type { z } from 'zod'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { replayOrConflict } from './idempotency.ts'
import { toClaim, toClaimant } from './mappers.ts'
import { loadVerdicts } from './verdicts.ts'
import { assertVersion, found } from './versioning.ts'

type CreateInput = z.infer<typeof ClaimantCreateSchema>
type PatchInput = z.infer<typeof ClaimantPatchSchema>

export async function getClaimant(db: Db, id: string): Promise<Claimant> {
  const [row] = await db.select().from(tables.claimants).where(eq(tables.claimants.id, id))
  return toClaimant(found(row, 'Claimant'))
}

/**
 * A claimant with its track record: every claim it made, with the verdicts. The reads run in one
 * read transaction, so they agree with each other.
 */
export async function getClaimantDetail(db: Db, id: string): Promise<ClaimantDetail> {
  return readTransaction(db, async (tx) => {
    const claimant = await getClaimant(tx, id)
    const rows = await tx
      .select({ claim: tables.claims, disputeTitle: tables.disputes.title })
      .from(tables.claims)
      .innerJoin(tables.disputes, eq(tables.disputes.id, tables.claims.disputeId))
      .where(and(eq(tables.claims.claimantId, id), isNull(tables.claims.archivedAt)))
      .orderBy(descNullsLast(tables.claims.statedOn), desc(tables.claims.createdAt))
    const verdicts = await loadVerdicts(
      tx,
      rows.map((r) => r.claim.id),
    )
    return {
      ...claimant,
      claims: rows.map((r) => ({
        ...toClaim(r.claim),
        disputeTitle: r.disputeTitle,
        verdict: verdicts.get(r.claim.id) ?? null,
      })),
    }
  })
}

export async function listClaimants(db: Db, query: z.infer<typeof ClaimantListQuerySchema>) {
  const c = tables.claimants
  const cursor = decodeCursor(query.cursor)
  const conditions = []
  const q = query.q?.trim()
  if (q) conditions.push(containsText(c.name, q))
  if (cursor) {
    const [name, id] = cursor
    conditions.push(or(gt(c.name, name), and(eq(c.name, name), gt(c.id, id))))
  }
  const rows = await db
    .select()
    .from(c)
    .where(and(...conditions))
    .orderBy(asc(c.name), asc(c.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [r.name, r.id])
  return { items: page.items.map(toClaimant), nextCursor: page.nextCursor }
}

export async function createClaimant(
  ctx: ServiceContext,
  input: CreateInput,
): Promise<{ record: Claimant; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    if (input.id) {
      const [existing] = await tx.select().from(tables.claimants).where(eq(tables.claimants.id, input.id))
      if (existing) return { record: replayOrConflict(input, toClaimant(existing)), created: false }
    }
    const id = input.id ?? randomUUID()
    const [row] = await tx
      .insert(tables.claimants)
      .values({
        id,
        name: input.name,
        kind: input.kind,
        description: input.description ?? '',
        url: input.url ?? null,
        sameAs: input.sameAs ?? [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = toClaimant(found(row, 'Claimant'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claimant',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
    })
    return { record, created: true }
  })
}

export async function updateClaimant(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<Claimant> {
  return transaction(ctx.db, async (tx) => {
    const [currentRow] = await forUpdate(
      tx.select().from(tables.claimants).where(eq(tables.claimants.id, id)),
    )
    const current = found(currentRow, 'Claimant')
    const before = toClaimant(current)
    assertVersion(expectedVersion, current, before)
    const [row] = await tx
      .update(tables.claimants)
      .set({ ...input, updatedAt: ctx.now, version: current.version + 1 })
      .where(eq(tables.claimants.id, id))
      .returning()
    if (input.name !== undefined || input.kind !== undefined) {
      await tx.update(tables.claims).set({ activityAt: ctx.now }).where(eq(tables.claims.claimantId, id))
    }
    const after = toClaimant(found(row, 'Claimant'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claimant',
      entityId: id,
      action: 'updated',
      before,
      after,
    })
    return after
  })
}
