const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/** A calendar date (YYYY-MM-DD) for reading: "10 Jun 2025"; '' for none. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  // Read and written in UTC, so no time zone moves the day.
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`)
  return Number.isNaN(date.getTime()) ? day : dateFormat.format(date)
}

/** A timestamp for reading, in the reader's time zone; '' for none. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date)
}
