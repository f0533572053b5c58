import { AppError } from '@counterclaim/shared'

const normal = (v: unknown) => (v === undefined ? null : v)

/**
 * A create that names an id already taken: the same body again is a retry and gets the
 * existing record; any other body is a conflict, so a retry never makes a second record.
 */
export function replayOrConflict<T extends Record<string, unknown>>(
  input: Record<string, unknown>,
  existing: T,
): T {
  for (const [key, value] of Object.entries(input)) {
    if (JSON.stringify(normal(value)) !== JSON.stringify(normal(existing[key]))) {
      throw new AppError(
        'conflict',
        `A record with id ${String(input.id)} already exists with other content.`,
        {
          field: key,
        },
      )
    }
  }
  return existing
}
