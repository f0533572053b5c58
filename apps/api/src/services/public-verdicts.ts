import { type Db, tables } from '@counterclaim/db'
import { type PublishingOrg, toClaimReview } from '@counterclaim/domain'
import type { Claim, Claimant, ClaimReview, Evidence, Verdict } from '@counterclaim/shared'
import { and, desc, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm'
import { decodeCursor, toPage } from './cursor.ts'
import { toClaim, toClaimant, toEvidence } from './mappers.ts'
import { loadVerdicts } from './verdicts.ts'
import { found } from './versioning.ts'

/** Who publishes and where: the organisation and the public base URL, from configuration. */
export interface Publishing {
  org: PublishingOrg
  baseUrl: string
}

/** Everything the public sees of one published verdict. */
export interface PublicVerdict {
  verdict: Verdict
  claim: Claim
  claimant: Claimant
  /** The cited evidence still on record, in the verdict's order. */
  citedEvidence: Evidence[]
  review: ClaimReview
}

const v = tables.verdicts
const c = tables.claims
const d = tables.disputes

// Public means published, on a claim and a dispute that were not archived (archiving is deletion).
const isPublic = and(eq(v.status, 'published'), isNull(c.archivedAt), isNull(d.archivedAt))

function chunked<T>(ids: string[], read: (chunk: string[]) => T[]): T[] {
  const rows: T[] = []
  // SQLite caps bound parameters.
  for (let i = 0; i < ids.length; i += 500) rows.push(...read(ids.slice(i, i + 500)))
  return rows
}

/** The public view of these claims' verdicts, in the given order; the caller checked they are public. */
function assemble(db: Db, claimIds: string[], publishing: Publishing): PublicVerdict[] {
  if (claimIds.length === 0) return []
  const verdicts = loadVerdicts(db, claimIds)
  const claims = new Map(
    chunked(claimIds, (ids) => db.select().from(c).where(inArray(c.id, ids)).all()).map((row) => [
      row.id,
      toClaim(row),
    ]),
  )
  const claimantIds = [...new Set([...claims.values()].map((claim) => claim.claimantId))]
  const claimants = new Map(
    chunked(claimantIds, (ids) =>
      db.select().from(tables.claimants).where(inArray(tables.claimants.id, ids)).all(),
    ).map((row) => [row.id, toClaimant(row)]),
  )
  const evidenceIds = [...new Set([...verdicts.values()].flatMap((verdict) => verdict.citedEvidenceIds))]
  const evidence = new Map(
    chunked(evidenceIds, (ids) =>
      db
        .select()
        .from(tables.evidence)
        .where(and(inArray(tables.evidence.id, ids), isNull(tables.evidence.archivedAt)))
        .all(),
    ).map((row) => [row.id, toEvidence(row)]),
  )
  return claimIds.map((claimId) => {
    const verdict = found(verdicts.get(claimId), 'Verdict')
    const claim = found(claims.get(claimId), 'Claim')
    const claimant = found(claimants.get(claim.claimantId), 'Claimant')
    const citedEvidence = verdict.citedEvidenceIds.flatMap((id) => {
      const item = evidence.get(id)
      return item ? [item] : []
    })
    const review = toClaimReview({
      verdict,
      claim,
      claimant,
      citedEvidence,
      corrections: verdict.corrections,
      org: publishing.org,
      baseUrl: publishing.baseUrl,
    })
    return { verdict, claim, claimant, citedEvidence, review }
  })
}

/** One published verdict for the public; not_found when there is none or it is not published. */
export function getPublicVerdict(db: Db, claimId: string, publishing: Publishing): PublicVerdict {
  const row = db
    .select({ claimId: v.claimId })
    .from(v)
    .innerJoin(c, eq(c.id, v.claimId))
    .innerJoin(d, eq(d.id, c.disputeId))
    .where(and(eq(v.claimId, claimId), isPublic))
    .get()
  const [view] = assemble(db, [found(row, 'Published verdict').claimId], publishing)
  return found(view, 'Published verdict')
}

/** Published verdicts as ClaimReviews, newest first, paged on (publishedAt, id). */
export function listPublicVerdicts(
  db: Db,
  query: { limit: number; cursor?: string | undefined },
  publishing: Publishing,
): { reviews: ClaimReview[]; nextCursor: string | null } {
  const cursor = decodeCursor(query.cursor)
  const after = cursor
    ? or(lt(v.publishedAt, cursor[0]), and(eq(v.publishedAt, cursor[0]), lt(v.id, cursor[1])))
    : undefined
  const rows = db
    .select({ claimId: v.claimId, id: v.id, publishedAt: v.publishedAt })
    .from(v)
    .innerJoin(c, eq(c.id, v.claimId))
    .innerJoin(d, eq(d.id, c.disputeId))
    // A published verdict always has its date; one without could not hold a place in the order.
    .where(and(isPublic, isNotNull(v.publishedAt), after))
    .orderBy(desc(v.publishedAt), desc(v.id))
    .limit(query.limit + 1)
    .all()
  const page = toPage(rows, query.limit, (row) => [row.publishedAt ?? '', row.id])
  const views = assemble(
    db,
    page.items.map((row) => row.claimId),
    publishing,
  )
  return { reviews: views.map((view) => view.review), nextCursor: page.nextCursor }
}
