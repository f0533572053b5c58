import { randomUUID } from 'node:crypto'
import { and, countWhere, eq, forUpdate, isNull, type Tx, tables, transaction } from '@counterclaim/db'
import { AppError, type Stance, type StancePutSchema } from '@counterclaim/shared'
import type { z } from 'zod'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { toStance } from './mappers.ts'
import { assertVersion, found } from './versioning.ts'

type PutInput = z.infer<typeof StancePutSchema>

/** Recounts a claim's stances for the claim log, in the transaction that changed one. */
async function syncClaimCounts(tx: Tx, claimId: string, at: string): Promise<void> {
  // Under the claim's lock, so two stances changed at once on PostgreSQL each count the other's.
  await forUpdate(
    tx.select({ id: tables.claims.id }).from(tables.claims).where(eq(tables.claims.id, claimId)),
  )
  const s = tables.stances
  const [counts] = await tx
    .select({
      supports: countWhere(s.stance, 'supports'),
      contradicts: countWhere(s.stance, 'contradicts'),
      context: countWhere(s.stance, 'context'),
    })
    .from(s)
    .innerJoin(tables.evidence, eq(tables.evidence.id, s.evidenceId))
    .where(and(eq(s.claimId, claimId), isNull(tables.evidence.archivedAt)))
  await tx
    .update(tables.claims)
    .set({
      supportingCount: counts?.supports ?? 0,
      contradictingCount: counts?.contradicts ?? 0,
      contextCount: counts?.context ?? 0,
      activityAt: at,
    })
    .where(eq(tables.claims.id, claimId))
}

/** A record the body names must exist: like an unknown claimant, an unknown one is a bad field. */
function referenced<T>(row: T | undefined, path: 'evidenceId' | 'claimId'): T {
  if (row === undefined) {
    throw new AppError('validation_failed', 'The cell names a record that does not exist.', [
      { path, message: `no ${path === 'claimId' ? 'claim' : 'evidence item'} has this id` },
    ])
  }
  return row
}

/**
 * Sets or clears one cell of the evidence matrix. A cell never set before is a create and needs
 * no version; a cell that exists (even cleared) is a change and needs If-Match.
 */
export async function putStance(
  ctx: ServiceContext,
  expectedVersion: number | null,
  input: PutInput,
): Promise<{ record: Stance; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    const [evRow] = await tx.select().from(tables.evidence).where(eq(tables.evidence.id, input.evidenceId))
    const ev = referenced(evRow, 'evidenceId')
    const [claimRow] = await tx.select().from(tables.claims).where(eq(tables.claims.id, input.claimId))
    const claim = referenced(claimRow, 'claimId')
    await assertDisputeLive(tx, claim.disputeId)
    assertNotArchived('claim', claim, { doing: 'setting its stances' })
    assertNotArchived('evidence', ev, { doing: 'setting its stances' })
    if (ev.disputeId !== claim.disputeId) {
      throw new AppError('validation_failed', 'The evidence and the claim belong to different disputes.', [
        { path: 'claimId', message: 'is not in the dispute of the evidence' },
      ])
    }
    const [current] = await forUpdate(
      tx
        .select()
        .from(tables.stances)
        .where(
          and(eq(tables.stances.evidenceId, input.evidenceId), eq(tables.stances.claimId, input.claimId)),
        ),
    )
    let rows: Array<typeof tables.stances.$inferSelect>
    let before: Stance | null = null
    if (!current) {
      rows = await tx
        .insert(tables.stances)
        .values({
          id: randomUUID(),
          evidenceId: input.evidenceId,
          claimId: input.claimId,
          stance: input.stance,
          note: input.note ?? '',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning()
    } else {
      before = toStance(current)
      assertVersion(expectedVersion, current, before)
      rows = await tx
        .update(tables.stances)
        .set({
          stance: input.stance,
          ...(input.note === undefined ? {} : { note: input.note }),
          updatedAt: ctx.now,
          version: current.version + 1,
        })
        .where(eq(tables.stances.id, current.id))
        .returning()
    }
    await syncClaimCounts(tx, input.claimId, ctx.now)
    const record = toStance(found(rows[0], 'Stance'))
    const action = !current ? 'created' : input.stance === null ? 'cleared' : 'updated'
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'stance',
      entityId: record.id,
      action,
      before,
      after: record,
      disputeId: claim.disputeId,
      claimId: claim.id,
    })
    return { record, created: !current }
  })
}

/** Recounts every claim of a dispute, after evidence was archived or restored. */
export async function syncDisputeCounts(tx: Tx, disputeId: string, at: string): Promise<void> {
  const claims = await tx
    .select({ id: tables.claims.id })
    .from(tables.claims)
    .where(eq(tables.claims.disputeId, disputeId))
  for (const c of claims) await syncClaimCounts(tx, c.id, at)
}
