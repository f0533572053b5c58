import type { Person } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Field } from '../../../components/field.tsx'
import { ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { peopleQuery } from '../api/assignment.ts'

/** Above this many people, a filter box helps find one. */
const FILTER_FROM = 8

/**
 * The desk's people as checkboxes, under a legend; a filter box narrows a long desk by name. Checked
 * people stay shown whatever the filter.
 */
export function PeopleChooser({
  legend,
  chosen,
  onChange,
  error,
  problem,
  path = 'assigneeIds',
}: {
  legend: string
  chosen: readonly string[]
  onChange: (ids: string[]) => void
  error?: Error | null
  /** A problem found before anything was sent. */
  problem?: string | null
  path?: string
}) {
  const { t } = useTranslation('assignment')
  const people = useQuery(peopleQuery())
  const [filter, setFilter] = useState('')
  const filterId = useId()
  const all = people.data ?? []
  const needle = filter.trim().toLowerCase()
  const shown = needle
    ? all.filter((p) => chosen.includes(p.id) || p.name.toLowerCase().includes(needle))
    : all
  const toggle = (person: Person, on: boolean) =>
    onChange(
      on ? [...chosen.filter((id) => id !== person.id), person.id] : chosen.filter((id) => id !== person.id),
    )

  return (
    <Field as="group" label={legend} path={path} error={error} problem={problem} className="people-chooser">
      {people.isPending ? <LoadingMessage>{t('chooser.loading')}</LoadingMessage> : null}
      {people.error ? (
        <ErrorMessage title={t('chooser.loadFailed')} error={people.error} onRetry={() => people.refetch()} />
      ) : null}
      {all.length > FILTER_FROM ? (
        <div className="people-filter">
          <label htmlFor={filterId}>{t('chooser.find')}</label>
          <input
            id={filterId}
            type="search"
            dir="auto"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      ) : null}
      <div className="people-options">
        {shown.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(p.id)}
              onChange={(e) => toggle(p, e.target.checked)}
            />{' '}
            <span dir="auto">{p.name}</span>
          </label>
        ))}
        {people.isSuccess && shown.length === 0 ? (
          <p className="muted small">
            {all.length === 0 ? (
              t('chooser.noOneYet')
            ) : (
              <Trans
                t={t}
                i18nKey="chooser.noOneCalled"
                values={{ name: filter.trim() }}
                components={SENTENCE_TAGS}
              />
            )}
          </p>
        ) : null}
      </div>
    </Field>
  )
}

/** People's names by id; someone no longer on the desk is said so. */
export function usePersonNames(): (id: string) => string {
  const { t } = useTranslation('assignment')
  const people = useQuery(peopleQuery())
  return (id) => people.data?.find((p) => p.id === id)?.name ?? (people.isPending ? '…' : t('chooser.gone'))
}
