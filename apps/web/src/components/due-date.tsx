import { Trans, useTranslation } from 'react-i18next'
import { formatDay } from './dates.ts'
import './due-date.css'

/** Today as YYYY-MM-DD in the reader's own time zone: the day a due date is compared with. */
export function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/**
 * "Overdue: was due 9 Jun 2025", "Due 12 Jun 2025" or "No due date": in words, so colour is never the only
 * sign. Overdue as the server says, or else when the day is before today.
 */
export function DueDate({ dueOn, overdue }: { dueOn: string | null; overdue?: boolean }) {
  const { t } = useTranslation('common')
  if (!dueOn) return <span className="due">{t('due.none')}</span>
  const parts = {
    values: { day: formatDay(dueOn) },
    components: { strong: <strong />, day: <time dateTime={dueOn} /> },
  }
  return (overdue ?? dueOn < today()) ? (
    <span className="due is-overdue">
      <Trans t={t} i18nKey="due.overdue" {...parts} />
    </span>
  ) : (
    <span className="due">
      <Trans t={t} i18nKey="due.on" {...parts} />
    </span>
  )
}
