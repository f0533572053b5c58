import { AppError } from '@counterclaim/shared'

/**
 * Checks a client's If-Match against the record's version: absent is 428, stale is 412
 * carrying the current record so the client can show what changed.
 */
export function assertVersion(expected: number | null, current: { version: number }, record: unknown): void {
  if (expected === null) {
    throw new AppError(
      'precondition_required',
      'This change needs the If-Match header with the record version.',
    )
  }
  if (expected !== current.version) {
    throw new AppError(
      'precondition_failed',
      'Someone else changed this record since you loaded it. Reload it and apply your change again.',
      record,
    )
  }
}

/** Throws not_found when a lookup found nothing. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AppError('not_found', `${what} not found.`)
  return value
}
