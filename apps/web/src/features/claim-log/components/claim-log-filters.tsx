import {
  type ClaimLogFilters,
  RATING_SCALE,
  UNATTRIBUTED_FILTER,
  VerdictStatusSchema,
} from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useId } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation(['claimLog', 'domain'])
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

  const disputeOptions = withCurrent(disputes.data, filters.disputeId, (id) =>
    t('filters.chosenDispute', { id }),
  )
  const claimantOptions = withCurrent(
    claimants.data,
    filters.claimantId === UNATTRIBUTED_FILTER ? undefined : filters.claimantId,
    (id) => t('filters.chosenClaimant', { id }),
  )
  const optionErrors = [
    disputes.error ? t('filters.disputesFailed', { message: disputes.error.message }) : null,
    claimants.error ? t('filters.claimantsFailed', { message: claimants.error.message }) : null,
  ].filter((m): m is string => m !== null)

  return (
    <form className="log-filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <DebouncedTextField
        label={t('filters.search')}
        type="search"
        value={filters.q ?? ''}
        onCommit={setQ}
        size={18}
        hint={t('filters.searchHint')}
      />
      <div className="field">
        <label htmlFor={ids.dispute}>{t('filters.dispute')}</label>
        <select
          id={ids.dispute}
          value={filters.disputeId ?? ''}
          onChange={(e) => set('disputeId', e.target.value)}
        >
          <option value="">{t('filters.anyDispute')}</option>
          {disputeOptions.map((d) => (
            <option key={d.id} value={d.id} dir="auto">
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.claimant}>{t('filters.claimant')}</label>
        <select
          id={ids.claimant}
          value={filters.claimantId ?? ''}
          onChange={(e) => set('claimantId', e.target.value)}
        >
          <option value="">{t('filters.anyClaimant')}</option>
          <UnattributedOption />
          {claimantOptions.map((c) => (
            <option key={c.id} value={c.id} dir="auto">
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.rating}>{t('filters.rating')}</label>
        <select id={ids.rating} value={filters.rating ?? ''} onChange={(e) => set('rating', e.target.value)}>
          <option value="">{t('filters.anyRating')}</option>
          {RATING_SCALE.map((r) => (
            <option key={r.rating} value={r.rating}>
              {t(`domain:rating.${r.rating}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.status}>{t('filters.status')}</label>
        <select id={ids.status} value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('filters.anyStatus')}</option>
          {VerdictStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {verdictStatusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.from}>{t('filters.from')}</label>
        <input
          id={ids.from}
          type="date"
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.to}>{t('filters.to')}</label>
        <input
          id={ids.to}
          type="date"
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(e) => set('to', e.target.value)}
        />
      </div>
      <DebouncedTextField label={t('filters.tag')} value={filters.tag ?? ''} onCommit={setTag} size={12} />
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
  fallback: (id: string) => string,
): Array<{ id: string; label: string }> {
  const list = options ?? []
  if (!current || list.some((o) => o.id === current)) return list
  return [{ id: current, label: fallback(current) }, ...list]
}
