import { describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { expectError } from '../support/api.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

const FIFTEEN_MINUTES = 15 * 60_000

interface Attempt {
  email: string
  password: string
  address?: string
  device?: string
}

const signIn = (t: TestApp, a: Attempt) =>
  t.request('/api/auth/login', {
    method: 'POST',
    json: { email: a.email, password: a.password },
    ...(a.address ? { address: a.address } : {}),
    ...(a.device ? { cookie: a.device } : {}),
  })

/** One Set-Cookie header of an answer, by the cookie's name. */
function setCookieNamed(res: Response, name: string): string {
  const header = res.headers.getSetCookie().find((h) => h.startsWith(`${name}=`))
  if (!header) throw new Error(`no ${name} cookie in ${JSON.stringify(res.headers.getSetCookie())}`)
  return header
}

/** The device cookie of a successful sign-in, as a Cookie header value. */
const deviceCookieOf = (res: Response) => setCookieNamed(res, 'cc_device').split(';')[0] ?? ''

const wrong = (email: string, i: number, address?: string): Attempt => ({
  email,
  password: `wrong-password-${i}`,
  ...(address ? { address } : {}),
})

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

describe('sign-in throttling counts an attempt before its password is checked', () => {
  it('30 parallel wrong passwords for one account from one address: at most 10 answered 401, the rest 429', async () => {
    const t = await makeTestApp()
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(t, wrong(TEST_ACCOUNTS.editor.email, i, '198.51.100.7'))),
    )
    const statuses = answers.map((r) => r.status)
    const checked = statuses.filter((s) => s === 401).length
    const refused = answers.filter((r) => r.status === 429)
    expect(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(','),
    ).toBe(true)
    expect(checked).toBeGreaterThan(0)
    expect(checked).toBeLessThanOrEqual(10)
    expect(refused.length).toBe(30 - checked)
    for (const res of refused) {
      const retryAfter = Number(res.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(15 * 60)
      const error = await expectError(res, 'rate_limited')
      expect(error.details).toEqual({ retryAfterSeconds: retryAfter })
    }
    // Even the right password waits now, from this address and any other.
    await expectError(await signIn(t, { ...TEST_ACCOUNTS.editor, address: '198.51.100.7' }), 'rate_limited')
    await expectError(await signIn(t, { ...TEST_ACCOUNTS.editor, address: '203.0.113.9' }), 'rate_limited')
  })

  it('a success gives its place back: ten sign-ins at once succeed, and ten more after them', async () => {
    const t = await makeTestApp()
    for (let round = 0; round < 3; round++) {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, () => signIn(t, TEST_ACCOUNTS.checker).then((r) => r.status)),
      )
      expect(statuses).toEqual(Array(10).fill(200))
    }
  })

  it('the window passes on the clock: after 15 minutes the account may try again', async () => {
    const clock = manualClock()
    const t = await makeTestApp({ now: clock.now })
    for (let i = 0; i < 10; i++)
      await expectError(await signIn(t, wrong(TEST_ACCOUNTS.editor.email, i)), 'unauthenticated')
    const blocked = await signIn(t, TEST_ACCOUNTS.editor)
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60)
    await expectError(blocked, 'rate_limited')
    clock.advance(FIFTEEN_MINUTES - 60_000)
    const still = await signIn(t, TEST_ACCOUNTS.editor)
    expect(Number(still.headers.get('retry-after'))).toBe(60)
    await expectError(still, 'rate_limited')
    clock.advance(60_000)
    expect((await signIn(t, TEST_ACCOUNTS.editor)).status).toBe(200)
  })
})

