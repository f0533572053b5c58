import {
  type Evidence,
  type EvidenceKind,
  EvidenceKindSchema,
  INFORMATION_CREDIBILITY,
  LIMITS,
  SourceReliabilitySchema,
} from '@counterclaim/shared'
import { type FormEvent, useState } from 'react'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { type ComboboxOption, SearchCombobox } from '../../../components/search-combobox.tsx'
import { factCheckOptionsQuery } from '../api/fact-check-options.ts'
import { useAddEvidence, useReloadWorkbench, useUpdateEvidence } from '../api/workbench.ts'
import { EVIDENCE_KIND_LABELS } from './labels.ts'

// The contract's lists: a value the API would refuse is never offered.
const KINDS = EvidenceKindSchema.options
const RELIABILITY = SourceReliabilitySchema.options
type Reliability = (typeof RELIABILITY)[number]
const isKind = (v: string): v is EvidenceKind => EvidenceKindSchema.safeParse(v).success
const isReliability = (v: string): v is Reliability => SourceReliabilitySchema.safeParse(v).success

/**
 * Adds an evidence item to the dispute, or edits one (with If-Match). Evidence of kind "Fact-check by
 * another desk" names the fact-check it carries; the fields left empty are filled from it by the server.
 */
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
  const [factCheck, setFactCheck] = useState<ComboboxOption | null>(
    evidence?.factCheck?.id ? { id: evidence.factCheck.id, label: evidence.title } : null,
  )
  const [factCheckProblem, setFactCheckProblem] = useState<string | null>(null)
  const error = mutation.error
  const carriesFactCheck = kind === 'fact_check'

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (carriesFactCheck && !factCheck) {
      setFactCheckProblem('Choose the fact-check from the list.')
      return
    }
    setFactCheckProblem(null)
    // The fact-check is named when it is new or another one; an empty title is then made from it.
    const namedFactCheck =
      carriesFactCheck && factCheck && factCheck.id !== evidence?.factCheck?.id
        ? { factCheckId: factCheck.id }
        : {}
    const fields = {
      ...(carriesFactCheck && !title.trim() ? {} : { title }),
      ...namedFactCheck,
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
    <Form
      className="evidence-form form-grid two-col"
      onSubmit={submit}
      aria-label={evidence ? 'Edit evidence' : 'New evidence'}
    >
      <Field
        className="span-2"
        label="Title"
        path="title"
        error={error}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required={!carriesFactCheck}
        maxLength={LIMITS.title}
        hint={carriesFactCheck ? 'Left empty, it is made from the fact-check.' : undefined}
      />
      <Field
        as="select"
        label="Kind"
        path="kind"
        error={error}
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
      </Field>
      {carriesFactCheck ? (
        <Field
          as="group"
          className="span-2"
          label="Fact-check"
          path="factCheckId"
          error={error}
          problem={factCheckProblem}
        >
          <SearchCombobox
            label="Find the fact-check"
            hint="Words of the claim they reviewed, or the publisher’s name. Source, link, excerpt and date left empty come from it."
            selected={factCheck}
            onSelect={(option) => {
              setFactCheck(option)
              if (option) setFactCheckProblem(null)
            }}
            optionsQuery={factCheckOptionsQuery}
            noMatch={(text) =>
              text
                ? `No fact-check matches “${text}”. Import it on the Fact-checks screen first.`
                : 'No fact-checks yet. Import them on the Fact-checks screen.'
            }
            invalid={factCheckProblem !== null}
          />
        </Field>
      ) : null}
      <Field
        label="Source"
        path="sourceName"
        error={error}
        value={sourceName}
        onChange={(e) => setSourceName(e.target.value)}
        maxLength={LIMITS.name}
      />
      <Field
        label="URL"
        path="url"
        error={error}
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        label="Archived copy (URL)"
        path="archiveUrl"
        error={error}
        type="url"
        value={archiveUrl}
        onChange={(e) => setArchiveUrl(e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        as="textarea"
        className="span-2"
        label="Excerpt, verbatim"
        path="excerpt"
        error={error}
        value={excerpt}
        onChange={(e) => setExcerpt(e.target.value)}
        rows={4}
        maxLength={LIMITS.longText}
      />
      <Field
        label="Published on"
        path="publishedOn"
        error={error}
        type="date"
        value={publishedOn}
        onChange={(e) => setPublishedOn(e.target.value)}
      />
      <Field
        label="Accessed on"
        path="accessedOn"
        error={error}
        type="date"
        value={accessedOn}
        onChange={(e) => setAccessedOn(e.target.value)}
      />
      <Field
        as="select"
        label="Source reliability (A–F)"
        path="sourceReliability"
        error={error}
        value={reliability}
        onChange={(e) => setReliability(isReliability(e.target.value) ? e.target.value : '')}
      >
        <option value="">Not graded</option>
        {RELIABILITY.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Field>
      <Field
        as="select"
        label="Information credibility (1–6)"
        path="informationCredibility"
        error={error}
        value={credibility}
        onChange={(e) => setCredibility(e.target.value)}
      >
        <option value="">Not graded</option>
        {INFORMATION_CREDIBILITY.map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </Field>
      <div className="span-2">
        <FormFooter
          error={error}
          failed={evidence ? 'The evidence was not saved.' : 'The evidence was not added.'}
          onReload={() => {
            reload()
            onDone()
          }}
          pending={mutation.isPending}
          submitLabel={evidence ? 'Save evidence' : 'Add evidence'}
          onCancel={onDone}
        />
      </div>
    </Form>
  )
}
