import { type Claim, ClaimSchema, LIMITS, type WorkbenchClaim } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type ComponentType, type FormEvent, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { claimantLabel } from '../../../components/claimant-name.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { ConflictChoices, type ConflictField, useRecordDraft } from '../../../components/record-conflict.tsx'
import { useAddClaim, useReloadWorkbench, useUpdateClaim, workbenchQuery } from '../api/workbench.ts'
import { ClaimantPicker, UNATTRIBUTED_CHOICE } from './claimant-picker.tsx'
import {
  QuantityListField,
  quantitiesFromDrafts,
  quantityDrafts,
  quantityDraftWords,
} from './quantity-list-field.tsx'

/** What the form holds of a claim: its fields as typed. */
function claimValues(claim: Claim | null) {
  return {
    // An unattributed claim's choice is UNATTRIBUTED_CHOICE; '' is none made yet.
    claimantId: claim ? (claim.claimantId ?? UNATTRIBUTED_CHOICE) : '',
    text: claim?.text ?? '',
    shortText: claim?.shortText ?? '',
    statedOn: claim?.statedOn ?? '',
    appearanceUrl: claim?.appearanceUrl ?? '',
    archiveUrl: claim?.archiveUrl ?? '',
    language: claim?.language ?? '',
    quantities: quantityDrafts(claim?.quantities ?? []),
  }
}
type ClaimValues = ReturnType<typeof claimValues>

const parseClaim = (details: unknown): Claim | null => ClaimSchema.safeParse(details).data ?? null

/**
 * What a new claim's form shows under its text: the claims and fact-checks like it, and the links the checker
 * chooses from them. Another feature fills it in, composed in src/app (features do not import one another).
 */
export type ClaimFormMatchesPanel = ComponentType<{
  text: string
  language: string
  /** Set once the claim is saved: the panel makes the chosen links, then calls `onLinked`. */
  savedClaimId: string | null
  onLinked: () => void
}>

