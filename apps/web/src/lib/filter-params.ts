/** A list's filters as query parameters, in the order of `keys` (so one set of filters is one address); empty ones left out. */
export function filterParams<K extends string>(
  keys: readonly K[],
  filters: Partial<Record<K, string | undefined>>,
): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of keys) {
    const value = filters[key]
    if (value) params.set(key, value)
  }
  return params
}
