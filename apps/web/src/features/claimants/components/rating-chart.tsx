import { RATING_SCALE, type Rating } from '@counterclaim/shared'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../../components/dates.ts'
import './claimants.css'

/**
 * A bar chart of verdicts by rating, in the scale's order. It is a table: the counts are its text, the bars only
 * draw them, so a screen reader reads the same figures a sighted reader sees.
 */
export function RatingChart({ ratings, title }: { ratings: readonly Rating[]; title: string }) {
  const { t } = useTranslation(['claimants', 'domain'])
  const titleId = useId()
  const counts = new Map<Rating, number>()
  for (const rating of ratings) counts.set(rating, (counts.get(rating) ?? 0) + 1)
  const max = Math.max(1, ...counts.values())
  return (
    <figure className="rating-chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>{title}</figcaption>
      <table>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('claimants:chart.rating')}</th>
            <th scope="col">{t('claimants:chart.verdicts')}</th>
          </tr>
        </thead>
        <tbody>
          {RATING_SCALE.map(({ rating }) => {
            const count = counts.get(rating) ?? 0
            return (
              <tr key={rating}>
                <th scope="row">{t(`domain:rating.${rating}`)}</th>
                <td>
                  <div className="bar-line">
                    <span className="bar-track" aria-hidden="true">
                      <span
                        className={`bar bar-${rating}${count === 0 ? ' bar-zero' : ''}`}
                        style={{ width: `${(count / max) * 100}%` }}
                      />
                    </span>
                    <span className="bar-count">{formatNumber(count)}</span>
                  </div>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </figure>
  )
}
