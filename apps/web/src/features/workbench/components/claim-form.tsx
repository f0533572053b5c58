import { LIMITS, type QuantityQualifier, type WorkbenchClaim } from '@counterclaim/shared'
import { type ComponentType, type FormEvent, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { Field, Form } from '../../../components/field.tsx'
import { FormFooter } from '../../../components/form-footer.tsx'
import { useAddClaim, useReloadWorkbench, useUpdateClaim } from '../api/workbench.ts'
import { ClaimantPicker } from './claimant-picker.tsx'

const QUALIFIERS: { value: QuantityQualifier; label: string }[] = [
  { value: 'exact', label: 'exactly' },
  { value: 'at_least', label: 'at least' },
  { value: 'at_most', label: 'at most' },
  { value: 'approx', label: 'about (±10%)' },
]
const isQualifier = (v: string): v is QuantityQualifier => QUALIFIERS.some((q) => q.value === v)

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
  const reload = useReloadWorkbench(disputeId)
  const mutation = claim ? update : add
  const [requestId] = useState(() => crypto.randomUUID())
  const [claimant, setClaimant] = useState(
    claim ? { id: claim.claimant.id, name: claim.claimant.name } : null,
  )
  const [text, setText] = useState(claim?.text ?? '')
  const [shortText, setShortText] = useState(claim?.shortText ?? '')
  const [statedOn, setStatedOn] = useState(claim?.statedOn ?? '')
  const [appearanceUrl, setAppearanceUrl] = useState(claim?.appearanceUrl ?? '')
  const [archiveUrl, setArchiveUrl] = useState(claim?.archiveUrl ?? '')
  const [language, setLanguage] = useState(claim?.language ?? '')
  const [value, setValue] = useState(claim?.quantity ? String(claim.quantity.value) : '')
  const [unit, setUnit] = useState(claim?.quantity?.unit ?? '')
  const [qualifier, setQualifier] = useState<QuantityQualifier>(claim?.quantity?.qualifier ?? 'exact')
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
    const number = value.trim() === '' ? null : Number(value)
    if (number !== null && (!Number.isFinite(number) || !unit.trim())) {
      setLocalError(new Error('A quantity needs a number and a unit, such as 479 and drones.'))
      return
    }
    const fields = {
      claimantId: claimant.id,
      text,
      shortText: shortText.trim() || null,
      statedOn: statedOn || null,
      appearanceUrl: appearanceUrl.trim() || null,
      archiveUrl: archiveUrl.trim() || null,
      language: language.trim() || null,
      quantity: number === null ? null : { value: number, unit: unit.trim(), qualifier },
    }
    if (claim) update.mutate({ id: claim.id, version: claim.version, json: fields }, { onSuccess: onDone })
    else
      add.mutate(
        { id: requestId, ...fields },
        { onSuccess: (saved) => (MatchesPanel ? setSavedId(saved.id) : onDone()) },
      )
  }

  return (
    <Form className="claim-form form-grid" onSubmit={submit} aria-label={claim ? 'Edit claim' : 'New claim'}>
      <ClaimantPicker
        value={claimant}
        error={error}
        onChange={(c) => setClaimant({ id: c.id, name: c.name })}
      />
      <Field
        as="textarea"
        label="Claim, verbatim"
        path="text"
        error={error}
        value={text}
        onChange={(e) => setText(e.target.value)}
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
        onChange={(e) => setShortText(e.target.value)}
        maxLength={LIMITS.shortText}
        hint={`At most ${LIMITS.shortText} characters, for lists and headlines (${shortText.length}/${LIMITS.shortText}).`}
      />
      <Field
        label="Date stated"
        path="statedOn"
        error={error}
        type="date"
        value={statedOn}
        onChange={(e) => setStatedOn(e.target.value)}
      />
      <Field
        label="Where it was said (URL)"
        path="appearanceUrl"
        error={error}
        type="url"
        value={appearanceUrl}
        onChange={(e) => setAppearanceUrl(e.target.value)}
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
        label="Language"
        path="language"
        error={error}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        placeholder="en"
        maxLength={LIMITS.languageTag}
      />
      <Field
        as="group"
        className="quantity-fields"
        label="Quantity"
        labelNote=" (optional)"
        path="quantity"
        error={error}
      >
        <Field
          as="select"
          label="Qualifier"
          path="quantity.qualifier"
          error={error}
          value={qualifier}
          onChange={(e) => {
            if (isQualifier(e.target.value)) setQualifier(e.target.value)
          }}
        >
          {QUALIFIERS.map((q) => (
            <option key={q.value} value={q.value}>
              {q.label}
            </option>
          ))}
        </Field>
        <Field
          label="Number"
          path="quantity.value"
          error={error}
          type="number"
          step="any"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <Field
          label="Unit"
          path="quantity.unit"
          error={error}
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          placeholder="drones"
          maxLength={LIMITS.unit}
        />
      </Field>
      <ActionError error={localError} action="Not saved yet." />
      <FormFooter
        error={error}
        failed={claim ? 'The claim was not saved.' : 'The claim was not added.'}
        onReload={() => {
          reload()
          onDone()
        }}
        pending={mutation.isPending || savedId !== null}
        submitLabel={claim ? 'Save claim' : 'Add claim'}
        onCancel={onDone}
      />
    </Form>
  )
}
