import { beforeAll, describe, expect, it } from 'vitest'
import { fuzzRoute, SHORT_SIZES } from '../support/fuzz.ts'
import { signIn } from '../support/http.ts'
import { documentedRoutes, type Fixtures, makeFixtures, ROUTES } from '../support/route-table.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

const RUNS = 500
const UNSAFE = /^(POST|PUT|PATCH|DELETE) /

let t: TestApp
let f: Fixtures
let writeRoutes: string[]

beforeAll(async () => {
  t = await makeTestApp()
  f = await makeFixtures(t.request)
  writeRoutes = (await documentedRoutes(t.request)).filter((key) => UNSAFE.test(key))
})

describe('fuzzing every write route', () => {
  it('covers every unsafe route of the OpenAPI document', () => {
    expect(writeRoutes.length).toBeGreaterThan(10)
    expect(writeRoutes.filter((key) => !ROUTES[key])).toEqual([])
  })

  it(`answers ${RUNS} hostile bodies a route with no 5xx and every error in the one shape`, async () => {
    const totals: Record<string, string> = {}
    const failures: string[] = []
    // A session per route, all opened first: sign-out ends one, and fuzzing sign-in trips its throttle.
    const cookies = new Map<string, string>()
    for (const key of writeRoutes) cookies.set(key, await signIn(t.request, 'admin'))
    for (const key of writeRoutes) {
      const entry = ROUTES[key]
      if (!entry) continue
      const base = await entry.build(f)
      const cookie = entry.access === 'public' ? undefined : cookies.get(key)
      const started = performance.now()
      const result = await fuzzRoute(t.request, cookie, base, RUNS, SHORT_SIZES)
      totals[key] =
        `${result.requests} requests, ${result.fiveXx} 5xx, ${result.shapeViolations} shape, ${Math.round(performance.now() - started)} ms`
      failures.push(...result.failures)
      expect(result.requests).toBe(RUNS)
    }
    console.log(totals)
    expect(failures).toEqual([])
    // The server is still well after all of it.
    expect((await t.request('/api/health')).status).toBe(200)
  }, 240_000)
})
