import type { DeskSettings, PendingCorrection, SessionUser } from '@counterclaim/shared'
import { otherCorrectedFields, ratingWords } from '../../../components/correction-words.ts'
import { useDecideCorrection } from '../api/workbench.ts'
import { PendingDecision } from './pending-decision.tsx'

/**
 * A rating change proposed under the two-person rule, on the claim's verdict box: who proposed what and
 * why; another editor approves or rejects it, the proposer may take it back.
 */
export function PendingCorrectionNotice({
  disputeId,
  claimId,
  claimLabel,
  pending,
  verdictVersion,
  user,
  desk,
  onReload,
}: {
  disputeId: string
  claimId: string
  claimLabel: string
  pending: PendingCorrection
  verdictVersion: number
  user: SessionUser
  desk: DeskSettings
  onReload: () => void
}) {
  const decide = useDecideCorrection(disputeId)
  const also = otherCorrectedFields(pending.before, pending.after)
  const ref = { claimId, correctionId: pending.id, version: verdictVersion }
  return (
    <PendingDecision
      pending={pending}
      user={user}
      heading={
        <>
          <strong>Rating change proposed by {pending.proposedBy.name}:</strong>{' '}
          {ratingWords(pending.before.rating)} → {ratingWords(pending.after.rating)} — waiting for a second
          editor
          <span className="visually-hidden"> ({claimLabel})</span>
        </>
      }
      details={also.length ? <p>It also changes {also.join(', ')}.</p> : null}
      change="the rating change"
      on={claimLabel}
      ownNote={
        desk.twoPersonRule
          ? 'You proposed it: another editor must approve it before the public sees it.'
          : 'You proposed it while the desk kept the two-person rule: another editor must approve it, or take it back and publish the correction yourself.'
      }
      deciding={{
        isPending: decide.isPending,
        error: decide.error,
        rejected: decide.variables?.decision === 'reject',
        approve: () => decide.mutate({ ...ref, decision: 'approve' }),
        reject: (note) => decide.mutate({ ...ref, decision: 'reject', note }),
      }}
      onReload={onReload}
    />
  )
}
