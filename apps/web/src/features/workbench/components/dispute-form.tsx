import { type DisputeStatus, LIMITS, type Workbench } from '@counterclaim/shared'
import { type FormEvent, useState } from 'react'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { parseTags, TAGS_TEXT_MAX } from '../../../components/tags.ts'
import { useReloadWorkbench, useUpdateDispute } from '../api/workbench.ts'

/** Edits the dispute itself in place: title, question, summary, tags, open or closed (with If-Match). */
export function DisputeForm({ dispute, onDone }: { dispute: Workbench; onDone: () => void }) {
  const update = useUpdateDispute(dispute.id)
  const reload = useReloadWorkbench(dispute.id)
  const [title, setTitle] = useState(dispute.title)
  const [question, setQuestion] = useState(dispute.question)
  const [summary, setSummary] = useState(dispute.summary)
  const [tags, setTags] = useState(dispute.tags.join(', '))
  const [status, setStatus] = useState<DisputeStatus>(dispute.status)
  const error = update.error

  const submit = (event: FormEvent) => {
    event.preventDefault()
    update.mutate(
      { version: dispute.version, json: { title, question, summary, tags: parseTags(tags), status } },
      { onSuccess: onDone },
    )
  }

  return (
    <Form className="panel form-grid two-col dispute-form" onSubmit={submit} aria-label="Edit dispute">
      <Field
        as="textarea"
        className="span-2"
        label="Question"
        path="question"
        error={error}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        rows={2}
        required
        maxLength={LIMITS.question}
      />
      <Field
        label="Title"
        path="title"
        error={error}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        maxLength={LIMITS.title}
      />
      <Field
        label="Tags"
        path="tags"
        error={error}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        maxLength={TAGS_TEXT_MAX}
      />
      <Field
        as="textarea"
        className="span-2"
        label="Summary"
        path="summary"
        error={error}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        rows={3}
        maxLength={LIMITS.longText}
      />
      <Field
        as="select"
        label="Status"
        path="status"
        error={error}
        value={status}
        onChange={(e) => setStatus(e.target.value === 'closed' ? 'closed' : 'open')}
      >
        <option value="open">Open</option>
        <option value="closed">Closed</option>
      </Field>
      <div className="span-2">
        <FormFooter
          error={error}
          failed="The dispute was not saved."
          onReload={() => {
            reload()
            onDone()
          }}
          pending={update.isPending}
          submitLabel="Save dispute"
          onCancel={onDone}
        />
      </div>
    </Form>
  )
}
