import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBody } from '../support/error-shape.ts'
import { httpClient, type Send, type SendInit, signIn } from '../support/http.ts'
import { documentedRoutes, makeFixtures, ROUTES } from '../support/route-table.ts'
import { type ServerHandle, startServer } from '../support/server.ts'

// The headers are the server's, whatever the files it serves: a web app of one page and one script
// stands in for the build (the browser project runs against the real one, built once per run).
const webDist = mkdtempSync(join(tmpdir(), 'counterclaim-web-'))
const ASSET = 'index-test.js'

// Under /api, answers anyone may see keep their own caching; every other one is private.
const PUBLIC_API = /^\/api\/(health|openapi\.json|public\/)/

/** What is missing from an answer's security headers. */
function headerProblems(res: Response, https: boolean, path: string): string[] {
  const problems: string[] = []
  const csp = res.headers.get('content-security-policy') ?? ''
  for (const directive of [
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "default-src 'self'",
  ])
    if (!csp.includes(directive)) problems.push(`CSP lacks ${directive}`)
  if (res.headers.get('x-content-type-options') !== 'nosniff') problems.push('no nosniff')
  const frames = res.headers.get('x-frame-options')
  if (frames !== 'DENY') problems.push(`X-Frame-Options ${frames}, not DENY like frame-ancestors 'none'`)
  const cache = res.headers.get('cache-control')
  if (path.startsWith('/api/') && !PUBLIC_API.test(path)) {
    if (!/(^|,)\s*no-store\s*(,|$)/.test(cache ?? '')) problems.push(`Cache-Control ${cache}, not no-store`)
  } else if (cache?.includes('no-store')) problems.push(`a public answer made ${cache}`)
  const hsts = res.headers.get('strict-transport-security')
  if (https) {
    const maxAge = Number(/max-age=(\d+)/.exec(hsts ?? '')?.[1] ?? 0)
    if (maxAge < 365 * 24 * 3600) problems.push(`HSTS ${hsts}`)
  } else if (hsts) problems.push(`HSTS over plain HTTP: ${hsts}`)
  return problems
}

let https: ServerHandle
let plain: ServerHandle

beforeAll(async () => {
  // The app shell is part of "every route".
  mkdirSync(join(webDist, 'assets'))
  writeFileSync(
    join(webDist, 'index.html'),
    `<!doctype html><html lang="en"><head><script type="module" src="/assets/${ASSET}"></script></head><body><div id="root"></div></body></html>`,
  )
  writeFileSync(join(webDist, 'assets', ASSET), 'export {}\n')
  https = await startServer({
    env: { COUNTERCLAIM_WEB_DIST: webDist, PUBLIC_BASE_URL: 'https://counterclaim.example' },
  })
  plain = await startServer({ env: { COUNTERCLAIM_WEB_DIST: webDist } })
})

afterAll(async () => {
  await https?.stop()
  await plain?.stop()
  rmSync(webDist, { recursive: true, force: true })
})

async function everyAnswer(send: Send): Promise<Array<[string, Response, string]>> {
  const f = await makeFixtures(send)
  const answers: Array<[string, Response, string]> = []
  for (const key of await documentedRoutes(send)) {
    const entry = ROUTES[key]
    if (!entry) throw new Error(`${key} has no entry in tests/support/route-table.ts`)
    const req = await entry.build(f)
    // Sign-in and sign-out end the session they are sent with: those get one of their own.
    const admin = entry.freshSession ? await signIn(send, 'admin') : f.cookies.admin
    for (const cookie of [undefined, admin]) {
      const res = await send(req.path, {
        method: req.method,
        json: req.json,
        body: req.body,
        headers: req.headers,
        cookie,
      })
      await readBody(res)
      answers.push([`${key} ${cookie ? 'signed in' : 'signed out'} → ${res.status}`, res, req.path])
    }
  }
  for (const path of [
    '/',
    '/disputes',
    '/claim-log',
    `/assets/${ASSET}`,
    '/assets/missing.js',
    `/v/${f.claimId}`,
    '/api/nothing-here',
  ]) {
    const res = await send(path)
    await res.arrayBuffer()
    answers.push([`GET ${path} → ${res.status}`, res, path])
  }
  // Errors to a signed-in caller: a bad body, an unknown record, an unknown route, a stale version.
  const errors: Array<[string, SendInit]> = [
    ['/api/disputes', { method: 'POST', json: { title: '' } }],
    ['/api/disputes', { method: 'POST', body: '{"title":', headers: { 'content-type': 'application/json' } }],
    [`/api/disputes/${randomUUID()}`, {}],
    ['/api/nothing-here', {}],
    [
      `/api/disputes/${f.disputeId}`,
      { method: 'PATCH', json: { title: 'x' }, headers: { 'if-match': '"0"' } },
    ],
  ]
  for (const [path, init] of errors) {
    const res = await send(path, { ...init, cookie: f.cookies.checker })
    await res.arrayBuffer()
    answers.push([`${init.method ?? 'GET'} ${path} signed in → ${res.status}`, res, path])
  }
  return answers
}

describe('security headers', () => {
  it('every route, the app shell and error answers included, sends CSP, HSTS of a year, nosniff, X-Frame-Options DENY, and no-store on every private answer over HTTPS', async () => {
    const answers = await everyAnswer(httpClient(https.url))
    expect(answers.length).toBeGreaterThan(50)
    const shell = answers.find(([what]) => what.startsWith('GET / →'))
    expect(shell?.[1].headers.get('content-type')).toMatch(/text\/html/)
    expect(answers.filter(([, res]) => res.status >= 400).length).toBeGreaterThan(20)
    const problems = answers.flatMap(([what, res, path]) =>
      headerProblems(res, true, path).map((p) => `${what}: ${p}`),
    )
    expect(problems).toEqual([])
  })

  it('over plain HTTP the same, without HSTS', async () => {
    const answers = await everyAnswer(httpClient(plain.url))
    const problems = answers.flatMap(([what, res, path]) =>
      headerProblems(res, false, path).map((p) => `${what}: ${p}`),
    )
    expect(problems).toEqual([])
  })
})
