import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  eq,
  forUpdate,
  gt,
  isNull,
  or,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { publicationChanges, verdictPublishGaps } from '@counterclaim/domain'
import {
  AppError,
  type CorrectedFields,
  type Page,
  type PendingCorrection,
  type PendingCorrectionItem,
  type Verdict,
  type VerdictCorrectSchema,
  type WebhookEvent,
} from '@counterclaim/shared'
import type { z } from 'zod'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { claimWords, notify } from './notifications.ts'
import { assertTwoSources, citationsChanged } from './origins.ts'
import { readSnapshots, takeSnapshot } from './snapshots.ts'
import { checkCitations, getVerdict, liveClaim, loadVerdicts, syncClaimVerdict } from './verdicts.ts'
import { assertVersion, found } from './versioning.ts'
import { enqueueWebhooks } from './webhook-outbox.ts'
import {
  assertNotContributor,
  assertNotProposer,
  assertStepFrom,
  recipientsOf,
  type Tell,
  type WorkflowNotice,
  type WorkflowStep,
} from './workflow-rules.ts'

type VerdictRow = typeof tables.verdicts.$inferSelect

interface StepResult {
  /** Columns of the verdict row to change; version and updatedAt are added. */
  changes: Record<string, unknown>
  /** Runs after the row changed, in the same transaction (snapshots, citations). */
  afterwards?: (tx: Tx) => Promise<unknown>
  /** The history action, when it is not the step's usual one. */
  action?: string
  /** The webhook event the step publishes, whose deliveries are written in its transaction. */
  webhook?: WebhookEvent
  /** Whom the step tells, and what. */
  tell?: Tell
}

// What each notification says happened, after the name of the one who did it.
const TOLD: Record<WorkflowNotice, (claim: string) => string> = {
  returned: (claim) => `returned your verdict on ${claim}`,
  published: (claim) => `published the verdict on ${claim}`,
  corrected: (claim) => `corrected the verdict on ${claim}`,
  withdrawn: (claim) => `withdrew the verdict on ${claim}`,
  correction_pending: (claim) => `proposed a correction of the verdict on ${claim}: it needs a second editor`,
}

async function tellAbout(
  tx: Tx,
  ctx: ServiceContext,
  claim: { id: string; disputeId: string; text: string; shortText: string | null },
  authorId: string | null,
  tell: Tell,
): Promise<void> {
  await notify(tx, ctx, {
    userIds: await recipientsOf(tx, tell.to, authorId, claim.disputeId),
    kind: tell.kind,
    message: `${ctx.actor.name} ${TOLD[tell.kind](claimWords(claim))}`,
    note: tell.note,
    disputeId: claim.disputeId,
    claimId: claim.id,
  })
}

/**
 * Runs one step of the verdict workflow in a transaction: checks the version and the state the
 * step starts from, applies the change, keeps the claim log in step and appends history.
 */
function step(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  name: WorkflowStep,
  action: string,
  apply: (tx: Tx, current: VerdictRow, before: Verdict) => StepResult | Promise<StepResult>,
): Promise<Verdict> {
  return transaction(ctx.db, async (tx) => {
    const claim = await liveClaim(tx, claimId)
    const current = found(
      (
        await forUpdate(
          tx.select().from(tables.verdicts).where(eq(tables.verdicts.claimId, claimId)).limit(1),
        )
      )[0],
      'Verdict',
    )
    const before = await getVerdict(tx, claimId)
    assertVersion(expectedVersion, current, before)
    assertStepFrom('verdict', current.status, name)
    const { changes, afterwards, action: recorded, tell, webhook } = await apply(tx, current, before)
    await tx
      .update(tables.verdicts)
      .set({ ...changes, updatedAt: ctx.now, version: current.version + 1 })
      .where(eq(tables.verdicts.id, current.id))
    await afterwards?.(tx)
    await syncClaimVerdict(tx, claimId, ctx.now)
    if (webhook) await enqueueWebhooks(tx, ctx, webhook, claimId)
    const after = await getVerdict(tx, claimId)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'verdict',
      entityId: current.id,
      action: recorded ?? action,
      before,
      after,
      disputeId: claim.disputeId,
      claimId,
    })
    if (tell) await tellAbout(tx, ctx, claim, current.authorId, tell)
    return after
  })
}

