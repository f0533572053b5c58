import {
  compareClaimQuantities,
  describeQuantity,
  type QuantityChart,
  quantityCharts,
} from '@counterclaim/domain'
import { domainWords, type WorkbenchClaim } from '@counterclaim/shared'
import { useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { claimantLabel } from '../../../components/claimant-name.tsx'
import { currentLocale } from '../../../i18n/i18n.ts'

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
  const { t } = useTranslation(['quantities', 'domain'])
  // The comparisons' sentences in the interface's language (re-rendered when it changes).
  const words = domainWords(currentLocale())
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
    words,
  )
  if (charts.length === 0) return null
  const comparisons = compareClaimQuantities(claims, words).flatMap((pair) => pair.comparisons)
  // Conflicts first: they are what a checker has to resolve; then what can be compared at all.
  const rank = { cannot_both_be_true: 0, can_both_be_true: 1, not_comparable: 2 } as const
  const ordered = [...comparisons].sort((x, y) => rank[x.result.verdict] - rank[y.result.verdict])
  const shown = all ? ordered : ordered.slice(0, SHOWN)
  return (
    <section className="quantities" aria-labelledby="quantities-heading">
      <h3 id="quantities-heading" className="quantities-heading">
        {t('heading')}
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
                <strong>{t(`domain:quantityVerdict.${result.verdict}`)}</strong>{' '}
                <span dir="auto">
                  {name(a.claimId)}: {describeQuantity(a.quantity, words)} · {name(b.claimId)}:{' '}
                  {describeQuantity(b.quantity, words)}
                </span>
              </p>
              <ul className="quantity-reasons" aria-label={t('why')}>
                {/* Each reason quotes what people typed (measures, units, places): laid out in its own direction. */}
                {result.reasons.map((reason) => (
                  <li key={reason} dir="auto">
                    {reason}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('none')}</p>
      )}
      {comparisons.length > SHOWN ? (
        <button type="button" className="link-button small" onClick={() => setAll((v) => !v)}>
          {all ? t('showFewer') : t('showAll', { count: comparisons.length })}
        </button>
      ) : null}
    </section>
  )
}

const rowWords = (row: QuantityChart['rows'][number]) =>
  [`${row.claimant}: ${row.valueWords}`, row.periodWords, row.place].filter(Boolean).join(', ')

/** One measure's number line: a bar or point per claim's quantity, an axis, and the same as a table. */
function QuantityChartFigure({ chart }: { chart: QuantityChart }) {
  const { t } = useTranslation('quantities')
  const captionId = useId()
  const summaryId = useId()
  const title = chart.measure === chart.unit ? chart.measure : `${chart.measure} (${chart.unit})`
  // What people typed (the measure, the claimants, the numbers) sits in the sentences in its own direction.
  const typed = { name: <span dir="auto" />, rows: <span dir="auto" /> }
  return (
    <figure className="quantity-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} dir="auto">
        {title}
      </figcaption>
      <div role="img" aria-labelledby={summaryId} className="quantity-chart-lines">
        <span id={summaryId} hidden>
          <Trans
            t={t}
            i18nKey="chartSummary"
            values={{
              title,
              from: chart.axis.ticks[0]?.label ?? '',
              to: chart.axis.ticks.at(-1)?.label ?? '',
              rows: chart.rows.map(rowWords).join('; '),
            }}
            components={typed}
          />
        </span>
        {chart.rows.map((row) => (
          <div className="quantity-chart-row" key={`${row.claimId}:${row.index}`}>
            <p className="quantity-chart-label">
              <strong dir="auto">{row.claimant}</strong> <span dir="auto">{row.valueWords}</span>
              {row.periodWords ? <span className="hint"> · {row.periodWords}</span> : null}
              {row.place ? (
                <span className="hint">
                  {' · '}
                  <span dir="auto">{row.place}</span>
                </span>
              ) : null}
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
        <summary>
          <Trans t={t} i18nKey="tableOf" values={{ title }} components={typed} />
        </summary>
        <table>
          <caption className="visually-hidden">
            <Trans t={t} i18nKey="byClaimant" values={{ title }} components={typed} />
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('claimant')}</th>
              <th scope="col">{t('number')}</th>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('place')}</th>
            </tr>
          </thead>
          <tbody>
            {chart.rows.map((row) => (
              <tr key={`${row.claimId}:${row.index}`}>
                <th scope="row" dir="auto">
                  {row.claimant}
                </th>
                <td dir="auto">{row.valueWords}</td>
                <td>{row.periodWords || t('notGiven')}</td>
                {row.place ? <td dir="auto">{row.place}</td> : <td>{t('notGiven')}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
