import {
  type Evidence,
  type EvidenceKind,
  EvidenceKindSchema,
  EvidenceSchema,
  INFORMATION_CREDIBILITY,
  LIMITS,
  SourceReliabilitySchema,
} from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { ConflictChoices, type ConflictField, useRecordDraft } from '../../../components/record-conflict.tsx'
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

/** What the form holds of an evidence item: its fields as typed. */
function evidenceValues(evidence: Evidence | null) {
  return {
    title: evidence?.title ?? '',
    kind: evidence?.kind ?? ('news_report' as EvidenceKind),
    sourceName: evidence?.sourceName ?? '',
    url: evidence?.url ?? '',
    archiveUrl: evidence?.archiveUrl ?? '',
    excerpt: evidence?.excerpt ?? '',
    publishedOn: evidence?.publishedOn ?? '',
    accessedOn: evidence?.accessedOn ?? '',
    reliability: (evidence?.sourceReliability ?? '') as Reliability | '',
    credibility: evidence?.informationCredibility ? String(evidence.informationCredibility) : '',
    origin: evidence?.origin ?? '',
  }
}
type EvidenceValues = ReturnType<typeof evidenceValues>

const parseEvidence = (details: unknown): Evidence | null => EvidenceSchema.safeParse(details).data ?? null

const graded = (value: unknown) => (value ? String(value) : 'Not graded')

const EVIDENCE_FIELDS: readonly ConflictField<EvidenceValues>[] = [
  { key: 'title', label: 'Title' },
  {
    key: 'kind',
    label: 'Kind',
    show: (kind) => (isKind(String(kind)) ? EVIDENCE_KIND_LABELS[kind as EvidenceKind] : String(kind)),
  },
  { key: 'sourceName', label: 'Source' },
  { key: 'url', label: 'URL' },
  { key: 'archiveUrl', label: 'Archived copy (URL)' },
  { key: 'excerpt', label: 'Excerpt, verbatim' },
  { key: 'publishedOn', label: 'Published on' },
  { key: 'accessedOn', label: 'Accessed on' },
  { key: 'reliability', label: 'Source reliability (A–F)', show: graded },
  { key: 'credibility', label: 'Information credibility (1–6)', show: graded },
  { key: 'origin', label: 'Origin', show: (origin) => (origin ? String(origin) : 'Its own') },
]

/**
 * Adds an evidence item to the dispute, or edits one (with If-Match). Evidence of kind "Fact-check by
 * another desk" names the fact-check it carries; the fields left empty are filled from it by the server.
 */
export function EvidenceForm({
  disputeId,
  evidence,
  origins = [],
  onDone,
}: {
  disputeId: string
  evidence?: Evidence
  /** The origins the dispute's evidence already names, offered as the Origin field's suggestions. */
  origins?: readonly string[]
  onDone: () => void
}) {
  const originsId = useId()
  const add = useAddEvidence(disputeId)
  const update = useUpdateEvidence(disputeId)
  const mutation = evidence ? update : add
  const reload = useReloadWorkbench(disputeId)
  const [requestId] = useState(() => crypto.randomUUID())
  const draft = useRecordDraft({
    record: evidence ?? null,
    valuesOf: evidenceValues,
    fields: EVIDENCE_FIELDS,
    parse: parseEvidence,
  })
  const {
    title,
    kind,
    sourceName,
    url,
    archiveUrl,
    excerpt,
    publishedOn,
    accessedOn,
    reliability,
    credibility,
    origin,
  } = draft.values
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
      origin: origin.trim() || null,
    }
    if (evidence)
      update.mutate(
        { id: evidence.id, version: draft.version ?? evidence.version, json: fields },
        { onSuccess: onDone, onError: draft.failed },
      )
    else add.mutate({ id: requestId, ...fields }, { onSuccess: onDone })
  }

  return (
    <Form
      className="evidence-form form-grid two-col"
      onSubmit={submit}
      aria-label={evidence ? 'Edit evidence' : 'New evidence'}
    >
      <ConflictChoices className="span-2" draft={draft} entity="evidence" fields={EVIDENCE_FIELDS} />
      <Field
        className="span-2"
        label="Title"
        path="title"
        error={error}
        value={title}
        onChange={(e) => draft.set('title', e.target.value)}
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
          if (isKind(e.target.value)) draft.set('kind', e.target.value)
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
        onChange={(e) => draft.set('sourceName', e.target.value)}
        maxLength={LIMITS.name}
      />
      <Field
        label="Origin"
        path="origin"
        error={error}
        value={origin}
        list={originsId}
        autoComplete="off"
        onChange={(e) => draft.set('origin', e.target.value)}
        maxLength={LIMITS.name}
        hint="Where it comes from when it repeats another source: a wire story and its copies, one press release quoted by several outlets. Items with the same origin count once."
      />
      <datalist id={originsId}>
        {origins.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <Field
        label="URL"
        path="url"
        error={error}
        type="url"
        value={url}
        onChange={(e) => draft.set('url', e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        label="Archived copy (URL)"
        path="archiveUrl"
        error={error}
        type="url"
        value={archiveUrl}
        onChange={(e) => draft.set('archiveUrl', e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        as="textarea"
        className="span-2"
        label="Excerpt, verbatim"
        path="excerpt"
        error={error}
        value={excerpt}
        onChange={(e) => draft.set('excerpt', e.target.value)}
        rows={4}
        maxLength={LIMITS.longText}
      />
      <Field
        label="Published on"
        path="publishedOn"
        error={error}
        type="date"
        value={publishedOn}
        onChange={(e) => draft.set('publishedOn', e.target.value)}
      />
      <Field
        label="Accessed on"
        path="accessedOn"
        error={error}
        type="date"
        value={accessedOn}
        onChange={(e) => draft.set('accessedOn', e.target.value)}
      />
      <Field
        as="select"
        label="Source reliability (A–F)"
        path="sourceReliability"
        error={error}
        value={reliability}
        onChange={(e) => draft.set('reliability', isReliability(e.target.value) ? e.target.value : '')}
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
        onChange={(e) => draft.set('credibility', e.target.value)}
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
            draft.takeTheirs()
            mutation.reset()
            reload()
          }}
          pending={mutation.isPending}
          submitLabel={evidence ? 'Save evidence' : 'Add evidence'}
          onCancel={onDone}
        />
      </div>
    </Form>
  )
}