/** Draft → in review; a draft with neither a rating nor a summary has nothing to review. */
export function submitVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
): Promise<Verdict> {
  return step(ctx, claimId, expectedVersion, 'submit', 'submitted', (_tx, current) => {
    if (!current.rating && !current.summary.trim()) {
      throw new AppError(
        'validation_failed',
        'This draft is empty: give it at least a rating or a summary before submitting it for review.',
        [
          { path: 'rating', message: 'needs a rating or a summary' },
          { path: 'summary', message: 'needs a summary or a rating' },
        ],
      )
    }
    return { changes: { status: 'in_review', submittedAt: ctx.now, returnNote: null } }
  })
}

/** In review → draft, with the editor's note for the author. */
export function returnVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Verdict> {
  return step(ctx, claimId, expectedVersion, 'return', 'returned', () => ({
    changes: { status: 'draft', returnNote: note, reviewerId: ctx.actor.id },
    tell: { kind: 'returned', to: 'author', note },
  }))
}

/** What a verdict lacks before it can be published; empty when it is complete. */
export async function publishGaps(tx: Tx, current: VerdictRow): Promise<string[]> {
  const cited = await tx
    .select({ url: tables.evidence.url })
    .from(tables.verdictCitations)
    .innerJoin(tables.evidence, eq(tables.evidence.id, tables.verdictCitations.evidenceId))
    .where(and(eq(tables.verdictCitations.verdictId, current.id), isNull(tables.evidence.archivedAt)))
  return verdictPublishGaps(
    current,
    cited.map((row) => row.url),
  )
}

/** In review → published, by an editor who (under the two-person rule) did not write it. */
export function publishVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  twoPersonRule: boolean,
): Promise<Verdict> {
  return step(ctx, claimId, expectedVersion, 'publish', 'published', async (tx, current, before) => {
    assertNotContributor('verdict', before.contributors, ctx.actor.id, twoPersonRule)
    const gaps = await publishGaps(tx, current)
    if (gaps.length) {
      throw new AppError(
        'validation_failed',
        `This verdict cannot be published yet: it needs ${gaps.join(', ')}.`,
        gaps.map((gap) => ({
          path: gap.includes('evidence') ? 'citedEvidenceIds' : gap.replace(/^an? /, ''),
          message: `needs ${gap}`,
        })),
      )
    }
    await assertTwoSources(tx, ctx, { verdictId: current.id })
    return {
      changes: { status: 'published', publishedAt: ctx.now, reviewerId: ctx.actor.id },
      afterwards: (t) => takeSnapshot(t, { verdictId: current.id, at: ctx.now, reason: 'published' }),
      webhook: 'verdict.published',
      tell: { kind: 'published', to: 'author_and_assignees', note: null },
    }
  })
}

/** The verdict's own fields, as a correction finds and leaves them. */
const fieldsOf = (verdict: Verdict): CorrectedFields => ({
  rating: verdict.rating,
  summary: verdict.summary,
  rationale: verdict.rationale,
  citedEvidenceIds: verdict.citedEvidenceIds,
})

/** The verdict's pending correction with this id, or not_found. */
function pendingNamed(verdict: Verdict, correctionId: string): PendingCorrection {
  const pending = verdict.pendingCorrection
  if (pending?.id !== correctionId) {
    throw new AppError('not_found', 'There is no such correction waiting for approval on this verdict.')
  }
  return pending
}

async function replaceCitations(tx: Tx, verdictId: string, ids: string[]): Promise<void> {
  await tx.delete(tables.verdictCitations).where(eq(tables.verdictCitations.verdictId, verdictId))
  if (ids.length) {
    await tx
      .insert(tables.verdictCitations)
      .values(ids.map((evidenceId, position) => ({ verdictId, evidenceId, position })))
  }
}

/**
 * Applies corrected fields to a published verdict and freezes a new snapshot; returns what the
 * public will see differently, beyond the verdict's own fields. Refuses a correction the public
 * would not see.
 */
