import { type Conclusion, ConclusionSchema, type DeskSettings, LIMITS } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { ConflictChoices, type ConflictField, useRecordDraft } from '../../../components/record-conflict.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import {
  type ConclusionCorrectInput,
  useConclusionStep,
  useCorrectConclusion,
  useSaveConclusion,
} from '../api/conclusion.ts'
import { RationaleField } from './rationale-field.tsx'
import {
  CorrectionFormEnd,
  DraftFormEnd,
  ReturnedNote,
  useDraftSaving,
  useFocusOnOpen,
} from './review-form-parts.tsx'

const valuesOf = (conclusion: Conclusion | null) => ({
  finding: conclusion?.finding ?? '',
  rationale: conclusion?.rationale ?? '',
})
type ConclusionValues = ReturnType<typeof valuesOf>

/** The conclusion's fields as a conflict names them, in the interface's language now. */
const fieldsNow = (): readonly ConflictField<ConclusionValues>[] => [
  { key: 'finding', label: i18n.t('verdicts:field.finding') },
  { key: 'rationale', label: i18n.t('verdicts:field.rationale') },
]

const parse = (details: unknown): Conclusion | null => ConclusionSchema.safeParse(details).data ?? null

/** The finding: one or two public sentences that answer the dispute's question by comparing the claims. */
function FindingField(props: { value: string; onChange: (value: string) => void; error: Error | null }) {
  const { value, onChange, error } = props
  const { t } = useTranslation('verdicts')
  return (
    <Field
      as="textarea"
      label={t('field.finding')}
      dir="auto"
      path="finding"
      error={error}
      value={value}
      rows={2}
      maxLength={LIMITS.summary}
      onChange={(e) => onChange(e.target.value)}
      hint={t('conclusion.findingHint', { max: LIMITS.summary, length: value.length })}
    />
  )
}

/**
 * The conclusion's draft: the finding and the Markdown rationale. Saves with If-Match (412-safe through
 * record-conflict.tsx); "Submit for review" saves, then submits.
 */
export function ConclusionDraftForm({
  disputeId,
  conclusion,
  onClose,
  onReload,
}: {
  disputeId: string
  conclusion: Conclusion | null
  onClose: () => void
  onReload: () => void
}) {
  const { t } = useTranslation('verdicts')
  const save = useSaveConclusion(disputeId)
  const step = useConclusionStep(disputeId)
  const fields = fieldsNow()
  const draft = useRecordDraft({ record: conclusion, valuesOf, fields, parse })
  const { finding, rationale } = draft.values
  const ids = { heading: useId(), submitReason: useId() }
  const heading = useFocusOnOpen()
  const submitReason = finding.trim() ? null : t('conclusion.submitReason')
  const { saved, onSave, onSubmitForReview } = useDraftSaving({
    draft,
    save: () => save.mutateAsync({ version: draft.version, json: { finding, rationale } }),
    submit: (record) => step.mutate({ version: record.version, step: 'submit' }, { onSuccess: onClose }),
    submitReason,
  })

  return (
    <section className="conclusion-form" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} ref={heading} tabIndex={-1}>
        {conclusion ? t('conclusion.edit') : t('conclusion.write')}
      </h3>
      <ReturnedNote note={conclusion?.returnNote} />
      <Form onSubmit={onSave} className="form-grid">
        <ConflictChoices draft={draft} entity="conclusion" fields={fields} />
        <FindingField
          value={finding}
          onChange={(v) => draft.set('finding', v)}
          error={save.error ?? step.error}
        />
        <RationaleField
          value={rationale}
          onChange={(v) => draft.set('rationale', v)}
          error={save.error ?? step.error}
        />
        <DraftFormEnd
          what="conclusion"
          save={save}
          step={step}
          saved={saved}
          submitReason={submitReason}
          submitReasonId={ids.submitReason}
          onSubmitForReview={onSubmitForReview}
          onClose={onClose}
          onReload={onReload}
          onReloadSaved={draft.takeTheirs}
        />
      </Form>
    </section>
  )
}

/**
 * Corrects the published conclusion: starts from the published finding and rationale and needs a public
 * correction note. Only changed fields are sent. Under the two-person rule a new finding waits for a second
 * editor; a change of the rationale alone is published at once.
 */
export function ConclusionCorrectionForm({
  disputeId,
  conclusion,
  desk,
  onClose,
  onCorrected,
  onReload,
}: {
  disputeId: string
  conclusion: Conclusion
  desk: DeskSettings
  onClose: () => void
  onCorrected: (outcome: 'applied' | 'pending') => void
  onReload: () => void
}) {
  const { t } = useTranslation('verdicts')
  const correct = useCorrectConclusion(disputeId)
  const fields = fieldsNow()
  const draft = useRecordDraft({ record: conclusion, valuesOf, fields, parse })
  const { finding, rationale } = draft.values
  const [note, setNote] = useState('')
  const headingId = useId()
  const heading = useFocusOnOpen()

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    const json: ConclusionCorrectInput = { correctionNote: note }
    if (finding !== draft.from.finding) json.finding = finding
    if (rationale !== draft.from.rationale) json.rationale = rationale
    correct.mutate(
      { version: draft.version ?? conclusion.version, json },
      {
        onSuccess: (answer) =>
          onCorrected('status' in answer && answer.status === 'pending' ? 'pending' : 'applied'),
        onError: draft.failed,
      },
    )
  }

  return (
    <section className="conclusion-form" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('conclusion.correctHeading')}
      </h3>
      <p className="hint">{desk.twoPersonRule ? t('conclusion.staysTwoPerson') : t('conclusion.stays')}</p>
      <Form onSubmit={onSubmit} className="form-grid">
        <ConflictChoices draft={draft} entity="conclusion" fields={fields} />
        <FindingField value={finding} onChange={(v) => draft.set('finding', v)} error={correct.error} />
        <RationaleField value={rationale} onChange={(v) => draft.set('rationale', v)} error={correct.error} />
        <CorrectionFormEnd
          what="conclusion"
          noteHint={t('conclusion.noteHint')}
          note={note}
          onNote={setNote}
          correct={correct}
          onReloadSaved={draft.takeTheirs}
          onReload={onReload}
          onClose={onClose}
        />
      </Form>
    </section>
  )
}
