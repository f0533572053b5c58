import { createHash, randomUUID } from 'node:crypto'
import {
  ApiTokenCreatedSchema,
  ApiTokenListSchema,
  ApiTokenSchema,
  DisputeSchema,
  UserSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import {
  eventsSince,
  exact,
  expectError,
  ifMatch,
  lastSeq,
  oneEvent,
  record,
  tableRows,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { sessionCookie } from '../support/http.ts'
import { seededClaims } from '../support/seeded-verdicts.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

const clock = manualClock()
let t: TestApp
let admin: string
beforeAll(async () => {
  t = await makeTestApp({ now: clock.now })
  admin = await t.login('admin')
})

/** A fresh account of a role, made through the API and signed in: its tokens are its own. */
async function person(role: 'checker' | 'editor' | 'admin' = 'checker') {
  const password = `a long password ${randomUUID()}`
  const body = { email: `t-${randomUUID().slice(0, 8)}@example.org`, name: 'Token Person', role, password }
  const user = await record(
    await t.request('/api/users', { method: 'POST', json: body, cookie: admin }),
    201,
    UserSchema,
  )
  const login = await t.request('/api/auth/login', {
    method: 'POST',
    json: { email: body.email, password },
  })
  expect(login.status).toBe(200)
  return { user, cookie: sessionCookie(login) }
}

async function makeToken(
  cookie: string,
  scope: 'read' | 'write',
  name = `Token ${randomUUID().slice(0, 6)}`,
) {
  return record(
    await t.request('/api/tokens', { method: 'POST', json: { name, scope }, cookie }),
    201,
    ApiTokenCreatedSchema,
  )
}

const bearer = (token: string, headers: Record<string, string> = {}) => ({
  ...headers,
  authorization: `Bearer ${token}`,
})

const newDispute = () => ({ id: randomUUID(), title: 'Token dispute', question: 'What happened?', tags: [] })

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('making, listing and revoking tokens', () => {
  it('shows the token once, lists it without it, and revokes it with If-Match', async () => {
    const me = await person()
    const { result, event } = await oneEvent(
      t,
      { actorId: me.user.id, entity: 'api_token', action: 'created' },
      () => makeToken(me.cookie, 'read', 'Newsletter export'),
    )
    const made = result
    expect(made.token).toMatch(/^cc_[A-Za-z0-9_-]{43}$/)
    expect(made).toMatchObject({ name: 'Newsletter export', scope: 'read', lastUsedAt: null, version: 1 })
    // History keeps the record, never the token or its hash.
    expect(event.after).toEqual({ ...made, token: undefined })
    expect(JSON.stringify(event)).not.toContain(made.token)
    expect(JSON.stringify(event)).not.toContain(sha256(made.token))

    const listRes = await t.request('/api/tokens', { cookie: me.cookie })
    const list = await exact(listRes.clone(), ApiTokenListSchema)
    expect(list.items.map((i) => i.id)).toEqual([made.id])
    expect(list.nextCursor).toBeNull()
    const text = await listRes.text()
    expect(text).not.toContain(made.token)
    expect(text).not.toContain(sha256(made.token))
    expect(text).not.toMatch(/hash/i)

    // Someone else neither sees it nor can revoke it.
    const other = await person('editor')
    const theirs = await exact(await t.request('/api/tokens', { cookie: other.cookie }), ApiTokenListSchema)
    expect(theirs.items).toEqual([])
    await unchanged(t, async () =>
      expectError(
        await t.request(`/api/tokens/${made.id}`, {
          method: 'DELETE',
          cookie: other.cookie,
          headers: ifMatch(made.version),
        }),
        'not_found',
      ),
    )
    // Admins too: tokens are their owner's alone.
    await expectError(
      await t.request(`/api/tokens/${made.id}`, { method: 'DELETE', cookie: admin, headers: ifMatch(1) }),
      'not_found',
    )

    const revoke = (headers: Record<string, string>) =>
      t.request(`/api/tokens/${made.id}`, { method: 'DELETE', cookie: me.cookie, headers })
    await expectError(await revoke({}), 'precondition_required')
    await expectError(await revoke(ifMatch(7)), 'precondition_failed')
    expect((await t.request('/api/disputes', { headers: bearer(made.token) })).status).toBe(200)

    const revoked = await oneEvent(t, { actorId: me.user.id, entity: 'api_token', action: 'revoked' }, () =>
      revoke(ifMatch(made.version)),
    )
    const gone = await record(revoked.result, 200, ApiTokenSchema)
    expect(gone.revokedAt).not.toBeNull()
    expect(gone.version).toBe(made.version + 1)
    expect(revoked.event.after).toEqual(gone)
    await expectError(await revoke(ifMatch(gone.version)), 'conflict')

    const after = await exact(await t.request('/api/tokens', { cookie: me.cookie }), ApiTokenListSchema)
    expect(after.items).toEqual([])
    const error = await expectError(
      await t.request('/api/disputes', { headers: bearer(made.token) }),
      'unauthenticated',
    )
    expect(error.message).toMatch(/token/i)
  })

  it('keeps only the SHA-256 of a token: the plain token is nowhere in the database', async () => {
    const me = await person()
    const made = await makeToken(me.cookie, 'write')
    await t.request('/api/disputes', { headers: bearer(made.token) })
    const [row] = await rawQuery<{ token_hash: string; user_id: string; scope: string }>(
      t.db,
      'select token_hash, user_id, scope from api_tokens where id = $1',
      [made.id],
    )
    expect(row).toMatchObject({ token_hash: sha256(made.token), user_id: me.user.id, scope: 'write' })
    const everything = JSON.stringify(await tableRows(t.db))
    expect(everything).not.toContain(made.token)
    expect(everything).not.toContain(made.token.slice(3))
  })

  it('refuses a 51st live token in words, and takes one again once another is revoked', async () => {
    const me = await person()
    const made = []
    for (let i = 0; i < 50; i++) made.push(await makeToken(me.cookie, 'read', `Feed ${i}`))
    const error = await unchanged(t, async () =>
      expectError(
        await t.request('/api/tokens', {
          method: 'POST',
          json: { name: 'One too many', scope: 'read' },
          cookie: me.cookie,
        }),
        'conflict',
      ),
    )
    expect(error.message).toMatch(/50 API tokens.*Revoke one/)
    const first = made[0]
    if (!first) throw new Error('no token was made')
    const res = await t.request(`/api/tokens/${first.id}`, {
      method: 'DELETE',
      cookie: me.cookie,
      headers: ifMatch(first.version),
    })
    expect(res.status).toBe(200)
    await makeToken(me.cookie, 'read', 'One more')
  })

  it('refuses a blank name and an unknown scope', async () => {
    const me = await person()
    for (const json of [
      { name: '   ', scope: 'read' },
      { name: 'x', scope: 'admin' },
      { name: 'x', scope: 'read', token: 'mine' },
    ]) {
      await expectError(
        await t.request('/api/tokens', { method: 'POST', json, cookie: me.cookie }),
        'validation_failed',
      )
    }
  })
})

describe('signing in with a token', () => {
  it('a read token reads, and may not change anything', async () => {
    const me = await person()
    const { token } = await makeToken(me.cookie, 'read')
    expect((await t.request('/api/disputes', { headers: bearer(token) })).status).toBe(200)
    expect((await t.request('/api/disputes', { method: 'HEAD', headers: bearer(token) })).status).toBe(200)
    const who = await (await t.request('/api/auth/me', { headers: bearer(token) })).json()
    expect(who.user.id).toBe(me.user.id)
    const error = await unchanged(t, async () =>
      expectError(
        await t.request('/api/disputes', { method: 'POST', json: newDispute(), headers: bearer(token) }),
        'forbidden',
      ),
    )
    expect(error.message).toBe('This token may only read.')
  })

  it("a write token acts as its owner, with the owner's role: a checker's cannot publish", async () => {
    const me = await person('checker')
    const { token } = await makeToken(me.cookie, 'write')
    const seq = await lastSeq(t.db)
    const dispute = await record(
      await t.request('/api/disputes', { method: 'POST', json: newDispute(), headers: bearer(token) }),
      201,
      DisputeSchema,
    )
    const [event] = await eventsSince(t.db, seq)
    expect(event).toMatchObject({ entity: 'dispute', entityId: dispute.id, actorId: me.user.id })

    const { inReview } = await seededClaims(t)
    if (!inReview.verdict) throw new Error('the seeded claim in review has no verdict')
    const verdictVersion = inReview.verdict.version
    await unchanged(t, async () =>
      expectError(
        await t.request(`/api/claims/${inReview.id}/verdict/publish`, {
          method: 'POST',
          headers: bearer(token, ifMatch(verdictVersion)),
        }),
        'forbidden',
      ),
    )
  })

  it('no token administers accounts, changes a password or manages tokens, whatever its role', async () => {
    const boss = await person('admin')
    const { token } = await makeToken(boss.cookie, 'write')
    const asToken = (path: string, init: { method?: string; json?: unknown; headers?: object } = {}) =>
      t.request(path, { ...init, headers: bearer(token, { ...(init.headers ?? {}) }) })
    // Used once first, so its last-used stamp is fresh and the refusals below write nothing at all.
    expect((await asToken('/api/disputes')).status).toBe(200)
    await unchanged(t, async () => {
      for (const res of [
        await asToken('/api/users'),
        await asToken('/api/users', {
          method: 'POST',
          json: { email: 'x@example.org', name: 'X', role: 'admin', password: 'a long password here' },
        }),
        await asToken(`/api/users/${boss.user.id}`, {
          method: 'PATCH',
          json: { role: 'checker' },
          headers: ifMatch(boss.user.version),
        }),
        await asToken('/api/auth/password', {
          method: 'POST',
          json: { currentPassword: 'whatever it is', newPassword: 'a brand new passphrase' },
        }),
        await asToken('/api/tokens'),
        await asToken('/api/tokens', { method: 'POST', json: { name: 'Another', scope: 'write' } }),
      ]) {
        const error = await expectError(res, 'forbidden')
        expect(error.message).toMatch(/API tokens cannot manage accounts, passwords or tokens/)
      }
    })
    // The same admin, signed in to the app, may.
    expect((await t.request('/api/users', { cookie: boss.cookie })).status).toBe(200)
  })

  it('an unknown token is 401 even with a good session cookie beside it: no falling back', async () => {
    const me = await person()
    for (const header of ['Bearer cc_not-a-token', 'Bearer', 'bearer  ', `Bearer ${'x'.repeat(300)}`]) {
      await expectError(
        await t.request('/api/disputes', { cookie: me.cookie, headers: { authorization: header } }),
        'unauthenticated',
      )
    }
    // Another scheme (a proxy's Basic) is not a token: the cookie signs the request in.
    const basic = await t.request('/api/auth/me', {
      cookie: me.cookie,
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    })
    expect(basic.status).toBe(200)
    // A session token is no API token.
    const session = me.cookie.split('=')[1] ?? ''
    await expectError(await t.request('/api/disputes', { headers: bearer(session) }), 'unauthenticated')
  })

  it("a disabled owner's tokens sign nothing in", async () => {
    const me = await person('editor')
    const { token } = await makeToken(me.cookie, 'write')
    expect((await whoAmI(t, me.cookie)).id).toBe(me.user.id)
    const res = await t.request(`/api/users/${me.user.id}`, {
      method: 'PATCH',
      json: { disabled: true },
      cookie: admin,
      headers: ifMatch(me.user.version),
    })
    expect(res.status).toBe(200)
    await expectError(await t.request('/api/disputes', { headers: bearer(token) }), 'unauthenticated')
    await expectError(
      await t.request('/api/disputes', { method: 'POST', json: newDispute(), headers: bearer(token) }),
      'unauthenticated',
    )
  })

  it('stamps lastUsedAt at most once a minute', async () => {
    const me = await person()
    const made = await makeToken(me.cookie, 'read')
    const lastUsed = async () => {
      const list = await exact(await t.request('/api/tokens', { cookie: me.cookie }), ApiTokenListSchema)
      return list.items.find((i) => i.id === made.id)?.lastUsedAt
    }
    expect(await lastUsed()).toBeNull()
    const first = new Date(clock.now()).toISOString()
    await t.request('/api/disputes', { headers: bearer(made.token) })
    expect(await lastUsed()).toBe(first)
    clock.advance(30_000)
    await t.request('/api/disputes', { headers: bearer(made.token) })
    expect(await lastUsed()).toBe(first)
    clock.advance(31_000)
    const later = new Date(clock.now()).toISOString()
    await t.request('/api/disputes', { headers: bearer(made.token) })
    expect(await lastUsed()).toBe(later)
  })
})

describe("the browser's cross-site check", () => {
  const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }

  it('does not apply to a token request, which carries no ambient credential', async () => {
    const me = await person()
    const { token } = await makeToken(me.cookie, 'write')
    const res = await t.request('/api/disputes', {
      method: 'POST',
      json: newDispute(),
      headers: bearer(token, crossSite),
    })
    expect(res.status).toBe(201)
  })

  it('always applies to a cookie request, whatever Authorization it also carries', async () => {
    const me = await person()
    const { token } = await makeToken(me.cookie, 'write')
    for (const authorization of ['Bearer cc_junk', `Bearer ${token}`]) {
      await unchanged(t, async () => {
        const error = await expectError(
          await t.request('/api/disputes', {
            method: 'POST',
            json: newDispute(),
            cookie: me.cookie,
            headers: { ...crossSite, authorization },
          }),
          'forbidden',
        )
        expect(error.message).toMatch(/from the app itself/)
      })
    }
    // A cross-site form post with a junk token and the cookie: refused before its body is even read.
    await unchanged(t, async () =>
      expectError(
        await t.request('/api/disputes', {
          method: 'POST',
          body: 'title=x',
          cookie: me.cookie,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: 'https://evil.example',
            authorization: 'Bearer junk',
          },
        }),
        'forbidden',
      ),
    )
  })
})

describe('the OpenAPI document', () => {
  it('declares the bearer scheme beside the cookie, and which operations take each', async () => {
    const doc = await (await t.request('/api/openapi.json')).json()
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' })
    expect(doc.paths['/api/disputes'].get.security).toEqual([{ session: [] }, { bearer: [] }])
    expect(doc.paths['/api/tokens'].post.security).toEqual([{ session: [] }])
    expect(doc.paths['/api/users'].get.security).toEqual([{ session: [] }])
  })
})
