import {
  type EvidenceKind,
  EvidenceKindSchema,
  EvidenceSchema,
  INFORMATION_CREDIBILITY,
  LIMITS,
  SourceReliabilitySchema,
  type WorkbenchEvidence,
} from '@counterclaim/shared'
import type { TFunction } from 'i18next'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
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
function evidenceValues(evidence: WorkbenchEvidence | null) {
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

const parseEvidence = (details: unknown): WorkbenchEvidence | null =>
  EvidenceSchema.safeParse(details).data ?? null

/** The evidence form's fields, named in the interface's language, as a conflict lists them. */
function evidenceFields(t: TFunction<'workbench'>): readonly ConflictField<EvidenceValues>[] {
  const graded = (value: unknown) => (value ? String(value) : t('evidenceForm.notGraded'))
  return [
    { key: 'title', label: t('evidenceForm.title') },
    {
      key: 'kind',
      label: t('evidenceForm.kind'),
      show: (kind) => (isKind(String(kind)) ? EVIDENCE_KIND_LABELS[kind as EvidenceKind] : String(kind)),
    },
    { key: 'sourceName', label: t('evidenceForm.source') },
    { key: 'url', label: t('evidenceForm.url') },
    { key: 'archiveUrl', label: t('evidenceForm.archiveUrl') },
    { key: 'excerpt', label: t('evidenceForm.excerpt') },
    { key: 'publishedOn', label: t('evidenceForm.publishedOn') },
    { key: 'accessedOn', label: t('evidenceForm.accessedOn') },
    { key: 'reliability', label: t('evidenceForm.reliability'), show: graded },
    { key: 'credibility', label: t('evidenceForm.credibility'), show: graded },
    {
      key: 'origin',
      label: t('evidenceForm.origin'),
      show: (origin) => (origin ? String(origin) : t('evidenceForm.ownOrigin')),
    },
  ]
}

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
  evidence?: WorkbenchEvidence
  /** The origins the dispute's evidence already names, offered as the Origin field's suggestions. */
  origins?: readonly string[]
  onDone: () => void
}) {
  const { t } = useTranslation('workbench')
  const fields = evidenceFields(t)
  const originsId = useId()
  const add = useAddEvidence(disputeId)
  const update = useUpdateEvidence(disputeId)
  const mutation = evidence ? update : add
  const reload = useReloadWorkbench(disputeId)
  const [requestId] = useState(() => crypto.randomUUID())
  const draft = useRecordDraft({
    record: evidence ?? null,
    valuesOf: evidenceValues,
    fields,
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
      setFactCheckProblem(t('evidenceForm.chooseFactCheck'))
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
      aria-label={evidence ? t('evidenceForm.edit') : t('evidenceForm.new')}
    >
      <ConflictChoices className="span-2" draft={draft} entity="evidence" fields={fields} />
      <Field
        className="span-2"
        label={t('evidenceForm.title')}
        path="title"
        error={error}
        value={title}
        dir="auto"
        onChange={(e) => draft.set('title', e.target.value)}
        required={!carriesFactCheck}
        maxLength={LIMITS.title}
        hint={carriesFactCheck ? t('evidenceForm.titleFromFactCheck') : undefined}
      />
      <Field
        as="select"
        label={t('evidenceForm.kind')}
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
          label={t('evidenceForm.factCheck')}
          path="factCheckId"
          error={error}
          problem={factCheckProblem}
        >
          <SearchCombobox
            label={t('evidenceForm.findFactCheck')}
            hint={t('evidenceForm.findFactCheckHint')}
            selected={factCheck}
            onSelect={(option) => {
              setFactCheck(option)
              if (option) setFactCheckProblem(null)
            }}
            optionsQuery={factCheckOptionsQuery}
            noMatch={(text) =>
              text ? t('evidenceForm.noFactCheckMatches', { text }) : t('evidenceForm.noFactChecks')
            }
            invalid={factCheckProblem !== null}
          />
        </Field>
      ) : null}
      <Field
        label={t('evidenceForm.source')}
        path="sourceName"
        error={error}
        value={sourceName}
        dir="auto"
        onChange={(e) => draft.set('sourceName', e.target.value)}
        maxLength={LIMITS.name}
      />
      <Field
        label={t('evidenceForm.origin')}
        path="origin"
        error={error}
        value={origin}
        dir="auto"
        list={originsId}
        autoComplete="off"
        onChange={(e) => draft.set('origin', e.target.value)}
        maxLength={LIMITS.name}
        hint={t('evidenceForm.originHint')}
      />
      <datalist id={originsId}>
        {origins.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <Field
        label={t('evidenceForm.url')}
        path="url"
        error={error}
        type="url"
        value={url}
        onChange={(e) => draft.set('url', e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        label={t('evidenceForm.archiveUrl')}
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
        label={t('evidenceForm.excerpt')}
        path="excerpt"
        error={error}
        value={excerpt}
        dir="auto"
        onChange={(e) => draft.set('excerpt', e.target.value)}
        rows={4}
        maxLength={LIMITS.longText}
      />
      <Field
        label={t('evidenceForm.publishedOn')}
        path="publishedOn"
        error={error}
        type="date"
        value={publishedOn}
        onChange={(e) => draft.set('publishedOn', e.target.value)}
      />
      <Field
        label={t('evidenceForm.accessedOn')}
        path="accessedOn"
        error={error}
        type="date"
        value={accessedOn}
        onChange={(e) => draft.set('accessedOn', e.target.value)}
      />
      <Field
        as="select"
        label={t('evidenceForm.reliability')}
        path="sourceReliability"
        error={error}
        value={reliability}
        onChange={(e) => draft.set('reliability', isReliability(e.target.value) ? e.target.value : '')}
      >
        <option value="">{t('evidenceForm.notGraded')}</option>
        {RELIABILITY.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Field>
      <Field
        as="select"
        label={t('evidenceForm.credibility')}
        path="informationCredibility"
        error={error}
        value={credibility}
        onChange={(e) => draft.set('credibility', e.target.value)}
      >
        <option value="">{t('evidenceForm.notGraded')}</option>
        {INFORMATION_CREDIBILITY.map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </Field>
      <div className="span-2">
        <FormFooter
          error={error}
          failed={evidence ? t('evidenceForm.notSaved') : t('evidenceForm.notAdded')}
          onReload={() => {
            draft.takeTheirs()
            mutation.reset()
            reload()
          }}
          pending={mutation.isPending}
          submitLabel={evidence ? t('evidenceForm.save') : t('evidenceForm.add')}
          onCancel={onDone}
        />
      </div>
    </Form>
  )
}
