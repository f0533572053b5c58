import { type Claim, ClaimSchema, LIMITS, type WorkbenchClaim } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type ComponentType, type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation('workbench')
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
      label: t('claimForm.claimant'),
      show: (id) =>
        id === UNATTRIBUTED_CHOICE
          ? claimantLabel(null)
          : typeof id === 'string' && id
            ? (nameOf(id) ?? t('claimForm.anotherClaimant'))
            : t('claimForm.none'),
    },
    { key: 'text', label: t('claimForm.text') },
    { key: 'shortText', label: t('claimForm.shortText') },
    { key: 'statedOn', label: t('claimForm.statedOn') },
    { key: 'appearanceUrl', label: t('claimForm.appearanceUrl') },
    { key: 'archiveUrl', label: t('claimForm.archiveUrl') },
    { key: 'language', label: t('claimForm.language') },
    { key: 'quantities', label: t('claimForm.numbers'), show: quantityDraftWords },
  ]
  const draft = useRecordDraft({ record: claim ?? null, valuesOf: claimValues, fields, parse: parseClaim })
  const { text, shortText, statedOn, appearanceUrl, archiveUrl, language, quantities } = draft.values
  const chosenId = draft.values.claimantId
  const claimant =
    chosenId === UNATTRIBUTED_CHOICE
      ? UNATTRIBUTED_CHOICE
      : chosenId
        ? { id: chosenId, name: nameOf(chosenId) ?? t('claimForm.anotherClaimant') }
        : null
  const [localError, setLocalError] = useState<Error | null>(null)
  // The new claim, once saved: the matches panel links it to the chosen matches before the form closes.
  const [savedId, setSavedId] = useState<string | null>(null)
  const error = mutation.error

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setLocalError(null)
    if (!claimant) {
      setLocalError(new Error(t('claimForm.chooseClaimant')))
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
    <Form
      className="claim-form form-grid"
      onSubmit={submit}
      aria-label={claim ? t('claimForm.edit') : t('claimForm.new')}
    >
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
        label={t('claimForm.text')}
        path="text"
        error={error}
        value={text}
        dir="auto"
        onChange={(e) => draft.set('text', e.target.value)}
        rows={4}
        required
        maxLength={LIMITS.claimText}
      />
      {MatchesPanel && !claim ? (
        <MatchesPanel text={text} language={language} savedClaimId={savedId} onLinked={onDone} />
      ) : null}
      <Field
        label={t('claimForm.shortText')}
        path="shortText"
        error={error}
        value={shortText}
        dir="auto"
        onChange={(e) => draft.set('shortText', e.target.value)}
        maxLength={LIMITS.shortText}
        hint={t('claimForm.shortTextHint', { max: LIMITS.shortText, used: shortText.length })}
      />
      <Field
        label={t('claimForm.statedOn')}
        path="statedOn"
        error={error}
        type="date"
        value={statedOn}
        onChange={(e) => draft.set('statedOn', e.target.value)}
      />
      <Field
        label={t('claimForm.appearanceUrl')}
        path="appearanceUrl"
        error={error}
        type="url"
        value={appearanceUrl}
        onChange={(e) => draft.set('appearanceUrl', e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        label={t('claimForm.archiveUrl')}
        path="archiveUrl"
        error={error}
        type="url"
        value={archiveUrl}
        onChange={(e) => draft.set('archiveUrl', e.target.value)}
        maxLength={LIMITS.url}
      />
      <Field
        label={t('claimForm.language')}
        path="language"
        error={error}
        value={language}
        onChange={(e) => draft.set('language', e.target.value)}
        placeholder={t('claimForm.languagePlaceholder')}
        maxLength={LIMITS.languageTag}
      />
      <QuantityListField rows={quantities} onChange={(rows) => draft.set('quantities', rows)} error={error} />
      <ActionError error={localError} action={t('claimForm.notSavedYet')} />
      <FormFooter
        error={error}
        failed={claim ? t('claimForm.notSaved') : t('claimForm.notAdded')}
        onReload={() => {
          draft.takeTheirs()
          mutation.reset()
          reload()
        }}
        pending={mutation.isPending || savedId !== null}
        submitLabel={claim ? t('claimForm.save') : t('claimForm.add')}
        onCancel={onDone}
      />
    </Form>
  )
}
