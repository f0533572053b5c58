// The request guards over every unsafe route of the real app, in-process. The guards' own rules are
// unit-tested beside them (apps/api/src/middleware/request-guards.test.ts); what needs a socket is in
// tests/hardening/request-guards.test.ts.
import { beforeAll, describe, expect, it } from 'vitest'
import { acceptedMediaTypes } from '../../apps/api/src/middleware/request-guards.ts'
import { rawQuery } from '../../packages/db/src/index.ts'
import { checkAnswer } from '../support/error-shape.ts'
import {
  documentedRoutes,
  type Fixtures,
  makeFixtures,
  ROUTES,
  type RouteRequest,
} from '../support/route-table.ts'
import { BASE, makeTestApp, type TestApp } from '../support/test-app.ts'

const UNSAFE = /^(POST|PUT|PATCH|DELETE) /
const FORM_TYPES: Array<[string, string]> = [
  ['application/x-www-form-urlencoded', 'title=Forged&question=Forged%3F'],
  [
    'multipart/form-data; boundary=----x',
    '------x\r\nContent-Disposition: form-data; name="title"\r\n\r\nForged\r\n------x--\r\n',
  ],
  ['text/plain', '{"title":"Forged","question":"Forged?"}'],
]

let t: TestApp
let f: Fixtures
let unsafe: Array<[string, RouteRequest]>

const historyCount = async () =>
  (await rawQuery<{ n: number }>(t.db, 'select count(*) as n from history_events'))[0]?.n

beforeAll(async () => {
  t = await makeTestApp()
  f = await makeFixtures(t.request)
  unsafe = []
  for (const key of (await documentedRoutes(t.request)).filter((k) => UNSAFE.test(k))) {
    const entry = ROUTES[key]
    if (entry) unsafe.push([key, await entry.build(f)])
  }
})

describe('cross-site requests', () => {
  it('a form post from another site is 403 on every unsafe route, and writes nothing', async () => {
    expect(unsafe.length).toBeGreaterThan(10)
    const before = await historyCount()
    const wrong: string[] = []
    for (const [key, req] of unsafe) {
      for (const [type, body] of FORM_TYPES) {
        for (const site of <Record<string, string>[]>[
          { origin: 'https://evil.example' },
          { origin: 'null' },
          { origin: 'http://127.0.0.1:3000.evil.example' },
          { 'sec-fetch-site': 'cross-site' },
          { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        ]) {
          const res = await t.request(req.path, {
            method: req.method,
            body,
            headers: { ...req.headers, ...site, 'content-type': type },
            cookie: f.cookies.admin,
          })
          const answer = await checkAnswer(res)
          if (answer.status !== 403 || answer.violation || !answer.text.includes('"forbidden"'))
            wrong.push(
              `${key} ${type} ${JSON.stringify(site)} → ${answer.status} ${answer.text.slice(0, 100)}`,
            )
        }
      }
    }
    expect(wrong).toEqual([])
    expect(await historyCount()).toBe(before)
  })

  it('the same requests with a JSON body from another site are 403 too', async () => {
    for (const [key, req] of unsafe) {
      const res = await t.request(req.path, {
        method: req.method,
        body: req.body ?? JSON.stringify(req.json ?? {}),
        headers: {
          'content-type': 'application/json',
          ...req.headers,
          origin: 'https://evil.example',
        },
        cookie: f.cookies.admin,
      })
      expect(res.status, key).toBe(403)
    }
  })
})

describe('bodies that are not JSON', () => {
  it('are 415 on every unsafe route from the app itself or from a client naming no origin', async () => {
    const before = await historyCount()
    const wrong: string[] = []
    for (const [key, req] of unsafe) {
      const accepted = acceptedMediaTypes(req.path)
      const types = [
        ...FORM_TYPES.map(([type]) => type),
        'application/xml',
        'text/html',
        'application/octet-stream',
        'application/json',
        'text/csv',
      ].filter((type) => !accepted.includes(type))
      for (const type of types) {
        const own: Record<string, string>[] = [
          {},
          { origin: new URL(BASE).origin, 'sec-fetch-site': 'same-origin' },
        ]
        for (const origin of own) {
          const res = await t.request(req.path, {
            method: req.method,
            body: req.body ?? JSON.stringify(req.json ?? {}),
            headers: { ...req.headers, ...origin, 'content-type': type },
            cookie: f.cookies.admin,
          })
          const answer = await checkAnswer(res)
          if (answer.status !== 415 || answer.violation)
            wrong.push(
              `${key} ${type} ${JSON.stringify(origin)} → ${answer.status} ${answer.text.slice(0, 100)}`,
            )
        }
      }
    }
    expect(wrong).toEqual([])
    expect(await historyCount()).toBe(before)
  })

  it('a body with no content type at all is 415 too', async () => {
    for (const [key, req] of unsafe) {
      const res = await t.request(req.path, {
        method: req.method,
        body: 'title=x',
        headers: { ...req.headers, 'content-type': '' },
        cookie: f.cookies.admin,
      })
      expect(res.status, key).toBe(415)
    }
  })
})

describe('malformed requests, in the app log', () => {
  it('in the app itself, bad JSON is one note carrying the id of its answer', async () => {
    const before = t.logs.length
    const res = await t.request('/api/disputes', {
      method: 'POST',
      body: '{"title": "unfinished',
      headers: { 'content-type': 'application/json' },
      cookie: f.cookies.checker,
    })
    expect(res.status).toBe(400)
    expect(t.logs.slice(before)).toEqual([
      `info [${res.headers.get('x-request-id')}] POST /api/disputes: refused: Malformed JSON in request body; answered 400`,
    ])
  })
})
