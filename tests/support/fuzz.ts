import fc from 'fast-check'
import { checkAnswer } from './error-shape.ts'
import type { Send } from './http.ts'
import type { RouteRequest } from './route-table.ts'

/** One hostile request: a body as raw text, its content type, an If-Match, a path. */
export interface FuzzCase {
  kind: string
  path: string
  contentType: string | null
  body: string | undefined
  ifMatch: string | undefined
}

export interface FuzzResult {
  requests: number
  fiveXx: number
  shapeViolations: number
  /** The first few failures, described. */
  failures: string[]
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/csv',
  'application/xml',
  'application/json-patch+json',
  'application/jsonx',
  'APPLICATION/JSON; charset=utf-16',
  '',
  ';',
  'application/json; charset=utf-8; boundary=',
]

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']

/** JSON text of an object, with `key` as an own property even when it is __proto__. */
function withKey(base: Record<string, unknown>, key: string, value: unknown): string {
  const text = JSON.stringify(base)
  const pair = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`
  return text === '{}' ? `{${pair}}` : `{${pair},${text.slice(1)}`
}

function nest(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth)
}

const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    null,
    true,
    -0,
    1e308,
    -1e308,
    0.1,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    '\u0000',
    '\uFEFF',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
)

/** How big the biggest hostile bodies get: the soak goes to the 1 MiB limit, npm test stays smaller. */
export interface FuzzSizes {
  stringChars: number
  arrayItems: number
  depth: number
}
export const FULL_SIZES: FuzzSizes = { stringChars: 900_000, arrayItems: 60_000, depth: 200_000 }
export const SHORT_SIZES: FuzzSizes = { stringChars: 200_000, arrayItems: 10_000, depth: 20_000 }

/** Hostile variants of a route's valid request. */
export function fuzzCaseArbitrary(base: RouteRequest, sizes: FuzzSizes = FULL_SIZES): fc.Arbitrary<FuzzCase> {
  const obj = (base.json && typeof base.json === 'object' ? base.json : {}) as Record<string, unknown>
  const keys = Object.keys(obj)
  const keyArb = keys.length ? fc.constantFrom(...keys) : fc.constant('x')
  const idSegments = base.path.split('/')
  const json = (kind: string, body: fc.Arbitrary<string>): fc.Arbitrary<Omit<FuzzCase, 'path' | 'ifMatch'>> =>
    body.map((b) => ({ kind, contentType: 'application/json', body: b }))

  const bodies = fc.oneof(
    json(
      'random JSON',
      jsonish.map((v) => JSON.stringify(v) ?? 'null'),
    ),
    json(
      'field replaced',
      fc.tuple(keyArb, jsonish).map(([k, v]) => JSON.stringify({ ...obj, [k]: v })),
    ),
    json(
      'field dropped',
      keyArb.map((k) => {
        const { [k]: _dropped, ...rest } = obj
        return JSON.stringify(rest)
      }),
    ),
    json(
      'unknown field',
      fc.tuple(fc.string({ maxLength: 20 }), jsonish).map(([k, v]) => withKey(obj, k, v)),
    ),
    json(
      'prototype key',
      fc
        .tuple(
          fc.constantFrom(...PROTO_KEYS),
          fc.oneof(jsonish, fc.constant({ isAdmin: true, role: 'admin' })),
        )
        .map(([k, v]) => withKey(obj, k, v)),
    ),
    json(
      'nested prototype key',
      fc
        .tuple(keyArb, fc.constantFrom(...PROTO_KEYS))
        .map(([k, p]) => JSON.stringify({ ...obj, [k]: JSON.parse(withKey({}, p, { polluted: true })) })),
    ),
    json(
      'huge string',
      fc
        .tuple(
          keyArb,
          fc.integer({ min: 1_000, max: sizes.stringChars }),
          fc.constantFrom('a', 'é', '😀', '\u0000', '<'),
        )
        .map(([k, n, ch]) => JSON.stringify({ ...obj, [k]: ch.repeat(Math.floor(n / ch.length / 3)) })),
    ),
    json(
      'huge array',
      fc
        .tuple(keyArb, fc.integer({ min: 100, max: sizes.arrayItems }))
        .map(([k, n]) => JSON.stringify({ ...obj, [k]: Array.from({ length: n }, (_, i) => `t${i}`) })),
    ),
    json(
      'deep nesting',
      fc.tuple(keyArb, fc.integer({ min: 50, max: sizes.depth }), fc.boolean()).map(([k, depth, arrays]) => {
        const deep = arrays ? nest(depth, '[', ']') : nest(depth, '{"a":', '}')
        return withKey(obj, k, '__DEEP__').replace('"__DEEP__"', deep)
      }),
    ),
    json('broken JSON', fc.string({ maxLength: 200 })),
    json(
      'truncated JSON',
      fc.nat().map((n) => {
        const text = JSON.stringify(obj)
        return text.slice(0, n % Math.max(1, text.length))
      }),
    ),
    fc
      .tuple(
        fc.constantFrom(...CONTENT_TYPES),
        fc.oneof(fc.constant(JSON.stringify(obj)), fc.string({ maxLength: 100 })),
      )
      .map(([contentType, body]) => ({ kind: 'wrong content type', contentType, body })),
    fc.constant({ kind: 'no body', contentType: null, body: undefined }),
    fc.constant({ kind: 'empty JSON body', contentType: 'application/json', body: '' }),
  )
  const csv = base.headers?.['content-type'] === 'text/csv' ? (base.body ?? '') : null
  const csvCell = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      '=1+1',
      "'=cmd",
      '@SUM(A1)',
      '"',
      '""',
      '\r',
      '\n',
      '\u0000',
      '\uFEFF',
      '2025-13-45',
      'x'.repeat(6000),
    ),
  )
  const csvBodies = fc.oneof(
    fc.string({ maxLength: 400 }).map((body) => ({ kind: 'random CSV', contentType: 'text/csv', body })),
    fc
      .tuple(fc.array(fc.array(csvCell, { maxLength: 25 }), { maxLength: 30 }), fc.boolean())
      .map(([rows, header]) => ({
        kind: 'CSV rows',
        contentType: 'text/csv',
        body: `${header && csv ? `${csv.split('\r\n')[0]}\r\n` : ''}${rows.map((r) => r.map((c) => (c.length % 2 ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\r\n')}`,
      })),
    fc.nat().map((n) => ({
      kind: 'truncated CSV',
      contentType: 'text/csv',
      body: (csv ?? '').slice(0, n % Math.max(1, (csv ?? '').length)),
    })),
    fc.integer({ min: 1, max: 500 }).map((n) => ({
      kind: 'many CSV rows',
      contentType: 'text/csv',
      body: `${csv ?? ''}${'T,C,x\r\n'.repeat(n)}`,
    })),
    fc
      .constantFrom('text/csv; charset=utf-16', 'TEXT/CSV', 'text/csv;')
      .map((contentType) => ({ kind: 'CSV content type', contentType, body: csv ?? '' })),
  )
  const paths = fc.oneof(
    { weight: 4, arbitrary: fc.constant(base.path) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ minLength: 1, maxLength: 120 }), fc.nat())
        .map(([s, n]) =>
          idSegments.length > 3
            ? idSegments.map((seg, i) => (i === 3 ? encodeURIComponent(s) : seg)).join('/')
            : `${base.path}${n % 2 ? `?${encodeURIComponent(s)}=${encodeURIComponent(s)}` : ''}`,
        ),
    },
  )
  const ifMatches = fc.oneof(
    { weight: 3, arbitrary: fc.constant(base.headers?.['if-match']) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
        fc.constantFrom('"0"', '"-1"', '"999999999999"', 'W/"1"', '*', '"1", "2"', '"1e3"', '""'),
      ),
    },
  )
  return fc
    .tuple(csv === null ? bodies : fc.oneof(csvBodies, bodies), paths, ifMatches)
    .map(([b, path, ifMatch]) => ({ ...b, path, ifMatch }))
}

