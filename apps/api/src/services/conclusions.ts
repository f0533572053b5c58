import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  eq,
  forUpdate,
  inArray,
  isNotNull,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { conclusionPublishGaps } from '@counterclaim/domain'
import {
  AppError,
  type Conclusion,
  type ConclusionCorrection,
  type ConclusionCorrectSchema,
  type ConclusionDraftSchema,
  type ConclusionFields,
  type PendingConclusionCorrection,
  type PublishedConclusion,
  type VerdictStatus,
} from '@counterclaim/shared'
import type { z } from 'zod'
import { assertDisputeLive } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { namesOf } from './my-work.ts'
import { claimWords } from './notifications.ts'
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
import { assertVersion, found } from './versioning.ts'
import { assertDraft, contributorIds } from './workflow-rules.ts'

type ConclusionRow = typeof tables.disputeConclusions.$inferSelect
type CorrectionRow = typeof tables.conclusionCorrections.$inferSelect

/** The dispute's conclusion with its people, corrections and any correction waiting; null when none was written. */
export function loadConclusion(db: Db | Tx, disputeId: string): Promise<Conclusion | null> {
  return readTransaction(db, (tx) => readConclusion(tx, disputeId))
}

async function readConclusion(tx: Tx, disputeId: string): Promise<Conclusion | null> {
  const [row] = await tx
    .select()
    .from(tables.disputeConclusions)
    .where(eq(tables.disputeConclusions.disputeId, disputeId))
    .limit(1)
  if (!row) return null
  const cc = tables.conclusionCorrections
  const corrections = await tx
    .select()
    .from(cc)
    .where(and(eq(cc.conclusionId, row.id), inArray(cc.status, ['applied', 'pending'])))
    .orderBy(asc(cc.at), asc(cc.id))
  const people = new Set((await contributorIds(tx, 'conclusion', [row.id])).get(row.id) ?? [])
  if (row.authorId) people.add(row.authorId)
  const names = await namesOf(tx, [
    row.authorId,
    row.reviewerId,
    ...people,
    ...corrections.flatMap((c) => [c.actorId, c.approverId]),
  ])
  const person = (id: string) => ({ id, name: names.get(id) ?? 'unknown' })
  const personOrNull = (id: string | null) => (id ? person(id) : null)
  const pending = corrections.find((c) => c.status === 'pending')
  return {
    id: row.id,
    disputeId: row.disputeId,
    finding: row.finding,
    rationale: row.rationale,
    status: row.status,
    author: personOrNull(row.authorId),
    reviewer: personOrNull(row.reviewerId),
    returnNote: row.returnNote,
    submittedAt: row.submittedAt,
    publishedAt: row.publishedAt,
    modifiedAt: row.modifiedAt,
    withdrawnAt: row.withdrawnAt,
    withdrawalNote: row.withdrawalNote,
    corrections: corrections
      .filter((c) => c.status === 'applied')
      .map(
        (c): ConclusionCorrection => ({
          id: c.id,
          at: c.decidedAt ?? c.at,
          note: c.note,
          actor: person(c.actorId),
          approver: personOrNull(c.approverId),
          before: c.before as ConclusionFields,
          after: c.after as ConclusionFields,
        }),
      ),
    pendingCorrection: pending ? toPending(pending, row, person(pending.actorId)) : null,
    contributors: [...people].map(person),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

function toPending(
  c: CorrectionRow,
  row: ConclusionRow,
  proposedBy: { id: string; name: string },
): PendingConclusionCorrection {
  return {
    id: c.id,
    conclusionId: row.id,
    disputeId: row.disputeId,
    status: 'pending',
    proposedAt: c.at,
    proposedBy,
    note: c.note,
    before: c.before as ConclusionFields,
    after: c.after as ConclusionFields,
  }
}

/** The dispute's conclusion, or not_found. */
export async function getConclusion(db: Db | Tx, disputeId: string): Promise<Conclusion> {
  return found((await loadConclusion(db, disputeId)) ?? undefined, 'Conclusion')
}

/** The dispute a conclusion belongs to, or not_found; an archived dispute takes no writes. */
async function liveDispute(tx: Tx, disputeId: string) {
  const dispute = found(
    (await tx.select().from(tables.disputes).where(eq(tables.disputes.id, disputeId)).limit(1))[0],
    'Dispute',
  )
  await assertDisputeLive(tx, disputeId, 'changing its conclusion')
  return dispute
}

/** Creates the dispute's conclusion draft, or changes it while it is still a draft. */
export function saveConclusionDraft(
  ctx: ServiceContext,
  disputeId: string,
  expectedVersion: number | null,
  input: z.infer<typeof ConclusionDraftSchema>,
): Promise<{ record: Conclusion; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    await liveDispute(tx, disputeId)
    const [current] = await forUpdate(
      tx
        .select()
        .from(tables.disputeConclusions)
        .where(eq(tables.disputeConclusions.disputeId, disputeId))
        .limit(1),
    )
    let before: Conclusion | null = null
    let id: string
    if (!current) {
      id = randomUUID()
      await tx.insert(tables.disputeConclusions).values({
        id,
        disputeId,
        finding: input.finding ?? '',
        rationale: input.rationale ?? '',
        status: 'draft',
        authorId: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
    } else {
      before = await getConclusion(tx, disputeId)
      assertVersion(expectedVersion, current, before)
      assertDraft('conclusion', current.status)
      id = current.id
      await tx
        .update(tables.disputeConclusions)
        .set({
          ...(input.finding === undefined ? {} : { finding: input.finding }),
          ...(input.rationale === undefined ? {} : { rationale: input.rationale }),
          updatedAt: ctx.now,
          version: current.version + 1,
        })
        .where(eq(tables.disputeConclusions.id, current.id))
    }
    const record = await getConclusion(tx, disputeId)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'conclusion',
      entityId: id,
      action: before ? 'updated' : 'drafted',
      before,
      after: record,
      disputeId,
    })
    // Read again: the contributors come from history, which now holds this change.
    return { record: await getConclusion(tx, disputeId), created: before === null }
  })
}

