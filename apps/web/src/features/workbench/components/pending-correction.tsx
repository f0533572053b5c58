import type { DeskSettings, PendingCorrection, Rating, SessionUser } from '@counterclaim/shared'
import { Trans, useTranslation } from 'react-i18next'
import { otherCorrectedFields } from '../../../components/correction-words.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
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
  const { t } = useTranslation(['verdicts', 'domain'])
  const rating = (value: string | null | undefined) =>
    value ? t(`domain:rating.${value as Rating}`) : t('domain:notRated')
  const decide = useDecideCorrection(disputeId)
  const also = otherCorrectedFields(pending.before, pending.after)
  const ref = { claimId, correctionId: pending.id, version: verdictVersion }
  return (
    <PendingDecision
      pending={pending}
      user={user}
      heading={
        <Trans
          t={t}
          i18nKey="verdicts:pending.ratingHeading"
          values={{
            name: pending.proposedBy.name,
            before: rating(pending.before.rating),
            after: rating(pending.after.rating),
            claim: claimLabel,
          }}
          components={SENTENCE_TAGS}
        />
      }
      details={also.length ? <p>{t('verdicts:pending.alsoChanges', { fields: also.join(', ') })}</p> : null}
      change="rating"
      on={claimLabel}
      ownNote={desk.twoPersonRule ? t('verdicts:pending.ownTwoPerson') : t('verdicts:pending.ownNoRule')}
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
