import type { Claimant, ClaimantKind } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { ActionError } from '../../../components/action-error.tsx'
import { claimantKindLabel } from '../../../components/claimant-kind.ts'
import { claimantOptionsQuery, useCreateClaimant } from '../api/workbench.ts'

const KINDS: readonly ClaimantKind[] = ['person', 'government', 'military', 'media', 'ngo', 'other']
const isKind = (v: string): v is ClaimantKind => (KINDS as readonly string[]).includes(v)

/** Picks who made a claim: find an existing claimant by name, or create a new one in place. */
export function ClaimantPicker({
  value,
  onChange,
}: {
  value: { id: string; name: string } | null
  onChange: (claimant: Pick<Claimant, 'id' | 'name'>) => void
}) {
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)
  const [name, setName] = useState('')
  const [kind, setKind] = useState<ClaimantKind>('person')
  const options = useQuery(claimantOptionsQuery(search.trim()))
  const create = useCreateClaimant()
  const ids = { search: useId(), select: useId(), name: useId(), kind: useId() }

  const items = options.data?.items ?? []
  const listed = value && !items.some((c) => c.id === value.id) ? [value, ...items] : items

  return (
    <fieldset className="claimant-picker">
      <legend>Claimant</legend>
      <label htmlFor={ids.search}>Find a claimant</label>
      <input id={ids.search} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      <label htmlFor={ids.select}>Who made the claim</label>
      <select
        id={ids.select}
        value={value?.id ?? ''}
        required
        onChange={(e) => {
          const picked = listed.find((c) => c.id === e.target.value)
          if (picked) onChange(picked)
        }}
      >
        <option value="" disabled>
          {options.isPending
            ? 'Loading claimants…'
            : listed.length
              ? 'Choose a claimant'
              : 'No claimant matches'}
        </option>
        {listed.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {options.error ? (
        <p role="alert" className="error small">
          The claimants could not be loaded. {options.error.message}
        </p>
      ) : null}
      {creating ? (
        <fieldset className="subform">
          <legend className="subform-title">New claimant</legend>
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={300} />
          <label htmlFor={ids.kind}>Kind</label>
          <select
            id={ids.kind}
            value={kind}
            onChange={(e) => {
              if (isKind(e.target.value)) setKind(e.target.value)
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {claimantKindLabel(k)}
              </option>
            ))}
          </select>
          <ActionError error={create.error} action="The claimant was not created." />
          <div className="actions">
            <button
              type="button"
              disabled={create.isPending}
              onClick={() =>
                create.mutate(
                  { name, kind },
                  {
                    onSuccess: (claimant) => {
                      onChange(claimant)
                      setCreating(false)
                      setName('')
                    },
                  },
                )
              }
            >
              {create.isPending ? 'Creating…' : 'Create claimant'}
            </button>
            <button type="button" onClick={() => setCreating(false)}>
              Cancel new claimant
            </button>
          </div>
        </fieldset>
      ) : (
        <button type="button" className="link-button" onClick={() => setCreating(true)}>
          New claimant…
        </button>
      )}
    </fieldset>
  )
}
