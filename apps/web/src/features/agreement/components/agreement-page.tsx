import { kappaWords } from '@counterclaim/domain'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useSearchParams } from 'react-router'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { agreementQuery } from '../api/agreement.ts'
import '../../../components/data-table.css'
import './agreement.css'

const DAY_MS = 86_400_000
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v)

const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(0)}%`)
const kappa = (v: number | null) => (v === null ? '—' : v.toFixed(2))

/**
 * The desk's rater agreement: over a period (the last 90 days unless chosen, kept in the URL), how often two
 * checkers rating a claim blind chose the same rating: percent agreement and Cohen's kappa, overall and per
 * rating, with Landis & Koch's words for each kappa.
 */
export function AgreementPage() {
  const [params, setParams] = useSearchParams()
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
      <title>Rater agreement · Counterclaim</title>
      <div className="page-head">
        <h1 id="agreement-heading">Rater agreement</h1>
      </div>
      <p className="muted">
        How often two checkers who rated a claim independently chose the same rating, counted by the day the
        second rating came in. Cohen’s kappa discounts the agreement that chance alone would give.
      </p>
      <Form className="filters" onSubmit={submit} aria-label="Period">
        <Field label="From" type="date" value={fromInput} onChange={(e) => setFromInput(e.target.value)} />
        <Field label="To" type="date" value={toInput} onChange={(e) => setToInput(e.target.value)} />
        <button type="submit">Show period</button>
      </Form>
      {query.isPending ? <LoadingMessage>Loading agreement…</LoadingMessage> : null}
      {query.error ? (
        <ErrorMessage
          title="The agreement could not be loaded."
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : null}
      {data && data.pairs === 0 ? (
        <EmptyMessage>No claim has two ratings in this period.</EmptyMessage>
      ) : null}
      {data && data.pairs > 0 ? (
        <>
          <dl className="agreement-overall panel">
            <div>
              <dt>Claims rated twice</dt>
              <dd>{data.pairs}</dd>
            </div>
            <div>
              <dt>Raters agreed</dt>
              <dd>
                {data.agreed} of {data.pairs} ({percent(data.percentAgreement)})
              </dd>
            </div>
            <div>
              <dt>Cohen’s kappa</dt>
              <dd>
                {kappa(data.kappa)} · {kappaWords(data.kappa)}
              </dd>
            </div>
          </dl>
          {/* The table's title stays outside the sideways scroll, so a phone shows all of it. */}
          <h2 id="agreement-per-rating" className="agreement-table-title">
            Agreement per rating: each rating against all the others
          </h2>
          {/* Focusable, so a keyboard can scroll the table sideways on a phone. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
          <section className="table-scroll" aria-label="Agreement per rating" tabIndex={0}>
            <table className="data-table agreement-table" aria-labelledby="agreement-per-rating">
              <thead>
                <tr>
                  <th scope="col">Rating</th>
                  <th scope="col">Claims where either rater chose it</th>
                  <th scope="col">Both chose it</th>
                  <th scope="col">Agreement</th>
                  <th scope="col">Kappa</th>
                  <th scope="col">In words</th>
                </tr>
              </thead>
              <tbody>
                {data.byRating.map((r) => (
                  <tr key={r.rating}>
                    <th scope="row">{r.label}</th>
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
          <p className="muted small">
            Words for kappa after Landis &amp; Koch (1977): below 0 poor, up to 0.20 slight, 0.40 fair, 0.60
            moderate, 0.80 substantial, above that almost perfect.
          </p>
        </>
      ) : null}
    </section>
  )
}
