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
import {
  AppError,
  type CorrectedFields,
  type Correction,
  type PendingCorrection,
  ratingLabel,
  type Verdict,
  type VerdictDraftSchema,
} from '@counterclaim/shared'
import type { z } from 'zod'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { assertRatingsRevealed } from './ratings.ts'
import { assertVersion, found } from './versioning.ts'
import { assertDraft, contributorIds } from './workflow-rules.ts'

type DraftInput = z.infer<typeof VerdictDraftSchema>
type VerdictRow = typeof tables.verdicts.$inferSelect

/**
 * The verdicts of these claims, keyed by claim id, with authors, citations and corrections; read in
 * one read transaction (or in the caller's transaction when given its handle), so the parts agree.
 */
export async function loadVerdicts(db: Db | Tx, claimIds: string[]): Promise<Map<string, Verdict>> {
  if (claimIds.length === 0) return new Map()
  return readTransaction(db, (tx) => readVerdicts(tx, claimIds))
}

async function readVerdicts(db: Tx, claimIds: string[]): Promise<Map<string, Verdict>> {
  const result = new Map<string, Verdict>()
  const rows: VerdictRow[] = []
  // SQLite caps bound parameters; chunk long lists.
  for (let i = 0; i < claimIds.length; i += 500) {
    rows.push(
      ...(await db
        .select()
        .from(tables.verdicts)
        .where(inArray(tables.verdicts.claimId, claimIds.slice(i, i + 500)))),
    )
  }
  if (rows.length === 0) return result
  const verdictIds = rows.map((r) => r.id)
  const citations = new Map<string, string[]>()
  const corrections = new Map<string, Correction[]>()
  const pending = new Map<string, PendingCorrection>()
  const contributors = new Map<string, Set<string>>()
  const userIds = new Set<string>()
  const correctionRows: Array<typeof tables.verdictCorrections.$inferSelect> = []
  for (let i = 0; i < verdictIds.length; i += 500) {
    const chunk = verdictIds.slice(i, i + 500)
    for (const c of await db
      .select()
      .from(tables.verdictCitations)
      .where(inArray(tables.verdictCitations.verdictId, chunk))
      .orderBy(asc(tables.verdictCitations.position))) {
      citations.set(c.verdictId, [...(citations.get(c.verdictId) ?? []), c.evidenceId])
    }
    for (const c of await db
      .select()
      .from(tables.verdictCorrections)
      .where(
        and(
          inArray(tables.verdictCorrections.verdictId, chunk),
          inArray(tables.verdictCorrections.status, ['applied', 'pending']),
        ),
      )
      .orderBy(asc(tables.verdictCorrections.at))) {
      correctionRows.push(c)
      userIds.add(c.actorId)
      if (c.approverId) userIds.add(c.approverId)
    }
    for (const [verdictId, people] of await contributorIds(db, 'verdict', chunk)) {
      for (const id of people) userIds.add(id)
      contributors.set(verdictId, people)
    }
  }
  for (const r of rows) {
    if (r.authorId) userIds.add(r.authorId)
    if (r.reviewerId) userIds.add(r.reviewerId)
  }
  const names = new Map(
    userIds.size
      ? (
          await db
            .select({ id: tables.users.id, name: tables.users.name })
            .from(tables.users)
            .where(inArray(tables.users.id, [...userIds]))
        ).map((u) => [u.id, u.name] as const)
      : [],
  )
  const actorOf = (id: string) => ({ id, name: names.get(id) ?? 'unknown' })
  const actor = (id: string | null) => (id ? actorOf(id) : null)
  const claimOf = new Map(rows.map((r) => [r.id, r.claimId]))
  for (const c of correctionRows) {
    const before = c.before as CorrectedFields
    const after = c.after as CorrectedFields
    if (c.status === 'pending') {
      pending.set(c.verdictId, {
        id: c.id,
        verdictId: c.verdictId,
        claimId: claimOf.get(c.verdictId) ?? '',
        status: 'pending',
        proposedAt: c.at,
        proposedBy: actorOf(c.actorId),
        note: c.note,
        before,
        after,
      })
      continue
    }
    const list = corrections.get(c.verdictId) ?? []
    const { published, ...fields } = after as CorrectedFields & { published?: string[] }
    list.push({
      id: c.id,
      at: c.decidedAt ?? c.at,
      note: c.note,
      actor: actorOf(c.actorId),
      approver: actor(c.approverId),
      before,
      after: fields,
      ...(published?.length ? { published } : {}),
    })
    corrections.set(c.verdictId, list)
  }
  for (const r of rows) {
    const people = new Set(contributors.get(r.id) ?? [])
    if (r.authorId) people.add(r.authorId)
    result.set(r.claimId, {
      id: r.id,
      claimId: r.claimId,
      rating: r.rating,
      ratingLabel: r.rating ? ratingLabel(r.rating) : null,
      summary: r.summary,
      rationale: r.rationale,
      citedEvidenceIds: citations.get(r.id) ?? [],
      status: r.status,
      author: actor(r.authorId),
      reviewer: actor(r.reviewerId),
      returnNote: r.returnNote,
      submittedAt: r.submittedAt,
      publishedAt: r.publishedAt,
      modifiedAt: r.modifiedAt,
      withdrawnAt: r.withdrawnAt,
      withdrawalNote: r.withdrawalNote,
      importedAt: r.importedAt,
      corrections: corrections.get(r.id) ?? [],
      pendingCorrection: pending.get(r.id) ?? null,
      contributors: [...people].map(actorOf),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: r.version,
    })
  }
  return result
}

