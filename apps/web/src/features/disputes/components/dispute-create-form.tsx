import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { useCreateDispute } from '../api/disputes.ts'

/** Tags as typed: words separated by commas or spaces, a leading # dropped. */
function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((t) => t.replace(/^#+/, '').trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
}

/** A new dispute: the question claims compete on. Calls onCreated with the new dispute's id. */
export function DisputeCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (id: string) => void
  onCancel: () => void
}) {
  const create = useCreateDispute()
  const [title, setTitle] = useState('')
  const [question, setQuestion] = useState('')
  const [summary, setSummary] = useState('')
  const [tags, setTags] = useState('')
  // One id per form, so a retried create after a lost answer does not make a second dispute.
  const [requestId] = useState(() => crypto.randomUUID())
  const ids = { title: useId(), question: useId(), summary: useId(), tags: useId(), tagsHint: useId() }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { id: requestId, title, question, summary, tags: parseTags(tags) },
      { onSuccess: (dispute) => onCreated(dispute.id) },
    )
  }

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${ids.title}-heading`}>
      <h2 id={`${ids.title}-heading`}>New dispute</h2>
      <label htmlFor={ids.title}>Title</label>
      <input
        id={ids.title}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        maxLength={300}
      />
      <label htmlFor={ids.question}>Question</label>
      <textarea
        id={ids.question}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        required
        rows={2}
        maxLength={1000}
      />
      <label htmlFor={ids.summary}>Summary</label>
      <textarea id={ids.summary} value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} />
      <label htmlFor={ids.tags}>Tags</label>
      <input
        id={ids.tags}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        aria-describedby={ids.tagsHint}
      />
      <p id={ids.tagsHint} className="hint">
        Single words separated by commas or spaces, for example: ukraine, strikes
      </p>
      <ActionError error={create.error} action="The dispute was not created." />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create dispute'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
