import { type Conclusion, ConclusionSchema, type DeskSettings, LIMITS } from '@counterclaim/shared'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { blockedBy } from '../../../components/blocked-button.ts'
import { Field, Form } from '../../../components/field.tsx'
import { ConflictChoices, type ConflictField, useRecordDraft } from '../../../components/record-conflict.tsx'
import {
  type ConclusionCorrectInput,
  useConclusionStep,
  useCorrectConclusion,
  useSaveConclusion,
} from '../api/conclusion.ts'
import { RationaleField } from './rationale-field.tsx'

const valuesOf = (conclusion: Conclusion | null) => ({
  finding: conclusion?.finding ?? '',
  rationale: conclusion?.rationale ?? '',
})
type ConclusionValues = ReturnType<typeof valuesOf>

const FIELDS: readonly ConflictField<ConclusionValues>[] = [
  { key: 'finding', label: 'Finding' },
  { key: 'rationale', label: 'Rationale' },
]

const parse = (details: unknown): Conclusion | null => ConclusionSchema.safeParse(details).data ?? null

/** The finding: one or two public sentences that answer the dispute's question by comparing the claims. */
function FindingField(props: { value: string; onChange: (value: string) => void; error: Error | null }) {
  const { value, onChange, error } = props
  return (
    <Field
      as="textarea"
      label="Finding"
      path="finding"
      error={error}
      value={value}
      rows={2}
      maxLength={LIMITS.summary}
      onChange={(e) => onChange(e.target.value)}
      hint={`How the claims compare, for the public: “Both hold: …”. At most ${LIMITS.summary} characters (${value.length}/${LIMITS.summary}).`}
    />
  )
}

/** Takes the reader (and the keyboard) to a form as it opens. */
function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
  }, [])
  return heading
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
  const save = useSaveConclusion(disputeId)
  const step = useConclusionStep(disputeId)
  const draft = useRecordDraft({ record: conclusion, valuesOf, fields: FIELDS, parse })
  const { finding, rationale } = draft.values
  const [saved, setSaved] = useState<string | null>(null)
  const ids = { heading: useId(), submitReason: useId() }
  const heading = useFocusOnOpen()
  const submitReason = finding.trim() ? null : 'Write the finding before submitting it for review.'

  const saveDraft = async () => {
    setSaved(null)
    try {
      const record = await save.mutateAsync({ version: draft.version, json: { finding, rationale } })
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
      () => setSaved('Draft saved.'),
      () => undefined, // shown by ActionError
    )
  }

  const onSubmitForReview = () => {
    if (submitReason) return
    saveDraft().then(
      (record) => step.mutate({ version: record.version, step: 'submit' }, { onSuccess: onClose }),
      () => undefined,
    )
  }

  const busy = save.isPending || step.isPending
  return (
    <section className="conclusion-form" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} ref={heading} tabIndex={-1}>
        {conclusion ? 'Edit the conclusion' : 'Write the conclusion'}
      </h3>
      {conclusion?.returnNote ? (
        <p className="note-returned">
          <strong>Returned by the editor:</strong> {conclusion.returnNote}
        </p>
      ) : null}
      <Form onSubmit={onSave} className="form-grid">
        <ConflictChoices draft={draft} entity="conclusion" fields={FIELDS} />
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
        <ActionError
          error={save.error}
          action="The conclusion was not saved."
          onReload={() => {
            draft.takeTheirs()
            save.reset()
            onReload()
          }}
        />
        <ActionError
          error={step.error}
          action="The conclusion was not submitted for review."
          onReload={onReload}
        />
        {saved ? (
          <p role="status" className="ok small">
            {saved}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {save.isPending ? 'Saving…' : 'Save draft'}
          </button>
          <button
            type="button"
            disabled={busy}
            {...blockedBy(submitReason, ids.submitReason)}
            onClick={onSubmitForReview}
          >
            {step.isPending ? 'Submitting…' : 'Submit for review'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        {submitReason ? (
          <p id={ids.submitReason} className="reason small">
            {submitReason}
          </p>
        ) : null}
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
  const correct = useCorrectConclusion(disputeId)
  const draft = useRecordDraft({ record: conclusion, valuesOf, fields: FIELDS, parse })
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
        Correct the conclusion
      </h3>
      <p className="hint">
        The conclusion stays published. The public page lists every correction with its date and note.
        {desk.twoPersonRule
          ? ' Under the two-person rule, a new finding is published once a second editor approves it; a change of the rationale alone is published at once.'
          : ''}
      </p>
      <Form onSubmit={onSubmit} className="form-grid">
        <ConflictChoices draft={draft} entity="conclusion" fields={FIELDS} />
        <FindingField value={finding} onChange={(v) => draft.set('finding', v)} error={correct.error} />
        <RationaleField value={rationale} onChange={(v) => draft.set('rationale', v)} error={correct.error} />
        <Field
          as="textarea"
          label="Correction note"
          labelNote=" (required)"
          path="correctionNote"
          error={correct.error}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={3}
          aria-required="true"
          maxLength={LIMITS.longText}
          hint="Public: shown with its date under the conclusion. Say what changed and why."
        />
        <ActionError
          error={correct.error}
          action="The conclusion was not corrected."
          onReload={() => {
            draft.takeTheirs()
            correct.reset()
            onReload()
          }}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={correct.isPending}>
            {correct.isPending ? 'Publishing…' : 'Publish correction'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Form>
    </section>
  )
}
