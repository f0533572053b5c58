import { AppError } from '@counterclaim/shared'
import { z } from 'zod'

const CursorSchema = z.tuple([z.string(), z.string()])

/** An opaque cursor for keyset paging on (sort key, id). */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url')
}

/** Reads a cursor back; anything else is a validation error, never a crash. */
export function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {
    throw new AppError('validation_failed', 'The cursor is not valid.', [
      { path: 'cursor', message: 'is not a cursor this API issued' },
    ])
  }
}

/** Cuts a limit+1 fetch into a page and the cursor of the next one. */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => [string, string],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const nextCursor = rows.length > limit && last ? encodeCursor(...keyOf(last)) : null
  return { items, nextCursor }
}
