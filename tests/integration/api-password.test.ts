import { randomUUID } from 'node:crypto'
import { UserSchema } from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectError, expectInvalid, oneEvent, record, unchanged, whoAmI } from '../support/api.ts'
import { sessionCookie } from '../support/http.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let admin: string
beforeAll(async () => {
  t = await makeTestApp()
  admin = await t.login('admin')
})

/** A fresh account made through the API, so no test depends on another's password. */
async function account() {
  const body = {
    email: `p-${randomUUID().slice(0, 8)}@example.org`,
    name: 'Password Person',
    role: 'checker',
    password: `first-password-${randomUUID().slice(0, 6)}`,
  }
  const user = await record(
    await t.request('/api/users', { method: 'POST', json: body, cookie: admin }),
    201,
    UserSchema,
  )
  return { user, email: body.email, password: body.password }
}

const signIn = (email: string, password: string) =>
  t.request('/api/auth/login', { method: 'POST', json: { email, password } })

const change = (cookie: string, json: unknown) =>
  t.request('/api/auth/password', { method: 'POST', json, cookie })

describe('POST /api/auth/password', () => {
  it('changes the password (204), ends every other session of the user, keeps this one', async () => {
    const a = await account()
    const here = sessionCookie(await signIn(a.email, a.password))
    const elsewhere = sessionCookie(await signIn(a.email, a.password))
    const newPassword = 'a brand new passphrase'
    const { result, event } = await oneEvent(
      t,
      { actorId: a.user.id, entity: 'user', action: 'password_changed' },
      () => change(here, { currentPassword: a.password, newPassword }),
    )
    expect(result.status).toBe(204)
    expect(await result.text()).toBe('')
    expect(event.entityId).toBe(a.user.id)
    expect(event.before).toEqual(a.user)
    expect(event.after).toMatchObject({ id: a.user.id, version: a.user.version + 1 })
    // Neither the password nor its hash is ever in history.
    expect(JSON.stringify(event)).not.toMatch(/scrypt|password"|brand new|first-password/i)

    expect((await whoAmI(t, here)).id).toBe(a.user.id)
    await expectError(await t.request('/api/auth/me', { cookie: elsewhere }), 'unauthenticated')
    await expectError(await signIn(a.email, a.password), 'unauthenticated')
    expect((await signIn(a.email, newPassword)).status).toBe(200)
  })

  it('a wrong current password is 400 naming currentPassword, and changes nothing', async () => {
    const a = await account()
    const cookie = sessionCookie(await signIn(a.email, a.password))
    const error = await unchanged(t, async () =>
      expectInvalid(
        await change(cookie, { currentPassword: 'not-my-password', newPassword: 'another long passphrase' }),
        'currentPassword',
      ),
    )
    expect(error.message).toMatch(/current password/i)
    expect((await signIn(a.email, a.password)).status).toBe(200)
  })

  it('refuses a short or common new password, or the same one again, naming newPassword', async () => {
    const a = await account()
    const cookie = sessionCookie(await signIn(a.email, a.password))
    await unchanged(t, async () => {
      for (const newPassword of ['short-pass', 'qwerty123456', 'QWERTY123456', '1q2w3e4r5t6y', a.password]) {
        await expectInvalid(await change(cookie, { currentPassword: a.password, newPassword }), 'newPassword')
      }
      await expectInvalid(await change(cookie, { newPassword: 'a long enough one' }), 'currentPassword')
      await expectInvalid(
        await change(cookie, { currentPassword: a.password, newPassword: 'x'.repeat(1001) }),
      )
      await expectInvalid(
        await change(cookie, { currentPassword: a.password, newPassword: 'long enough really', extra: 1 }),
      )
    })
  })

  it('wrong current passwords are throttled: after 10, 429 with Retry-After even for the right one', async () => {
    const a = await account()
    const cookie = sessionCookie(await signIn(a.email, a.password))
    for (let i = 0; i < 10; i++) {
      await expectInvalid(
        await change(cookie, { currentPassword: `guess-${i}`, newPassword: 'a good long passphrase' }),
        'currentPassword',
      )
    }
    const res = await change(cookie, { currentPassword: a.password, newPassword: 'a good long passphrase' })
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    await expectError(res, 'rate_limited')
  })

  it('is 401 signed out and 415 for a body that is not JSON', async () => {
    await expectError(
      await t.request('/api/auth/password', {
        method: 'POST',
        json: { currentPassword: 'x', newPassword: 'long enough password' },
      }),
      'unauthenticated',
    )
    await expectError(
      await t.request('/api/auth/password', {
        method: 'POST',
        cookie: admin,
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      }),
      'unsupported_media_type',
    )
  })
})

describe('common passwords are refused wherever a password is set', () => {
  it('creating an account with a common password is 400 naming password, and writes nothing', async () => {
    await unchanged(t, async () => {
      for (const password of ['qwerty123456', 'Password1234', '123456789012']) {
        await expectInvalid(
          await t.request('/api/users', {
            method: 'POST',
            cookie: admin,
            json: {
              email: `c-${randomUUID().slice(0, 6)}@example.org`,
              name: 'C',
              role: 'checker',
              password,
            },
          }),
          'password',
        )
      }
    })
  })
})
