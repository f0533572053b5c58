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
      .select({ claim: tables.claims, claimant: tables.claimants })
      .from(tables.claims)
      // An unattributed claim has no claimant row.
      .leftJoin(tables.claimants, eq(tables.claimants.id, tables.claims.claimantId))
      .where(and(eq(tables.claims.disputeId, disputeId), isNull(tables.claims.archivedAt)))
      .orderBy(asc(tables.claims.position), asc(tables.claims.createdAt))
    const evidenceRows = await tx
      .select()
      .from(tables.evidence)
      .where(and(eq(tables.evidence.disputeId, disputeId), isNull(tables.evidence.archivedAt)))
      .orderBy(asc(tables.evidence.createdAt), asc(tables.evidence.id))
    const claimIds = claimRows.map((r) => r.claim.id)
    // Cells of archived evidence fall out of the matrix.
    const stanceRows = await stanceCellsOf(tx, claimIds)
    const verdicts = await loadVerdicts(tx, claimIds)
    // Looked up by claim (one verdict each) and filtered here: with the status in the statement, SQLite
    // chose the status index and read every published verdict of the desk (tests/bench/RESULTS.md).
    const published = (
      claimIds.length
        ? await tx
            .select({
              claimId: tables.verdicts.claimId,
              id: tables.verdicts.id,
              status: tables.verdicts.status,
              snapshotId: tables.verdicts.snapshotId,
            })
            .from(tables.verdicts)
            .where(inArray(tables.verdicts.claimId, claimIds))
        : []
    ).filter((v) => v.status === 'published')
    const changes = new Map<string, Awaited<ReturnType<typeof changesSincePublication>>>()
    for (const v of published) changes.set(v.claimId, await changesSincePublication(tx, v))
    return {
      ...dispute,
      claims: claimRows.map((r) => ({
        ...toClaim(r.claim),
        claimant: r.claimant && toClaimant(r.claimant),
        verdict: verdicts.get(r.claim.id) ?? null,
        publicationChanges: changes.get(r.claim.id) ?? null,
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
