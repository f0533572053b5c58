import { type Rating, ratingLabel, type VerdictStatus } from '@counterclaim/shared'
import './verdict-badges.css'

const STATUS_LABELS: Record<VerdictStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  withdrawn: 'Withdrawn',
}

/** The words for a verdict status; "No verdict" when there is none. */
export function verdictStatusLabel(status: VerdictStatus | null | undefined): string {
  return status ? STATUS_LABELS[status] : 'No verdict'
}

/** A verdict's rating as a coloured label; the colour only repeats what the words say. */
export function RatingBadge({ rating }: { rating: Rating | null | undefined }) {
  if (!rating) return <span className="badge badge-none">Not rated</span>
  return <span className={`badge rating-${rating}`}>{ratingLabel(rating)}</span>
}

/** Where a verdict stands in the workflow. */
export function VerdictStatusBadge({ status }: { status: VerdictStatus | null | undefined }) {
  return <span className={`badge status-${status ?? 'none'}`}>{verdictStatusLabel(status)}</span>
}
