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
  if (!dueOn) return <span className="due">No due date</span>
  const day = <time dateTime={dueOn}>{formatDay(dueOn)}</time>
  return (overdue ?? dueOn < today()) ? (
    <span className="due is-overdue">
      <strong>Overdue</strong>: was due {day}
    </span>
  ) : (
    <span className="due">Due {day}</span>
  )
}
