import { MeSchema } from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { exact, expectError, expectInvalid, unchanged } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

const login = (app: TestApp, body: unknown) => app.request('/api/auth/login', { method: 'POST', json: body })

describe('POST /api/auth/login', () => {
  it('answers {user} and sets an HttpOnly, SameSite=Lax session cookie (not Secure over http)', async () => {
    const res = await login(t, TEST_ACCOUNTS.editor)
    expect(res.status).toBe(200)
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^cc_session=[A-Za-z0-9_-]{43};/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).not.toMatch(/Secure/i)
    const body = await exact(res, MeSchema)
    expect(body.user).toMatchObject({ email: 'editor@example.org', name: 'Ana Petrenko', role: 'editor' })
    expect(body.desk).toEqual({ twoPersonRule: true, independentRatings: false, twoSourceRule: false })
  })

  it('marks the cookie Secure when the public base URL is https', async () => {
    const secure = await makeTestApp({ env: { PUBLIC_BASE_URL: 'https://counterclaim.example.org' } })
    const res = await login(secure, TEST_ACCOUNTS.checker)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/i)
  })

  it('accepts the email in any case and with spaces around it', async () => {
    const res = await login(t, { email: '  Checker@Example.ORG ', password: TEST_ACCOUNTS.checker.password })
    expect(res.status).toBe(200)
  })

  it('is 401 unauthenticated on a wrong password or an unknown account, and sets no cookie', async () => {
    for (const body of [
      { email: TEST_ACCOUNTS.editor.email, password: 'not-the-password' },
      { email: 'nobody@example.org', password: TEST_ACCOUNTS.editor.password },
    ]) {
      const res = await login(t, body)
      expect(res.headers.get('set-cookie')).toBeNull()
      const error = await expectError(res, 'unauthenticated')
      // The same answer for both: it does not tell which accounts exist.
      expect(error.message).toBe('The email or the password is wrong.')
    }
  })

  it('is 400 validation_failed for a missing field, a wrong type or an unknown field', async () => {
    await expectInvalid(await login(t, { email: TEST_ACCOUNTS.editor.email }), 'password')
    await expectInvalid(await login(t, { email: 42, password: 'x' }), 'email')
    await expectInvalid(await login(t, { ...TEST_ACCOUNTS.editor, remember: true }))
    await expectInvalid(await login(t, []))
  })

  it('is 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "editor@example.org", ',
    })
    await expectError(malformed, 'validation_failed')
    const form = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=editor%40example.org&password=x',
    })
    await expectError(form, 'unsupported_media_type')
  })

  it('a new sign-in ends the session the browser held before (rotation)', async () => {
    const first = cookieOf(await login(t, TEST_ACCOUNTS.checker))
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      json: TEST_ACCOUNTS.checker,
      cookie: first,
    })
    const second = cookieOf(res)
    expect(second).not.toBe(first)
    await expectError(await t.request('/api/auth/me', { cookie: first }), 'unauthenticated')
    expect((await t.request('/api/auth/me', { cookie: second })).status).toBe(200)
  })
})

describe('GET /api/auth/me', () => {
  it('answers {user: {id, email, name, role}, desk} for each role', async () => {
    for (const role of ['admin', 'editor', 'checker'] as const) {
      const res = await t.request('/api/auth/me', { cookie: await t.login(role) })
      expect(res.status).toBe(200)
      const body = await exact(res, MeSchema)
      expect(Object.keys(body.user).sort()).toEqual(['email', 'id', 'name', 'role'])
      expect(body.user.role).toBe(role)
      expect(body.user.email).toBe(TEST_ACCOUNTS[role].email)
      // The two-person rule is on unless the desk turns it off.
      expect(body.desk).toEqual({ twoPersonRule: true, independentRatings: false, twoSourceRule: false })
    }
  })

  it('carries the desk’s rules as it set them, on /me and in the sign-in answer', async () => {
    for (const [twoPerson, ratings, twoSource] of [
      ['off', 'on', 'off'],
      ['on', 'off', 'on'],
    ] as const) {
      const desk = await makeTestApp({
        env: {
          COUNTERCLAIM_TWO_PERSON_RULE: twoPerson,
          COUNTERCLAIM_INDEPENDENT_RATINGS: ratings,
          COUNTERCLAIM_TWO_SOURCE_RULE: twoSource,
        },
      })
      const expected = {
        twoPersonRule: twoPerson === 'on',
        independentRatings: ratings === 'on',
        twoSourceRule: twoSource === 'on',
      }
      const signedIn = await login(desk, TEST_ACCOUNTS.checker)
      expect(signedIn.status).toBe(200)
      expect((await exact(signedIn, MeSchema)).desk).toEqual(expected)
      const me = await desk.request('/api/auth/me', { cookie: await desk.login('editor') })
      expect(me.status).toBe(200)
      expect((await exact(me, MeSchema)).desk).toEqual(expected)
    }
  })

  it('is 401 signed out, with an unknown cookie, or with a cookie too long to be ours', async () => {
    await expectError(await t.request('/api/auth/me'), 'unauthenticated')
    await expectError(await t.request('/api/auth/me', { cookie: 'cc_session=forged' }), 'unauthenticated')
    await expectError(
      await t.request('/api/auth/me', { cookie: `cc_session=${'a'.repeat(5000)}` }),
      'unauthenticated',
    )
  })
})

