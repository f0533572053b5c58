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
import { publicationChanges } from '@counterclaim/domain'
import { type PublishedRecord, PublishedRecordSchema } from '@counterclaim/shared'
import { found } from './versioning.ts'

type Reader = Db | Tx

/**
 * What the public would see of this verdict if it were published now: the live claim, claimant,
 * verdict fields and cited evidence. Archived evidence is left out: archiving a source takes it
 * off the next snapshot, never off the one the public already has.
 */
export function liveRecord(db: Reader, verdictId: string): PublishedRecord {
  const verdict = found(
    db.select().from(tables.verdicts).where(eq(tables.verdicts.id, verdictId)).get(),
    'Verdict',
  )
  const claim = found(
    db.select().from(tables.claims).where(eq(tables.claims.id, verdict.claimId)).get(),
    'Claim',
  )
  const claimant = found(
    db.select().from(tables.claimants).where(eq(tables.claimants.id, claim.claimantId)).get(),
    'Claimant',
  )
  const sources = db
    .select({ evidence: tables.evidence })
    .from(tables.verdictCitations)
    .innerJoin(tables.evidence, eq(tables.evidence.id, tables.verdictCitations.evidenceId))
    .where(and(eq(tables.verdictCitations.verdictId, verdictId), isNull(tables.evidence.archivedAt)))
    .orderBy(asc(tables.verdictCitations.position))
    .all()
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
    claimant: {
      id: claimant.id,
      name: claimant.name,
      kind: claimant.kind,
      description: claimant.description,
      url: claimant.url,
      sameAs: claimant.sameAs,
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
    })),
  }
}

/**
 * Freezes what the public sees of a verdict from its live records and points the verdict at it;
 * call it inside the transaction that publishes, corrects or imports the verdict (the import's is
 * opened by hand on its worker's connection, so it passes that Db).
 */
export function takeSnapshot(
  tx: Reader,
  input: { verdictId: string; at: string; reason: 'published' | 'corrected' | 'imported' },
): PublishedRecord {
  const content = liveRecord(tx, input.verdictId)
  const id = randomUUID()
  tx.insert(tables.verdictSnapshots)
    .values({ id, verdictId: input.verdictId, takenAt: input.at, reason: input.reason, content })
    .run()
  tx.update(tables.verdicts).set({ snapshotId: id }).where(eq(tables.verdicts.id, input.verdictId)).run()
  return content
}

/** The snapshots these ids name, keyed by snapshot id. */
export function readSnapshots(db: Reader, snapshotIds: string[]): Map<string, PublishedRecord> {
  const result = new Map<string, PublishedRecord>()
  for (let i = 0; i < snapshotIds.length; i += 500) {
    const rows = db
      .select({ id: tables.verdictSnapshots.id, content: tables.verdictSnapshots.content })
      .from(tables.verdictSnapshots)
      .where(inArray(tables.verdictSnapshots.id, snapshotIds.slice(i, i + 500)))
      .all()
    for (const row of rows) result.set(row.id, PublishedRecordSchema.parse(row.content))
  }
  return result
}

/**
 * Gives every published or withdrawn verdict that has no snapshot (one published before snapshots
 * existed) a snapshot of its records as they stand, so the public reads snapshots only.
 */
export function backfillSnapshots(db: Db, at: string): number {
  return insertMissingSnapshots(db, at)
}

/** How the live records differ from the snapshot the public sees; null unless the verdict is published. */
export function changesSincePublication(
  db: Reader,
  verdict: { id: string; status: string; snapshotId: string | null },
) {
  if (verdict.status !== 'published' || !verdict.snapshotId) return null
  const published = readSnapshots(db, [verdict.snapshotId]).get(verdict.snapshotId)
  return published ? publicationChanges(published, liveRecord(db, verdict.id)) : null
}