/** Adds a claim to the dispute, or edits one in place (with If-Match). */
export function ClaimForm({
  disputeId,
  claim,
  matches: MatchesPanel,
  onDone,
}: {
  disputeId: string
  claim?: WorkbenchClaim
  /** Matches as the claim is typed, for a new claim. */
  matches?: ClaimFormMatchesPanel
  onDone: () => void
}) {
  const add = useAddClaim(disputeId)
  const update = useUpdateClaim(disputeId)
  const mutation = claim ? update : add
  const reload = useReloadWorkbench(disputeId)
  const [requestId] = useState(() => crypto.randomUUID())
  // Claimants by id: those of the dispute, and any picked here, so a colleague's choice shows by name.
  const workbench = useQuery(workbenchQuery(disputeId)).data
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(() => new Map())
  const nameOf = (id: string) =>
    picked.get(id) ?? workbench?.claims.find((c) => c.claimant?.id === id)?.claimant?.name ?? null
  const fields: readonly ConflictField<ClaimValues>[] = [
    {
      key: 'claimantId',
      label: 'Claimant',
      show: (id) =>
        id === UNATTRIBUTED_CHOICE
          ? claimantLabel(null)
          : typeof id === 'string' && id
            ? (nameOf(id) ?? 'another claimant')
            : '(none)',
    },
    { key: 'text', label: 'Claim, verbatim' },
    { key: 'shortText', label: 'Short form' },
    { key: 'statedOn', label: 'Date stated' },
    { key: 'appearanceUrl', label: 'Where it was said (URL)' },
    { key: 'archiveUrl', label: 'Archived copy (URL)' },
    { key: 'language', label: 'Language' },
    { key: 'quantities', label: 'Numbers', show: quantityDraftWords },
  ]
  const draft = useRecordDraft({ record: claim ?? null, valuesOf: claimValues, fields, parse: parseClaim })
  const { text, shortText, statedOn, appearanceUrl, archiveUrl, language, quantities } = draft.values
  const chosenId = draft.values.claimantId
  const claimant =
    chosenId === UNATTRIBUTED_CHOICE
      ? UNATTRIBUTED_CHOICE
      : chosenId
        ? { id: chosenId, name: nameOf(chosenId) ?? 'another claimant' }
        : null
  const [localError, setLocalError] = useState<Error | null>(null)
  // The new claim, once saved: the matches panel links it to the chosen matches before the form closes.
  const [savedId, setSavedId] = useState<string | null>(null)
  const error = mutation.error

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setLocalError(null)
    if (!claimant) {
      setLocalError(new Error('Choose who made the claim, or create the claimant.'))
      return
    }
    const numbers = quantitiesFromDrafts(quantities)
    if (typeof numbers === 'string') {
      setLocalError(new Error(numbers))
      return
    }
    const body = {
      claimantId: claimant === UNATTRIBUTED_CHOICE ? null : claimant.id,
      text,
      shortText: shortText.trim() || null,
      statedOn: statedOn || null,
      appearanceUrl: appearanceUrl.trim() || null,
      archiveUrl: archiveUrl.trim() || null,
      language: language.trim() || null,
      quantities: numbers,
    }
    if (claim)
      update.mutate(
        { id: claim.id, version: draft.version ?? claim.version, json: body },
        { onSuccess: onDone, onError: draft.failed },
      )
    else
      add.mutate(
        { id: requestId, ...body },
        { onSuccess: (saved) => (MatchesPanel ? setSavedId(saved.id) : onDone()) },
      )
  }

  return (
    <Form className="claim-form form-grid" onSubmit={submit} aria-label={claim ? 'Edit claim' : 'New claim'}>
      <ConflictChoices draft={draft} entity="claim" fields={fields} />
      <ClaimantPicker
        value={claimant}
        error={error}
        onChange={(c) => {
          if (c) setPicked((prev) => new Map(prev).set(c.id, c.name))
          draft.set('claimantId', c ? c.id : UNATTRIBUTED_CHOICE)
        }}
      />
      <Field
        as="textarea"
        label="Claim, verbatim"
        path="text"
        error={error}
        value={text}
        onChange={(e) => draft.set('text', e.target.value)}
        rows={4}
        required
        maxLength={LIMITS.claimText}
      />
      {MatchesPanel && !claim ? (
        <MatchesPanel text={text} language={language} savedClaimId={savedId} onLinked={onDone} />
      ) : null}
      <Field
        label="Short form"
        path="shortText"
        error={error}
        value={shortText}
        onChange={(e) => draft.set('shortText', e.target.value)}
        maxLength={LIMITS.shortText}
        hint={`At most ${LIMITS.shortText} characters, for lists and headlines (${shortText.length}/${LIMITS.shortText}).`}
      />
      <Field
        label="Date stated"
        path="statedOn"
        error={error}
        type="date"
        value={statedOn}
        onChange={(e) => draft.set('statedOn', e.target.value)}
      />
      <Field
        label="Where it was said (URL)"
        path="appearanceUrl"
        error={error}
        type="url"
        value={appearanceUrl}
        onChange={(e) => draft.set('appearanceUrl', e.target.value)}
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
        label="Language"
        path="language"
        error={error}
        value={language}
        onChange={(e) => draft.set('language', e.target.value)}
        placeholder="en"
        maxLength={LIMITS.languageTag}
      />
      <QuantityListField rows={quantities} onChange={(rows) => draft.set('quantities', rows)} error={error} />
      <ActionError error={localError} action="Not saved yet." />
      <FormFooter
        error={error}
        failed={claim ? 'The claim was not saved.' : 'The claim was not added.'}
        onReload={() => {
          draft.takeTheirs()
          mutation.reset()
          reload()
        }}
        pending={mutation.isPending || savedId !== null}
        submitLabel={claim ? 'Save claim' : 'Add claim'}
        onCancel={onDone}
      />
    </Form>
  )
}