describe('the device cookie: no stranger can lock an owner out', () => {
  it('a successful sign-in sets a long-lived, HttpOnly, SameSite=Lax device cookie after the session cookie', async () => {
    const t = await makeTestApp()
    const res = await signIn(t, TEST_ACCOUNTS.checker)
    expect(res.status).toBe(200)
    const headers = res.headers.getSetCookie()
    expect(headers[0]).toMatch(/^cc_session=/)
    const device = setCookieNamed(res, 'cc_device')
    expect(device).toMatch(/HttpOnly/i)
    expect(device).toMatch(/SameSite=Lax/i)
    expect(device).toMatch(/Path=\/api\/auth/)
    expect(Number(/Max-Age=(\d+)/.exec(device)?.[1])).toBeGreaterThanOrEqual(180 * 24 * 3600)
    expect(device).not.toMatch(/Secure/i)
    // It names the account by id, not by email.
    expect(device).not.toContain('checker@example.org')
    expect(
      (await signIn(t, { email: TEST_ACCOUNTS.checker.email, password: 'wrong-password' })).headers.get(
        'set-cookie',
      ),
    ).toBeNull()

    const secure = await makeTestApp({ env: { PUBLIC_BASE_URL: 'https://counterclaim.example.org' } })
    expect(setCookieNamed(await signIn(secure, TEST_ACCOUNTS.checker), 'cc_device')).toMatch(/; Secure/i)
  })

  it("a device-cookie holder signs in after a stranger's 12 failures; browsers without it stay locked out", async () => {
    const t = await makeTestApp()
    const owner = deviceCookieOf(await signIn(t, { ...TEST_ACCOUNTS.editor, address: '192.0.2.10' }))
    const stranger = '203.0.113.66'
    const strangerStatuses: number[] = []
    for (let i = 0; i < 12; i++)
      strangerStatuses.push((await signIn(t, wrong(TEST_ACCOUNTS.editor.email, i, stranger))).status)
    expect(strangerStatuses).toEqual([...Array(10).fill(401), 429, 429])

    // The owner's browser, from the owner's address and even from the stranger's.
    expect((await signIn(t, { ...TEST_ACCOUNTS.editor, address: '192.0.2.10', device: owner })).status).toBe(
      200,
    )
    expect((await signIn(t, { ...TEST_ACCOUNTS.editor, address: stranger, device: owner })).status).toBe(200)
    // Another browser without the cookie, from any address, waits: the account takes no more failures.
    await expectError(await signIn(t, { ...TEST_ACCOUNTS.editor, address: '192.0.2.11' }), 'rate_limited')
  })

  it('without a device cookie, one account takes at most 10 failures per 15 minutes across all addresses', async () => {
    const clock = manualClock()
    const t = await makeTestApp({ now: clock.now })
    const statuses: number[] = []
    for (let i = 0; i < 14; i++)
      statuses.push((await signIn(t, wrong(TEST_ACCOUNTS.checker.email, i, `198.51.100.${i + 1}`))).status)
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(4).fill(429)])
    clock.advance(FIFTEEN_MINUTES)
    expect((await signIn(t, { ...TEST_ACCOUNTS.checker, address: '198.51.100.99' })).status).toBe(200)
  })

  it('a device cookie has a failure budget of its own, and a forged or borrowed one counts as none', async () => {
    const t = await makeTestApp()
    const editorDevice = deviceCookieOf(await signIn(t, TEST_ACCOUNTS.editor))
    const checkerDevice = deviceCookieOf(await signIn(t, TEST_ACCOUNTS.checker))
    // Ten failures through the editor's own browser lock that browser only.
    for (let i = 0; i < 10; i++) {
      await expectError(
        await signIn(t, { ...wrong(TEST_ACCOUNTS.editor.email, i), device: editorDevice }),
        'unauthenticated',
      )
    }
    await expectError(await signIn(t, { ...TEST_ACCOUNTS.editor, device: editorDevice }), 'rate_limited')
    expect((await signIn(t, { ...TEST_ACCOUNTS.editor, address: '192.0.2.50' })).status).toBe(200)

    // Lock the admin account for browsers without its cookie, then try cookies that are not the admin's.
    for (let i = 0; i < 10; i++)
      await expectError(
        await signIn(t, wrong(TEST_ACCOUNTS.admin.email, i, `192.0.2.${60 + i}`)),
        'unauthenticated',
      )
    const [name, value] = editorDevice.split('=') as [string, string]
    const [, issued, nonce, mac] = value.split('.')
    const adminId = (await (await t.request('/api/auth/me', { cookie: await t.login('editor') })).json()).user
      .id
    const forged = `${name}=${[adminId, issued, nonce, mac].join('.')}`
    for (const device of [checkerDevice, forged, 'cc_device=nonsense', `${name}=${value.slice(0, -2)}xx`]) {
      await expectError(
        await signIn(t, { ...TEST_ACCOUNTS.admin, address: '192.0.2.99', device }),
        'rate_limited',
      )
    }
  })

  it('the signing key is kept in the database: a device cookie still works after a restart', async () => {
    const first = await makeTestApp()
    const device = deviceCookieOf(await signIn(first, TEST_ACCOUNTS.editor))
    const keys = () => rawQuery(first.db, 'select name, value from app_secrets')
    expect(await keys()).toEqual([{ name: 'device-cookie-key', value: expect.any(String) }])
    const stored = JSON.stringify(await keys())

    const restarted = await makeTestApp({ database: first.database })
    for (let i = 0; i < 10; i++)
      await expectError(await signIn(restarted, wrong(TEST_ACCOUNTS.editor.email, i)), 'unauthenticated')
    await expectError(await signIn(restarted, TEST_ACCOUNTS.editor), 'rate_limited')
    expect((await signIn(restarted, { ...TEST_ACCOUNTS.editor, device })).status).toBe(200)
    expect(JSON.stringify(await keys())).toBe(stored)
  })
})

