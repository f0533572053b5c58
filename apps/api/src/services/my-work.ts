import {
  and,
  asc,
  count,
  type Db,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  max,
  ne,
  or,
  readTransaction,
  type Tx,
  tables,
  zeroWhen,
} from '@counterclaim/db'
import type { AssignedDispute, MyWork, PersonList, SessionUser, WorkVerdict } from '@counterclaim/shared'
import { loadAssignees } from './disputes.ts'
import { readNotifications } from './notifications.ts'

/** How many items each list of my work holds at most. */
export const MY_WORK_CAP = 100
/** How many of my latest mentions my work shows. */
export const MY_MENTIONS = 20

const byName = new Intl.Collator('en', { sensitivity: 'base' })

/** The desk's active people, by name. */
export async function listPeople(db: Db): Promise<PersonList> {
  const rows = await db
    .select({ id: tables.users.id, name: tables.users.name })
    .from(tables.users)
    .where(isNull(tables.users.disabledAt))
  rows.sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))
  return { items: rows }
}

/** The names of these people, by id. */
export async function namesOf(tx: Tx, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))]
  if (unique.length === 0) return new Map()
  const rows = await tx
    .select({ id: tables.users.id, name: tables.users.name })
    .from(tables.users)
    .where(inArray(tables.users.id, unique))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Open disputes I am assigned to: overdue first, then by due date (none last), then the latest change. */
async function assignedTo(tx: Tx, userId: string, today: string): Promise<AssignedDispute[]> {
  const d = tables.disputes
  const a = tables.disputeAssignees
  // Overdue dates are the earliest ones, so due date order puts them first.
  const rows = await tx
    .select()
    .from(d)
    .where(
      and(
        inArray(d.id, tx.select({ id: a.disputeId }).from(a).where(eq(a.userId, userId))),
        eq(d.status, 'open'),
        isNull(d.archivedAt),
      ),
    )
    .orderBy(zeroWhen(isNotNull(d.dueOn)), asc(d.dueOn), desc(d.updatedAt), asc(d.id))
    .limit(MY_WORK_CAP)
  const ids = rows.map((r) => r.id)
  const assignees = await loadAssignees(tx, ids)
  const names = await namesOf(tx, [...assignees.values()].flat())
  const claimCounts = new Map(
    ids.length
      ? (
          await tx
            .select({ disputeId: tables.claims.disputeId, n: count() })
            .from(tables.claims)
            .where(and(inArray(tables.claims.disputeId, ids), isNull(tables.claims.archivedAt)))
            .groupBy(tables.claims.disputeId)
        ).map((r) => [r.disputeId, Number(r.n)] as const)
      : [],
  )
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    status: r.status,
    dueOn: r.dueOn,
    overdue: r.dueOn !== null && r.dueOn < today,
    assignees: (assignees.get(r.id) ?? []).map((id) => ({ id, name: names.get(id) ?? 'unknown' })),
    claimCount: claimCounts.get(r.id) ?? 0,
    updatedAt: r.updatedAt,
    version: r.version,
  }))
}

const verdictColumns = {
  id: tables.verdicts.id,
  claimId: tables.verdicts.claimId,
  rating: tables.verdicts.rating,
  authorId: tables.verdicts.authorId,
  reviewerId: tables.verdicts.reviewerId,
  returnNote: tables.verdicts.returnNote,
  submittedAt: tables.verdicts.submittedAt,
  updatedAt: tables.verdicts.updatedAt,
  version: tables.verdicts.version,
  claimText: tables.claims.text,
  shortText: tables.claims.shortText,
  disputeId: tables.disputes.id,
  disputeTitle: tables.disputes.title,
}

/** Verdicts of live claims in live disputes, with their claims and disputes. */
function liveVerdicts(tx: Tx) {
  return tx
    .select(verdictColumns)
    .from(tables.verdicts)
    .innerJoin(tables.claims, eq(tables.claims.id, tables.verdicts.claimId))
    .innerJoin(tables.disputes, eq(tables.disputes.id, tables.claims.disputeId))
}
const live = () => and(isNull(tables.claims.archivedAt), isNull(tables.disputes.archivedAt))

type VerdictLine = Awaited<ReturnType<ReturnType<typeof liveVerdicts>['where']>>[number]

function toWorkVerdict(
  row: VerdictLine,
  names: Map<string, string>,
  extra: { returnedBy: string | null; note: string | null; at: string },
): WorkVerdict {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? 'unknown' } : null)
  return {
    claimId: row.claimId,
    claimText: row.claimText,
    shortText: row.shortText,
    dispute: { id: row.disputeId, title: row.disputeTitle },
    rating: row.rating,
    author: person(row.authorId),
    returnedBy: person(extra.returnedBy),
    note: extra.note,
    at: extra.at,
    verdictVersion: row.version,
  }
}

/**
 * My drafts whose last workflow step was a return (a submit clears the note a return leaves), newest
 * return first, with the editor who returned it and their note.
 */
async function returnedTo(tx: Tx, userId: string): Promise<WorkVerdict[]> {
  const v = tables.verdicts
  const rows = await liveVerdicts(tx)
    .where(and(eq(v.authorId, userId), eq(v.status, 'draft'), isNotNull(v.returnNote), live()))
    .orderBy(desc(v.updatedAt), asc(v.id))
    .limit(MY_WORK_CAP)
  const h = tables.historyEvents
  const returnedAt = new Map(
    rows.length
      ? (
          await tx
            .select({ id: h.entityId, at: max(h.at) })
            .from(h)
            .where(
              and(
                eq(h.entity, 'verdict'),
                inArray(
                  h.entityId,
                  rows.map((r) => r.id),
                ),
                eq(h.action, 'returned'),
              ),
            )
            .groupBy(h.entityId)
        ).map((r) => [r.id, r.at] as const)
      : [],
  )
  const names = await namesOf(
    tx,
    rows.flatMap((r) => [r.authorId, r.reviewerId]),
  )
  return rows
    .map((r) =>
      toWorkVerdict(r, names, {
        returnedBy: r.reviewerId,
        note: r.returnNote,
        at: returnedAt.get(r.id) ?? r.updatedAt,
      }),
    )
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}

/** Verdicts in review that someone else wrote, the longest-waiting first: editors' and admins' work. */
async function awaitingReviewBy(tx: Tx, user: SessionUser): Promise<WorkVerdict[]> {
  if (user.role === 'checker') return []
  const v = tables.verdicts
  const rows = await liveVerdicts(tx)
    .where(and(eq(v.status, 'in_review'), or(isNull(v.authorId), ne(v.authorId, user.id)), live()))
    .orderBy(zeroWhen(isNotNull(v.submittedAt)), asc(v.submittedAt), asc(v.id))
    .limit(MY_WORK_CAP)
  const names = await namesOf(
    tx,
    rows.map((r) => r.authorId),
  )
  return rows.map((r) =>
    toWorkVerdict(r, names, { returnedBy: null, note: null, at: r.submittedAt ?? r.updatedAt }),
  )
}

/** The signed-in user's home: assigned disputes, drafts returned to them, verdicts to review, mentions. */
export function getMyWork(db: Db, user: SessionUser, now: string): Promise<MyWork> {
  const today = now.slice(0, 10)
  return readTransaction(db, async (tx) => ({
    assigned: await assignedTo(tx, user.id, today),
    returnedToMe: await returnedTo(tx, user.id),
    awaitingMyReview: await awaitingReviewBy(tx, user),
    mentions: (await readNotifications(tx, user.id, { kind: 'mentioned' }, MY_MENTIONS)).items,
  }))
}
