import { describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import { checkAnswer } from '../support/error-shape.ts'
import { signIn } from '../support/http.ts'
import {
  CALLERS,
  documentedRoutes,
  expectedStatus,
  makeFixtures,
  ROUTES,
  type RouteRequest,
  throwawaySession,
} from '../support/route-table.ts'
import { makeTestApp } from '../support/test-app.ts'

describe('the authorization matrix', () => {
  it('has an entry for every route of the OpenAPI document', async () => {
    const t = await makeTestApp()
    const missing = (await documentedRoutes(t.request)).filter((key) => !(key in ROUTES))
    expect(missing, 'routes without an entry in tests/support/route-table.ts').toEqual([])
  })

  for (const caller of CALLERS) {
    it(`every route answers ${caller} as the table says`, async () => {
      // A database per caller, so one caller's changes never decide another's answer.
      const t = await makeTestApp()
      const f = await makeFixtures(t.request)
      const routes = await documentedRoutes(t.request)
      const got: Record<string, number> = {}
      const want: Record<string, number> = {}
      const shapes: string[] = []
      for (const key of routes) {
        const entry = ROUTES[key]
        if (!entry) continue
        const cookie =
          caller === 'signed-out'
            ? undefined
            : entry.ownAccount
              ? await throwawaySession(f, caller)
              : entry.freshSession
                ? await signIn(t.request, caller)
                : f.cookies[caller]
        const req: RouteRequest = await entry.build(f, cookie)
        const res = await t.request(req.path, {
          method: req.method,
          json: req.json,
          body: req.body,
          headers: req.headers,
          cookie,
        })
        const answer = await checkAnswer(res)
        got[key] = answer.status
        want[key] = expectedStatus(entry, caller)
        if (answer.violation) shapes.push(`${key}: ${answer.violation}`)
      }
      expect(got).toEqual(want)
      expect(shapes).toEqual([])
    })
  }
})

describe('history', () => {
  it('rows cannot be changed or deleted: the triggers abort', async () => {
    const t = await makeTestApp()
    const count = async (where = '') =>
      (await rawQuery<{ n: number }>(t.db, `select count(*) as n from history_events ${where}`))[0]?.n
    const before = await count()
    expect(before).toBeGreaterThan(0)
    await expect(rawQuery(t.db, `update history_events set action = 'forged'`)).rejects.toThrow(
      /append-only|abort|history/i,
    )
    await expect(rawQuery(t.db, 'delete from history_events')).rejects.toThrow(/append-only|abort|history/i)
    expect(await count()).toBe(before)
    expect(await count(`where action = 'forged'`)).toBe(0)
  })
})
