import { randomUUID } from 'node:crypto'
import { type Tx, transaction } from '@counterclaim/db'
import { AppError, type VerdictStatus, type WebhookEvent } from '@counterclaim/shared'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { notify } from './notifications.ts'
import { assertVersion, found } from './versioning.ts'
import {
  assertNotContributor,
  assertNotProposer,
  assertStepFrom,
  type Reviewed,
  recipientsOf,
  type Tell,
  type WorkflowNotice,
  type WorkflowStep,
} from './workflow-rules.ts'

// The review workflow's steps, run once for verdicts and dispute conclusions (decision 0015): lock the
// record, check its version and the state the step starts from, change it, append history, tell people;
// and the correction steps (propose or apply, approve, reject) and withdrawal. What differs between the two
// (where the record sits, what it freezes for the public, webhooks) is the ReviewedKind each one passes.

/** The workflow's columns, which a verdict's row and a conclusion's row both have. */
export interface ReviewedRow {
  id: string
  status: VerdictStatus
  authorId: string | null
  version: number
}

/** A correction waiting for a second editor, as the steps read it from the record. */
interface PendingOf<Fields> {
  id: string
  note: string
  proposedBy: { id: string }
  after: Fields
}

/** The record a step answers with, as the steps read it. */
export interface ReviewedRecord<Fields> {
  contributors: Array<{ id: string }>
  pendingCorrection: PendingOf<Fields> | null
}

/** Columns of the record's row to change; version and updatedAt are added. */
export type RowChanges = Record<string, unknown>

export interface StepResult {
  changes: RowChanges
  /** Runs after the row changed, in the same transaction (snapshots, citations, corrections). */
  afterwards?: (tx: Tx) => Promise<unknown>
  /** The history action, when it is not the step's usual one. */
  action?: string
  /** The webhook event the step publishes (verdicts only). */
  webhook?: WebhookEvent | undefined
  /** Whom the step tells, and what. */
  tell?: Tell
}

/** A correction row as a step writes it; the kind adds the column naming its record. */
export interface CorrectionValues<Fields> {
  id: string
  at: string
  actorId: string
  note: string
  before: Fields
  after: unknown
  status: 'applied' | 'pending'
  decidedAt?: string
}

/** A decision on a correction: applied or rejected, by whom and when. */
export interface CorrectionDecision {
  status: 'applied' | 'rejected'
  approverId: string
  decidedAt: string
  note?: string
  after?: unknown
}

/** What the steps need to know of one kind of reviewed record. */
export interface ReviewedKind<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields> {
  what: Reviewed
  /** The name a missing record is called by in not_found ("Verdict not found."). */
  noun: string
  /**
   * Where the record sits, refusing an archived claim or dispute, and the words a notification names
   * it by (the claim's or the dispute's).
   */
  place(tx: Tx, key: string): Promise<{ disputeId: string; claimId: string | null; words: string }>
  /** The record's row, locked for the step. */
  lock(tx: Tx, key: string): Promise<Row | undefined>
  /** The record as the API answers it. */
  read(tx: Tx, key: string): Promise<Rec>
  /** Writes changes to the row. */
  write(tx: Tx, id: string, changes: RowChanges): Promise<unknown>
  /** Runs after each step's change, before the record is read again (the claim log's copy, webhooks). */
  settle?(tx: Tx, ctx: ServiceContext, key: string, webhook: WebhookEvent | undefined): Promise<void>
  /** What each notification says happened, after the name of the one who did it. */
  told: Record<WorkflowNotice, (words: string) => string>
  /** The webhook events of publishing, correcting and withdrawing, when the kind has them. */
  webhooks?: { published: WebhookEvent; corrected: WebhookEvent; withdrawn: WebhookEvent }
  /** The fields a correction changes, as the record has them now. */
  fieldsOf(record: Rec): Fields
  /** Whether a correction to these fields changes the answer, which waits for a second editor. */
  changesAnswer(row: Row, next: Fields): boolean
  /** Refuses corrected fields that break a publishing rule, before they are proposed or applied. */
  checkCorrection?(tx: Tx, ctx: ServiceContext, was: Fields, next: Fields): Promise<void>
  /**
   * Applies corrected fields to the published record and freezes anew what the public sees, refusing a
   * correction the public would not see: the row's changes and what the correction row keeps as `after`.
   */
  applyCorrection(
    tx: Tx,
    ctx: ServiceContext,
    row: Row,
    next: Fields,
  ): Promise<{ changes: RowChanges; after: unknown }>
  /** The kind's correction rows. */
  corrections: {
    add(tx: Tx, recordId: string, values: CorrectionValues<Fields>): Promise<unknown>
    decide(tx: Tx, correctionId: string, decision: CorrectionDecision): Promise<unknown>
    /** Turns down the record's correction still waiting, if any. */
    rejectPending(tx: Tx, recordId: string, decision: CorrectionDecision): Promise<unknown>
  }
}

