import { randomUUID } from 'node:crypto'
import { and, eq, forUpdate, inArray, type Tx, tables, transaction } from '@counterclaim/db'
import { AppError, type ClaimRelation, type ClaimRelationPutSchema } from '@counterclaim/shared'
import type { z } from 'zod'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { assertVersion, found } from './versioning.ts'

type PutInput = z.infer<typeof ClaimRelationPutSchema>
type RelationRow = typeof tables.claimRelations.$inferSelect

export function toClaimRelation(row: RelationRow): ClaimRelation {
  return {
    id: row.id,
    disputeId: row.disputeId,
    claimId: row.claimId,
    otherClaimId: row.otherClaimId,
    kind: row.kind,
    note: row.note,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

const invalid = (path: 'claimId' | 'otherClaimId', message: string, summary: string) =>
  new AppError('validation_failed', summary, [{ path, message }])

/** A claim the body names: it must exist and be live; 400 naming the field otherwise. */
async function liveClaimOf(tx: Tx, id: string, path: 'claimId' | 'otherClaimId') {
  const [row] = await tx
    .select({
      id: tables.claims.id,
      disputeId: tables.claims.disputeId,
      archivedAt: tables.claims.archivedAt,
    })
    .from(tables.claims)
    .where(eq(tables.claims.id, id))
  const which = path === 'claimId' ? 'first claim' : 'other claim'
  if (!row) throw invalid(path, 'no claim has this id', `The ${which} does not exist.`)
  if (row.archivedAt !== null) {
    throw invalid(path, 'is archived', `The ${which} is archived: restore it before relating it to another.`)
  }
  return row
}

/**
 * Sets or clears how two claims of one dispute relate. The pair is one record whichever order the body
 * names them in; the first set of a pair creates it (no version needed), a later change needs If-Match.
 */
export async function putClaimRelation(
  ctx: ServiceContext,
  expectedVersion: number | null,
  input: PutInput,
): Promise<{ record: ClaimRelation; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    if (input.claimId === input.otherClaimId) {
      throw invalid(
        'otherClaimId',
        'is the same claim',
        'A claim cannot be related to itself: choose another claim.',
      )
    }
    const one = await liveClaimOf(tx, input.claimId, 'claimId')
    const other = await liveClaimOf(tx, input.otherClaimId, 'otherClaimId')
    if (one.disputeId !== other.disputeId) {
      throw invalid(
        'otherClaimId',
        'is in another dispute',
        'The two claims belong to different disputes: only claims of one dispute relate.',
      )
    }
    const [dispute] = await tx
      .select({ archivedAt: tables.disputes.archivedAt })
      .from(tables.disputes)
      .where(eq(tables.disputes.id, one.disputeId))
    if (dispute?.archivedAt) {
      throw invalid(
        'claimId',
        'is in an archived dispute',
        'The dispute is archived: restore it before relating its claims.',
      )
    }
    const [claimId, otherClaimId] = [input.claimId, input.otherClaimId].sort() as [string, string]
    const r = tables.claimRelations
    const [current] = await forUpdate(
      tx
        .select()
        .from(r)
        .where(and(eq(r.claimId, claimId), eq(r.otherClaimId, otherClaimId))),
    )
    let rows: RelationRow[]
    let before: ClaimRelation | null = null
    if (!current) {
      rows = await tx
        .insert(r)
        .values({
          id: randomUUID(),
          disputeId: one.disputeId,
          claimId,
          otherClaimId,
          kind: input.kind,
          note: input.note ?? '',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning()
    } else {
      before = toClaimRelation(current)
      assertVersion(expectedVersion, current, before)
      rows = await tx
        .update(r)
        .set({
          kind: input.kind,
          ...(input.note === undefined ? {} : { note: input.note }),
          updatedAt: ctx.now,
          version: current.version + 1,
        })
        .where(eq(r.id, current.id))
        .returning()
    }
    const record = toClaimRelation(found(rows[0], 'Claim relation'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claim_relation',
      entityId: record.id,
      action: !current ? 'created' : input.kind === null ? 'cleared' : 'updated',
      before,
      after: record,
      disputeId: one.disputeId,
    })
    return { record, created: !current }
  })
}

/**
 * The relations between the given (live) claims of a dispute, for its workbench: cleared ones too (kind
 * null), as with stances, so a client holds the version it needs to set a cleared pair again.
 */
export async function relationsAmong(
  tx: Tx,
  disputeId: string,
  claimIds: readonly string[],
): Promise<ClaimRelation[]> {
  if (claimIds.length < 2) return []
  const r = tables.claimRelations
  const rows = await tx
    .select()
    .from(r)
    .where(and(eq(r.disputeId, disputeId), inArray(r.claimId, [...claimIds])))
  const live = new Set(claimIds)
  return rows
    .filter((row) => live.has(row.otherClaimId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map(toClaimRelation)
}
