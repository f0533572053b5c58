// Text may not hold the NUL character (U+0000): PostgreSQL's text cannot store it, so both engines refuse
// it where input arrives (validated requests, CSV cells), with the same answer, before it reaches SQL.

/** What a field holding the NUL character is told. */
export const NUL_MESSAGE = 'may not contain the NUL character (U+0000)'

/** The path of the first string in `value` holding the NUL character, or null when none does. */
export function nulPath(value: unknown, path: readonly string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? [...path] : null
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, String(i)])
      if (found) return found
    }
    return null
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, [...path, key]) ?? nulPath(item, [...path, key])
      if (found) return found
    }
  }
  return null
}
