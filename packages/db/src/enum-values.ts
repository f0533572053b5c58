// What the SQLite and the PostgreSQL schemas share, so the two engines' tables name the same values.

/**
 * An enum's values from the contract in packages/shared, the one home of each list, typed as the
 * non-empty tuple drizzle's text enums want (zod types `options` as a plain array).
 */
export function valuesOf<T extends string>(schema: { options: readonly T[] }): [T, ...T[]] {
  const [first, ...rest] = schema.options
  if (first === undefined) throw new Error('an enum needs at least one value')
  return [first, ...rest]
}

/** A verdict correction's state; pending: a rating change waiting for a second editor (two-person rule). */
export const correctionStatuses = ['applied', 'pending', 'rejected'] as const

/** Why a verdict snapshot was taken. */
export const snapshotReasons = ['published', 'corrected', 'imported'] as const

/** Where a notification's e-mail stands; null on the row when none is to be sent. */
export const emailStates = ['pending', 'sent', 'failed'] as const
