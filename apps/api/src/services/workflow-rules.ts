import { and, eq, inArray, min, type Tx, tables } from '@counterclaim/db'
import { AppError, type NotificationKind, type VerdictStatus } from '@counterclaim/shared'
import type { Entity } from './history.ts'
import { activeEditorIds, assigneeIdsOf } from './notifications.ts'

// The review workflow's rules, shared by verdicts and dispute conclusions (decision 0015): the states a
// step starts from, the words for them, the two-person rule, who contributed, and whom a step tells.

/** What goes through the workflow, in the words its messages use. */
export type Reviewed = 'verdict' | 'conclusion'

export type WorkflowStep = 'submit' | 'return' | 'publish' | 'correct' | 'withdraw' | 'approve' | 'reject'

const FROM: Record<WorkflowStep, VerdictStatus> = {
  submit: 'draft',
  return: 'in_review',
  publish: 'in_review',
  correct: 'published',
  withdraw: 'published',
  approve: 'published',
  reject: 'published',
}

const STATE_WORDS: Record<VerdictStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  published: 'published',
  withdrawn: 'withdrawn',
}

/** Refuses (409) a step whose record is not in the state the step starts from. */
export function assertStepFrom(what: Reviewed, status: VerdictStatus, step: WorkflowStep): void {
  if (status === FROM[step]) return
  throw new AppError(
    'conflict',
    `This ${what} is ${STATE_WORDS[status]}; "${step}" needs it to be ${STATE_WORDS[FROM[step]]}.`,
    { status, expected: FROM[step] },
  )
}

/** Refuses (409) a change of a draft's text once it left the draft state. */
export function assertDraft(what: Reviewed, status: VerdictStatus): void {
  if (status === 'draft') return
  throw new AppError(
    'conflict',
    status === 'published'
      ? `This ${what} is published: change it with a correction.`
      : status === 'withdrawn'
        ? `This ${what} was withdrawn: it can no longer change.`
        : `This ${what} is in review: it must be returned to draft before it changes.`,
    { status },
  )
}

/** The two-person rule at publishing: no one who wrote or edited the draft publishes it. */
export function assertNotContributor(
  what: Reviewed,
  contributors: Array<{ id: string }>,
  actorId: string,
  twoPersonRule: boolean,
): void {
  if (!twoPersonRule || !contributors.some((person) => person.id === actorId)) return
  throw new AppError(
    'forbidden',
    `You wrote or edited this ${what}: another editor must publish it (two-person rule).`,
  )
}

/** The two-person rule at a correction: the editor who proposed it does not approve it. */
export function assertNotProposer(proposerId: string, actorId: string): void {
  if (proposerId !== actorId) return
  throw new AppError(
    'forbidden',
    'You proposed this correction: another editor must approve it (two-person rule).',
  )
}

/**
 * Everyone who wrote or edited each of these drafts, in the order they first did, read from history
 * (the `drafted` and `updated` events): the two-person rule keeps them from publishing it.
 */
export async function contributorIds(
  tx: Tx,
  entity: Entity & Reviewed,
  ids: string[],
): Promise<Map<string, Set<string>>> {
  const h = tables.historyEvents
  const result = new Map<string, Set<string>>()
  if (ids.length === 0) return result
  for (const e of await tx
    .select({ entityId: h.entityId, actorId: h.actorId })
    .from(h)
    .where(and(eq(h.entity, entity), inArray(h.entityId, ids), inArray(h.action, ['drafted', 'updated'])))
    .groupBy(h.entityId, h.actorId)
    .orderBy(min(h.seq))) {
    if (!e.actorId) continue
    result.set(e.entityId, (result.get(e.entityId) ?? new Set()).add(e.actorId))
  }
  return result
}

/** The notifications a workflow step sends (never `assigned` or `mentioned`). */
export type WorkflowNotice = Exclude<NotificationKind, 'assigned' | 'mentioned'>

/** A notification a step sends: to the author, to the author and the dispute's assignees, or to the other editors. */
export interface Tell {
  kind: WorkflowNotice
  to: 'author' | 'author_and_assignees' | 'editors'
  note: string | null
}

/** Whom a step's notification goes to. */
export async function recipientsOf(
  tx: Tx,
  to: Tell['to'],
  authorId: string | null,
  disputeId: string,
): Promise<string[]> {
  const author = authorId ? [authorId] : []
  if (to === 'author') return author
  if (to === 'editors') return activeEditorIds(tx)
  return [...author, ...(await assigneeIdsOf(tx, disputeId))]
}