describe('POST /api/auth/logout', () => {
  it('ends the session: the cookie no longer works anywhere, and is cleared', async () => {
    const cookie = cookieOf(await login(t, TEST_ACCOUNTS.editor))
    expect((await t.request('/api/disputes', { cookie })).status).toBe(200)
    const res = await t.request('/api/auth/logout', { method: 'POST', cookie })
    expect(res.status).toBe(200)
    expect(await exact(res, z.object({ signedOut: z.literal(true) }))).toEqual({ signedOut: true })
    expect(res.headers.get('set-cookie')).toMatch(/^cc_session=;.*Max-Age=0/)
    await expectError(await t.request('/api/auth/me', { cookie }), 'unauthenticated')
    await expectError(await t.request('/api/disputes', { cookie }), 'unauthenticated')
    await expectError(
      await t.request('/api/disputes', { method: 'POST', json: { title: 'T', question: 'Q?' }, cookie }),
      'unauthenticated',
    )
  })

  it('is 401 signed out', async () => {
    await expectError(await t.request('/api/auth/logout', { method: 'POST' }), 'unauthenticated')
  })

  it('ends only its own session', async () => {
    const a = cookieOf(await login(t, TEST_ACCOUNTS.admin))
    const b = cookieOf(await login(t, TEST_ACCOUNTS.admin))
    expect((await t.request('/api/auth/logout', { method: 'POST', cookie: a })).status).toBe(200)
    expect((await t.request('/api/auth/me', { cookie: b })).status).toBe(200)
  })
})

describe('throttling failed sign-ins', () => {
  it('after 10 failures for one account, answers 429 with Retry-After, even for the right password', async () => {
    const app = await makeTestApp()
    for (let i = 0; i < 10; i++) {
      const res = await login(app, { email: TEST_ACCOUNTS.editor.email, password: `wrong-${i}` })
      await expectError(res, 'unauthenticated')
    }
    const blocked = await unchanged(app, () => login(app, TEST_ACCOUNTS.editor))
    const retryAfter = Number(blocked.headers.get('retry-after'))
    expect(blocked.headers.get('set-cookie')).toBeNull()
    const error = await expectError(blocked, 'rate_limited')
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    expect(error.details).toEqual({ retryAfterSeconds: retryAfter })
  })

  it('after 10 failures from one address across accounts, that address is throttled too', async () => {
    const app = await makeTestApp()
    for (let i = 0; i < 10; i++) {
      await expectError(
        await login(app, { email: `nobody-${i}@example.org`, password: 'wrong-password' }),
        'unauthenticated',
      )
    }
    const res = await login(app, TEST_ACCOUNTS.checker)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    await expectError(res, 'rate_limited')
  })

  it('nine failures do not lock the account out', async () => {
    const app = await makeTestApp()
    for (let i = 0; i < 9; i++) {
      await expectError(
        await login(app, { email: TEST_ACCOUNTS.checker.email, password: `wrong-${i}` }),
        'unauthenticated',
      )
    }
    expect((await login(app, TEST_ACCOUNTS.checker)).status).toBe(200)
  })
})
