import { kappaLevel } from '@counterclaim/domain'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { formatDecimal } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { agreementQuery } from '../api/agreement.ts'
import '../../../components/data-table.css'
import './agreement.css'

const DAY_MS = 86_400_000
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v)

const kappa = (v: number | null) => (v === null ? '—' : formatDecimal(v, 2))

/**
 * The desk's rater agreement: over a period (the last 90 days unless chosen, kept in the URL), how often two
 * checkers rating a claim blind chose the same rating: percent agreement and Cohen's kappa, overall and per
 * rating, with Landis & Koch's words for each kappa.
 */
export function AgreementPage() {
  const [params, setParams] = useSearchParams()
  const { t } = useTranslation(['agreement', 'common', 'domain'])
  const percent = (v: number | null) => (v === null ? '—' : t('percent', { value: formatDecimal(v, 0) }))
  const kappaWords = (v: number | null) => t(`level.${kappaLevel(v)}`)
  const today = dayOf(Date.now())
  const to = isDay(params.get('to')) ? (params.get('to') as string) : today
  const from = isDay(params.get('from'))
    ? (params.get('from') as string)
    : dayOf(Date.parse(to) - 89 * DAY_MS)
  const [fromInput, setFromInput] = useState(from)
  const [toInput, setToInput] = useState(to)
  const query = useQuery(agreementQuery(from, to))
  const data = query.data

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setParams({ from: fromInput, to: toInput })
  }

  return (
    <section aria-labelledby="agreement-heading" className="page agreement-page">
      <title>{t('common:pageTitle', { title: t('title') })}</title>
      <div className="page-head">
        <h1 id="agreement-heading">{t('title')}</h1>
      </div>
      <p className="muted">{t('intro')}</p>
      <Form className="filters" onSubmit={submit} aria-label={t('period')}>
        <Field
          label={t('from')}
          type="date"
          value={fromInput}
          onChange={(e) => setFromInput(e.target.value)}
        />
        <Field label={t('to')} type="date" value={toInput} onChange={(e) => setToInput(e.target.value)} />
        <button type="submit">{t('show')}</button>
      </Form>
      {query.isPending ? <LoadingMessage>{t('loading')}</LoadingMessage> : null}
      {query.error ? (
        <ErrorMessage title={t('failed')} error={query.error} onRetry={() => query.refetch()} />
      ) : null}
      {data && data.pairs === 0 ? <EmptyMessage>{t('empty')}</EmptyMessage> : null}
      {data && data.pairs > 0 ? (
        <>
          <dl className="agreement-overall panel">
            <div>
              <dt>{t('ratedTwice')}</dt>
              <dd>{data.pairs}</dd>
            </div>
            <div>
              <dt>{t('agreed')}</dt>
              <dd>
                {t('agreedOf', {
                  agreed: data.agreed,
                  pairs: data.pairs,
                  percent: percent(data.percentAgreement),
                })}
              </dd>
            </div>
            <div>
              <dt>{t('kappa')}</dt>
              <dd>
                {kappa(data.kappa)} · {kappaWords(data.kappa)}
              </dd>
            </div>
          </dl>
          {/* The table's title stays outside the sideways scroll, so a phone shows all of it. */}
          <h2 id="agreement-per-rating" className="agreement-table-title">
            {t('tableTitle')}
          </h2>
          {/* Focusable, so a keyboard can scroll the table sideways on a phone. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
          <section className="table-scroll" aria-label={t('tableLabel')} tabIndex={0}>
            <table className="data-table agreement-table" aria-labelledby="agreement-per-rating">
              <thead>
                <tr>
                  <th scope="col">{t('column.rating')}</th>
                  <th scope="col">{t('column.either')}</th>
                  <th scope="col">{t('column.both')}</th>
                  <th scope="col">{t('column.agreement')}</th>
                  <th scope="col">{t('column.kappa')}</th>
                  <th scope="col">{t('column.words')}</th>
                </tr>
              </thead>
              <tbody>
                {data.byRating.map((r) => (
                  <tr key={r.rating}>
                    <th scope="row">{t(`domain:rating.${r.rating}`)}</th>
                    <td>{r.pairs}</td>
                    <td>{r.agreed}</td>
                    <td>{percent(r.percentAgreement)}</td>
                    <td>{kappa(r.kappa)}</td>
                    <td>{kappaWords(r.kappa)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <p className="muted small">{t('footnote')}</p>
        </>
      ) : null}
    </section>
  )
}