/** Sends `runs` hostile variants of a request; counts 5xx and error answers out of shape. */
export async function fuzzRoute(
  send: Send,
  cookie: string | undefined,
  base: RouteRequest,
  runs: number,
  sizes: FuzzSizes = FULL_SIZES,
  seed?: number,
): Promise<FuzzResult> {
  const cases = fc.sample(fuzzCaseArbitrary(base, sizes), {
    numRuns: runs,
    ...(seed === undefined ? {} : { seed }),
  })
  const result: FuzzResult = { requests: 0, fiveXx: 0, shapeViolations: 0, failures: [] }
  for (const c of cases) {
    const headers: Record<string, string> = {}
    if (c.contentType !== null) headers['content-type'] = c.contentType
    if (c.ifMatch !== undefined) headers['if-match'] = c.ifMatch
    const res = await send(c.path, { method: base.method, headers, body: c.body, cookie })
    const answer = await checkAnswer(res)
    result.requests++
    const describe = () =>
      `${base.method} ${c.path} [${c.kind}] ${c.contentType} ${(c.body ?? '').slice(0, 120)} → ${answer.status} ${answer.text.slice(0, 200)}`
    if (answer.status >= 500) {
      result.fiveXx++
      if (result.failures.length < 5) result.failures.push(`5xx: ${describe()}`)
    } else if (answer.violation) {
      result.shapeViolations++
      if (result.failures.length < 5) result.failures.push(`shape (${answer.violation}): ${describe()}`)
    }
  }
  return result
}
