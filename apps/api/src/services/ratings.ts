import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  eq,
  forUpdate,
  gte,
  inArray,
  lte,
  readTransaction,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { categoryAgreement, overallAgreement, type RatingPair } from '@counterclaim/domain'
import {
  type Agreement,
  type AgreementQuerySchema,
  AppError,
  type ClaimRating,
  type ClaimRatingPutSchema,
  type ClaimRatings,
  RATING_SCALE,
  REQUIRED_RATINGS,
  ratingLabel,
} from '@counterclaim/shared'
import type { z } from 'zod'
import { assertDisputeLive, assertNotArchived } from './archived.ts'
import type { ServiceContext } from './context.ts'
import { recordHistory } from './history.ts'
import { assertVersion, found } from './versioning.ts'

type RatingRow = typeof tables.claimRatings.$inferSelect
type PutInput = z.infer<typeof ClaimRatingPutSchema>

const r = tables.claimRatings

function toClaimRating(row: RatingRow, raterName: string): ClaimRating {
  return {
    id: row.id,
    claimId: row.claimId,
    disputeId: row.disputeId,
    rater: { id: row.raterId, name: raterName },
    rating: row.rating,
    ratingLabel: ratingLabel(row.rating),
    note: row.note,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  }
}

/** The ratings of these claims with their raters' names, first in first. */
async function ratingsOf(db: Db | Tx, claimIds: string[]): Promise<ClaimRating[]> {
  const result: ClaimRating[] = []
  // SQLite caps bound parameters; chunk long lists.
  for (let i = 0; i < claimIds.length; i += 500) {
    const rows = await db
      .select({ rating: r, raterName: tables.users.name })
      .from(r)
      .innerJoin(tables.users, eq(tables.users.id, r.raterId))
      .where(inArray(r.claimId, claimIds.slice(i, i + 500)))
      .orderBy(asc(r.claimId), asc(r.createdAt), asc(r.id))
    result.push(...rows.map((row) => toClaimRating(row.rating, row.raterName)))
  }
  return result
}

async function claimAndDispute(db: Db | Tx, claimId: string) {
  const [row] = await db
    .select({ claim: tables.claims, independent: tables.disputes.independentRatings })
    .from(tables.claims)
    .innerJoin(tables.disputes, eq(tables.disputes.id, tables.claims.disputeId))
    .where(eq(tables.claims.id, claimId))
    .limit(1)
  return found(row, 'Claim')
}

/** The ratings of a claim as this viewer may see them: others' only once both are in. */
export function getClaimRatings(db: Db, claimId: string, viewerId: string): Promise<ClaimRatings> {
  return readTransaction(db, async (tx) => {
    const { independent } = await claimAndDispute(tx, claimId)
    const all = await ratingsOf(tx, [claimId])
    const revealed = all.length >= REQUIRED_RATINGS
    const [first, second] = all
    return {
      independent,
      required: REQUIRED_RATINGS,
      submitted: all.length,
      revealed,
      mine: all.find((rating) => rating.rater.id === viewerId) ?? null,
      ratings: revealed ? all : [],
      agreement: revealed && first && second ? (first.rating === second.rating ? 'agree' : 'disagree') : null,
      raters: all.map((rating) => rating.rater),
    }
  })
}

/**
 * Creates the caller's rating of a claim (no version needed), or changes it (If-Match) while the other
 * rating is not in yet; once both are in they stand, and a third checker cannot rate.
 */
