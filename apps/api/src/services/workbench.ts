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
import { encodeStanceMatrix } from '@counterclaim/domain'
import type { Workbench } from '@counterclaim/shared'
import { relationsAmong } from './claim-relations.ts'
import { loadConclusion } from './conclusions.ts'
import { getDispute } from './disputes.ts'
import { toClaim, toClaimant, toWorkbenchEvidence } from './mappers.ts'
import { changesSincePublication } from './snapshots.ts'
import { loadVerdicts } from './verdicts.ts'

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
    const changes = await changesSincePublication(tx, claimIds)
    return {
      ...dispute,
      claims: claimRows.map((c) => ({
        ...toClaim(c),
        // An unattributed claim has no claimant.
        claimant: (c.claimantId && claimants.get(c.claimantId)) || null,
        verdict: verdicts.get(c.id) ?? null,
        publicationChanges: changes.get(c.id) ?? null,
      })),
      evidence: evidenceRows.map(toWorkbenchEvidence),
      matrix: encodeStanceMatrix(
        evidenceRows.map((e) => e.id),
        claimIds.length,
        stanceRows,
      ),
      conclusion: await loadConclusion(tx, disputeId),
      relations: await relationsAmong(tx, disputeId, claimIds),
    }
  })
}
