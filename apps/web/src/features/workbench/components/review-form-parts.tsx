import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { blockedBy } from '../../../components/blocked-button.ts'
import { Field } from '../../../components/field.tsx'
import type { RecordDraft } from '../../../components/record-conflict.tsx'

// The parts the verdict's and the conclusion's review forms share: the draft form's save and submit, the
// correction form's note and actions, in the words of the record each one edits.

/** What a review form calls its record in its messages. */
export type ReviewedWords = 'verdict' | 'conclusion'

/** A mutation as these parts read it. */
interface Sending {
  isPending: boolean
  error: Error | null
  reset: () => void
}

/** Takes the reader (and the keyboard) to a form as it opens. */
export function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
  }, [])
  return heading
}

/** The editor's note on a draft returned from review. */
export function ReturnedNote({ note }: { note: string | null | undefined }) {
  const { t } = useTranslation('verdicts')
  if (!note) return null
  return (
    <p className="note-returned">
      <strong>{t('form.returnedByEditor')}</strong> <span dir="auto">{note}</span>
    </p>
  )
}

/**
 * A draft's saving: "Save draft" saves and says so; "Submit for review" saves, then submits the saved
 * version. A failed save reaches the draft (a 412 becomes a conflict to resolve) and its ActionError.
 */
export function useDraftSaving<R extends { id: string; version: number }>(options: {
  draft: Pick<RecordDraft<never>, 'saved' | 'failed'>
  save: () => Promise<R>
  submit: (record: R) => void
  submitReason: string | null
}) {
  const { draft, save, submit, submitReason } = options
  const { t } = useTranslation('verdicts')
  const [saved, setSaved] = useState<string | null>(null)
  const saveDraft = async () => {
    setSaved(null)
    try {
      const record = await save()
      draft.saved(record)
      return record
    } catch (error) {
      if (error instanceof Error) draft.failed(error)
      throw error
    }
  }
  const onSave = (event: FormEvent) => {
    event.preventDefault()
    saveDraft().then(
      () => setSaved(t('form.draftSaved')),
      () => undefined, // shown by ActionError
    )
  }
  const onSubmitForReview = () => {
    if (submitReason) return
    saveDraft().then(submit, () => undefined)
  }
  return { saved, onSave, onSubmitForReview }
}

/** The end of a draft form: why saving or submitting failed, "Draft saved.", the buttons, why submitting waits. */
export function DraftFormEnd({
  what,
  save,
  step,
  saved,
  submitReason,
  submitReasonId,
  onSubmitForReview,
  onClose,
  onReload,
  onReloadSaved,
}: {
  what: ReviewedWords
  save: Sending
  step: Sending
  saved: string | null
  submitReason: string | null
  submitReasonId: string
  onSubmitForReview: () => void
  onClose: () => void
  onReload: () => void
  /** Reloads after a refused save: drops the typing first. */
  onReloadSaved: () => void
}) {
  const { t } = useTranslation('verdicts')
  const busy = save.isPending || step.isPending
  return (
    <>
      <ActionError
        error={save.error}
        action={t(`form.notSaved.${what}`)}
        onReload={() => {
          onReloadSaved()
          save.reset()
          onReload()
        }}
      />
      <ActionError error={step.error} action={t(`form.notSubmitted.${what}`)} onReload={onReload} />
      {saved ? (
        <p role="status" className="ok small">
          {saved}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {save.isPending ? t('form.saving') : t('form.saveDraft')}
        </button>
        <button
          type="button"
          disabled={busy}
          {...blockedBy(submitReason, submitReasonId)}
          onClick={onSubmitForReview}
        >
          {step.isPending ? t('form.submitting') : t('form.submitForReview')}
        </button>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {submitReason ? (
        <p id={submitReasonId} className="reason small">
          {submitReason}
        </p>
      ) : null}
    </>
  )
}

/** The end of a correction form: its public note, why it failed, and the buttons. */
export function CorrectionFormEnd({
  what,
  noteHint,
  note,
  onNote,
  correct,
  onReloadSaved,
  onReload,
  onClose,
}: {
  what: ReviewedWords
  /** Where the public sees the note. */
  noteHint: string
  note: string
  onNote: (note: string) => void
  correct: Sending
  /** Reloads after a refused correction: drops the typing first. */
  onReloadSaved: () => void
  onReload: () => void
  onClose: () => void
}) {
  const { t } = useTranslation(['verdicts', 'domain'])
  return (
    <>
      <Field
        as="textarea"
        label={t('domain:field.correctionNote')}
        labelNote={t('verdicts:required')}
        dir="auto"
        path="correctionNote"
        error={correct.error}
        value={note}
        onChange={(e) => onNote(e.target.value)}
        rows={3}
        aria-required="true"
        maxLength={LIMITS.longText}
        hint={noteHint}
      />
      <ActionError
        error={correct.error}
        action={t(`verdicts:form.notCorrected.${what}`)}
        onReload={() => {
          onReloadSaved()
          correct.reset()
          onReload()
        }}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={correct.isPending}>
          {correct.isPending ? t('verdicts:form.publishing') : t('verdicts:form.publishCorrection')}
        </button>
        <button type="button" onClick={onClose}>
          {t('verdicts:cancel')}
        </button>
      </div>
    </>
  )
}
