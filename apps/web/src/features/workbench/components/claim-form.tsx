import type { QuantityQualifier, WorkbenchClaim } from '@counterclaim/shared'
import { type FormEvent, useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { useAddClaim, useReloadWorkbench, useUpdateClaim } from '../api/workbench.ts'
import { ClaimantPicker } from './claimant-picker.tsx'

const QUALIFIERS: { value: QuantityQualifier; label: string }[] = [
  { value: 'exact', label: 'exactly' },
  { value: 'at_least', label: 'at least' },
  { value: 'at_most', label: 'at most' },
  { value: 'approx', label: 'about (±10%)' },
]
const isQualifier = (v: string): v is QuantityQualifier => QUALIFIERS.some((q) => q.value === v)

/** Adds a claim to the dispute, or edits one in place (with If-Match). */
export function ClaimForm({
  disputeId,
  claim,
  onDone,
}: {
  disputeId: string
  claim?: WorkbenchClaim
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
  const f = {
    text: useId(),
    short: useId(),
    shortHint: useId(),
    stated: useId(),
    appearance: useId(),
    archive: useId(),
    language: useId(),
    value: useId(),
    unit: useId(),
    qualifier: useId(),
  }

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
    else add.mutate({ id: requestId, ...fields }, { onSuccess: onDone })
  }

  return (
    <form className="claim-form form-grid" onSubmit={submit} aria-label={claim ? 'Edit claim' : 'New claim'}>
      <ClaimantPicker value={claimant} onChange={(c) => setClaimant({ id: c.id, name: c.name })} />
      <label htmlFor={f.text}>Claim, verbatim</label>
      <textarea id={f.text} value={text} onChange={(e) => setText(e.target.value)} rows={4} required />
      <label htmlFor={f.short}>Short form</label>
      <input
        id={f.short}
        value={shortText}
        onChange={(e) => setShortText(e.target.value)}
        maxLength={75}
        aria-describedby={f.shortHint}
      />
      <p id={f.shortHint} className="hint">
        At most 75 characters, for lists and headlines ({shortText.length}/75).
      </p>
      <label htmlFor={f.stated}>Date stated</label>
      <input id={f.stated} type="date" value={statedOn} onChange={(e) => setStatedOn(e.target.value)} />
      <label htmlFor={f.appearance}>Where it was said (URL)</label>
      <input
        id={f.appearance}
        type="url"
        value={appearanceUrl}
        onChange={(e) => setAppearanceUrl(e.target.value)}
      />
      <label htmlFor={f.archive}>Archived copy (URL)</label>
      <input id={f.archive} type="url" value={archiveUrl} onChange={(e) => setArchiveUrl(e.target.value)} />
      <label htmlFor={f.language}>Language</label>
      <input
        id={f.language}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        placeholder="en"
      />
      <fieldset className="quantity-fields">
        <legend>Quantity (optional)</legend>
        <div>
          <label htmlFor={f.qualifier}>Qualifier</label>
          <select
            id={f.qualifier}
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
          </select>
        </div>
        <div>
          <label htmlFor={f.value}>Number</label>
          <input
            id={f.value}
            type="number"
            step="any"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor={f.unit}>Unit</label>
          <input id={f.unit} value={unit} onChange={(e) => setUnit(e.target.value)} placeholder="drones" />
        </div>
      </fieldset>
      <ActionError error={localError} action="Not saved yet." />
      <ActionError
        error={mutation.error}
        action={claim ? 'The claim was not saved.' : 'The claim was not added.'}
        onReload={() => {
          reload()
          onDone()
        }}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : claim ? 'Save claim' : 'Add claim'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