/** The verdict of one claim, or not_found. */
export async function getVerdict(db: Db | Tx, claimId: string): Promise<Verdict> {
  return found((await loadVerdicts(db, [claimId])).get(claimId), 'Verdict')
}

/** The claim a verdict belongs to, or not_found; an archived one (or one in an archived dispute) takes no writes. */
export async function liveClaim(tx: Tx, claimId: string) {
  const claim = found(
    (await tx.select().from(tables.claims).where(eq(tables.claims.id, claimId)).limit(1))[0],
    'Claim',
  )
  await assertDisputeLive(tx, claim.disputeId)
  assertNotArchived('claim', claim, { doing: 'changing its verdict' })
  return claim
}

export async function checkCitations(tx: Tx, disputeId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const rows = await tx
    .select({ id: tables.evidence.id })
    .from(tables.evidence)
    .where(
      and(
        inArray(tables.evidence.id, ids),
        eq(tables.evidence.disputeId, disputeId),
        isNull(tables.evidence.archivedAt),
      ),
    )
  const known = new Set(rows.map((r) => r.id))
  const missing = ids.filter((id) => !known.has(id))
  if (missing.length) {
    throw new AppError(
      'validation_failed',
      'A cited evidence item is not part of this dispute.',
      missing.map((id) => ({ path: 'citedEvidenceIds', message: `evidence ${id} is not in this dispute` })),
    )
  }
}

/** Keeps the claim log's copy of the verdict state in step, in the same transaction. */
export async function syncClaimVerdict(tx: Tx, claimId: string, at: string): Promise<void> {
  const [v] = await tx
    .select({ rating: tables.verdicts.rating, status: tables.verdicts.status })
    .from(tables.verdicts)
    .where(eq(tables.verdicts.claimId, claimId))
    .limit(1)
  await tx
    .update(tables.claims)
    .set({ verdictRating: v?.rating ?? null, verdictStatus: v?.status ?? null, activityAt: at })
    .where(eq(tables.claims.id, claimId))
}

/** Creates the claim's verdict draft, or changes it while it is still a draft. */
export function saveDraft(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  input: DraftInput,
): Promise<{ record: Verdict; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    const claim = await liveClaim(tx, claimId)
    if (input.rating != null) await assertRatingsRevealed(tx, claimId)
    const cited = input.citedEvidenceIds === undefined ? undefined : [...new Set(input.citedEvidenceIds)]
    if (cited) await checkCitations(tx, claim.disputeId, cited)
    const [current] = await forUpdate(
      tx.select().from(tables.verdicts).where(eq(tables.verdicts.claimId, claimId)).limit(1),
    )
    let created = false
    let before: Verdict | null = null
    let verdictId: string
    if (!current) {
      created = true
      verdictId = randomUUID()
      await tx.insert(tables.verdicts).values({
        id: verdictId,
        claimId,
        rating: input.rating ?? null,
        summary: input.summary ?? '',
        rationale: input.rationale ?? '',
        status: 'draft',
        authorId: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
    } else {
      before = await getVerdict(tx, claimId)
      assertVersion(expectedVersion, current, before)
      assertDraft('verdict', current.status)
      verdictId = current.id
      await tx
        .update(tables.verdicts)
        .set({
          ...(input.rating === undefined ? {} : { rating: input.rating }),
          ...(input.summary === undefined ? {} : { summary: input.summary }),
          ...(input.rationale === undefined ? {} : { rationale: input.rationale }),
          updatedAt: ctx.now,
          version: current.version + 1,
        })
        .where(eq(tables.verdicts.id, current.id))
    }
    if (cited) {
      await tx.delete(tables.verdictCitations).where(eq(tables.verdictCitations.verdictId, verdictId))
      if (cited.length) {
        await tx
          .insert(tables.verdictCitations)
          .values(cited.map((evidenceId, position) => ({ verdictId, evidenceId, position })))
      }
    }
    await syncClaimVerdict(tx, claimId, ctx.now)
    const record = await getVerdict(tx, claimId)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'verdict',
      entityId: verdictId,
      action: created ? 'drafted' : 'updated',
      before,
      after: record,
      disputeId: claim.disputeId,
      claimId,
    })
    return { record, created }
  })
}
