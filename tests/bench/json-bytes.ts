/**
 * Where the bytes of a JSON answer go: for each field path (array elements share one path, `claims[].verdict`),
 * the bytes its `"key":value` pairs take in JSON.stringify's output, summed over every element. A parent's
 * figure includes its children's.
 */
export function jsonBytes(value: unknown, depth = 2): Map<string, number> {
  const out = new Map<string, number>()
  const add = (path: string, n: number) => out.set(path, (out.get(path) ?? 0) + n)
  const walk = (v: unknown, path: string, level: number) => {
    if (level >= depth || v === null || typeof v !== 'object') return
    if (Array.isArray(v)) {
      for (const item of v) walk(item, `${path}[]`, level)
      return
    }
    for (const [key, child] of Object.entries(v)) {
      const at = path ? `${path}.${key}` : key
      // The pair as it is written: "key":value plus its comma.
      add(at, Buffer.byteLength(JSON.stringify({ [key]: child })) - 1)
      walk(child, at, level + 1)
    }
  }
  walk(value, '', 0)
  return out
}

/** The biggest parts of a JSON answer, in KiB with their share of the whole, biggest first. */
export function jsonBytesReport(value: unknown, top = 12, depth = 2): string[] {
  const total = Buffer.byteLength(JSON.stringify(value))
  return [...jsonBytes(value, depth)]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([path, n]) => `${path}: ${(n / 1024).toFixed(1)} KiB (${((100 * n) / total).toFixed(1)}%)`)
}
