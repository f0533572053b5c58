import { LIMITS, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'

/** The decision on a pending correction, as a mutation: approve, or reject with a note. */
export interface Deciding {
  isPending: boolean
  error: Error | null
  /** The last decision sent was a rejection (or a taking back). */
  rejected: boolean
  approve: () => void
  reject: (note: string) => void
}

/**
 * A correction proposed under the two-person rule, waiting for a second editor (a verdict's change of
 * rating, a conclusion's new finding): who proposed what and why; another editor approves or rejects
 * it, the proposer may take it back. `change` is what is proposed: a verdict's rating, a conclusion's finding.
 */
export function PendingDecision({
  pending,
  user,
  heading,
  details,
  change,
  on,
  ownNote,
  deciding,
  onReload,
}: {
  pending: { proposedBy: { id: string; name: string }; proposedAt: string; note: string }
  user: SessionUser
  /** The first line: what is proposed, and by whom. */
  heading: ReactNode
  /** What else it changes, under the first line. */
  details: ReactNode
  change: 'rating' | 'finding'
  /** What the change is made on, for screen readers when several stand side by side (the claim). */
  on?: string
  /** What the proposer is told of their own proposal. */
  ownNote: string
  deciding: Deciding
  onReload: () => void
}) {
  const { t } = useTranslation('verdicts')
  const [rejecting, setRejecting] = useState(false)
  const rejectNote = useRequiredNote(t('pending.rejectMissing'))
  const headingId = useId()
  const isEditor = roleAtLeast(user.role, 'editor')
  const own = pending.proposedBy.id === user.id
  // The buttons name the change for screen readers, and the claim it is on.
  const named = { t, values: { claim: on }, components: SENTENCE_TAGS }

  const onReject = (event: FormEvent) => {
    event.preventDefault()
    const note = rejectNote.take()
    if (note) deciding.reject(note)
  }

  return (
    // The reject form's note shows its own problems; the decision's other failures show at the end.
    <FieldScope>
      <section className="pending-correction small" aria-labelledby={headingId}>
        <p id={headingId}>{heading}</p>
        {details}
        <p>
          <span className="muted">
            <Trans
              t={t}
              i18nKey="pending.proposed"
              values={{ when: formatMoment(pending.proposedAt) }}
              components={{ time: <time dateTime={pending.proposedAt} /> }}
            />
          </span>{' '}
          <span dir="auto">{pending.note}</span>
        </p>
        {isEditor && own ? <p className="muted">{ownNote}</p> : null}
        {isEditor ? (
          <div className="actions compact">
            {own ? null : (
              <button
                type="button"
                className="primary"
                disabled={deciding.isPending}
                onClick={deciding.approve}
              >
                <Trans i18nKey={`pending.approve.${change}`} {...named} />
              </button>
            )}
            <button
              type="button"
              aria-expanded={rejecting}
              disabled={deciding.isPending}
              onClick={() => {
                setRejecting((r) => !r)
                setTimeout(() => rejectNote.ref.current?.focus(), 0)
              }}
            >
              <Trans i18nKey={own ? `pending.takeBack.${change}` : `pending.reject.${change}`} {...named} />
            </button>
          </div>
        ) : null}
        {rejecting ? (
          <form className="form-grid" onSubmit={onReject} noValidate>
            <Field
              as="textarea"
              label={own ? t('pending.whyTakeBack') : t('pending.whyNot')}
              labelNote={t('required')}
              dir="auto"
              path="note"
              error={deciding.error}
              {...rejectNote.field}
              rows={3}
              required
              maxLength={LIMITS.longText}
            />
            <div className="actions compact">
              <button type="submit" disabled={deciding.isPending}>
                {own ? t('pending.takeBackSubmit') : t(`pending.rejectSubmit.${change}`)}
              </button>
              <button type="button" className="link-button" onClick={() => setRejecting(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : null}
        <ActionError
          error={deciding.error}
          action={deciding.rejected ? t('pending.notTurnedDown') : t(`pending.notApplied.${change}`)}
          onReload={onReload}
        />
      </section>
    </FieldScope>
  )
}
