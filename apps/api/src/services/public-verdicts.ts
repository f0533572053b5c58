import {
  and,
  type Db,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  readTransaction,
  tables,
} from '@counterclaim/db'
import { claimHeadline, claimReviewedText, type PublishingOrg, toClaimReview } from '@counterclaim/domain'
import {
  AppError,
  type ClaimReview,
  domainWords,
  type Locale,
  type PublishedRecord,
  type Verdict,
} from '@counterclaim/shared'
import { decodeCursor, toPage } from './cursor.ts'
import { readSnapshots } from './snapshots.ts'
import { loadVerdicts } from './verdicts.ts'
import { found } from './versioning.ts'

/** Who publishes and where: the organisation and the public base URL, from configuration. */
export interface Publishing {
  org: PublishingOrg
  baseUrl: string
  /** The language of the public pages and of their ClaimReviews' rating words (COUNTERCLAIM_LOCALE); English when unset. */
  locale?: Locale
}

/** Everything the public sees of one published verdict: its snapshot, with the verdict's dates. */
export interface PublicVerdict {
  verdict: Verdict
  /** The dispute the claim belongs to: its public page shows the competing claims side by side. */
  disputeId: string
  /** The records as they were published or last corrected. */
  record: PublishedRecord
  review: ClaimReview
}

/** A withdrawn fact check: what its public page says in place of the verdict. */
export interface WithdrawalNotice {
  claimId: string
  claimReviewed: string
  /** The claim as the page names it: the short form as written, or the claim's words in quotation marks. */
  headline: string
  publishedAt: string | null
  withdrawnAt: string
  note: string
}

const v = tables.verdicts
const c = tables.claims
const d = tables.disputes

// Public means published, on a claim and a dispute that were not archived (archiving is deletion).
const isPublic = and(eq(v.status, 'published'), isNull(c.archivedAt), isNull(d.archivedAt))

/**
 * The public view of these claims' verdicts (published, or withdrawn with the snapshot they last had), in the
 * given order; the caller checked they may be shown.
 */
export async function publicVerdictViews(
  db: Db,
  claimIds: string[],
  publishing: Publishing,
): Promise<PublicVerdict[]> {
  if (claimIds.length === 0) return []
  const verdicts = await loadVerdicts(db, claimIds)
  const rows = new Map<string, string>()
  const disputes = new Map<string, string>()
  for (let i = 0; i < claimIds.length; i += 500) {
    for (const row of await db
      .select({ claimId: v.claimId, snapshotId: v.snapshotId, disputeId: c.disputeId })
      .from(v)
      .innerJoin(c, eq(c.id, v.claimId))
      .where(inArray(v.claimId, claimIds.slice(i, i + 500)))) {
      if (row.snapshotId) rows.set(row.claimId, row.snapshotId)
      disputes.set(row.claimId, row.disputeId)
    }
  }
  const snapshots = await readSnapshots(db, [...rows.values()])
  return claimIds.map((claimId) => {
    const verdict = found(verdicts.get(claimId), 'Verdict')
    const record = found(snapshots.get(rows.get(claimId) ?? ''), 'Published verdict')
    const review = toClaimReview({
      verdict: {
        claimId,
        rating: record.verdict.rating,
        summary: record.verdict.summary,
        publishedAt: verdict.publishedAt,
        modifiedAt: verdict.modifiedAt,
        updatedAt: verdict.updatedAt,
      },
      claim: record.claim,
      claimant: record.claimant,
      citedEvidence: record.citedEvidence,
      corrections: verdict.corrections,
      org: publishing.org,
      baseUrl: publishing.baseUrl,
      words: domainWords(publishing.locale),
    })
    return { verdict, disputeId: found(disputes.get(claimId), 'Claim'), record, review }
  })
}

/**
 * The ClaimReview of a claim's verdict as it was last published (or corrected), read through `db` (a
 * transaction's handle sees its own writes): what the public API answers while it is published, and
 * what it last answered once it is withdrawn. not_found when the verdict was never published.
 */
export async function publishedClaimReview(
  db: Db,
  claimId: string,
  publishing: Publishing,
): Promise<ClaimReview> {
  const [view] = await publicVerdictViews(db, [claimId], publishing)
  return found(view, 'Published verdict').review
}

/**
 * One published verdict for the public; not_found when there is none or it was never published,
 * gone (with the notice in details) when it was withdrawn.
 */
export function getPublicVerdict(db: Db, claimId: string, publishing: Publishing): Promise<PublicVerdict> {
  return readTransaction(db, (tx) => readPublicVerdict(tx, claimId, publishing))
}

async function readPublicVerdict(db: Db, claimId: string, publishing: Publishing): Promise<PublicVerdict> {
  const [row] = await db
    .select({
      claimId: v.claimId,
      status: v.status,
      snapshotId: v.snapshotId,
      withdrawnAt: v.withdrawnAt,
      withdrawalNote: v.withdrawalNote,
      publishedAt: v.publishedAt,
    })
    .from(v)
    .innerJoin(c, eq(c.id, v.claimId))
    .innerJoin(d, eq(d.id, c.disputeId))
    .where(eq(v.claimId, claimId))
    .limit(1)
  if (row?.status === 'withdrawn' && row.withdrawnAt && row.snapshotId) {
    const record = (await readSnapshots(db, [row.snapshotId])).get(row.snapshotId)
    const notice: WithdrawalNotice = {
      claimId,
      claimReviewed: record ? claimReviewedText(record.claim) : '',
      headline: record ? claimHeadline(record.claim) : '',
      publishedAt: row.publishedAt,
      withdrawnAt: row.withdrawnAt,
      note: row.withdrawalNote ?? '',
    }
    throw new AppError('gone', 'This fact check was withdrawn.', notice)
  }
  const [visible] = await db
    .select({ claimId: v.claimId })
    .from(v)
    .innerJoin(c, eq(c.id, v.claimId))
    .innerJoin(d, eq(d.id, c.disputeId))
    .where(and(eq(v.claimId, claimId), isPublic))
    .limit(1)
  const [view] = await publicVerdictViews(db, [found(visible, 'Published verdict').claimId], publishing)
  return found(view, 'Published verdict')
}

/** Published verdicts as ClaimReviews, newest first, paged on (publishedAt, id). */
export function listPublicVerdicts(
  db: Db,
  query: { limit: number; cursor?: string | undefined },
  publishing: Publishing,
): Promise<{ reviews: ClaimReview[]; nextCursor: string | null }> {
  return readTransaction(db, (tx) => readPublicVerdicts(tx, query, publishing))
}

async function readPublicVerdicts(
  db: Db,
  query: { limit: number; cursor?: string | undefined },
  publishing: Publishing,
): Promise<{ reviews: ClaimReview[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor)
  const after = cursor
    ? or(lt(v.publishedAt, cursor[0]), and(eq(v.publishedAt, cursor[0]), lt(v.id, cursor[1])))
    : undefined
  const rows = await db
    .select({ claimId: v.claimId, id: v.id, publishedAt: v.publishedAt })
    .from(v)
    .innerJoin(c, eq(c.id, v.claimId))
    .innerJoin(d, eq(d.id, c.disputeId))
    // A published verdict always has its date; one without could not hold a place in the order.
    .where(and(isPublic, isNotNull(v.publishedAt), after))
    .orderBy(desc(v.publishedAt), desc(v.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (row) => [row.publishedAt ?? '', row.id])
  const views = await publicVerdictViews(
    db,
    page.items.map((row) => row.claimId),
    publishing,
  )
  return { reviews: views.map((view) => view.review), nextCursor: page.nextCursor }
}
