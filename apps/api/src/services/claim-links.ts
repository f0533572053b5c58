// Links from a claim to the same claim elsewhere on the desk ("same claim as", seen from both claims) and to
// other desks' fact-checks of it ("checked by"). Unlinking archives the link, so its history stays whole;
// linking the same again makes a new link.
import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  eq,
  forUpdate,
  inArray,
  isNull,
  or,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { AppError, type ClaimLink, type ClaimLinkCreate } from '@counterclaim/shared'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { toFactCheck } from './mappers.ts'
import { assertVersion, found } from './versioning.ts'

type LinkRow = typeof tables.claimLinks.$inferSelect

/** The live links of a claim, oldest first: its own, and "same claim" links other claims made to it. */
export function listClaimLinks(db: Db, claimId: string): Promise<{ items: ClaimLink[] }> {
  return readTransaction(db, async (tx) => {
    await claimRow(tx, claimId)
    const l = tables.claimLinks
    const rows = await tx
      .select()
      .from(l)
      .where(and(isNull(l.archivedAt), or(eq(l.claimId, claimId), eq(l.linkedClaimId, claimId))))
      .orderBy(asc(l.createdAt), asc(l.id))
    return { items: await presentLinks(tx, rows, claimId) }
  })
}

/** Links a claim to another claim (same_claim) or a fact-check (checked_by); 409 when so linked already. */
export function createClaimLink(
  ctx: ServiceContext,
  claimId: string,
  input: ClaimLinkCreate,
): Promise<ClaimLink> {
  return transaction(ctx.db, async (tx) => {
    const other = input.linkedClaimId
    // Both claims locked, in one order whichever side links, so two people linking the same pair at once
    // make one link.
    const locked = new Map<string, ClaimRow>()
    for (const id of [...new Set([claimId, other ?? claimId])].sort()) {
      const [row] = await forUpdate(tx.select().from(tables.claims).where(eq(tables.claims.id, id)))
      if (row) locked.set(id, row)
    }
    const claim = found(locked.get(claimId), 'Claim')
    assertNotArchived('claim', claim, { doing: 'linking it' })
    await assertDisputeLive(tx, claim.disputeId, 'linking its claims')
    const l = tables.claimLinks
    let existing: LinkRow | undefined
    if (other !== undefined) {
      if (other === claimId) {
        throw new AppError('validation_failed', 'A claim cannot be linked to itself.', [
          { path: 'linkedClaimId', message: 'name another claim' },
        ])
      }
      const linked = locked.get(other)
      if (!linked) {
        throw new AppError('validation_failed', 'The claim to link does not exist.', [
          { path: 'linkedClaimId', message: 'no claim has this id' },
        ])
      }
      if (linked.archivedAt !== null) {
        throw new AppError('conflict', 'The claim to link is archived: restore it first.', {
          archived: 'claim',
        })
      }
      await assertDisputeLive(tx, linked.disputeId, 'linking its claims')
      ;[existing] = await tx
        .select()
        .from(l)
        .where(
          and(
            isNull(l.archivedAt),
            eq(l.kind, 'same_claim'),
            or(
              and(eq(l.claimId, claimId), eq(l.linkedClaimId, other)),
              and(eq(l.claimId, other), eq(l.linkedClaimId, claimId)),
            ),
          ),
        )
        .limit(1)
    } else {
      const factCheckId = input.factCheckId ?? ''
      const [factCheck] = await tx
        .select({ id: tables.factChecks.id })
        .from(tables.factChecks)
        .where(eq(tables.factChecks.id, factCheckId))
      if (!factCheck) {
        throw new AppError('validation_failed', 'The fact-check to link does not exist.', [
          { path: 'factCheckId', message: 'no fact-check has this id' },
        ])
      }
      ;[existing] = await tx
        .select()
        .from(l)
        .where(and(isNull(l.archivedAt), eq(l.claimId, claimId), eq(l.factCheckId, factCheckId)))
        .limit(1)
    }
    if (existing) {
      const [shown] = await presentLinks(tx, [existing], claimId)
      throw new AppError('conflict', 'These are linked already.', shown)
    }
    const id = randomUUID()
    const [row] = await tx
      .insert(l)
      .values({
        id,
        claimId,
        kind: other !== undefined ? 'same_claim' : 'checked_by',
        linkedClaimId: other ?? null,
        factCheckId: input.factCheckId ?? null,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const [record] = await presentLinks(tx, [found(row, 'Link')], claimId)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claim_link',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
      disputeId: claim.disputeId,
      claimId,
    })
    return found(record, 'Link')
  })
}

