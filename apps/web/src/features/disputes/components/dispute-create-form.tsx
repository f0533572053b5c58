import { LIMITS } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { parseTags, TAGS_TEXT_MAX } from '../../../components/tags.ts'
import { useCreateDispute } from '../api/disputes.ts'

/** A new dispute: the question claims compete on. Calls onCreated with the new dispute's id. */
export function DisputeCreateForm({
  onCreated,
  onCancel,
  independentByDefault = false,
}: {
  onCreated: (id: string) => void
  onCancel: () => void
  /** The desk's COUNTERCLAIM_INDEPENDENT_RATINGS: what the checkbox starts at. */
  independentByDefault?: boolean
}) {
  const create = useCreateDispute()
  const [title, setTitle] = useState('')
  const [question, setQuestion] = useState('')
  const [summary, setSummary] = useState('')
  const [tags, setTags] = useState('')
  const [independentRatings, setIndependentRatings] = useState(independentByDefault)
  // One id per form, so a retried create after a lost answer does not make a second dispute.
  const [requestId] = useState(() => crypto.randomUUID())
  const headingId = useId()
  const error = create.error

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { id: requestId, title, question, summary, tags: parseTags(tags), independentRatings },
      { onSuccess: (dispute) => onCreated(dispute.id) },
    )
  }

  return (
    <Form className="panel form-grid" onSubmit={submit} aria-labelledby={headingId}>
      <h2 id={headingId}>New dispute</h2>
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
        as="textarea"
        label="Question"
        path="question"
        error={error}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        required
        rows={2}
        maxLength={LIMITS.question}
      />
      <Field
        as="textarea"
        label="Summary"
        path="summary"
        error={error}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        rows={3}
        maxLength={LIMITS.longText}
      />
      <Field
        label="Tags"
        path="tags"
        error={error}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        maxLength={TAGS_TEXT_MAX}
        hint="Single words separated by commas or spaces, for example: ukraine, strikes"
      />
      <label className="check">
        <input
          type="checkbox"
          checked={independentRatings}
          onChange={(e) => setIndependentRatings(e.target.checked)}
        />{' '}
        Independent ratings (two checkers rate each claim blind)
      </label>
      <FormFooter
        error={error}
        failed="The dispute was not created."
        pending={create.isPending}
        submitLabel="Create dispute"
        pendingLabel="Creating…"
        onCancel={onCancel}
      />
    </Form>
  )
}
