import {
  compareClaimQuantities,
  describeQuantity,
  QUANTITY_VERDICT_LABELS,
  type QuantityChart,
  quantityCharts,
} from '@counterclaim/domain'
import type { WorkbenchClaim } from '@counterclaim/shared'
import { useId, useState } from 'react'
import { claimantLabel } from '../../../components/claimant-name.tsx'

const SHOWN = 4

/**
 * The dispute's numbers: a chart per measure (each claim's value or range on one number line, with a table
 * of the same), and every two claims' numbers compared like with like, each verdict with its reasons.
 */
export function QuantityComparisons({
  claims,
  label,
}: {
  claims: readonly WorkbenchClaim[]
  label: (claim: WorkbenchClaim) => string
}) {
  const [all, setAll] = useState(false)
  const byId = new Map(claims.map((c) => [c.id, c]))
  const name = (id: string) => {
    const claim = byId.get(id)
    return claim ? label(claim) : ''
  }
  // The chart names each row by its claimant; by the claim when a claimant made two.
  const chartLabel = (c: WorkbenchClaim) =>
    claims.filter((x) => x.claimant?.id === c.claimant?.id).length > 1 ? label(c) : claimantLabel(c.claimant)
  const charts = quantityCharts(
    claims.map((c) => ({ id: c.id, label: chartLabel(c), quantities: c.quantities })),
  )
  if (charts.length === 0) return null
  const comparisons = compareClaimQuantities(claims).flatMap((pair) => pair.comparisons)
  // Conflicts first: they are what a checker has to resolve; then what can be compared at all.
  const rank = { cannot_both_be_true: 0, can_both_be_true: 1, not_comparable: 2 } as const
  const ordered = [...comparisons].sort((x, y) => rank[x.result.verdict] - rank[y.result.verdict])
  const shown = all ? ordered : ordered.slice(0, SHOWN)
  return (
    <section className="quantities" aria-labelledby="quantities-heading">
      <h3 id="quantities-heading" className="quantities-heading">
        Numbers compared
      </h3>
      <div className="quantity-charts">
        {charts.map((chart) => (
          <QuantityChartFigure key={chart.key} chart={chart} />
        ))}
      </div>
      {comparisons.length > 0 ? (
        <ul className="quantity-comparisons">
          {shown.map(({ a, b, result }) => (
            <li
              key={`${a.claimId}:${a.index}:${b.claimId}:${b.index}`}
              className={`quantity-verdict quantity-${result.verdict.replaceAll('_', '-')}`}
            >
              <p>
                <strong>{QUANTITY_VERDICT_LABELS[result.verdict]}</strong>{' '}
                <span>
                  {name(a.claimId)}: {describeQuantity(a.quantity)} · {name(b.claimId)}:{' '}
                  {describeQuantity(b.quantity)}
                </span>
              </p>
              <ul className="quantity-reasons" aria-label="Why">
                {result.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No two claims state numbers of the same thing.</p>
      )}
      {comparisons.length > SHOWN ? (
        <button type="button" className="link-button small" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer comparisons' : `Show all ${comparisons.length} comparisons`}
        </button>
      ) : null}
    </section>
  )
}

const rowWords = (row: QuantityChart['rows'][number]) =>
  [`${row.claimant}: ${row.valueWords}`, row.periodWords, row.place].filter(Boolean).join(', ')

/** One measure's number line: a bar or point per claim's quantity, an axis, and the same as a table. */
function QuantityChartFigure({ chart }: { chart: QuantityChart }) {
  const captionId = useId()
  const title = chart.measure === chart.unit ? chart.measure : `${chart.measure} (${chart.unit})`
  const summary = `Number line of ${title}, from ${chart.axis.ticks[0]?.label ?? ''} to ${
    chart.axis.ticks.at(-1)?.label ?? ''
  }: ${chart.rows.map(rowWords).join('; ')}.`
  return (
    <figure className="quantity-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <div role="img" aria-label={summary} className="quantity-chart-lines">
        {chart.rows.map((row) => (
          <div className="quantity-chart-row" key={`${row.claimId}:${row.index}`}>
            <p className="quantity-chart-label">
              <strong>{row.claimant}</strong> {row.valueWords}
              {row.periodWords ? <span className="hint"> · {row.periodWords}</span> : null}
              {row.place ? <span className="hint"> · {row.place}</span> : null}
            </p>
            <svg
              className="quantity-chart-bar"
              viewBox="0 0 1000 16"
              preserveAspectRatio="none"
              aria-hidden="true"
            >
              <line x1="0" y1="8" x2="1000" y2="8" className="quantity-chart-track" />
              <rect
                x={row.from * 1000 - (row.from === row.to ? 4 : 0)}
                y="2"
                width={Math.max((row.to - row.from) * 1000, 8)}
                height="12"
                rx="2"
                className={row.openLeft || row.openRight ? 'quantity-chart-open' : 'quantity-chart-range'}
              />
              {row.openRight ? (
                <polygon points="986,0 1000,8 986,16" className="quantity-chart-range" />
              ) : null}
              {row.openLeft ? <polygon points="14,0 0,8 14,16" className="quantity-chart-range" /> : null}
            </svg>
          </div>
        ))}
        <div className="quantity-chart-axis" aria-hidden="true">
          {chart.axis.ticks.map((tick) => (
            <span key={tick.value} style={{ left: `${tick.at * 100}%` }}>
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <details className="quantity-chart-table">
        <summary>Table of {title}</summary>
        <table>
          <caption className="visually-hidden">{title}, by claimant</caption>
          <thead>
            <tr>
              <th scope="col">Claimant</th>
              <th scope="col">Number</th>
              <th scope="col">Period</th>
              <th scope="col">Place</th>
            </tr>
          </thead>
          <tbody>
            {chart.rows.map((row) => (
              <tr key={`${row.claimId}:${row.index}`}>
                <th scope="row">{row.claimant}</th>
                <td>{row.valueWords}</td>
                <td>{row.periodWords || 'not given'}</td>
                <td>{row.place ?? 'not given'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
