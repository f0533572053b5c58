import {
  type Evidence,
  type EvidenceKind,
  EvidenceKindSchema,
  SourceReliabilitySchema,
} from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { useAddEvidence, useReloadWorkbench, useUpdateEvidence } from '../api/workbench.ts'
import { EVIDENCE_KIND_LABELS } from './labels.ts'

// The contract's lists: a value the API would refuse is never offered.
const KINDS = EvidenceKindSchema.options
const RELIABILITY = SourceReliabilitySchema.options
type Reliability = (typeof RELIABILITY)[number]
const isKind = (v: string): v is EvidenceKind => EvidenceKindSchema.safeParse(v).success
const isReliability = (v: string): v is Reliability => SourceReliabilitySchema.safeParse(v).success

/** Adds an evidence item to the dispute, or edits one (with If-Match). */
export function EvidenceForm({
  disputeId,
  evidence,
  onDone,
}: {
  disputeId: string
  evidence?: Evidence
  onDone: () => void
}) {
  const add = useAddEvidence(disputeId)
  const update = useUpdateEvidence(disputeId)
  const reload = useReloadWorkbench(disputeId)
  const mutation = evidence ? update : add
  const [requestId] = useState(() => crypto.randomUUID())
  const [title, setTitle] = useState(evidence?.title ?? '')
  const [kind, setKind] = useState<EvidenceKind>(evidence?.kind ?? 'news_report')
  const [sourceName, setSourceName] = useState(evidence?.sourceName ?? '')
  const [url, setUrl] = useState(evidence?.url ?? '')
  const [archiveUrl, setArchiveUrl] = useState(evidence?.archiveUrl ?? '')
  const [excerpt, setExcerpt] = useState(evidence?.excerpt ?? '')
  const [publishedOn, setPublishedOn] = useState(evidence?.publishedOn ?? '')
  const [accessedOn, setAccessedOn] = useState(evidence?.accessedOn ?? '')
  const [reliability, setReliability] = useState<Reliability | ''>(evidence?.sourceReliability ?? '')
  const [credibility, setCredibility] = useState(
    evidence?.informationCredibility ? String(evidence.informationCredibility) : '',
  )
  const f = {
    title: useId(),
    kind: useId(),
    source: useId(),
    url: useId(),
    archive: useId(),
    excerpt: useId(),
    published: useId(),
    accessed: useId(),
    reliability: useId(),
    credibility: useId(),
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const fields = {
      title,
      kind,
      sourceName,
      url: url.trim() || null,
      archiveUrl: archiveUrl.trim() || null,
      excerpt,
      publishedOn: publishedOn || null,
      accessedOn: accessedOn || null,
      sourceReliability: reliability || null,
      informationCredibility: credibility ? Number(credibility) : null,
    }
    if (evidence)
      update.mutate({ id: evidence.id, version: evidence.version, json: fields }, { onSuccess: onDone })
    else add.mutate({ id: requestId, ...fields }, { onSuccess: onDone })
  }

  return (
    <form
      className="evidence-form form-grid two-col"
      onSubmit={submit}
      aria-label={evidence ? 'Edit evidence' : 'New evidence'}
    >
      <div className="span-2">
        <label htmlFor={f.title}>Title</label>
        <input
          id={f.title}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={300}
        />
      </div>
      <div>
        <label htmlFor={f.kind}>Kind</label>
        <select
          id={f.kind}
          value={kind}
          onChange={(e) => {
            if (isKind(e.target.value)) setKind(e.target.value)
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {EVIDENCE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={f.source}>Source</label>
        <input
          id={f.source}
          value={sourceName}
          onChange={(e) => setSourceName(e.target.value)}
          maxLength={300}
        />
      </div>
      <div>
        <label htmlFor={f.url}>URL</label>
        <input id={f.url} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div>
        <label htmlFor={f.archive}>Archived copy (URL)</label>
        <input id={f.archive} type="url" value={archiveUrl} onChange={(e) => setArchiveUrl(e.target.value)} />
      </div>
      <div className="span-2">
        <label htmlFor={f.excerpt}>Excerpt, verbatim</label>
        <textarea id={f.excerpt} value={excerpt} onChange={(e) => setExcerpt(e.target.value)} rows={4} />
      </div>
      <div>
        <label htmlFor={f.published}>Published on</label>
        <input
          id={f.published}
          type="date"
          value={publishedOn}
          onChange={(e) => setPublishedOn(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={f.accessed}>Accessed on</label>
        <input
          id={f.accessed}
          type="date"
          value={accessedOn}
          onChange={(e) => setAccessedOn(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={f.reliability}>Source reliability (A–F)</label>
        <select
          id={f.reliability}
          value={reliability}
          onChange={(e) => setReliability(isReliability(e.target.value) ? e.target.value : '')}
        >
          <option value="">Not graded</option>
          {RELIABILITY.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={f.credibility}>Information credibility (1–6)</label>
        <select id={f.credibility} value={credibility} onChange={(e) => setCredibility(e.target.value)}>
          <option value="">Not graded</option>
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="span-2">
        <ActionError
          error={mutation.error}
          action={evidence ? 'The evidence was not saved.' : 'The evidence was not added.'}
          onReload={() => {
            reload()
            onDone()
          }}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : evidence ? 'Save evidence' : 'Add evidence'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </div>
    </form>
  )
}
