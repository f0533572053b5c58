import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  eq,
  inArray,
  insertMissingSnapshots,
  isNull,
  readTransaction,
  type Tx,
  tables,
} from '@counterclaim/db'
import { publicationChanges } from '@counterclaim/domain'
import { type PublicationChange, type PublishedRecord, PublishedRecordSchema } from '@counterclaim/shared'
import { publishedReplies } from './replies.ts'
import { found } from './versioning.ts'

type Reader = Db | Tx

/**
 * What the public would see of this verdict if it were published now: the live claim, claimant,
 * verdict fields, cited evidence with its stance on the claim and its origin, the claim's quantities and its
 * right-of-reply log (entries taken off it left out). Archived evidence is left out: archiving a source takes it
 * off the next snapshot, never off the one the public already has.
 */
export async function liveRecord(db: Reader, verdictId: string): Promise<PublishedRecord> {
  const verdict = found(
    (await db.select().from(tables.verdicts).where(eq(tables.verdicts.id, verdictId)).limit(1))[0],
    'Verdict',
  )
  const claim = found(
    (await db.select().from(tables.claims).where(eq(tables.claims.id, verdict.claimId)).limit(1))[0],
    'Claim',
  )
  const claimant =
    claim.claimantId === null
      ? null
      : found(
          (
            await db.select().from(tables.claimants).where(eq(tables.claimants.id, claim.claimantId)).limit(1)
          )[0],
          'Claimant',
        )
  const sources = await db
    .select({ evidence: tables.evidence })
    .from(tables.verdictCitations)
    .innerJoin(tables.evidence, eq(tables.evidence.id, tables.verdictCitations.evidenceId))
    .where(and(eq(tables.verdictCitations.verdictId, verdictId), isNull(tables.evidence.archivedAt)))
    .orderBy(asc(tables.verdictCitations.position))
  // The cited items' stances only: a claim may have hundreds of cells (the workbench reads this for each
  // published verdict).
  const cited = sources.map(({ evidence }) => evidence.id)
  const stances = new Map(
    cited.length
      ? (
          await db
            .select({ evidenceId: tables.stances.evidenceId, stance: tables.stances.stance })
            .from(tables.stances)
            .where(and(eq(tables.stances.claimId, claim.id), inArray(tables.stances.evidenceId, cited)))
        ).map((s) => [s.evidenceId, s.stance])
      : [],
  )
  return {
    claim: {
      id: claim.id,
      text: claim.text,
      shortText: claim.shortText,
      statedOn: claim.statedOn,
      appearanceUrl: claim.appearanceUrl,
      archiveUrl: claim.archiveUrl,
      language: claim.language,
    },
    claimant: claimant && {
      id: claimant.id,
      name: claimant.name,
      kind: claimant.kind,
      description: claimant.description,
      url: claimant.url,
      sameAs: claimant.sameAs,
      jobTitle: claimant.jobTitle,
      affiliation: claimant.affiliation,
      imageUrl: claimant.imageUrl,
    },
    verdict: { rating: verdict.rating, summary: verdict.summary, rationale: verdict.rationale },
    citedEvidence: sources.map(({ evidence: e }) => ({
      id: e.id,
      title: e.title,
      kind: e.kind,
      sourceName: e.sourceName,
      url: e.url,
      archiveUrl: e.archiveUrl,
      publishedOn: e.publishedOn,
      stance: stances.get(e.id) ?? null,
      origin: e.origin,
    })),
    quantities: claim.quantities,
    replies: await publishedReplies(db, claim.id),
  }
}

/**
 * Freezes what the public sees of a verdict from its live records and points the verdict at it;
 * call it inside the transaction that publishes, corrects or imports the verdict (the import's is
 * opened by hand on its worker's connection, so it passes that Db).
 */
export async function takeSnapshot(
  tx: Reader,
  input: { verdictId: string; at: string; reason: 'published' | 'corrected' | 'imported' },
): Promise<PublishedRecord> {
  const content = await liveRecord(tx, input.verdictId)
  const id = randomUUID()
  await tx
    .insert(tables.verdictSnapshots)
    .values({ id, verdictId: input.verdictId, takenAt: input.at, reason: input.reason, content })
  await tx.update(tables.verdicts).set({ snapshotId: id }).where(eq(tables.verdicts.id, input.verdictId))
  return content
}

/** The snapshots these ids name, keyed by snapshot id. */
export async function readSnapshots(
  db: Reader,
  snapshotIds: string[],
): Promise<Map<string, PublishedRecord>> {
  const result = new Map<string, PublishedRecord>()
  for (let i = 0; i < snapshotIds.length; i += 500) {
    const rows = await db
      .select({ id: tables.verdictSnapshots.id, content: tables.verdictSnapshots.content })
      .from(tables.verdictSnapshots)
      .where(inArray(tables.verdictSnapshots.id, snapshotIds.slice(i, i + 500)))
    for (const row of rows) result.set(row.id, PublishedRecordSchema.parse(row.content))
  }
  return result
}

/**
 * Gives every published or withdrawn verdict that has no snapshot (one published before snapshots
 * existed) a snapshot of its records as they stand, so the public reads snapshots only.
 */
export function backfillSnapshots(db: Db, at: string): Promise<number> {
  return insertMissingSnapshots(db, at)
}

/**
 * How the live records differ from the snapshot the public sees; null unless the verdict is published.
 * Reads the snapshot and the live records in one read transaction (or in the caller's, given its handle).
 */
export async function changesSincePublication(
  db: Reader,
  verdict: { id: string; status: string; snapshotId: string | null },
): Promise<PublicationChange[] | null> {
  const snapshotId = verdict.snapshotId
  if (verdict.status !== 'published' || !snapshotId) return null
  return readTransaction(db, async (tx) => {
    const published = (await readSnapshots(tx, [snapshotId])).get(snapshotId)
    return published ? publicationChanges(published, await liveRecord(tx, verdict.id)) : null
  })
}
