import { and, asc, eq, forUpdate, gt, isNull, or, readTransaction, type Tx, tables } from '@counterclaim/db'
import { publicationChanges, verdictPublishGaps } from '@counterclaim/domain'
import {
  AppError,
  type CorrectedFields,
  type Page,
  type PendingCorrection,
  type PendingCorrectionItem,
  type Verdict,
  type VerdictCorrectSchema,
} from '@counterclaim/shared'
import type { z } from 'zod'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { claimWords } from './notifications.ts'
import { assertTwoSources, citationsChanged } from './origins.ts'
import {
  approveStep,
  type CorrectionOutcome,
  correctStep,
  publishStep,
  type ReviewedKind,
  rejectStep,
  returnStep,
  submitStep,
  withdrawStep,
} from './review-steps.ts'
import { readSnapshots, takeSnapshot } from './snapshots.ts'
import { checkCitations, getVerdict, liveClaim, loadVerdicts, syncClaimVerdict } from './verdicts.ts'
import { enqueueWebhooks } from './webhook-outbox.ts'

type VerdictRow = typeof tables.verdicts.$inferSelect

/** The verdict as the review steps (review-steps.ts) see it: one per claim, keyed by the claim's id. */
const VERDICT: ReviewedKind<VerdictRow, Verdict, CorrectedFields> = {
  what: 'verdict',
  noun: 'Verdict',
  place: async (tx, claimId) => {
    const claim = await liveClaim(tx, claimId)
    return { disputeId: claim.disputeId, claimId, words: claimWords(claim) }
  },
  lock: async (tx, claimId) =>
    (
      await forUpdate(tx.select().from(tables.verdicts).where(eq(tables.verdicts.claimId, claimId)).limit(1))
    )[0],
  read: getVerdict,
  write: (tx, id, changes) => tx.update(tables.verdicts).set(changes).where(eq(tables.verdicts.id, id)),
  settle: async (tx, ctx, claimId, webhook) => {
    await syncClaimVerdict(tx, claimId, ctx.now)
    if (webhook) await enqueueWebhooks(tx, ctx, webhook, claimId)
  },
  told: {
    returned: (claim) => `returned your verdict on ${claim}`,
    published: (claim) => `published the verdict on ${claim}`,
    corrected: (claim) => `corrected the verdict on ${claim}`,
    withdrawn: (claim) => `withdrew the verdict on ${claim}`,
    correction_pending: (claim) =>
      `proposed a correction of the verdict on ${claim}: it needs a second editor`,
  },
  webhooks: {
    published: 'verdict.published',
    corrected: 'verdict.corrected',
    withdrawn: 'verdict.withdrawn',
  },
  fieldsOf: (verdict) => ({
    rating: verdict.rating,
    summary: verdict.summary,
    rationale: verdict.rationale,
    citedEvidenceIds: verdict.citedEvidenceIds,
  }),
  changesAnswer: (row, next) => next.rating !== row.rating,
  checkCorrection: async (tx, ctx, was, next) => {
    if (citationsChanged(next.citedEvidenceIds, was.citedEvidenceIds))
      await assertTwoSources(tx, ctx, { evidenceIds: next.citedEvidenceIds })
  },
  applyCorrection: async (tx, ctx, row, next) => {
    const published = await applyCorrection(tx, row, next, ctx.now)
    return { changes: { modifiedAt: ctx.now }, after: { ...next, published } }
  },
  corrections: {
    add: (tx, verdictId, values) => tx.insert(tables.verdictCorrections).values({ ...values, verdictId }),
    decide: (tx, id, decision) =>
      tx.update(tables.verdictCorrections).set(decision).where(eq(tables.verdictCorrections.id, id)),
    rejectPending: (tx, verdictId, decision) =>
      tx
        .update(tables.verdictCorrections)
        .set(decision)
        .where(
          and(
            eq(tables.verdictCorrections.verdictId, verdictId),
            eq(tables.verdictCorrections.status, 'pending'),
          ),
        ),
  },
}

/** Draft → in review; a draft with neither a rating nor a summary has nothing to review. */
export function submitVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
): Promise<Verdict> {
  return submitStep(VERDICT, ctx, claimId, expectedVersion, (current) => {
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
  })
}

/** In review → draft, with the editor's note for the author. */
export function returnVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Verdict> {
  return returnStep(VERDICT, ctx, claimId, expectedVersion, note)
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
  return publishStep(VERDICT, ctx, claimId, expectedVersion, twoPersonRule, async (tx, current) => {
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
      changes: {},
      afterwards: (t) => takeSnapshot(t, { verdictId: current.id, at: ctx.now, reason: 'published' }),
    }
  })
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

/**
 * Changes a published verdict and publishes a new snapshot of its records; the correction and
 * its note stay public. Under the two-person rule a change of rating waits for a second editor.
 */
export function correctVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  input: z.infer<typeof VerdictCorrectSchema>,
  twoPersonRule: boolean,
): Promise<CorrectionOutcome<Verdict, PendingCorrection>> {
  return correctStep(
    VERDICT,
    ctx,
    claimId,
    expectedVersion,
    input.correctionNote,
    twoPersonRule,
    async (tx, current, was) => {
      const cited = input.citedEvidenceIds ? [...new Set(input.citedEvidenceIds)] : undefined
      if (cited) await checkCitations(tx, (await liveClaim(tx, claimId)).disputeId, cited)
      return {
        rating: input.rating ?? current.rating,
        summary: input.summary ?? current.summary,
        rationale: input.rationale ?? current.rationale,
        citedEvidenceIds: cited ?? was.citedEvidenceIds,
      }
    },
  )
}

/** Applies a pending correction, by an editor other than the one who proposed it. */
export function approveCorrection(
  ctx: ServiceContext,
  claimId: string,
  correctionId: string,
  expectedVersion: number | null,
): Promise<Verdict> {
  return approveStep(VERDICT, ctx, claimId, correctionId, expectedVersion)
}

/** Turns a pending correction down (the editor who proposed it may take it back); nothing is published. */
export function rejectCorrection(
  ctx: ServiceContext,
  claimId: string,
  correctionId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Verdict> {
  return rejectStep(VERDICT, ctx, claimId, correctionId, expectedVersion, note)
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
  return withdrawStep(VERDICT, ctx, claimId, expectedVersion, note)
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
