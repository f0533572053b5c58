import { randomUUID } from 'node:crypto'
import { and, type Db, eq, forUpdate, isNull, max, type Tx, tables, transaction } from '@counterclaim/db'
import { fromLegacyQuantity, quantityFromInput } from '@counterclaim/domain'
import {
  AppError,
  type Claim,
  type ClaimCreateSchema,
  type ClaimPatchSchema,
  type Quantity,
} from '@counterclaim/shared'
import type { z } from 'zod'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { replayOrConflict } from './idempotency.ts'
import { toClaim } from './mappers.ts'
import { assertVersion, found } from './versioning.ts'

type CreateInput = z.infer<typeof ClaimCreateSchema>
type PatchInput = z.infer<typeof ClaimPatchSchema>

export async function getClaim(db: Db, id: string): Promise<Claim> {
  const [row] = await db.select().from(tables.claims).where(eq(tables.claims.id, id))
  return toClaim(found(row, 'Claim'))
}

// No claimant (null) is an unattributed claim: always allowed.
async function assertClaimant(tx: Tx, claimantId: string | null | undefined): Promise<void> {
  if (claimantId === null || claimantId === undefined) return
  const [exists] = await tx
    .select({ id: tables.claimants.id, archivedAt: tables.claimants.archivedAt })
    .from(tables.claimants)
    .where(eq(tables.claimants.id, claimantId))
  if (!exists) {
    throw new AppError('validation_failed', 'The claimant does not exist.', [
      { path: 'claimantId', message: 'no claimant has this id' },
    ])
  }
  // A merged claimant's claims all moved to the one it was merged into: new ones go there too.
  if (exists.archivedAt !== null) {
    throw new AppError('validation_failed', 'The claimant was merged into another one: choose that one.', [
      { path: 'claimantId', message: 'was merged into another claimant: choose that one' },
    ])
  }
}

/** The list a body sets: `quantities`, or the first contract's single `quantity`; undefined leaves it alone. */
function quantitiesOf(input: Pick<CreateInput, 'quantities' | 'quantity'>): Quantity[] | undefined {
  if (input.quantities !== undefined) return input.quantities.map(quantityFromInput)
  if (input.quantity === undefined) return undefined
  return input.quantity ? [fromLegacyQuantity(input.quantity)] : []
}

const quantityColumns = (input: Pick<CreateInput, 'quantities' | 'quantity'>) => {
  const quantities = quantitiesOf(input)
  return quantities === undefined ? {} : { quantities }
}

/** Adds a claim to a live dispute, after its other claims. */
export async function createClaim(
  ctx: ServiceContext,
  disputeId: string,
  input: CreateInput,
): Promise<{ record: Claim; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    // Locked: the new claim's position follows the dispute's last one, counted under the lock.
    const [disputeRow] = await forUpdate(
      tx.select().from(tables.disputes).where(eq(tables.disputes.id, disputeId)),
    )
    const dispute = found(disputeRow, 'Dispute')
    if (input.id) {
      const [existing] = await tx.select().from(tables.claims).where(eq(tables.claims.id, input.id))
      if (existing) {
        const { quantity, quantities, shortText, ...rest } = input
        const record = toClaim(existing)
        // Compared as stored: an empty short form is kept as null.
        const stored = shortText === undefined ? {} : { shortText: shortText || null }
        replayOrConflict({ ...rest, ...stored, disputeId, quantities: quantitiesOf(input) ?? [] }, record)
        return { record, created: false }
      }
    }
    assertNotArchived('dispute', dispute, { doing: 'adding claims' })
    await assertClaimant(tx, input.claimantId)
    const [last] = await tx
      .select({ position: max(tables.claims.position) })
      .from(tables.claims)
      .where(eq(tables.claims.disputeId, disputeId))
    const id = input.id ?? randomUUID()
    const [row] = await tx
      .insert(tables.claims)
      .values({
        id,
        disputeId,
        claimantId: input.claimantId ?? null,
        text: input.text,
        shortText: input.shortText || null,
        statedOn: input.statedOn ?? null,
        appearanceUrl: input.appearanceUrl ?? null,
        archiveUrl: input.archiveUrl ?? null,
        language: input.language ?? null,
        ...quantityColumns(input),
        position: (last?.position ?? -1) + 1,
        activityAt: ctx.now,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = toClaim(found(row, 'Claim'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claim',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
      disputeId,
      claimId: id,
    })
    return { record, created: true }
  })
}

export async function updateClaim(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<Claim> {
  return transaction(ctx.db, async (tx) => {
    const [currentRow] = await forUpdate(tx.select().from(tables.claims).where(eq(tables.claims.id, id)))
    const current = found(currentRow, 'Claim')
    const before = toClaim(current)
    assertVersion(expectedVersion, current, before)
    await assertDisputeLive(tx, current.disputeId)
    assertNotArchived('claim', current, { restoring: input.archived === false })
    if (input.claimantId !== undefined) await assertClaimant(tx, input.claimantId)
    if (input.archived === true && !current.archivedAt && current.verdictStatus === 'published') {
      throw new AppError(
        'conflict',
        'This claim has a published fact check: withdraw it first, so its public page says why it is gone.',
        { verdictStatus: 'published' },
      )
    }
    const { quantity, quantities, archived, shortText, ...fields } = input
    const [row] = await tx
      .update(tables.claims)
      .set({
        ...fields,
        ...(shortText === undefined ? {} : { shortText: shortText || null }),
        ...quantityColumns(input),
        ...(archived === undefined ? {} : { archivedAt: archived ? (current.archivedAt ?? ctx.now) : null }),
        activityAt: ctx.now,
        updatedAt: ctx.now,
        version: current.version + 1,
      })
      .where(and(eq(tables.claims.id, id)))
      .returning()
    const after = toClaim(found(row, 'Claim'))
    const action =
      archived === true && !before.archived
        ? 'archived'
        : archived === false && before.archived
          ? 'restored'
          : 'updated'
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claim',
      entityId: id,
      action,
      before,
      after,
      disputeId: current.disputeId,
      claimId: id,
    })
    return after
  })
}

/** Live claim ids of a dispute, in column order. */
export async function claimIdsOf(db: Db, disputeId: string): Promise<string[]> {
  const rows = await db
    .select({ id: tables.claims.id })
    .from(tables.claims)
    .where(and(eq(tables.claims.disputeId, disputeId), isNull(tables.claims.archivedAt)))
  return rows.map((r) => r.id)
}
