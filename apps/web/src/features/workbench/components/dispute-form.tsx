import { type Dispute, DisputeSchema, type DisputeStatus, LIMITS, type Workbench } from '@counterclaim/shared'
import type { FormEvent } from 'react'
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

const DISPUTE_FIELDS: readonly ConflictField<DisputeValues>[] = [
  { key: 'question', label: 'Question' },
  { key: 'title', label: 'Title' },
  { key: 'tags', label: 'Tags' },
  { key: 'summary', label: 'Summary' },
  { key: 'status', label: 'Status', show: (status) => (status === 'closed' ? 'Closed' : 'Open') },
  { key: 'independentRatings', label: 'Independent ratings', show: (on) => (on ? 'On' : 'Off') },
]

/** Edits the dispute itself in place: title, question, summary, tags, open or closed (with If-Match). */
export function DisputeForm({ dispute, onDone }: { dispute: Workbench; onDone: () => void }) {
  const update = useUpdateDispute(dispute.id)
  const reload = useReloadWorkbench(dispute.id)
  const draft = useRecordDraft({
    record: dispute,
    valuesOf: disputeValues,
    fields: DISPUTE_FIELDS,
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
    <Form className="panel form-grid two-col dispute-form" onSubmit={submit} aria-label="Edit dispute">
      <ConflictChoices className="span-2" draft={draft} entity="dispute" fields={DISPUTE_FIELDS} />
      <Field
        as="textarea"
        className="span-2"
        label="Question"
        path="question"
        error={error}
        value={question}
        onChange={(e) => draft.set('question', e.target.value)}
        rows={2}
        required
        maxLength={LIMITS.question}
      />
      <Field
        label="Title"
        path="title"
        error={error}
        value={title}
        onChange={(e) => draft.set('title', e.target.value)}
        required
        maxLength={LIMITS.title}
      />
      <Field
        label="Tags"
        path="tags"
        error={error}
        value={tags}
        onChange={(e) => draft.set('tags', e.target.value)}
        maxLength={TAGS_TEXT_MAX}
      />
      <Field
        as="textarea"
        className="span-2"
        label="Summary"
        path="summary"
        error={error}
        value={summary}
        onChange={(e) => draft.set('summary', e.target.value)}
        rows={3}
        maxLength={LIMITS.longText}
      />
      <Field
        as="select"
        label="Status"
        path="status"
        error={error}
        value={status}
        onChange={(e) => draft.set('status', e.target.value === 'closed' ? 'closed' : 'open')}
      >
        <option value="open">Open</option>
        <option value="closed">Closed</option>
      </Field>
      <label className="check span-2">
        <input
          type="checkbox"
          checked={independentRatings}
          onChange={(e) => draft.set('independentRatings', e.target.checked)}
        />{' '}
        Independent ratings (two checkers rate each claim blind)
      </label>
      <div className="span-2">
        <FormFooter
          error={error}
          failed="The dispute was not saved."
          onReload={() => {
            draft.takeTheirs()
            update.reset()
            reload()
          }}
          pending={update.isPending}
          submitLabel="Save dispute"
          onCancel={onDone}
        />
      </div>
    </Form>
  )
}