/** The conclusion as the review steps (review-steps.ts) see it: one per dispute, keyed by the dispute's id. */
const CONCLUSION: ReviewedKind<ConclusionRow, Conclusion, ConclusionFields> = {
  what: 'conclusion',
  noun: 'Conclusion',
  place: async (tx, disputeId) => {
    const dispute = await liveDispute(tx, disputeId)
    return { disputeId, claimId: null, words: claimWords({ text: dispute.title, shortText: null }) }
  },
  lock: async (tx, disputeId) =>
    (
      await forUpdate(
        tx
          .select()
          .from(tables.disputeConclusions)
          .where(eq(tables.disputeConclusions.disputeId, disputeId))
          .limit(1),
      )
    )[0],
  read: getConclusion,
  write: (tx, id, changes) =>
    tx.update(tables.disputeConclusions).set(changes).where(eq(tables.disputeConclusions.id, id)),
  told: {
    returned: (dispute) => `returned the conclusion of ${dispute} to you`,
    published: (dispute) => `published the conclusion of ${dispute}`,
    corrected: (dispute) => `corrected the conclusion of ${dispute}`,
    withdrawn: (dispute) => `withdrew the conclusion of ${dispute}`,
    correction_pending: (dispute) =>
      `proposed a correction of the conclusion of ${dispute}: it needs a second editor`,
  },
  fieldsOf: (conclusion) => ({ finding: conclusion.finding, rationale: conclusion.rationale }),
  changesAnswer: (row, next) => next.finding !== row.finding,
  applyCorrection: async (tx, ctx, row, next) => ({
    changes: await corrected(tx, row, next, ctx.now),
    after: next,
  }),
  corrections: {
    add: (tx, conclusionId, values) =>
      tx.insert(tables.conclusionCorrections).values({ ...values, conclusionId }),
    decide: (tx, id, decision) =>
      tx.update(tables.conclusionCorrections).set(decision).where(eq(tables.conclusionCorrections.id, id)),
    rejectPending: (tx, conclusionId, decision) =>
      tx
        .update(tables.conclusionCorrections)
        .set(decision)
        .where(
          and(
            eq(tables.conclusionCorrections.conclusionId, conclusionId),
            eq(tables.conclusionCorrections.status, 'pending'),
          ),
        ),
  },
}

