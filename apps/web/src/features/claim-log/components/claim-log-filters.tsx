import {
  type ClaimLogFilters,
  RATING_SCALE,
  UNATTRIBUTED_FILTER,
  VerdictStatusSchema,
} from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useId } from 'react'
import { UnattributedOption } from '../../../components/claimant-name.tsx'
import { verdictStatusLabel } from '../../../components/verdict-badges.tsx'
import { claimantOptionsQuery, disputeOptionsQuery, type FilterKey } from '../api/claim-log.ts'
import { DebouncedTextField } from './debounced-text-field.tsx'

/** The claim log's filters as form controls; every change is applied at once (text after a pause). */
export function ClaimLogFilterForm({
  filters,
  onChange,
}: {
  filters: ClaimLogFilters
  onChange: (next: ClaimLogFilters) => void
}) {
  const disputes = useQuery(disputeOptionsQuery())
  const claimants = useQuery(claimantOptionsQuery())
  const ids = {
    dispute: useId(),
    claimant: useId(),
    rating: useId(),
    status: useId(),
    from: useId(),
    to: useId(),
  }

  const set = useCallback(
    (key: FilterKey, value: string) => onChange({ ...filters, [key]: value || undefined }),
    [filters, onChange],
  )
  const setQ = useCallback((value: string) => set('q', value), [set])
  const setTag = useCallback((value: string) => set('tag', value), [set])

  const disputeOptions = withCurrent(disputes.data, filters.disputeId, 'The chosen dispute')
  const claimantOptions = withCurrent(
    claimants.data,
    filters.claimantId === UNATTRIBUTED_FILTER ? undefined : filters.claimantId,
    'The chosen claimant',
  )
  const optionErrors = [
    disputes.error ? `The list of disputes could not be loaded: ${disputes.error.message}` : null,
    claimants.error ? `The list of claimants could not be loaded: ${claimants.error.message}` : null,
  ].filter((m): m is string => m !== null)

  return (
    <form className="log-filters" aria-label="Filter the claim log" onSubmit={(e) => e.preventDefault()}>
      <DebouncedTextField
        label="Search claims"
        type="search"
        value={filters.q ?? ''}
        onCommit={setQ}
        size={18}
        hint="Claim text, claimant, verdict"
      />
      <div className="field">
        <label htmlFor={ids.dispute}>Dispute</label>
        <select
          id={ids.dispute}
          value={filters.disputeId ?? ''}
          onChange={(e) => set('disputeId', e.target.value)}
        >
          <option value="">Any dispute</option>
          {disputeOptions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.claimant}>Claimant</label>
        <select
          id={ids.claimant}
          value={filters.claimantId ?? ''}
          onChange={(e) => set('claimantId', e.target.value)}
        >
          <option value="">Any claimant</option>
          <UnattributedOption />
          {claimantOptions.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.rating}>Rating</label>
        <select id={ids.rating} value={filters.rating ?? ''} onChange={(e) => set('rating', e.target.value)}>
          <option value="">Any rating</option>
          {RATING_SCALE.map((r) => (
            <option key={r.rating} value={r.rating}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.status}>Verdict status</label>
        <select id={ids.status} value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">Any status</option>
          {VerdictStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {verdictStatusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.from}>Stated from</label>
        <input
          id={ids.from}
          type="date"
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.to}>Stated to</label>
        <input
          id={ids.to}
          type="date"
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(e) => set('to', e.target.value)}
        />
      </div>
      <DebouncedTextField label="Tag" value={filters.tag ?? ''} onCommit={setTag} size={12} />
      {optionErrors.length > 0 ? (
        <p role="alert" className="error log-filter-errors">
          {optionErrors.join(' ')}
        </p>
      ) : null}
    </form>
  )
}

/** The options, with the filter's current value kept selectable while the list loads or if it lacks it. */
function withCurrent(
  options: Array<{ id: string; label: string }> | undefined,
  current: string | undefined,
  fallback: string,
): Array<{ id: string; label: string }> {
  const list = options ?? []
  if (!current || list.some((o) => o.id === current)) return list
  return [{ id: current, label: `${fallback} (${current})` }, ...list]
}
