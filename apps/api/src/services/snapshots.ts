import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  type Db,
  eq,
  inArray,
  insertMissingSnapshots,
  isNull,
  type Tx,
  tables,
} from '@counterclaim/db'
import { publishedRecordOf } from '@counterclaim/domain'
import { type PublishedRecord, PublishedRecordSchema } from '@counterclaim/shared'
import { publishedReplies } from './replies.ts'
import { found } from './versioning.ts'

type Reader = Db | Tx

/**
 * What the public would see of this verdict if it were published now: the live claim, claimant,
 * verdict fields, cited evidence with its stance on the claim and its origin, the claim's quantities and its
 * right-of-reply log (entries taken off it left out). Archived evidence is left out: archiving a source takes it
 * off the next snapshot, never off the one the public already has. Three statements.
 */
export async function liveRecord(db: Reader, verdictId: string): Promise<PublishedRecord> {
  const [head] = await db
    .select({
      rating: tables.verdicts.rating,
      summary: tables.verdicts.summary,
      rationale: tables.verdicts.rationale,
      claim: tables.claims,
      claimant: tables.claimants,
    })
    .from(tables.verdicts)
    .innerJoin(tables.claims, eq(tables.claims.id, tables.verdicts.claimId))
    .leftJoin(tables.claimants, eq(tables.claimants.id, tables.claims.claimantId))
    .where(eq(tables.verdicts.id, verdictId))
    .limit(1)
  const { claim, claimant, ...verdict } = found(head, 'Verdict')
  const e = tables.evidence
  // Each cited item with its stance on this claim (stances_cell_unique finds the one cell).
  const citedEvidence = await db
    .select({
      id: e.id,
      title: e.title,
      kind: e.kind,
      sourceName: e.sourceName,
      url: e.url,
      archiveUrl: e.archiveUrl,
      publishedOn: e.publishedOn,
      stance: tables.stances.stance,
      origin: e.origin,
    })
    .from(tables.verdictCitations)
    .innerJoin(e, eq(e.id, tables.verdictCitations.evidenceId))
    .leftJoin(tables.stances, and(eq(tables.stances.evidenceId, e.id), eq(tables.stances.claimId, claim.id)))
    .where(and(eq(tables.verdictCitations.verdictId, verdictId), isNull(e.archivedAt)))
    .orderBy(asc(tables.verdictCitations.position))
  const replies = (await publishedReplies(db, [claim.id])).get(claim.id) ?? []
  return publishedRecordOf({ claim, claimant, verdict, citedEvidence, replies })
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
 * The snapshots the public sees of these claims' published verdicts, keyed by claim id; a claim whose
 * verdict is not published (or has no snapshot) is left out. One statement for all of them. What has
 * changed since publication is publicationChanges(snapshot, live record): the workbench builds the live
 * records from the rows it has already read (publishedRecordOf), takeSnapshot reads them (liveRecords).
 */
export async function publishedSnapshots(
  db: Reader,
  claimIds: readonly string[],
): Promise<Map<string, PublishedRecord>> {
  const result = new Map<string, PublishedRecord>()
  for (let i = 0; i < claimIds.length; i += 500) {
    // Looked up by claim and filtered here: with the status in the statement, SQLite chose the status
    // index and read every published verdict of the desk (tests/bench/RESULTS.md).
    const rows = await db
      .select({
        claimId: tables.verdicts.claimId,
        status: tables.verdicts.status,
        content: tables.verdictSnapshots.content,
      })
      .from(tables.verdicts)
      .innerJoin(tables.verdictSnapshots, eq(tables.verdictSnapshots.id, tables.verdicts.snapshotId))
      .where(inArray(tables.verdicts.claimId, claimIds.slice(i, i + 500)))
    for (const row of rows) {
      if (row.status === 'published') result.set(row.claimId, PublishedRecordSchema.parse(row.content))
    }
  }
  return result
}
