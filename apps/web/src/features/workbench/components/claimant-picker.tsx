import { type Claimant, type ClaimantKind, ClaimantKindSchema, LIMITS } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { AlreadyOnTheDesk, claimantMatchesOf } from '../../../components/already-on-the-desk.tsx'
import { claimantKindLabel } from '../../../components/claimant-kind.ts'
import { Field, FieldScope } from '../../../components/field.tsx'
import { claimantOptionsQuery, useCreateClaimant } from '../api/workbench.ts'

/** The choice of no claimant: an unattributed claim (no known speaker); the claim's claimantId is then null. */
export const UNATTRIBUTED_CHOICE = 'unattributed'

// The contract's list: a kind the API would refuse is never offered.
const KINDS = ClaimantKindSchema.options
const isKind = (v: string): v is ClaimantKind => ClaimantKindSchema.safeParse(v).success

/**
 * Picks who made a claim: find an existing claimant by name or alias (the exact one first), or create a new
 * one in place; a new name already on the desk offers the claimant there first, or to create it anyway.
 * `error` is the claim's own request, whose problems with the claimant show under the choice.
 */
export function ClaimantPicker({
  value,
  error,
  onChange,
}: {
  /** The claimant chosen, UNATTRIBUTED_CHOICE for none, or null before a choice. */
  value: { id: string; name: string } | typeof UNATTRIBUTED_CHOICE | null
  error: Error | null
  /** The claimant picked or created; null when the claim is unattributed. */
  onChange: (claimant: Pick<Claimant, 'id' | 'name'> | null) => void
}) {
  const { t } = useTranslation(['workbench', 'domain'])
  const [search, setSearch] = useState('')
  const [creating, setCreating] = useState(false)
  const [name, setName] = useState('')
  const [kind, setKind] = useState<ClaimantKind>('person')
  const options = useQuery(claimantOptionsQuery(search.trim()))
  const create = useCreateClaimant()

  const items = options.data?.items ?? []
  const chosen = value === UNATTRIBUTED_CHOICE ? null : value
  const listed = chosen && !items.some((c) => c.id === chosen.id) ? [chosen, ...items] : items
  const matches = claimantMatchesOf(create.error)
  const createClaimant = (allowDuplicate: boolean) =>
    create.mutate(
      { name, kind, ...(allowDuplicate ? { allowDuplicate } : {}) },
      {
        onSuccess: (claimant) => {
          onChange(claimant)
          setCreating(false)
          setName('')
        },
      },
    )
  const pickExisting = (claimant: Pick<Claimant, 'id' | 'name'>) => {
    onChange(claimant)
    setCreating(false)
    setName('')
    create.reset()
  }

  return (
    <Field as="group" className="claimant-picker" label={t('claimant.label')} path="claimantId" error={error}>
      <Field
        label={t('claimant.find')}
        type="search"
        value={search}
        dir="auto"
        onChange={(e) => setSearch(e.target.value)}
        maxLength={LIMITS.search}
      />
      <Field
        as="select"
        label={t('claimant.who')}
        value={value === UNATTRIBUTED_CHOICE ? UNATTRIBUTED_CHOICE : (value?.id ?? '')}
        required
        onChange={(e) => {
          if (e.target.value === UNATTRIBUTED_CHOICE) return onChange(null)
          const picked = listed.find((c) => c.id === e.target.value)
          if (picked) onChange(picked)
        }}
      >
        <option value="" disabled>
          {options.isPending
            ? t('claimant.loading')
            : listed.length
              ? t('claimant.choose')
              : t('claimant.noMatch')}
        </option>
        <option value={UNATTRIBUTED_CHOICE}>{t('domain:attribution.choice')}</option>
        {listed.map((c) => (
          <option key={c.id} value={c.id}>
            {optionLabel(c.name, items.find((item) => item.id === c.id)?.aliases ?? [], t)}
          </option>
        ))}
      </Field>
      {options.error ? (
        <p role="alert" className="error small">
          {t('claimant.loadFailed', { message: options.error.message })}
        </p>
      ) : null}
      {creating ? (
        // The new claimant is its own request: its problems stay inside this part of the form.
        <FieldScope>
          <fieldset className="subform">
            <legend className="subform-title">{t('claimant.new')}</legend>
            <Field
              label={t('claimant.name')}
              path="name"
              error={create.error}
              value={name}
              dir="auto"
              onChange={(e) => setName(e.target.value)}
              maxLength={LIMITS.name}
            />
            <Field
              as="select"
              label={t('claimant.kind')}
              path="kind"
              error={create.error}
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
            </Field>
            {matches.length ? (
              <AlreadyOnTheDesk
                matches={matches}
                onUse={pickExisting}
                anywayLabel={t('claimant.createAnyway')}
                onAnyway={() => createClaimant(true)}
                pending={create.isPending}
              />
            ) : (
              <ActionError error={create.error} action={t('claimant.notCreated')} />
            )}
            <div className="actions">
              <button type="button" disabled={create.isPending} onClick={() => createClaimant(false)}>
                {create.isPending ? t('claimant.creating') : t('claimant.create')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setCreating(false)
                  create.reset()
                }}
              >
                {t('claimant.cancelNew')}
              </button>
            </div>
          </fieldset>
        </FieldScope>
      ) : (
        <button type="button" className="link-button" onClick={() => setCreating(true)}>
          {t('claimant.startNew')}
        </button>
      )}
    </Field>
  )
}

/** A claimant as the picker lists it: its name, and the other names it is known by. */
function optionLabel(name: string, aliases: readonly string[], t: TFunction<'workbench'>): string {
  return aliases.length ? t('claimant.withAliases', { name, aliases: aliases.join(', ') }) : name
}