async function applyCorrection(
  tx: Tx,
  current: VerdictRow,
  next: CorrectedFields,
  at: string,
): Promise<string[]> {
  const [published] = [...(await readSnapshots(tx, current.snapshotId ? [current.snapshotId] : [])).values()]
  if (next.citedEvidenceIds) await replaceCitations(tx, current.id, next.citedEvidenceIds)
  await tx
    .update(tables.verdicts)
    .set({ rating: next.rating as VerdictRow['rating'], summary: next.summary, rationale: next.rationale })
    .where(eq(tables.verdicts.id, current.id))
  const fresh = await takeSnapshot(tx, { verdictId: current.id, at, reason: 'corrected' })
  const changes = published ? publicationChanges(published, fresh) : []
  if (published && changes.length === 0) {
    throw new AppError(
      'validation_failed',
      'This correction changes nothing the public sees: change the rating, the summary, the rationale or the cited evidence, or edit the claim or its sources first.',
      [{ path: '(body)', message: 'changes nothing that is published' }],
    )
  }
  return [...new Set(changes.filter((c) => c.part !== 'verdict').map((c) => c.label))]
}

export type CorrectionOutcome =
  | { kind: 'applied'; verdict: Verdict }
  | { kind: 'pending'; correction: PendingCorrection; verdict: Verdict }

/**
 * Changes a published verdict and publishes a new snapshot of its records; the correction and
 * its note stay public. Under the two-person rule a change of rating waits for a second editor.
 */
export async function correctVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  input: z.infer<typeof VerdictCorrectSchema>,
  twoPersonRule: boolean,
): Promise<CorrectionOutcome> {
  let proposed: string | null = null
  const verdict = await step(
    ctx,
    claimId,
    expectedVersion,
    'correct',
    'corrected',
    async (tx, current, verdictBefore) => {
      if (verdictBefore.pendingCorrection) {
        throw new AppError(
          'conflict',
          'A correction of this verdict is waiting for a second editor: approve or reject it first.',
        )
      }
      const before = fieldsOf(verdictBefore)
      const cited = input.citedEvidenceIds ? [...new Set(input.citedEvidenceIds)] : undefined
      if (cited) await checkCitations(tx, (await liveClaim(tx, claimId)).disputeId, cited)
      if (citationsChanged(cited, before.citedEvidenceIds))
        await assertTwoSources(tx, ctx, { evidenceIds: cited })
      const next: CorrectedFields = {
        rating: input.rating ?? current.rating,
        summary: input.summary ?? current.summary,
        rationale: input.rationale ?? current.rationale,
        citedEvidenceIds: cited ?? before.citedEvidenceIds,
      }
      if (twoPersonRule && next.rating !== current.rating) {
        proposed = randomUUID()
        await tx.insert(tables.verdictCorrections).values({
          id: proposed,
          verdictId: current.id,
          at: ctx.now,
          actorId: ctx.actor.id,
          note: input.correctionNote,
          before,
          after: next,
          status: 'pending',
        })
        return {
          changes: {},
          action: 'correction_proposed',
          tell: { kind: 'correction_pending', to: 'editors', note: input.correctionNote },
        }
      }
      const published = await applyCorrection(tx, current, next, ctx.now)
      await tx.insert(tables.verdictCorrections).values({
        id: randomUUID(),
        verdictId: current.id,
        at: ctx.now,
        actorId: ctx.actor.id,
        note: input.correctionNote,
        before,
        after: { ...next, published },
        status: 'applied',
        decidedAt: ctx.now,
      })
      return {
        changes: { modifiedAt: ctx.now },
        webhook: 'verdict.corrected',
        tell: { kind: 'corrected', to: 'author_and_assignees', note: input.correctionNote },
      }
    },
  )
  if (proposed && verdict.pendingCorrection?.id === proposed) {
    return { kind: 'pending', correction: verdict.pendingCorrection, verdict }
  }
  return { kind: 'applied', verdict }
}

