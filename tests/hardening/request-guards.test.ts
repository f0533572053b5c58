import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkAnswer, errorShapeViolation, httpClient, signIn } from '../support/http.ts'
import { sendRaw } from '../support/raw-http.ts'
import {
  documentedRoutes,
  type Fixtures,
  makeFixtures,
  ROUTES,
  type RouteRequest,
} from '../support/route-table.ts'
import { type RunningServer, startServer } from '../support/server-process.ts'
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

const historyCount = () =>
  (t.db.$client.prepare('select count(*) as n from history_events').get() as { n: number }).n

beforeAll(async () => {
  t = makeTestApp()
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
    const before = historyCount()
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
    expect(historyCount()).toBe(before)
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

describe('the origin a browser must send', () => {
  /** A new dispute posted to `url` as a browser would send it from `origin`. */
  const post = (app: TestApp, url: string, origin: string, cookie: string, form = false) =>
    app.app.request(url, {
      method: 'POST',
      headers: {
        origin,
        cookie,
        'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        ...(form ? {} : { 'sec-fetch-site': 'same-origin' }),
      },
      body: form ? 'title=Forged' : JSON.stringify({ title: 'From the app', question: 'Does it work?' }),
    })

  it('with PUBLIC_BASE_URL set, is its origin alone: the Host header never vouches for another', async () => {
    const site = makeTestApp({ env: { PUBLIC_BASE_URL: 'https://facts.example.org/desk' } })
    const cookie = await site.login('checker')
    expect((await post(site, `${BASE}/api/disputes`, 'https://facts.example.org', cookie)).status).toBe(201)
    const refused: Array<[string, string]> = [
      // The address the request reached, which is not the public one.
      [`${BASE}/api/disputes`, new URL(BASE).origin],
      // A Host the client chose, named again in Origin.
      ['http://evil.example/api/disputes', 'http://evil.example'],
      ['https://evil.example/api/disputes', 'https://evil.example'],
      // The public host on another scheme or port.
      ['http://facts.example.org/api/disputes', 'http://facts.example.org'],
      ['https://facts.example.org:8443/api/disputes', 'https://facts.example.org:8443'],
    ]
    for (const [url, origin] of refused) {
      for (const form of [false, true]) {
        const answer = await checkAnswer(await post(site, url, origin, cookie, form))
        expect(answer.status, `${url} from ${origin}`).toBe(403)
        expect(answer.violation).toBeNull()
      }
    }
  })

  it('without PUBLIC_BASE_URL, is the server’s own address or the one the browser used', async () => {
    const cookie = f.cookies.checker
    expect((await post(t, `${BASE}/api/disputes`, new URL(BASE).origin, cookie)).status).toBe(201)
    expect(
      (await post(t, 'http://localhost:3000/api/disputes', 'http://localhost:3000', cookie)).status,
    ).toBe(201)
    expect((await post(t, `${BASE}/api/disputes`, 'http://localhost:3000', cookie)).status).toBe(403)
  })
})

describe('bodies that are not JSON', () => {
  it('are 415 on every unsafe route from the app itself or from a client naming no origin', async () => {
    const before = historyCount()
    const wrong: string[] = []
    for (const [key, req] of unsafe) {
      const csvRoute = req.headers?.['content-type'] === 'text/csv'
      const types = [
        ...FORM_TYPES.map(([type]) => type),
        'application/xml',
        'text/html',
        'application/octet-stream',
        csvRoute ? 'application/json' : 'text/csv',
      ]
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
    expect(historyCount()).toBe(before)
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

describe('bodies over the limit, over a real socket', () => {
  let server: RunningServer
  let cookie: string
  beforeAll(async () => {
    server = await startServer()
    cookie = await signIn(httpClient(server.url), 'admin')
  })
  afterAll(async () => {
    await server?.stop()
  })

  const MiB = 1024 * 1024
  /** A JSON document of exactly `size` bytes. */
  const jsonOf = (size: number) => {
    const head = '{"title":"'
    const tail = '","question":"Q?"}'
    return Buffer.from(head + 'a'.repeat(size - head.length - tail.length) + tail)
  }

  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with Content-Length'
    it(`1 MiB + 1 byte of JSON, ${how}, is 413 in the error shape; 1 MiB is read`, async () => {
      for (const path of ['/api/disputes', '/api/auth/login']) {
        const over = await sendRaw(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: jsonOf(MiB + 1),
          chunked,
        })
        expect(over.status, path).toBe(413)
        expect(errorShapeViolation(413, String(over.headers['content-type']), over.text)).toBeNull()
        expect(JSON.parse(over.text).error.code).toBe('payload_too_large')
      }
      const at = await sendRaw(`${server.url}/api/disputes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: jsonOf(MiB),
        chunked,
      })
      // Read and validated: a title that long is a field error, not a size error.
      expect(at.status).toBe(400)
      expect(JSON.parse(at.text).error.code).toBe('validation_failed')
    })

    it(`the CSV import takes up to 50 MiB: 50 MiB + 1 byte, ${how}, is 413`, async () => {
      const over = await sendRaw(`${server.url}/api/claim-log/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', cookie },
        body: Buffer.alloc(50 * MiB + 1, 'a'),
        chunked,
      })
      expect(over.status).toBe(413)
      expect(errorShapeViolation(413, String(over.headers['content-type']), over.text)).toBeNull()
    })
  }

  it('the server still answers after all of it', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  })
})