type Apply<Row, Rec> = (tx: Tx, current: Row, before: Rec) => StepResult | Promise<StepResult>

/**
 * Runs one step of the workflow in a transaction: checks the version and the state the step starts
 * from, applies the change, settles what depends on it, appends history and tells people.
 */
export function runStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  expectedVersion: number | null,
  name: WorkflowStep,
  action: string,
  apply: Apply<Row, Rec>,
): Promise<Rec> {
  return transaction(ctx.db, async (tx) => {
    const place = await kind.place(tx, key)
    const current = found(await kind.lock(tx, key), kind.noun)
    const before = await kind.read(tx, key)
    assertVersion(expectedVersion, current, before)
    assertStepFrom(kind.what, current.status, name)
    const { changes, afterwards, action: recorded, tell, webhook } = await apply(tx, current, before)
    await kind.write(tx, current.id, { ...changes, updatedAt: ctx.now, version: current.version + 1 })
    await afterwards?.(tx)
    await kind.settle?.(tx, ctx, key, webhook)
    const after = await kind.read(tx, key)
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: kind.what,
      entityId: current.id,
      action: recorded ?? action,
      before,
      after,
      disputeId: place.disputeId,
      claimId: place.claimId,
    })
    if (tell) {
      await notify(tx, ctx, {
        userIds: await recipientsOf(tx, tell.to, current.authorId, place.disputeId),
        kind: tell.kind,
        message: `${ctx.actor.name} ${kind.told[tell.kind](place.words)}`,
        note: tell.note,
        disputeId: place.disputeId,
        claimId: place.claimId,
      })
    }
    return after
  })
}

/** Draft → in review, once `ready` accepts the draft's content. */
export function submitStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  expectedVersion: number | null,
  ready: (current: Row) => void,
): Promise<Rec> {
  return runStep(kind, ctx, key, expectedVersion, 'submit', 'submitted', (_tx, current) => {
    ready(current)
    return { changes: { status: 'in_review', submittedAt: ctx.now, returnNote: null } }
  })
}

/** In review → draft, with the editor's note for the author. */
export function returnStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  expectedVersion: number | null,
  note: string,
): Promise<Rec> {
  return runStep(kind, ctx, key, expectedVersion, 'return', 'returned', () => ({
    changes: { status: 'draft', returnNote: note, reviewerId: ctx.actor.id },
    tell: { kind: 'returned', to: 'author', note },
  }))
}

/**
 * In review → published, by an editor who (under the two-person rule) did not write it, once `ready`
 * accepts the content; `ready` adds what publishing freezes for the public.
 */
export function publishStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  expectedVersion: number | null,
  twoPersonRule: boolean,
  ready: (tx: Tx, current: Row) => Promise<Pick<StepResult, 'changes' | 'afterwards'>>,
): Promise<Rec> {
  return runStep(kind, ctx, key, expectedVersion, 'publish', 'published', async (tx, current, before) => {
    assertNotContributor(kind.what, before.contributors, ctx.actor.id, twoPersonRule)
    const { changes, afterwards } = await ready(tx, current)
    return {
      changes: { status: 'published', publishedAt: ctx.now, reviewerId: ctx.actor.id, ...changes },
      ...(afterwards ? { afterwards } : {}),
      webhook: kind.webhooks?.published,
      tell: { kind: 'published', to: 'author_and_assignees', note: null },
    }
  })
}

export type CorrectionOutcome<Rec, Pending> =
  | { kind: 'applied'; record: Rec }
  | { kind: 'pending'; correction: Pending; record: Rec }

/**
 * Changes a published record and freezes anew what the public sees; the correction and its note stay
 * public. Under the two-person rule a change of the answer only waits for a second editor. `proposal`
 * gives the corrected fields, from the request and the record as it stands.
 */