/** Unlinks: archives the link (If-Match of its version). Linking the same again is the undo. */
export function archiveClaimLink(
  ctx: ServiceContext,
  linkId: string,
  expectedVersion: number | null,
): Promise<ClaimLink> {
  return transaction(ctx.db, async (tx) => {
    const l = tables.claimLinks
    const [current] = await forUpdate(tx.select().from(l).where(eq(l.id, linkId)))
    const row = found(current, 'Link')
    const [before] = await presentLinks(tx, [row], row.claimId)
    assertVersion(expectedVersion, row, before)
    if (row.archivedAt !== null) throw new AppError('conflict', 'This link was removed already.', before)
    const claim = await claimRow(tx, row.claimId)
    await assertDisputeLive(tx, claim.disputeId, 'unlinking its claims')
    const [changed] = await tx
      .update(l)
      .set({ archivedAt: ctx.now, updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(l.id, linkId))
      .returning()
    const [after] = await presentLinks(tx, [found(changed, 'Link')], row.claimId)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claim_link',
      entityId: linkId,
      action: 'archived',
      before,
      after,
      disputeId: claim.disputeId,
      claimId: row.claimId,
    })
    return found(after, 'Link')
  })
}

type ClaimRow = typeof tables.claims.$inferSelect

async function claimRow(tx: Tx, id: string): Promise<ClaimRow> {
  const [row] = await tx.select().from(tables.claims).where(eq(tables.claims.id, id))
  return found(row, 'Claim')
}

/** Links as the contract shows them, read from one claim: `linkedClaim` is a same-claim link's other side. */
async function presentLinks(tx: Tx, rows: LinkRow[], fromClaimId: string): Promise<ClaimLink[]> {
  const otherOf = (row: LinkRow) =>
    row.kind !== 'same_claim' ? null : row.claimId === fromClaimId ? row.linkedClaimId : row.claimId
  const claimIds = [...new Set(rows.map(otherOf).filter((id): id is string => id !== null))]
  const factCheckIds = [...new Set(rows.map((r) => r.factCheckId).filter((id): id is string => id !== null))]
  const claims = new Map(
    claimIds.length === 0
      ? []
      : (
          await tx
            .select({
              id: tables.claims.id,
              text: tables.claims.text,
              disputeId: tables.claims.disputeId,
              disputeTitle: tables.disputes.title,
            })
            .from(tables.claims)
            .innerJoin(tables.disputes, eq(tables.disputes.id, tables.claims.disputeId))
            .where(inArray(tables.claims.id, claimIds))
        ).map((c) => [c.id, c]),
  )
  const factChecks = new Map(
    factCheckIds.length === 0
      ? []
      : (await tx.select().from(tables.factChecks).where(inArray(tables.factChecks.id, factCheckIds))).map(
          (f) => [f.id, toFactCheck(f)],
        ),
  )
  return rows.map((row) => {
    const other = otherOf(row)
    return {
      id: row.id,
      claimId: fromClaimId,
      kind: row.kind,
      linkedClaim: other === null ? null : (claims.get(other) ?? null),
      factCheck: row.factCheckId === null ? null : (factChecks.get(row.factCheckId) ?? null),
      archived: row.archivedAt !== null,
      createdAt: row.createdAt,
      version: row.version,
    }
  })
}
