import type { DisputeStatus, Workbench } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
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
  const ids = { title: useId(), question: useId(), summary: useId(), tags: useId(), status: useId() }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const tagList = [
      ...new Set(
        tags
          .split(/[\s,]+/)
          .map((t) => t.replace(/^#+/, '').toLowerCase())
          .filter(Boolean),
      ),
    ]
    update.mutate(
      { version: dispute.version, json: { title, question, summary, tags: tagList, status } },
      { onSuccess: onDone },
    )
  }

  return (
    <form className="panel form-grid two-col dispute-form" onSubmit={submit} aria-label="Edit dispute">
      <div className="span-2">
        <label htmlFor={ids.question}>Question</label>
        <textarea
          id={ids.question}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          rows={2}
          required
          maxLength={1000}
        />
      </div>
      <div>
        <label htmlFor={ids.title}>Title</label>
        <input
          id={ids.title}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={300}
        />
      </div>
      <div>
        <label htmlFor={ids.tags}>Tags</label>
        <input id={ids.tags} value={tags} onChange={(e) => setTags(e.target.value)} />
      </div>
      <div className="span-2">
        <label htmlFor={ids.summary}>Summary</label>
        <textarea id={ids.summary} value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} />
      </div>
      <div>
        <label htmlFor={ids.status}>Status</label>
        <select
          id={ids.status}
          value={status}
          onChange={(e) => setStatus(e.target.value === 'closed' ? 'closed' : 'open')}
        >
          <option value="open">Open</option>
          <option value="closed">Closed</option>
        </select>
      </div>
      <div className="span-2">
        <ActionError
          error={update.error}
          action="The dispute was not saved."
          onReload={() => {
            reload()
            onDone()
          }}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save dispute'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </div>
    </form>
  )
}
