import { and, asc, type Db, eq, inArray, isNotNull, isNull, readTransaction, tables } from '@counterclaim/db'
import { claimHeadline, claimReviewedText } from '@counterclaim/domain'
import { AppError, type ClaimRelationKind, type PublishedRecord } from '@counterclaim/shared'
import { type PublicConclusion, publishedConclusion } from './conclusions.ts'
import {
  type PublicVerdict,
  type Publishing,
  publicVerdictViews,
  type WithdrawalNotice,
} from './public-verdicts.ts'
import { found } from './versioning.ts'

/** One claim of the public dispute page: its published verdict, or the notice of its withdrawal. */
export type PublicDisputeClaim =
  | { claimId: string; state: 'published'; view: PublicVerdict }
  | { claimId: string; state: 'withdrawn'; notice: WithdrawalNotice }

/** A relation between two published claims, from the conclusion as it was published. */
export interface PublicRelation {
  claimId: string
  otherClaimId: string
  kind: ClaimRelationKind
  note: string
}

/** One evidence item cited by any published verdict of the dispute, with each claim's published stance of it. */
export interface PublicEvidenceRow {
  source: PublishedRecord['citedEvidence'][number]
  /** By claim id (published claims only): the stance that claim's snapshot gives it, or 'not_cited'. */
  cells: Map<string, PublishedRecord['citedEvidence'][number]['stance'] | 'not_cited'>
}

/** Everything the public dispute page shows: published content only (snapshots and the frozen conclusion). */
export interface PublicDispute {
  disputeId: string
  /** The conclusion's frozen title and question once one is published; the dispute's own until then. */
  title: string
  question: string
  conclusion: PublicConclusion | null
  /** Claims with a published or withdrawn verdict, in the dispute's column order. */
  claims: PublicDisputeClaim[]
  /** Relations between claims shown as published, from a published (not withdrawn) conclusion. */
  relations: PublicRelation[]
  evidence: PublicEvidenceRow[]
}

const c = tables.claims
const v = tables.verdicts

/**
 * The public page of a dispute: not_found unless the dispute (not archived) has a published or withdrawn
 * conclusion or at least one published verdict.
 */
export function getPublicDispute(db: Db, disputeId: string, publishing: Publishing): Promise<PublicDispute> {
  return readTransaction(db, async (tx) => {
    const [dispute] = await tx
      .select({ title: tables.disputes.title, question: tables.disputes.question })
      .from(tables.disputes)
      .where(and(eq(tables.disputes.id, disputeId), isNull(tables.disputes.archivedAt)))
      .limit(1)
    const live = found(dispute, 'Published dispute')
    const rows = await tx
      .select({
        claimId: c.id,
        status: v.status,
        publishedAt: v.publishedAt,
        withdrawnAt: v.withdrawnAt,
        withdrawalNote: v.withdrawalNote,
      })
      .from(c)
      .innerJoin(v, eq(v.claimId, c.id))
      .where(
        and(
          eq(c.disputeId, disputeId),
          isNull(c.archivedAt),
          inArray(v.status, ['published', 'withdrawn']),
          isNotNull(v.snapshotId),
        ),
      )
      .orderBy(asc(c.position), asc(c.id))
    const conclusion = await publishedConclusion(tx, disputeId)
    if (!conclusion && !rows.some((row) => row.status === 'published')) {
      throw new AppError('not_found', 'Published dispute not found.')
    }
    const views = new Map(
      (
        await publicVerdictViews(
          tx,
          rows.map((row) => row.claimId),
          publishing,
        )
      ).map((view) => [view.verdict.claimId, view]),
    )
    const claims = rows.flatMap((row): PublicDisputeClaim[] => {
      const view = views.get(row.claimId)
      if (!view) return []
      if (row.status === 'published') return [{ claimId: row.claimId, state: 'published', view }]
      return [
        {
          claimId: row.claimId,
          state: 'withdrawn',
          notice: {
            claimId: row.claimId,
            claimReviewed: claimReviewedText(view.record.claim),
            headline: claimHeadline(view.record.claim),
            publishedAt: row.publishedAt,
            withdrawnAt: row.withdrawnAt ?? '',
            note: row.withdrawalNote ?? '',
          },
        },
      ]
    })
    const published = claims.flatMap((claim) => (claim.state === 'published' ? [claim] : []))
    const shown = new Set(published.map((claim) => claim.claimId))
    const relations =
      conclusion?.status === 'published'
        ? conclusion.published.relations.filter((r) => shown.has(r.claimId) && shown.has(r.otherClaimId))
        : []
    return {
      disputeId,
      title: conclusion?.published.title ?? live.title,
      question: conclusion?.published.question ?? live.question,
      conclusion,
      claims,
      relations,
      evidence: evidenceMatrix(published.map((claim) => claim.view)),
    }
  })
}

/** Rows: each source any published verdict cites, in the order first cited; a cell per published claim. */
function evidenceMatrix(views: PublicVerdict[]): PublicEvidenceRow[] {
  const rows = new Map<string, PublicEvidenceRow>()
  for (const view of views) {
    for (const source of view.record.citedEvidence) {
      if (!rows.has(source.id)) rows.set(source.id, { source, cells: new Map() })
    }
  }
  for (const row of rows.values()) {
    for (const view of views) {
      const cited = view.record.citedEvidence.find((s) => s.id === row.source.id)
      row.cells.set(view.verdict.claimId, cited ? cited.stance : 'not_cited')
    }
  }
  return [...rows.values()]
}