/** Applies a pending correction, by an editor other than the one who proposed it. */
export function approveCorrection(
  ctx: ServiceContext,
  claimId: string,
  correctionId: string,
  expectedVersion: number | null,
): Promise<Verdict> {
  return step(ctx, claimId, expectedVersion, 'approve', 'corrected', async (tx, current, before) => {
    const pending = pendingNamed(before, correctionId)
    assertNotProposer(pending.proposedBy.id, ctx.actor.id)
    const { after } = pending
    if (citationsChanged(after.citedEvidenceIds, before.citedEvidenceIds))
      await assertTwoSources(tx, ctx, { evidenceIds: after.citedEvidenceIds })
    const published = await applyCorrection(tx, current, after, ctx.now)
    await tx
      .update(tables.verdictCorrections)
      .set({
        status: 'applied',
        approverId: ctx.actor.id,
        decidedAt: ctx.now,
        after: { ...after, published },
      })
      .where(eq(tables.verdictCorrections.id, pending.id))
    return {
      changes: { modifiedAt: ctx.now },
      webhook: 'verdict.corrected',
      tell: { kind: 'corrected', to: 'author_and_assignees', note: pending.note },
    }
  })
}

/** Turns a pending correction down (the editor who proposed it may take it back); nothing is published. */
export function rejectCorrection(
  ctx: ServiceContext,
  claimId: string,
  correctionId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Verdict> {
  return step(ctx, claimId, expectedVersion, 'reject', 'correction_rejected', (_tx, _current, before) => {
    const pending = pendingNamed(before, correctionId)
    return {
      changes: {},
      afterwards: (t) =>
        t
          .update(tables.verdictCorrections)
          .set({
            status: 'rejected',
            approverId: ctx.actor.id,
            decidedAt: ctx.now,
            note: `${pending.note}\n\nNot applied: ${note}`,
          })
          .where(eq(tables.verdictCorrections.id, pending.id)),
    }
  })
}

/**
 * Published → withdrawn: the public page stays at its address with the notice, the JSON answers
 * 410 and the feed leaves it out. A correction still waiting is turned down with it.
 */
export function withdrawVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Verdict> {
  return step(ctx, claimId, expectedVersion, 'withdraw', 'withdrawn', (_tx, current) => ({
    changes: { status: 'withdrawn', withdrawnAt: ctx.now, withdrawalNote: note },
    webhook: 'verdict.withdrawn',
    tell: { kind: 'withdrawn', to: 'author_and_assignees', note },
    afterwards: (t) =>
      t
        .update(tables.verdictCorrections)
        .set({ status: 'rejected', approverId: ctx.actor.id, decidedAt: ctx.now })
        .where(
          and(
            eq(tables.verdictCorrections.verdictId, current.id),
            eq(tables.verdictCorrections.status, 'pending'),
          ),
        ),
  }))
}

/** Corrections waiting for a second editor, the longest-waiting first, paged on (proposedAt, id). */
export function listPendingCorrections(
  db: ServiceContext['db'],
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<PendingCorrectionItem>> {
  return readTransaction(db, (tx) => readPendingCorrections(tx, query))
}

async function readPendingCorrections(
  db: Tx,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<PendingCorrectionItem>> {
  const vc = tables.verdictCorrections
  const cursor = decodeCursor(query.cursor)
  const rows = await db
    .select({
      id: vc.id,
      at: vc.at,
      claimId: tables.verdicts.claimId,
      disputeId: tables.claims.disputeId,
      disputeTitle: tables.disputes.title,
      claimText: tables.claims.text,
      claimShortText: tables.claims.shortText,
    })
    .from(vc)
    .innerJoin(tables.verdicts, eq(tables.verdicts.id, vc.verdictId))
    .innerJoin(tables.claims, eq(tables.claims.id, tables.verdicts.claimId))
    .innerJoin(tables.disputes, eq(tables.disputes.id, tables.claims.disputeId))
    .where(
      and(
        eq(vc.status, 'pending'),
        cursor ? or(gt(vc.at, cursor[0]), and(eq(vc.at, cursor[0]), gt(vc.id, cursor[1]))) : undefined,
      ),
    )
    .orderBy(asc(vc.at), asc(vc.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (row) => [row.at, row.id])
  const verdicts = await loadVerdicts(
    db,
    page.items.map((row) => row.claimId),
  )
  return {
    items: page.items.flatMap((row) => {
      const verdict = verdicts.get(row.claimId)
      const pending = verdict?.pendingCorrection
      if (!verdict || !pending) return []
      return [
        {
          ...pending,
          disputeId: row.disputeId,
          disputeTitle: row.disputeTitle,
          claimText: row.claimText,
          claimShortText: row.claimShortText,
          verdictVersion: verdict.version,
        },
      ]
    }),
    nextCursor: page.nextCursor,
  }
}