export function putMyRating(
  ctx: ServiceContext,
  claimId: string,
  expectedVersion: number | null,
  input: PutInput,
): Promise<{ record: ClaimRating; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    // The claim's lock first: two raters arriving at once on PostgreSQL are counted one after the other.
    await forUpdate(
      tx.select({ id: tables.claims.id }).from(tables.claims).where(eq(tables.claims.id, claimId)),
    )
    const { claim, independent } = await claimAndDispute(tx, claimId)
    await assertDisputeLive(tx, claim.disputeId)
    assertNotArchived('claim', claim, { doing: 'rating it' })
    if (!independent) {
      throw new AppError(
        'conflict',
        'Independent ratings are off for this dispute: the rating is set in the verdict draft.',
      )
    }
    const all = await ratingsOf(tx, [claimId])
    const before = all.find((rating) => rating.rater.id === ctx.actor.id) ?? null
    if (!before) {
      if (all.length >= REQUIRED_RATINGS) {
        throw new AppError('conflict', 'Two checkers have already rated this claim.', {
          raters: all.map((rating) => rating.rater),
        })
      }
      await tx.insert(r).values({
        id: randomUUID(),
        claimId,
        disputeId: claim.disputeId,
        raterId: ctx.actor.id,
        rating: input.rating,
        note: input.note ?? '',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
    } else {
      assertVersion(expectedVersion, before, before)
      if (all.length >= REQUIRED_RATINGS) {
        throw new AppError(
          'conflict',
          'Both ratings are in and shown to both raters, so they no longer change: settle the rating in the verdict draft.',
        )
      }
      await tx
        .update(r)
        .set({
          rating: input.rating,
          ...(input.note === undefined ? {} : { note: input.note }),
          updatedAt: ctx.now,
          version: before.version + 1,
        })
        .where(eq(r.id, before.id))
    }
    const record = found(
      (await ratingsOf(tx, [claimId])).find((rating) => rating.rater.id === ctx.actor.id),
      'Rating',
    )
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claim_rating',
      entityId: record.id,
      action: before ? 'updated' : 'created',
      before,
      after: record,
      disputeId: claim.disputeId,
      claimId,
    })
    return { record, created: before === null }
  })
}

/**
 * A verdict draft may not set a rating while the claim's independent ratings are not both in: the draft
 * would show one rater's judgement to the other.
 */
export async function assertRatingsRevealed(tx: Tx, claimId: string): Promise<void> {
  const { independent } = await claimAndDispute(tx, claimId)
  if (!independent) return
  const rows = await tx.select({ id: r.id }).from(r).where(eq(r.claimId, claimId))
  if (rows.length < REQUIRED_RATINGS) {
    throw new AppError(
      'conflict',
      `This claim is rated independently: the verdict's rating can be set once both checkers have rated it (${rows.length} of ${REQUIRED_RATINGS} ratings in).`,
      { submitted: rows.length, required: REQUIRED_RATINGS },
    )
  }
}

/**
 * The claims (of a dispute, or one claim) whose independent ratings are not both in: their rating events
 * stay with their raters.
 */
export async function unrevealedClaims(
  db: Db | Tx,
  scope: { disputeId: string } | { claimId: string },
): Promise<string[]> {
  const rows = await db
    .select({ claimId: r.claimId })
    .from(r)
    .where('disputeId' in scope ? eq(r.disputeId, scope.disputeId) : eq(r.claimId, scope.claimId))
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(row.claimId, (counts.get(row.claimId) ?? 0) + 1)
  return [...counts].filter(([, n]) => n < REQUIRED_RATINGS).map(([id]) => id)
}

const DAY_MS = 86_400_000
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * How often raters agree over claims whose second rating came in within the period (by day, UTC):
 * percent agreement and Cohen's kappa overall and for each rating of the scale.
 */
export function getAgreement(
  db: Db,
  query: z.infer<typeof AgreementQuerySchema>,
  now: string,
): Promise<Agreement> {
  const to = query.to ?? now.slice(0, 10)
  const from = query.from ?? day(Date.parse(`${to}T00:00:00Z`) - 89 * DAY_MS)
  const start = `${from}T00:00:00.000Z`
  const end = `${to}T23:59:59.999Z`
  return readTransaction(db, async (tx) => {
    // The later rating of each pair falls in the period, so every pair has a rating in it.
    const candidates = await tx
      .selectDistinct({ claimId: r.claimId })
      .from(r)
      .where(and(gte(r.createdAt, start), lte(r.createdAt, end)))
    const byClaim = new Map<string, ClaimRating[]>()
    for (const rating of await ratingsOf(
      tx,
      candidates.map((c) => c.claimId),
    )) {
      byClaim.set(rating.claimId, [...(byClaim.get(rating.claimId) ?? []), rating])
    }
    const pairs: RatingPair[] = []
    for (const ratings of byClaim.values()) {
      const [first, second] = ratings
      if (ratings.length !== REQUIRED_RATINGS || !first || !second) continue
      if (second.createdAt < start || second.createdAt > end) continue
      pairs.push([first.rating, second.rating])
    }
    return {
      from,
      to,
      ...overallAgreement(pairs),
      byRating: RATING_SCALE.map(({ rating, label }) => ({
        rating,
        label,
        ...categoryAgreement(pairs, rating),
      })),
    }
  })
}
