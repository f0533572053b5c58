import {
  and,
  asc,
  type Db,
  eq,
  inArray,
  isNull,
  readTransaction,
  stanceCellsOf,
  tables,
} from '@counterclaim/db'
import { encodeStanceMatrix, publicationChanges, publishedRecordOf, stanceCellAt } from '@counterclaim/domain'
import type { Workbench } from '@counterclaim/shared'
import { relationsAmong } from './claim-relations.ts'
import { loadConclusion } from './conclusions.ts'
import { getDispute } from './disputes.ts'
import { toClaim, toClaimant, toWorkbenchEvidence } from './mappers.ts'
import { publishedReplies } from './replies.ts'
import { publishedSnapshots } from './snapshots.ts'
import { loadVerdicts } from './verdicts.ts'

type ClaimRow = typeof tables.claims.$inferSelect

/**
 * The whole workbench of a dispute: its live claims with claimants and verdicts, evidence, and the stances
 * as a matrix of evidence rows × claim columns (decision 0019). Its reads run in one read transaction, so
 * no write commits between them and they agree.
 */
export async function getWorkbench(db: Db, disputeId: string): Promise<Workbench> {
  return readTransaction(db, async (tx) => {
    const dispute = await getDispute(tx, disputeId)
    const claimRows = await tx
      .select()
      .from(tables.claims)
      .where(and(eq(tables.claims.disputeId, disputeId), isNull(tables.claims.archivedAt)))
      .orderBy(asc(tables.claims.position), asc(tables.claims.createdAt))
    // Their claimants by id, apart: joined, PostgreSQL expected a dispute's average of claims and hashed
    // every claimant of the desk (3 ms at 5,000 claimants, and growing with them).
    const claimantIds = [...new Set(claimRows.flatMap((c) => (c.claimantId ? [c.claimantId] : [])))]
    const claimants = new Map(
      (claimantIds.length
        ? await tx.select().from(tables.claimants).where(inArray(tables.claimants.id, claimantIds))
        : []
      ).map((c) => [c.id, toClaimant(c)]),
    )
    const evidenceRows = await tx
      .select()
      .from(tables.evidence)
      .where(and(eq(tables.evidence.disputeId, disputeId), isNull(tables.evidence.archivedAt)))
      .orderBy(asc(tables.evidence.createdAt), asc(tables.evidence.id))
    const claimIds = claimRows.map((c) => c.id)
    // Cells of archived evidence fall out of the matrix.
    const stanceRows = await stanceCellsOf(tx, claimIds)
    const verdicts = await loadVerdicts(tx, claimIds)
    const matrix = encodeStanceMatrix(
      evidenceRows.map((e) => e.id),
      claimIds.length,
      stanceRows,
    )
    // What changed since publication, for each published verdict: its live record is built from the rows
    // read above (a verdict cites only live items of its own dispute, which these rows hold), so only the
    // snapshots and the reply logs are read for it (decision 0019).
    const snapshots = await publishedSnapshots(tx, claimIds)
    const replies = await publishedReplies(tx, [...snapshots.keys()])
    const itemOf = new Map(evidenceRows.map((e, row) => [e.id, { e, row }]))
    const claimantOf = (c: ClaimRow) => (c.claimantId && claimants.get(c.claimantId)) || null
    const changesOf = (c: ClaimRow, column: number) => {
      const snapshot = snapshots.get(c.id)
      const verdict = verdicts.get(c.id)
      if (!snapshot || !verdict) return null
      const citedEvidence = verdict.citedEvidenceIds.flatMap((id) => {
        const item = itemOf.get(id)
        return item ? [{ ...item.e, stance: stanceCellAt(matrix, item.row, column)?.stance ?? null }] : []
      })
      const live = publishedRecordOf({
        claim: c,
        claimant: claimantOf(c),
        verdict,
        citedEvidence,
        replies: replies.get(c.id) ?? [],
      })
      return publicationChanges(snapshot, live)
    }
    return {
      ...dispute,
      claims: claimRows.map((c, column) => ({
        ...toClaim(c),
        // An unattributed claim has no claimant.
        claimant: claimantOf(c),
        verdict: verdicts.get(c.id) ?? null,
        publicationChanges: changesOf(c, column),
      })),
      evidence: evidenceRows.map(toWorkbenchEvidence),
      matrix,
      conclusion: await loadConclusion(tx, disputeId),
      relations: await relationsAmong(tx, disputeId, claimIds),
    }
  })
}
