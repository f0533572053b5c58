import { randomUUID } from 'node:crypto'
import { pageOf, UserSchema } from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import {
  chars,
  exact,
  expectError,
  expectInvalid,
  ifMatch,
  oneEvent,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { sessionCookie } from '../support/http.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let admin: string
let adminId: string
beforeAll(async () => {
  t = await makeTestApp()
  admin = await t.login('admin')
  adminId = (await whoAmI(t, admin)).id
})

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `u-${randomUUID().slice(0, 8)}@example.org`,
  name: 'New Checker',
  role: 'checker',
  password: 'a-long-enough-password',
  ...overrides,
})

async function createUser(body = newUser()) {
  return record(await t.request('/api/users', { method: 'POST', json: body, cookie: admin }), 201, UserSchema)
}

describe('GET /api/users', () => {
  it('lists the accounts by email, without password hashes, in pages', async () => {
    const res = await t.request('/api/users', { cookie: admin })
    expect(res.status).toBe(200)
    const page = await exact(res, pageOf(UserSchema))
    expect(page.items.map((u) => u.email)).toEqual(
      expect.arrayContaining(['admin@example.org', 'checker@example.org', 'editor@example.org']),
    )
    expect(JSON.stringify(page)).not.toMatch(/scrypt|password/i)
    const first = await exact(await t.request('/api/users?limit=1', { cookie: admin }), pageOf(UserSchema))
    expect(first.items.length).toBe(1)
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await exact(
      await t.request(`/api/users?limit=1&cursor=${first.nextCursor}`, { cookie: admin }),
      pageOf(UserSchema),
    )
    expect(second.items[0]?.email).toBe(page.items[1]?.email)
  })

  it('is 403 for editors and checkers, 401 signed out', async () => {
    for (const role of ['editor', 'checker'] as const) {
      await expectError(await t.request('/api/users', { cookie: await t.login(role) }), 'forbidden')
    }
    await expectError(await t.request('/api/users'), 'unauthenticated')
  })

  it('is 400 for a bad limit or cursor', async () => {
    await expectInvalid(await t.request('/api/users?limit=0', { cookie: admin }), 'query.limit')
    await expectInvalid(await t.request('/api/users?limit=501', { cookie: admin }), 'query.limit')
    await expectInvalid(await t.request('/api/users?cursor=not-a-cursor', { cookie: admin }), 'cursor')
  })
})

describe('POST /api/users', () => {
  it('creates an account: 201 with the record, an ETag, one history event; the account can sign in', async () => {
    const body = newUser({ email: 'New.Person@Example.org', role: 'editor' })
    const { result: user, event } = await oneEvent(
      t,
      { actorId: adminId, entity: 'user', action: 'created' },
      () => createUser(body),
    )
    expect(user).toMatchObject({
      email: 'new.person@example.org',
      role: 'editor',
      disabled: false,
      version: 1,
    })
    expect(event.entityId).toBe(user.id)
    expect(event.before).toBeNull()
    expect(event.after).toEqual(user)
    expect(JSON.stringify(event.after)).not.toMatch(/scrypt|password/i)
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      json: { email: 'new.person@example.org', password: body.password },
    })
    expect(login.status).toBe(200)
  })

  it('is 409 conflict for an email that exists, in any case, and changes nothing', async () => {
    for (const email of ['editor@example.org', 'EDITOR@example.org']) {
      await unchanged(t, async () =>
        expectError(
          await t.request('/api/users', { method: 'POST', json: newUser({ email }), cookie: admin }),
          'conflict',
        ),
      )
    }
  })

  it('is 400 for each kind of bad field, and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: undefined }, 'email'],
      [{ email: 'not-an-email' }, 'email'],
      [{ name: '' }, 'name'],
      [{ name: chars(301) }, 'name'],
      [{ name: 7 }, 'name'],
      [{ role: 'owner' }, 'role'],
      [{ password: 'short' }, 'password'],
      [{ disabled: true }, '(body)'],
    ]
    for (const [overrides, path] of cases) {
      await unchanged(t, async () =>
        expectInvalid(
          await t.request('/api/users', { method: 'POST', json: newUser(overrides), cookie: admin }),
          path,
        ),
      )
    }
  })

  it('is 403 for editors and checkers, whatever the body', async () => {
    for (const role of ['editor', 'checker'] as const) {
      const cookie = await t.login(role)
      await unchanged(t, async () => {
        await expectError(
          await t.request('/api/users', { method: 'POST', json: newUser({ role: 'admin' }), cookie }),
          'forbidden',
        )
        await expectError(await t.request('/api/users', { method: 'POST', json: {}, cookie }), 'forbidden')
      })
    }
  })
})