export async function correctStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  expectedVersion: number | null,
  note: string,
  twoPersonRule: boolean,
  proposal: (tx: Tx, current: Row, was: Fields) => Fields | Promise<Fields>,
): Promise<CorrectionOutcome<Rec, NonNullable<Rec['pendingCorrection']>>> {
  let proposed: string | null = null
  const record = await runStep(
    kind,
    ctx,
    key,
    expectedVersion,
    'correct',
    'corrected',
    async (tx, current, before) => {
      if (before.pendingCorrection) {
        throw new AppError(
          'conflict',
          `A correction of this ${kind.what} is waiting for a second editor: approve or reject it first.`,
        )
      }
      const was = kind.fieldsOf(before)
      const next = await proposal(tx, current, was)
      await kind.checkCorrection?.(tx, ctx, was, next)
      const row = { at: ctx.now, actorId: ctx.actor.id, note, before: was }
      if (twoPersonRule && kind.changesAnswer(current, next)) {
        proposed = randomUUID()
        await kind.corrections.add(tx, current.id, { id: proposed, ...row, after: next, status: 'pending' })
        return {
          changes: {},
          action: 'correction_proposed',
          tell: { kind: 'correction_pending', to: 'editors', note },
        }
      }
      const { changes, after } = await kind.applyCorrection(tx, ctx, current, next)
      await kind.corrections.add(tx, current.id, {
        id: randomUUID(),
        ...row,
        after,
        status: 'applied',
        decidedAt: ctx.now,
      })
      return {
        changes,
        webhook: kind.webhooks?.corrected,
        tell: { kind: 'corrected', to: 'author_and_assignees', note },
      }
    },
  )
  const pending = record.pendingCorrection
  if (proposed && pending?.id === proposed) return { kind: 'pending', correction: pending, record }
  return { kind: 'applied', record }
}

/** The record's pending correction with this id, or not_found. */
function pendingNamed<Fields>(
  what: Reviewed,
  record: ReviewedRecord<Fields>,
  correctionId: string,
): PendingOf<Fields> {
  const pending = record.pendingCorrection
  if (pending?.id !== correctionId) {
    throw new AppError('not_found', `There is no such correction waiting for approval on this ${what}.`)
  }
  return pending
}

/** Applies a pending correction, by an editor other than the one who proposed it. */
export function approveStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  correctionId: string,
  expectedVersion: number | null,
): Promise<Rec> {
  return runStep(kind, ctx, key, expectedVersion, 'approve', 'corrected', async (tx, current, before) => {
    const pending = pendingNamed(kind.what, before, correctionId)
    assertNotProposer(pending.proposedBy.id, ctx.actor.id)
    await kind.checkCorrection?.(tx, ctx, kind.fieldsOf(before), pending.after)
    const { changes, after } = await kind.applyCorrection(tx, ctx, current, pending.after)
    await kind.corrections.decide(tx, pending.id, {
      status: 'applied',
      approverId: ctx.actor.id,
      decidedAt: ctx.now,
      after,
    })
    return {
      changes,
      webhook: kind.webhooks?.corrected,
      tell: { kind: 'corrected', to: 'author_and_assignees', note: pending.note },
    }
  })
}

/** Turns a pending correction down (the editor who proposed it may take it back); nothing is published. */
export function rejectStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  correctionId: string,
  expectedVersion: number | null,
  note: string,
): Promise<Rec> {
  return runStep(
    kind,
    ctx,
    key,
    expectedVersion,
    'reject',
    'correction_rejected',
    (_tx, _current, before) => {
      const pending = pendingNamed(kind.what, before, correctionId)
      return {
        changes: {},
        afterwards: (tx) =>
          kind.corrections.decide(tx, pending.id, {
            status: 'rejected',
            approverId: ctx.actor.id,
            decidedAt: ctx.now,
            note: `${pending.note}\n\nNot applied: ${note}`,
          }),
      }
    },
  )
}

/** Published → withdrawn, with a public note; a correction still waiting is turned down with it. */
export function withdrawStep<Row extends ReviewedRow, Rec extends ReviewedRecord<Fields>, Fields>(
  kind: ReviewedKind<Row, Rec, Fields>,
  ctx: ServiceContext,
  key: string,
  expectedVersion: number | null,
  note: string,
): Promise<Rec> {
  return runStep(kind, ctx, key, expectedVersion, 'withdraw', 'withdrawn', (_tx, current) => ({
    changes: { status: 'withdrawn', withdrawnAt: ctx.now, withdrawalNote: note },
    webhook: kind.webhooks?.withdrawn,
    tell: { kind: 'withdrawn', to: 'author_and_assignees', note },
    afterwards: (tx) =>
      kind.corrections.rejectPending(tx, current.id, {
        status: 'rejected',
        approverId: ctx.actor.id,
        decidedAt: ctx.now,
      }),
  }))
}
