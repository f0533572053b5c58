import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { checkAnswer } from '../support/error-shape.ts'
import { httpClient, sessionCookie } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { runSignInLoad } from '../support/signin-load.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

const me = (t: TestApp, cookie: string) => t.request('/api/auth/me', { cookie }).then((r) => r.status)
const login = (t: TestApp, body: unknown, cookie?: string) =>
  t.request('/api/auth/login', { method: 'POST', json: body, cookie })

describe('password hashing at the real cost (scrypt N=2^17)', () => {
  let server: ServerHandle
  beforeAll(async () => {
    server = await startServer({ env: { COUNTERCLAIM_SCRYPT_LOG_N: '17' } })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('10 sign-ins at once all succeed while health keeps answering', async () => {
    const r = await runSignInLoad(httpClient(server.url), 10)
    expect(r.signInStatuses).toEqual(Array(10).fill(200))
    // Health was asked over and over while the hashes ran, and every answer was ok.
    expect(r.healthStatuses.length).toBeGreaterThan(10)
    expect(r.healthStatuses.every((s) => s === 200)).toBe(true)
  }, 120_000)
})

describe('sign-in throttling', () => {
  it('after 10 failures for an account, sign-in answers 429 with Retry-After, even with the right password', async () => {
    const t = await makeTestApp()
    for (let i = 0; i < 10; i++) {
      const res = await login(t, { email: TEST_ACCOUNTS.editor.email, password: `wrong ${i}` })
      expect(res.status).toBe(401)
    }
    const res = await login(t, TEST_ACCOUNTS.editor)
    const retryAfter = Number(res.headers.get('retry-after'))
    const answer = await checkAnswer(res)
    expect(answer.status).toBe(429)
    expect(answer.violation).toBeNull()
    expect(JSON.parse(answer.text).error.code).toBe('rate_limited')
    expect(Number.isInteger(retryAfter)).toBe(true)
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
  })
})

describe('sign-in throttling over real sockets', () => {
  let server: ServerHandle
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('30 parallel wrong passwords for one account: at most 10 checked (401), the rest 429 with Retry-After', async () => {
    const send = httpClient(server.url)
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        send('/api/auth/login', {
          method: 'POST',
          json: { email: TEST_ACCOUNTS.editor.email, password: `wrong ${i}` },
        }).then(async (res) => ({ retryAfter: res.headers.get('retry-after'), ...(await checkAnswer(res)) })),
      ),
    )
    expect(answers.filter((a) => a.violation)).toEqual([])
    const checked = answers.filter((a) => a.status === 401).length
    expect(checked).toBeLessThanOrEqual(10)
    for (const a of answers.filter((x) => x.status !== 401)) {
      expect(a.status).toBe(429)
      expect(Number(a.retryAfter)).toBeGreaterThan(0)
    }
  })
})

describe('sessions', () => {
  it('rotate at sign-in: the cookie held before stops working', async () => {
    const t = await makeTestApp()
    const first = sessionCookie(await login(t, TEST_ACCOUNTS.checker))
    expect(await me(t, first)).toBe(200)
    const second = sessionCookie(await login(t, TEST_ACCOUNTS.checker, first))
    expect(second).not.toBe(first)
    expect(await me(t, first)).toBe(401)
    expect(await me(t, second)).toBe(200)
  })

  it('end at sign-out', async () => {
    const t = await makeTestApp()
    const cookie = sessionCookie(await login(t, TEST_ACCOUNTS.checker))
    const out = await t.request('/api/auth/logout', { method: 'POST', cookie })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/cc_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect(await me(t, cookie)).toBe(401)
  })

  it('end when the user is disabled, and the user cannot sign in again', async () => {
    const t = await makeTestApp()
    const admin = await t.login('admin')
    const account = { email: 'leaving@example.org', password: 'a-long-enough-password' }
    const made = await t.request('/api/users', {
      method: 'POST',
      cookie: admin,
      json: { ...account, name: 'Leaving', role: 'editor' },
    })
    expect(made.status).toBe(201)
    const user = await made.json()
    const cookie = sessionCookie(await login(t, account))
    expect(await me(t, cookie)).toBe(200)
    const disabled = await t.request(`/api/users/${user.id}`, {
      method: 'PATCH',
      cookie: admin,
      json: { disabled: true },
      headers: { 'if-match': `"${user.version}"` },
    })
    expect(disabled.status).toBe(200)
    expect(await me(t, cookie)).toBe(401)
    expect((await login(t, account)).status).toBe(401)
  })

  it('expire when idle', async () => {
    const clock = manualClock()
    const t = await makeTestApp({ now: clock.now, env: { COUNTERCLAIM_SESSION_IDLE_MINUTES: '20' } })
    const cookie = sessionCookie(await login(t, TEST_ACCOUNTS.checker))
    clock.advance(19 * 60_000)
    expect(await me(t, cookie)).toBe(200)
    // Used a minute ago: idle counts from the last use.
    clock.advance(19 * 60_000)
    expect(await me(t, cookie)).toBe(200)
    clock.advance(20 * 60_000)
    expect(await me(t, cookie)).toBe(401)
  })

  it('stay alive while used, and expire at the absolute limit all the same', async () => {
    const clock = manualClock()
    const t = await makeTestApp({
      now: clock.now,
      env: { COUNTERCLAIM_SESSION_IDLE_MINUTES: '30', COUNTERCLAIM_SESSION_MAX_HOURS: '8' },
    })
    const cookie = sessionCookie(await login(t, TEST_ACCOUNTS.checker))
    // Used every 10 minutes for 7 hours 50 minutes: far past the idle window, and still valid.
    for (let minutes = 10; minutes < 8 * 60; minutes += 10) {
      clock.advance(10 * 60_000)
      expect(await me(t, cookie)).toBe(200)
    }
    clock.advance(10 * 60_000)
    expect(await me(t, cookie)).toBe(401)
  })
})