describe('PATCH /api/users/:id', () => {
  it('changes the role with If-Match: 200, the next version, one event with before and after', async () => {
    const user = await createUser()
    const { result, event } = await oneEvent(t, { actorId: adminId, entity: 'user', action: 'updated' }, () =>
      t.request(`/api/users/${user.id}`, {
        method: 'PATCH',
        json: { role: 'editor', name: 'Promoted' },
        headers: ifMatch(user.version),
        cookie: admin,
      }),
    )
    const changed = await record(result, 200, UserSchema)
    expect(changed).toMatchObject({ id: user.id, role: 'editor', name: 'Promoted', version: 2 })
    expect(event.before).toEqual(user)
    expect(event.after).toEqual(changed)
  })

  it('needs If-Match: 428 without, 412 with the current record when stale, and changes nothing', async () => {
    const user = await createUser()
    await unchanged(t, async () => {
      await expectError(
        await t.request(`/api/users/${user.id}`, { method: 'PATCH', json: { role: 'admin' }, cookie: admin }),
        'precondition_required',
      )
      const stale = await expectError(
        await t.request(`/api/users/${user.id}`, {
          method: 'PATCH',
          json: { role: 'admin' },
          headers: ifMatch(7),
          cookie: admin,
        }),
        'precondition_failed',
      )
      expect(stale.details).toEqual(user)
      await expectError(
        await t.request(`/api/users/${user.id}`, {
          method: 'PATCH',
          json: { role: 'admin' },
          headers: { 'if-match': 'garbage' },
          cookie: admin,
        }),
        'precondition_failed',
      )
    })
  })

  it('disabling a user ends their sessions, refuses their sign-in, and enabling lets them back', async () => {
    const body = newUser()
    const user = await createUser(body)
    const signIn = () =>
      t.request('/api/auth/login', { method: 'POST', json: { email: body.email, password: body.password } })
    const res = await signIn()
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    expect((await t.request('/api/disputes', { cookie })).status).toBe(200)

    const { result, event } = await oneEvent(
      t,
      { actorId: adminId, entity: 'user', action: 'disabled' },
      () =>
        t.request(`/api/users/${user.id}`, {
          method: 'PATCH',
          json: { disabled: true },
          headers: ifMatch(1),
          cookie: admin,
        }),
    )
    const disabled = await record(result, 200, UserSchema)
    expect(disabled.disabled).toBe(true)
    expect(event.before).toMatchObject({ disabled: false })
    await expectError(await t.request('/api/disputes', { cookie }), 'unauthenticated')
    await expectError(await t.request('/api/auth/me', { cookie }), 'unauthenticated')
    await expectError(await signIn(), 'unauthenticated')

    const enabled = await record(
      await t.request(`/api/users/${user.id}`, {
        method: 'PATCH',
        json: { disabled: false },
        headers: ifMatch(disabled.version),
        cookie: admin,
      }),
      200,
      UserSchema,
    )
    expect(enabled.disabled).toBe(false)
    // The old session stays ended; a new sign-in works.
    await expectError(await t.request('/api/auth/me', { cookie }), 'unauthenticated')
    expect((await signIn()).status).toBe(200)
  })

  it('setting a password ends every session of that user; history records it without the hash', async () => {
    const body = newUser()
    const user = await createUser(body)
    const signIn = (password: string) =>
      t.request('/api/auth/login', { method: 'POST', json: { email: body.email, password } })
    const sessions = [sessionCookie(await signIn(body.password)), sessionCookie(await signIn(body.password))]
    const newPassword = 'set by the desk admin'
    const { result, event } = await oneEvent(
      t,
      { actorId: adminId, entity: 'user', action: 'password_set' },
      () =>
        t.request(`/api/users/${user.id}`, {
          method: 'PATCH',
          json: { password: newPassword },
          headers: ifMatch(user.version),
          cookie: admin,
        }),
    )
    const changed = await record(result, 200, UserSchema)
    expect(changed).toMatchObject({ id: user.id, version: user.version + 1, disabled: false })
    expect(event.before).toEqual(user)
    expect(event.after).toEqual(changed)
    expect(JSON.stringify(event)).not.toMatch(/scrypt|desk admin|a-long-enough/i)
    for (const cookie of sessions) {
      await expectError(await t.request('/api/auth/me', { cookie }), 'unauthenticated')
    }
    await expectError(await signIn(body.password), 'unauthenticated')
    expect((await signIn(newPassword)).status).toBe(200)
    // The admin's own session is untouched.
    expect((await whoAmI(t, admin)).id).toBe(adminId)
  })

  it('an admin setting their own password keeps their session and ends their others', async () => {
    const app = await makeTestApp()
    const here = await app.login('admin')
    const other = sessionCookie(
      await app.request('/api/auth/login', { method: 'POST', json: TEST_ACCOUNTS.admin }),
    )
    const me = await whoAmI(app, here)
    const res = await app.request(`/api/users/${me.id}`, {
      method: 'PATCH',
      json: { password: 'my own new admin password' },
      headers: ifMatch(1),
      cookie: here,
    })
    expect(res.status).toBe(200)
    expect((await whoAmI(app, here)).id).toBe(me.id)
    await expectError(await app.request('/api/auth/me', { cookie: other }), 'unauthenticated')
  })

  it('refuses a short or common password, naming password, and changes nothing', async () => {
    const user = await createUser()
    await unchanged(t, async () => {
      for (const password of ['too-short', 'qwerty123456', 'Password1234']) {
        await expectInvalid(
          await t.request(`/api/users/${user.id}`, {
            method: 'PATCH',
            json: { password },
            headers: ifMatch(user.version),
            cookie: admin,
          }),
          'password',
        )
      }
    })
  })

  it('an admin cannot disable themself or give up their own admin role: 409', async () => {
    await unchanged(t, async () => {
      for (const json of [{ disabled: true }, { role: 'checker' }]) {
        await expectError(
          await t.request(`/api/users/${adminId}`, {
            method: 'PATCH',
            json,
            headers: ifMatch(1),
            cookie: admin,
          }),
          'conflict',
        )
      }
    })
  })

  it('is 404 for an unknown id, 400 for bad fields, 403 for other roles', async () => {
    const user = await createUser()
    await unchanged(t, async () => {
      await expectError(
        await t.request(`/api/users/${randomUUID()}`, {
          method: 'PATCH',
          json: { role: 'editor' },
          headers: ifMatch(1),
          cookie: admin,
        }),
        'not_found',
      )
      for (const [json, path] of [
        [{ role: 'owner' }, 'role'],
        [{ disabled: 'yes' }, 'disabled'],
        [{ name: chars(301) }, 'name'],
        [{ email: 'x@example.org' }, '(body)'],
      ] as const) {
        await expectInvalid(
          await t.request(`/api/users/${user.id}`, {
            method: 'PATCH',
            json,
            headers: ifMatch(1),
            cookie: admin,
          }),
          path,
        )
      }
      for (const role of ['editor', 'checker'] as const) {
        await expectError(
          await t.request(`/api/users/${user.id}`, {
            method: 'PATCH',
            json: { role: 'admin' },
            headers: ifMatch(1),
            cookie: await t.login(role),
          }),
          'forbidden',
        )
      }
    })
  })

  it('a disabled editor signed in elsewhere loses access at once (the login uses the seeded account)', async () => {
    const app = await makeTestApp()
    const adminCookie = await app.login('admin')
    const editorCookie = await app.login('editor')
    const editorId = (await whoAmI(app, editorCookie)).id
    const res = await app.request(`/api/users/${editorId}`, {
      method: 'PATCH',
      json: { disabled: true },
      headers: ifMatch(1),
      cookie: adminCookie,
    })
    expect(res.status).toBe(200)
    await expectError(await app.request('/api/disputes', { cookie: editorCookie }), 'unauthenticated')
    await expectError(
      await app.request('/api/auth/login', { method: 'POST', json: TEST_ACCOUNTS.editor }),
      'unauthenticated',
    )
  })
})
