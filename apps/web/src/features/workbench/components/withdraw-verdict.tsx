import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useEffect, useId } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { useRequiredNote } from '../../../components/required-note.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { useWithdrawVerdict } from '../api/workbench.ts'

/**
 * The form that withdraws a published verdict: a public note, and plain words about what the public page
 * will show. Nothing is sent without a note.
 */
export function WithdrawVerdictForm({
  disputeId,
  claimId,
  claimLabel,
  verdictVersion,
  onClose,
  onReload,
}: {
  disputeId: string
  claimId: string
  claimLabel: string
  verdictVersion: number
  onClose: () => void
  onReload: () => void
}) {
  const { t } = useTranslation(['verdicts', 'domain'])
  const withdraw = useWithdrawVerdict(disputeId)
  const withdrawalNote = useRequiredNote(t('verdicts:withdraw.missing'))
  const ids = { heading: useId(), warning: useId() }
  // Opening the form takes the keyboard to the note.
  const noteRef = withdrawalNote.ref
  useEffect(() => {
    noteRef.current?.focus()
  }, [noteRef])

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const note = withdrawalNote.take()
    if (note) withdraw.mutate({ claimId, version: verdictVersion, note }, { onSuccess: onClose })
  }

  return (
    <Form className="form-grid withdraw-form" onSubmit={onSubmit} noValidate aria-labelledby={ids.heading}>
      <p id={ids.heading} className="withdraw-heading">
        <strong>{t('verdicts:withdraw.heading')}</strong>
        <span className="visually-hidden">
          <Trans
            t={t}
            i18nKey="verdicts:hiddenOn"
            values={{ claim: claimLabel }}
            components={SENTENCE_TAGS}
          />
        </span>
      </p>
      <p id={ids.warning} className="withdraw-warning">
        {t('verdicts:withdraw.warning')}
      </p>
      <Field
        as="textarea"
        label={t('domain:field.withdrawalNote')}
        labelNote={t('verdicts:withdraw.labelNote')}
        path="note"
        error={withdraw.error}
        {...withdrawalNote.field}
        rows={3}
        dir="auto"
        required
        maxLength={LIMITS.longText}
        aria-describedby={ids.warning}
      />
      <ActionError error={withdraw.error} action={t('verdicts:withdraw.failed')} onReload={onReload} />
      <div className="actions compact">
        <button type="submit" className="danger" disabled={withdraw.isPending}>
          {withdraw.isPending ? t('verdicts:withdraw.sending') : t('verdicts:withdraw.submit')}
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          {t('verdicts:cancel')}
        </button>
      </div>
    </Form>
  )
}
