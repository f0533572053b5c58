import type { Rating, VerdictStatus } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { i18n } from '../i18n/i18n.ts'
import './verdict-badges.css'

/** The words for a verdict status, in the interface's language; "No verdict" when there is none. */
export function verdictStatusLabel(status: VerdictStatus | null | undefined): string {
  return i18n.t(`domain:verdictStatus.${status ?? 'none'}`)
}

/** A verdict's rating as a coloured label; the colour only repeats what the words say. */
export function RatingBadge({ rating }: { rating: Rating | null | undefined }) {
  const { t } = useTranslation('domain')
  if (!rating) return <span className="badge badge-none">{t('notRated')}</span>
  return <span className={`badge rating-${rating}`}>{t(`rating.${rating}`)}</span>
}

/** Where a verdict stands in the workflow. */
export function VerdictStatusBadge({ status }: { status: VerdictStatus | null | undefined }) {
  const { t } = useTranslation('domain')
  return <span className={`badge status-${status ?? 'none'}`}>{t(`verdictStatus.${status ?? 'none'}`)}</span>
}
