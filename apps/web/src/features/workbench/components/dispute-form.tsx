import { type Dispute, DisputeSchema, type DisputeStatus, LIMITS, type Workbench } from '@counterclaim/shared'
import type { TFunction } from 'i18next'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { ConflictChoices, type ConflictField, useRecordDraft } from '../../../components/record-conflict.tsx'
import { parseTags, TAGS_TEXT_MAX } from '../../../components/tags.ts'
import { useReloadWorkbench, useUpdateDispute } from '../api/workbench.ts'

/** What the form holds of a dispute: its fields as typed. */
function disputeValues(dispute: Dispute | null) {
  return {
    title: dispute?.title ?? '',
    question: dispute?.question ?? '',
    summary: dispute?.summary ?? '',
    tags: dispute?.tags.join(', ') ?? '',
    status: dispute?.status ?? ('open' as DisputeStatus),
    independentRatings: dispute?.independentRatings ?? false,
  }
}
type DisputeValues = ReturnType<typeof disputeValues>

const parseDispute = (details: unknown): Dispute | null => DisputeSchema.safeParse(details).data ?? null

/** The dispute form's fields, named in the interface's language, as a conflict lists them. */
function disputeFields(t: TFunction<'workbench'>): readonly ConflictField<DisputeValues>[] {
  return [
    { key: 'question', label: t('disputeForm.question') },
    { key: 'title', label: t('disputeForm.title') },
    { key: 'tags', label: t('disputeForm.tags') },
    { key: 'summary', label: t('disputeForm.summary') },
    {
      key: 'status',
      label: t('disputeForm.status'),
      show: (status) => (status === 'closed' ? t('disputeForm.closed') : t('disputeForm.open')),
    },
    {
      key: 'independentRatings',
      label: t('disputeForm.independentRatings'),
      show: (on) => (on ? t('disputeForm.on') : t('disputeForm.off')),
    },
  ]
}

/** Edits the dispute itself in place: title, question, summary, tags, open or closed (with If-Match). */
export function DisputeForm({ dispute, onDone }: { dispute: Workbench; onDone: () => void }) {
  const { t } = useTranslation('workbench')
  const fields = disputeFields(t)
  const update = useUpdateDispute(dispute.id)
  const reload = useReloadWorkbench(dispute.id)
  const draft = useRecordDraft({
    record: dispute,
    valuesOf: disputeValues,
    fields,
    parse: parseDispute,
  })
  const { title, question, summary, tags, status, independentRatings } = draft.values
  const error = update.error

  const submit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate(
      {
        version: draft.version ?? dispute.version,
        json: { title, question, summary, tags: parseTags(tags), status, independentRatings },
      },
      { onSuccess: onDone, onError: draft.failed },
    )
  }

  return (
    <Form
      className="panel form-grid two-col dispute-form"
      onSubmit={submit}
      aria-label={t('disputeForm.edit')}
    >
      <ConflictChoices className="span-2" draft={draft} entity="dispute" fields={fields} />
      <Field
        as="textarea"
        className="span-2"
        label={t('disputeForm.question')}
        path="question"
        error={error}
        value={question}
        dir="auto"
        onChange={(e) => draft.set('question', e.target.value)}
        rows={2}
        required
        maxLength={LIMITS.question}
      />
      <Field
        label={t('disputeForm.title')}
        path="title"
        error={error}
        value={title}
        dir="auto"
        onChange={(e) => draft.set('title', e.target.value)}
        required
        maxLength={LIMITS.title}
      />
      <Field
        label={t('disputeForm.tags')}
        path="tags"
        error={error}
        value={tags}
        dir="auto"
        onChange={(e) => draft.set('tags', e.target.value)}
        maxLength={TAGS_TEXT_MAX}
      />
      <Field
        as="textarea"
        className="span-2"
        label={t('disputeForm.summary')}
        path="summary"
        error={error}
        value={summary}
        dir="auto"
        onChange={(e) => draft.set('summary', e.target.value)}
        rows={3}
        maxLength={LIMITS.longText}
      />
      <Field
        as="select"
        label={t('disputeForm.status')}
        path="status"
        error={error}
        value={status}
        onChange={(e) => draft.set('status', e.target.value === 'closed' ? 'closed' : 'open')}
      >
        <option value="open">{t('disputeForm.open')}</option>
        <option value="closed">{t('disputeForm.closed')}</option>
      </Field>
      <label className="check span-2">
        <input
          type="checkbox"
          checked={independentRatings}
          onChange={(e) => draft.set('independentRatings', e.target.checked)}
        />{' '}
        {t('disputeForm.independentRatingsCheck')}
      </label>
      <div className="span-2">
        <FormFooter
          error={error}
          failed={t('disputeForm.notSaved')}
          onReload={() => {
            draft.takeTheirs()
            update.reset()
            reload()
          }}
          pending={update.isPending}
          submitLabel={t('disputeForm.save')}
          onCancel={onDone}
        />
      </div>
    </Form>
  )
}
