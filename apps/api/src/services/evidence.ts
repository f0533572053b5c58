import { createHash, randomUUID } from 'node:crypto'
import { type Db, eq, forUpdate, tables, transaction } from '@counterclaim/db'
import type { Evidence, EvidenceCreateSchema, EvidencePatchSchema } from '@counterclaim/shared'
import type { z } from 'zod'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { replayOrConflict } from './idempotency.ts'
import { toEvidence } from './mappers.ts'
import { syncDisputeCounts } from './stances.ts'
import { assertVersion, found } from './versioning.ts'

type CreateInput = z.infer<typeof EvidenceCreateSchema>
type PatchInput = z.infer<typeof EvidencePatchSchema>

/** SHA-256 of an excerpt, hex: a later edit of the quote shows as a new digest. */
export function excerptDigest(excerpt: string): string {
  return createHash('sha256').update(excerpt, 'utf8').digest('hex')
}

export async function getEvidence(db: Db, id: string): Promise<Evidence> {
  const [row] = await db.select().from(tables.evidence).where(eq(tables.evidence.id, id))
  return toEvidence(found(row, 'Evidence'))
}

export async function createEvidence(
  ctx: ServiceContext,
  disputeId: string,
  input: CreateInput,
): Promise<{ record: Evidence; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    const [disputeRow] = await tx.select().from(tables.disputes).where(eq(tables.disputes.id, disputeId))
    const dispute = found(disputeRow, 'Dispute')
    if (input.id) {
      const [existing] = await tx.select().from(tables.evidence).where(eq(tables.evidence.id, input.id))
      if (existing) {
        const record = toEvidence(existing)
        return { record: replayOrConflict({ ...input, disputeId }, record), created: false }
      }
    }
    assertNotArchived('dispute', dispute, { doing: 'adding evidence' })
    const id = input.id ?? randomUUID()
    const excerpt = input.excerpt ?? ''
    const [row] = await tx
      .insert(tables.evidence)
      .values({
        id,
        disputeId,
        title: input.title,
        kind: input.kind,
        sourceName: input.sourceName ?? '',
        url: input.url ?? null,
        archiveUrl: input.archiveUrl ?? null,
        excerpt,
        excerptSha256: excerptDigest(excerpt),
        publishedOn: input.publishedOn ?? null,
        accessedOn: input.accessedOn ?? null,
        sourceReliability: input.sourceReliability ?? null,
        informationCredibility: input.informationCredibility ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = toEvidence(found(row, 'Evidence'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'evidence',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
      disputeId,
    })
    return { record, created: true }
  })
}

export async function updateEvidence(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<Evidence> {
  return transaction(ctx.db, async (tx) => {
    const [currentRow] = await forUpdate(tx.select().from(tables.evidence).where(eq(tables.evidence.id, id)))
    const current = found(currentRow, 'Evidence')
    const before = toEvidence(current)
    assertVersion(expectedVersion, current, before)
    await assertDisputeLive(tx, current.disputeId)
    assertNotArchived('evidence', current, { restoring: input.archived === false })
    const { archived, ...fields } = input
    const [row] = await tx
      .update(tables.evidence)
      .set({
        ...fields,
        ...(fields.excerpt === undefined ? {} : { excerptSha256: excerptDigest(fields.excerpt) }),
        ...(archived === undefined ? {} : { archivedAt: archived ? (current.archivedAt ?? ctx.now) : null }),
        updatedAt: ctx.now,
        version: current.version + 1,
      })
      .where(eq(tables.evidence.id, id))
      .returning()
    if (archived !== undefined && archived !== before.archived)
      await syncDisputeCounts(tx, current.disputeId, ctx.now)
    const after = toEvidence(found(row, 'Evidence'))
    const action =
      archived === true && !before.archived
        ? 'archived'
        : archived === false && before.archived
          ? 'restored'
          : 'updated'
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'evidence',
      entityId: id,
      action,
      before,
      after,
      disputeId: current.disputeId,
    })
    return after
  })
}
