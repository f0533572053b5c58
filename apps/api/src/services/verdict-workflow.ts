import { randomUUID } from 'node:crypto'
import { type Tx, tables } from '@counterclaim/db'
import { AppError, type Verdict, type VerdictCorrectSchema, type VerdictStatus } from '@counterclaim/shared'
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { getVerdict, liveClaim, syncClaimVerdict } from './verdicts.ts'
import { assertVersion, found } from './versioning.ts'

type Step = 'submit' | 'return' | 'publish' | 'correct'

const FROM: Record<Step, VerdictStatus> = {
  submit: 'draft',
  return: 'in_review',
  publish: 'in_review',
  correct: 'published',
}

const STATE_WORDS: Record<VerdictStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  published: 'published',
  withdrawn: 'withdrawn',
}

/**
 * Runs one step of the verdict workflow in a transaction: checks the version and the state the
 * step starts from, applies the change, keeps the claim log in step and appends history.
 */
function step(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  name: Step,
  action: string,
  apply: (tx: Tx, current: typeof tables.verdicts.$inferSelect) => Record<string, unknown>,
): Verdict {
  return ctx.db.transaction((tx) => {
    const claim = liveClaim(tx, claimId)
    const current = found(
      tx.select().from(tables.verdicts).where(eq(tables.verdicts.claimId, claimId)).get(),
      'Verdict',
    )
    const before = getVerdict(tx, claimId)
    assertVersion(expectedVersion, current, before)
    if (current.status !== FROM[name]) {
      throw new AppError(
        'conflict',
        `This verdict is ${STATE_WORDS[current.status]}; "${name}" needs it to be ${STATE_WORDS[FROM[name]]}.`,
        {
          status: current.status,
          expected: FROM[name],
        },
      )
    }
    const changes = apply(tx, current)
    tx.update(tables.verdicts)
      .set({ ...changes, updatedAt: ctx.now, version: current.version + 1 })
      .where(eq(tables.verdicts.id, current.id))
      .run()
    syncClaimVerdict(tx, claimId, ctx.now)
    const after = getVerdict(tx, claimId)
    recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'verdict',
      entityId: current.id,
      action,
      before,
      after,
      disputeId: claim.disputeId,
      claimId,
    })
    return after
  })
}

/** Draft → in review. */
export function submitVerdict(ctx: ServiceContext, claimId: string, expectedVersion: number | null): Verdict {
  return step(ctx, claimId, expectedVersion, 'submit', 'submitted', () => ({
    status: 'in_review',
    submittedAt: ctx.now,
    returnNote: null,
  }))
}

/** In review → draft, with the editor's note for the author. */
export function returnVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  note: string,
): Verdict {
  return step(ctx, claimId, expectedVersion, 'return', 'returned', () => ({
    status: 'draft',
    returnNote: note,
    reviewerId: ctx.actor.id,
  }))
}

/** What a verdict lacks before it can be published; empty when it is complete. */
export function publishGaps(tx: Tx, current: typeof tables.verdicts.$inferSelect): string[] {
  const gaps: string[] = []
  if (!current.rating) gaps.push('a rating')
  if (!current.summary.trim()) gaps.push('a summary')
  if (!current.rationale.trim()) gaps.push('a rationale')
  const linked = tx
    .select({ id: tables.evidence.id })
    .from(tables.verdictCitations)
    .innerJoin(tables.evidence, eq(tables.evidence.id, tables.verdictCitations.evidenceId))
    .where(
      and(
        eq(tables.verdictCitations.verdictId, current.id),
        isNotNull(tables.evidence.url),
        isNull(tables.evidence.archivedAt),
      ),
    )
    .all()
  if (linked.length === 0) gaps.push('at least one cited evidence item with a URL')
  return gaps
}

/**
 * Whether this user is the verdict's author or changed its draft at any point: either way they
 * are not the second pair of eyes the two-person rule asks for.
 */
function wroteVerdict(tx: Tx, current: typeof tables.verdicts.$inferSelect, userId: string): boolean {
  if (current.authorId === userId) return true
  const h = tables.historyEvents
  const edit = tx
    .select({ seq: h.seq })
    .from(h)
    .where(
      and(
        eq(h.entity, 'verdict'),
        eq(h.entityId, current.id),
        eq(h.actorId, userId),
        inArray(h.action, ['drafted', 'updated']),
      ),
    )
    .limit(1)
    .get()
  return edit !== undefined
}

/** In review → published, by an editor who (under the two-person rule) did not write it. */
export function publishVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  twoPersonRule: boolean,
): Verdict {
  return step(ctx, claimId, expectedVersion, 'publish', 'published', (tx, current) => {
    if (twoPersonRule && wroteVerdict(tx, current, ctx.actor.id)) {
      throw new AppError(
        'forbidden',
        'You wrote or edited this verdict: another editor must publish it (two-person rule).',
      )
    }
    const gaps = publishGaps(tx, current)
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
    return { status: 'published', publishedAt: ctx.now, reviewerId: ctx.actor.id }
  })
}

/** Changes a published verdict; the correction and its note stay public. */
export function correctVerdict(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  input: z.infer<typeof VerdictCorrectSchema>,
): Verdict {
  return step(ctx, claimId, expectedVersion, 'correct', 'corrected', (tx, current) => {
    const next = {
      rating: input.rating ?? current.rating,
      summary: input.summary ?? current.summary,
      rationale: input.rationale ?? current.rationale,
    }
    if (
      next.rating === current.rating &&
      next.summary === current.summary &&
      next.rationale === current.rationale
    ) {
      throw new AppError(
        'validation_failed',
        'A correction must change the rating, the summary or the rationale.',
        [{ path: '(body)', message: 'changes nothing' }],
      )
    }
    tx.insert(tables.verdictCorrections)
      .values({
        id: randomUUID(),
        verdictId: current.id,
        at: ctx.now,
        actorId: ctx.actor.id,
        note: input.correctionNote,
        before: { rating: current.rating, summary: current.summary, rationale: current.rationale },
        after: next,
      })
      .run()
    return { ...next, modifiedAt: ctx.now }
  })
}