/** Draft → in review; a draft without a finding has nothing to review. */
export function submitConclusion(
  ctx: ServiceContext,
  disputeId: string,
  expectedVersion: number | null,
): Promise<Conclusion> {
  return submitStep(CONCLUSION, ctx, disputeId, expectedVersion, (current) => {
    if (!current.finding.trim()) {
      throw new AppError(
        'validation_failed',
        'This draft has no finding yet: write the finding before submitting it for review.',
        [{ path: 'finding', message: 'needs a finding' }],
      )
    }
  })
}

/** In review → draft, with the editor's note for the author. */
export function returnConclusion(
  ctx: ServiceContext,
  disputeId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Conclusion> {
  return returnStep(CONCLUSION, ctx, disputeId, expectedVersion, note)
}

/**
 * What the public sees of the conclusion with these fields, as the dispute stands now: its title and
 * question, and the relations set between its live claims.
 */
async function freeze(tx: Tx, disputeId: string, fields: ConclusionFields): Promise<PublishedConclusion> {
  const dispute = found(
    (
      await tx
        .select({ title: tables.disputes.title, question: tables.disputes.question })
        .from(tables.disputes)
        .where(eq(tables.disputes.id, disputeId))
        .limit(1)
    )[0],
    'Dispute',
  )
  const r = tables.claimRelations
  const relations = await tx
    .select({ claimId: r.claimId, otherClaimId: r.otherClaimId, kind: r.kind, note: r.note })
    .from(r)
    .where(and(eq(r.disputeId, disputeId), isNotNull(r.kind)))
    .orderBy(asc(r.claimId), asc(r.otherClaimId))
  const live = new Set(
    (
      await tx
        .select({ id: tables.claims.id, archivedAt: tables.claims.archivedAt })
        .from(tables.claims)
        .where(eq(tables.claims.disputeId, disputeId))
    )
      .filter((c) => c.archivedAt === null)
      .map((c) => c.id),
  )
  return {
    title: dispute.title,
    question: dispute.question,
    finding: fields.finding,
    rationale: fields.rationale,
    relations: relations.flatMap((x) =>
      x.kind && live.has(x.claimId) && live.has(x.otherClaimId) ? [{ ...x, kind: x.kind }] : [],
    ),
  }
}

/** In review → published, by an editor who (under the two-person rule) did not write it. */
export function publishConclusion(
  ctx: ServiceContext,
  disputeId: string,
  expectedVersion: number | null,
  twoPersonRule: boolean,
): Promise<Conclusion> {
  return publishStep(CONCLUSION, ctx, disputeId, expectedVersion, twoPersonRule, async (tx, current) => {
    const gaps = conclusionPublishGaps(current)
    if (gaps.length) {
      throw new AppError(
        'validation_failed',
        `This conclusion cannot be published yet: it needs a ${gaps.join(' and a ')}.`,
        gaps.map((path) => ({ path, message: `needs a ${path}` })),
      )
    }
    return { changes: { published: await freeze(tx, disputeId, current) } }
  })
}

/** The published conclusion with these fields, frozen anew; refuses a correction the public would not see. */
async function corrected(
  tx: Tx,
  current: ConclusionRow,
  next: ConclusionFields,
  at: string,
): Promise<Partial<ConclusionRow>> {
  const published = await freeze(tx, current.disputeId, next)
  if (JSON.stringify(published) === JSON.stringify(current.published)) {
    throw new AppError(
      'validation_failed',
      'This correction changes nothing the public sees: change the finding or the rationale, or edit the dispute or its claim relations first.',
      [{ path: '(body)', message: 'changes nothing that is published' }],
    )
  }
  return { finding: next.finding, rationale: next.rationale, published, modifiedAt: at }
}

/**
 * Changes a published conclusion and freezes what the public sees anew; the correction and its note
 * stay public. Under the two-person rule a change of the finding waits for a second editor.
 */
export function correctConclusion(
  ctx: ServiceContext,
  disputeId: string,
  expectedVersion: number | null,
  input: z.infer<typeof ConclusionCorrectSchema>,
  twoPersonRule: boolean,
): Promise<CorrectionOutcome<Conclusion, PendingConclusionCorrection>> {
  return correctStep(
    CONCLUSION,
    ctx,
    disputeId,
    expectedVersion,
    input.correctionNote,
    twoPersonRule,
    (_tx, current) => ({
      finding: input.finding ?? current.finding,
      rationale: input.rationale ?? current.rationale,
    }),
  )
}

/** Applies a pending correction, by an editor other than the one who proposed it. */
export function approveConclusionCorrection(
  ctx: ServiceContext,
  disputeId: string,
  correctionId: string,
  expectedVersion: number | null,
): Promise<Conclusion> {
  return approveStep(CONCLUSION, ctx, disputeId, correctionId, expectedVersion)
}

/** Turns a pending correction down (the editor who proposed it may take it back); nothing is published. */
export function rejectConclusionCorrection(
  ctx: ServiceContext,
  disputeId: string,
  correctionId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Conclusion> {
  return rejectStep(CONCLUSION, ctx, disputeId, correctionId, expectedVersion, note)
}

/** Published → withdrawn, with a public note; a correction still waiting is turned down with it. */
export function withdrawConclusion(
  ctx: ServiceContext,
  disputeId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Conclusion> {
  return withdrawStep(CONCLUSION, ctx, disputeId, expectedVersion, note)
}

/** What the public may read of a dispute's conclusion: the frozen content, its dates and its public corrections. */
export interface PublicConclusion {
  status: Extract<VerdictStatus, 'published' | 'withdrawn'>
  /** Frozen at publishing or at the last applied correction; never the live draft. */
  published: PublishedConclusion
  publishedAt: string
  /** The last applied correction's time; null when never corrected. */
  modifiedAt: string | null
  /** The applied corrections, oldest first, with their public notes. */
  corrections: Array<{ at: string; note: string }>
  withdrawnAt: string | null
  withdrawalNote: string | null
}

/**
 * The dispute's conclusion as the public sees it, or null when none was ever published. A withdrawn one
 * keeps its frozen content, so a page can show the withdrawal notice in its place.
 */
export function publishedConclusion(db: Db | Tx, disputeId: string): Promise<PublicConclusion | null> {
  return readTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(tables.disputeConclusions)
      .where(eq(tables.disputeConclusions.disputeId, disputeId))
      .limit(1)
    if (!row?.published || !row.publishedAt) return null
    if (row.status !== 'published' && row.status !== 'withdrawn') return null
    const cc = tables.conclusionCorrections
    const corrections = await tx
      .select({ at: cc.at, decidedAt: cc.decidedAt, note: cc.note })
      .from(cc)
      .where(and(eq(cc.conclusionId, row.id), eq(cc.status, 'applied')))
      .orderBy(asc(cc.at), asc(cc.id))
    return {
      status: row.status,
      published: row.published,
      publishedAt: row.publishedAt,
      modifiedAt: row.modifiedAt,
      corrections: corrections.map((c) => ({ at: c.decidedAt ?? c.at, note: c.note })),
      withdrawnAt: row.withdrawnAt,
      withdrawalNote: row.withdrawalNote,
    }
  })
}
