import { createHash, randomUUID } from 'node:crypto'
import { type Db, eq, forUpdate, type Tx, tables, transaction } from '@counterclaim/db'
import {
  AppError,
  EVIDENCE_FACT_CHECK_NEEDED,
  EVIDENCE_FACT_CHECK_ONLY,
  type Evidence,
  type EvidenceCreateSchema,
  type EvidencePatchSchema,
  invalidFields,
} from '@counterclaim/shared'
import type { z } from 'zod'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { evidenceFromFactCheck, factCheckForEvidence } from './fact-checks.ts'
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
    const { factCheckId, origin, ...rest } = input
    // An empty origin is none: the item is its own origin.
    const fields = { ...rest, ...(origin === undefined ? {} : { origin: origin || null }) }
    if (input.id) {
      const [existing] = await tx.select().from(tables.evidence).where(eq(tables.evidence.id, input.id))
      if (existing) {
        const record = replayOrConflict({ ...fields, disputeId }, toEvidence(existing))
        if (factCheckId !== undefined && (factCheckId ?? null) !== (record.factCheck?.id ?? null)) {
          throw new AppError('conflict', `A record with id ${input.id} already exists with other content.`, {
            field: 'factCheckId',
          })
        }
        return { record, created: false }
      }
    }
    assertNotArchived('dispute', dispute, { doing: 'adding evidence' })
    // Evidence of kind fact_check: the fields left out or empty come from the fact-check.
    const from =
      input.kind === 'fact_check' && factCheckId
        ? evidenceFromFactCheck(await factCheckForEvidence(tx, factCheckId))
        : null
    const title = fields.title || from?.title
    if (!title) throw invalid('title', 'is required')
    const id = input.id ?? randomUUID()
    const excerpt = fields.excerpt || from?.excerpt || ''
    const [row] = await tx
      .insert(tables.evidence)
      .values({
        id,
        disputeId,
        title,
        kind: input.kind,
        sourceName: fields.sourceName || from?.sourceName || '',
        url: fields.url ?? from?.url ?? null,
        archiveUrl: input.archiveUrl ?? null,
        excerpt,
        excerptSha256: excerptDigest(excerpt),
        publishedOn: fields.publishedOn ?? from?.publishedOn ?? null,
        accessedOn: input.accessedOn ?? null,
        sourceReliability: input.sourceReliability ?? null,
        informationCredibility: input.informationCredibility ?? null,
        origin: fields.origin ?? null,
        factCheckId: from ? factCheckId : null,
        factCheckRatingLabel: from?.factCheckRatingLabel ?? null,
        factCheckRating: from?.factCheckRating ?? null,
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
    const { archived, factCheckId, origin, ...fields } = input
    const [row] = await tx
      .update(tables.evidence)
      .set({
        ...fields,
        ...(origin === undefined ? {} : { origin: origin || null }),
        ...(await factCheckChange(tx, current, input)),
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

function invalid(path: string, message: string): AppError {
  return invalidFields([{ path, message }])
}

type EvidenceRow = typeof tables.evidence.$inferSelect

/**
 * What a change does to the fact-check an evidence item carries. Only kind fact_check carries one, and
 * it always does: a change to another kind lets it go; naming another fact-check copies its rating as it
 * stands now (the other fields stay the user's).
 */
async function factCheckChange(tx: Tx, current: EvidenceRow, input: PatchInput) {
  const kind = input.kind ?? current.kind
  const named = input.factCheckId
  if (kind !== 'fact_check') {
    if (named) throw invalid('factCheckId', EVIDENCE_FACT_CHECK_ONLY)
    return current.factCheckId === null
      ? {}
      : { factCheckId: null, factCheckRatingLabel: null, factCheckRating: null }
  }
  const id = named === undefined ? current.factCheckId : named
  if (!id) throw invalid('factCheckId', EVIDENCE_FACT_CHECK_NEEDED)
  if (id === current.factCheckId) return {}
  const from = evidenceFromFactCheck(await factCheckForEvidence(tx, id))
  return {
    factCheckId: id,
    factCheckRatingLabel: from.factCheckRatingLabel,
    factCheckRating: from.factCheckRating,
  }
}
