import { LIMITS } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../../components/dates.ts'
import { type FactCheckFilters, type FilterKey, factCheckFacetsQuery } from '../api/fact-checks.ts'
import { languageName, ratingFilterOptions } from './fact-check-words.ts'

/**
 * The list's filters as form controls: words (applied a moment after the last key, or at Enter), and
 * publisher, language and rating (at once). Publishers and languages are those on the desk.
 */
export function FactCheckFilterForm({
  filters,
  onChange,
}: {
  filters: FactCheckFilters
  onChange: (next: FactCheckFilters) => void
}) {
  const { t } = useTranslation('factChecks')
  const facets = useQuery(factCheckFacetsQuery())
  const ids = { q: useId(), qHint: useId(), publisher: useId(), language: useId(), rating: useId() }
  const q = filters.q ?? ''
  const [draft, setDraft] = useState(q)

  const set = (key: FilterKey, value: string) => onChange({ ...filters, [key]: value || undefined })

  // Back and forward change the address: the field follows it.
  useEffect(() => setDraft((d) => (d.trim() === q ? d : q)), [q])
  // The address changes once per pause, not once per letter.
  useEffect(() => {
    if (draft.trim() === q) return
    const timer = setTimeout(() => onChange({ ...filters, q: draft.trim() || undefined }), 300)
    return () => clearTimeout(timer)
  }, [draft, q, filters, onChange])

  const publishers = withCurrent(
    facets.data?.publishers.map((p) => ({
      value: p.name,
      label: t('filters.withCount', { name: p.name, count: formatNumber(p.count) }),
    })),
    filters.publisher,
  )
  const languages = withCurrent(
    facets.data?.languages.map((l) => ({
      value: l.language,
      label: t('filters.withCount', { name: languageName(l.language), count: formatNumber(l.count) }),
    })),
    filters.language,
  )

  return (
    <search>
      <form className="fc-filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div className="field fc-search">
          <label htmlFor={ids.q}>{t('filters.search')}</label>
          <input
            id={ids.q}
            type="search"
            value={draft}
            maxLength={LIMITS.search}
            autoComplete="off"
            aria-describedby={ids.qHint}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && draft.trim() !== q) set('q', draft.trim())
            }}
          />
          <span id={ids.qHint} className="field-hint">
            {t('filters.searchHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={ids.publisher}>{t('filters.publisher')}</label>
          <select
            id={ids.publisher}
            value={filters.publisher ?? ''}
            onChange={(e) => set('publisher', e.target.value)}
          >
            <option value="">{t('filters.anyPublisher')}</option>
            {publishers.map((p) => (
              <option key={p.value} value={p.value} dir="auto">
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.language}>{t('filters.language')}</label>
          <select
            id={ids.language}
            value={filters.language ?? ''}
            onChange={(e) => set('language', e.target.value)}
          >
            <option value="">{t('filters.anyLanguage')}</option>
            {languages.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.rating}>{t('filters.rating')}</label>
          <select
            id={ids.rating}
            value={filters.rating ?? ''}
            onChange={(e) => set('rating', e.target.value)}
          >
            <option value="">{t('filters.anyRating')}</option>
            {ratingFilterOptions().map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {facets.error ? (
          <p role="alert" className="error fc-filter-errors">
            {t('filters.facetsFailed', { message: facets.error.message })}
          </p>
        ) : null}
      </form>
    </search>
  )
}

/** The choices, with the filter's current value kept selectable while they load or if they lack it. */
function withCurrent(
  options: Array<{ value: string; label: string }> | undefined,
  current: string | undefined,
): Array<{ value: string; label: string }> {
  const list = options ?? []
  if (!current || list.some((o) => o.value === current)) return list
  return [{ value: current, label: current }, ...list]
}