describe('an unknown email costs what a known one costs', () => {
  it('wrong passwords for a known account and for unknown emails: medians of 12 tries within 20 %', async () => {
    // At the scrypt cost the tests run the app with; the clock moves 15 minutes before each try, so
    // throttling never answers in place of the password check.
    const clock = manualClock()
    const t = await makeTestApp({ now: clock.now })
    const timed = async (attempt: Attempt) => {
      clock.advance(FIFTEEN_MINUTES)
      const started = performance.now()
      const res = await signIn(t, attempt)
      await res.arrayBuffer()
      const ms = performance.now() - started
      expect(res.status).toBe(401)
      return ms
    }
    // Take turns in a shuffled order, so drift in the machine's load (other test files run beside
    // this one) falls on both alike.
    const round = async () => {
      const known: number[] = []
      const unknown: number[] = []
      for (let i = 0; i < 12; i++) {
        const knownFirst = Math.random() < 0.5
        if (knownFirst) known.push(await timed(wrong(TEST_ACCOUNTS.editor.email, i)))
        unknown.push(await timed(wrong(`nobody-${i}@example.org`, i)))
        if (!knownFirst) known.push(await timed(wrong(TEST_ACCOUNTS.editor.email, i)))
      }
      const [a, b] = [median(known), median(unknown)]
      return {
        gap: Math.abs(a - b) / Math.max(a, b),
        said: `known ${a.toFixed(2)} ms, unknown ${b.toFixed(2)} ms`,
      }
    }
    for (let i = 0; i < 3; i++) {
      await timed(wrong(TEST_ACCOUNTS.editor.email, i))
      await timed(wrong(`warm-${i}@example.org`, i))
    }
    // A cost that differs (the stand-in hash at another scrypt N) differs in every round; a busy
    // machine can upset one round of 12, so up to three rounds are measured and the closest counts.
    const rounds = []
    for (let i = 0; i < 3; i++) {
      rounds.push(await round())
      if ((rounds.at(-1)?.gap ?? 1) <= 0.2) break
    }
    const best = Math.min(...rounds.map((r) => r.gap))
    expect(best, rounds.map((r) => r.said).join('; ')).toBeLessThanOrEqual(0.2)
  })
})
