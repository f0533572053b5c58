import { randomUUID } from 'node:crypto'
import {
  ClaimantSchema,
  ClaimSchema,
  DisputeSchema,
  EvidenceSchema,
  StanceSchema,
  UserSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectError, expectInvalid, ifMatch, record, unchanged } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

/**
 * What every route with a JSON body does with bodies that are not what it takes: the checks
 * sit in front of every such route, so each is tried on all of them.
 */

interface WriteRoute {
  method: 'POST' | 'PATCH' | 'PUT'
  path: string
  /** A body the route would accept. */
  body: Record<string, unknown>
  headers?: Record<string, string>
  signedOut?: boolean
}

let t: TestApp
let cookie: string
let routes: WriteRoute[]

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('admin')
  const make = async <S extends Parameters<typeof record>[2]>(path: string, json: unknown, schema: S) =>
    record(await t.request(path, { method: 'POST', json, cookie }), 201, schema)
  const user = await make(
    '/api/users',
    { email: 'bodies@example.org', name: 'Bodies', role: 'checker', password: 'long-enough-password' },
    UserSchema,
  )
  const claimant = await make('/api/claimants', { name: 'C', kind: 'person' }, ClaimantSchema)
  const dispute = await make('/api/disputes', { title: 'D', question: 'Q?' }, DisputeSchema)
  const claim = await make(
    `/api/disputes/${dispute.id}/claims`,
    { claimantId: claimant.id, text: 'T' },
    ClaimSchema,
  )
  const evidence = await make(
    `/api/disputes/${dispute.id}/evidence`,
    { title: 'E', kind: 'other' },
    EvidenceSchema,
  )
  const stance = await record(
    await t.request('/api/stances', {
      method: 'PUT',
      json: { evidenceId: evidence.id, claimId: claim.id, stance: 'supports' },
      cookie,
    }),
    201,
    StanceSchema,
  )
  const v1 = ifMatch(1)
  routes = [
    {
      method: 'POST',
      path: '/api/auth/login',
      body: { email: 'x@example.org', password: 'p' },
      signedOut: true,
    },
    {
      method: 'POST',
      path: '/api/users',
      body: { email: 'n@example.org', name: 'N', role: 'checker', password: 'long-enough-password' },
    },
    { method: 'PATCH', path: `/api/users/${user.id}`, body: { name: 'N' }, headers: v1 },
    { method: 'POST', path: '/api/claimants', body: { name: 'N', kind: 'person' } },
    { method: 'PATCH', path: `/api/claimants/${claimant.id}`, body: { name: 'N' }, headers: v1 },
    { method: 'POST', path: '/api/disputes', body: { title: 'N', question: 'Q?' } },
    { method: 'PATCH', path: `/api/disputes/${dispute.id}`, body: { title: 'N' }, headers: v1 },
    {
      method: 'POST',
      path: `/api/disputes/${dispute.id}/claims`,
      body: { claimantId: claimant.id, text: 'N' },
    },
    { method: 'PATCH', path: `/api/claims/${claim.id}`, body: { text: 'N' }, headers: v1 },
    { method: 'POST', path: `/api/disputes/${dispute.id}/evidence`, body: { title: 'N', kind: 'other' } },
    { method: 'PATCH', path: `/api/evidence/${evidence.id}`, body: { title: 'N' }, headers: v1 },
    {
      method: 'PUT',
      path: '/api/stances',
      body: { evidenceId: evidence.id, claimId: claim.id, stance: 'context' },
      headers: ifMatch(stance.version),
    },
    { method: 'PUT', path: `/api/claims/${claim.id}/verdict`, body: { summary: 'N' } },
  ]
})

const send = (
  route: WriteRoute,
  init: { body?: string; headers?: Record<string, string>; cookie?: string },
) =>
  t.request(route.path, {
    method: route.method,
    body: init.body,
    headers: { ...route.headers, ...init.headers },
    cookie: init.cookie ?? cookie,
  })
const label = (r: WriteRoute) => `${r.method} ${r.path}`

describe('every route that takes a JSON body', () => {
  it('answers malformed JSON with 400 validation_failed and writes nothing', async () => {
    for (const route of routes) {
      for (const body of ['{"title": ', '{title: "x"}', "{'a': 1}", '', 'undefined']) {
        const error = await unchanged(t, async () =>
          expectError(
            await send(route, { body, headers: { 'content-type': 'application/json' } }),
            'validation_failed',
          ),
        )
        expect(error.message, label(route)).toMatch(/malformed|missing|not valid/i)
      }
    }
  })

  it('answers JSON that is not an object with 400 and writes nothing', async () => {
    for (const route of routes) {
      for (const body of ['[]', '"text"', '42', 'null', 'true']) {
        await unchanged(t, async () =>
          expectInvalid(await send(route, { body, headers: { 'content-type': 'application/json' } })),
        )
      }
    }
  })

  it('answers an unknown field with 400 naming the body, and writes nothing', async () => {
    for (const route of routes) {
      const res = await unchanged(t, async () =>
        send(route, {
          body: JSON.stringify({ ...route.body, unexpected: 1 }),
          headers: { 'content-type': 'application/json' },
        }),
      )
      const error = await expectInvalid(res, '(body)')
      expect(JSON.stringify(error.details), label(route)).toContain('unexpected')
    }
  })

  it('answers a body that is not JSON with 415, whatever else is wrong with it', async () => {
    for (const route of routes) {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'text/csv',
      ]) {
        const error = await unchanged(t, async () =>
          expectError(
            await send(route, { body: JSON.stringify(route.body), headers: { 'content-type': type } }),
            'unsupported_media_type',
          ),
        )
        expect(error.details, `${label(route)} ${type}`).toMatchObject({ expected: 'application/json' })
      }
    }
  })

  it('answers a body over 1 MiB with 413 before reading it, and writes nothing', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(1024 * 1024), question: 'Q?' })
    for (const route of routes) {
      await unchanged(t, async () =>
        expectError(
          await send(route, { body: big, headers: { 'content-type': 'application/json' } }),
          'payload_too_large',
        ),
      )
    }
  })

  it('is 401 signed out (but for sign-in), and writes nothing', async () => {
    for (const route of routes.filter((r) => !r.signedOut)) {
      await unchanged(t, async () =>
        expectError(
          await t.request(route.path, { method: route.method, json: route.body, headers: route.headers }),
          'unauthenticated',
        ),
      )
    }
  })

  it('refuses changes a browser sends from another site: 403, nothing written', async () => {
    for (const route of routes) {
      for (const headers of [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
      ] as Record<string, string>[]) {
        await unchanged(t, async () =>
          expectError(
            await send(route, {
              body: JSON.stringify(route.body),
              headers: { 'content-type': 'application/json', ...headers },
            }),
            'forbidden',
          ),
        )
      }
    }
    // The app's own origin is welcome.
    const own = await t.request('/api/disputes', {
      method: 'POST',
      json: { title: 'Own origin', question: 'Q?' },
      headers: { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
      cookie,
    })
    expect(own.status).toBe(201)
  })
})

describe('changes (PATCH) that name nothing to change', () => {
  it('an empty object or no body at all is 400, and neither version nor history moves', async () => {
    for (const route of routes.filter((r) => r.method === 'PATCH')) {
      await unchanged(t, async () => {
        await expectInvalid(
          await send(route, { body: '{}', headers: { 'content-type': 'application/json' } }),
          '(body)',
        )
        await expectInvalid(await send(route, {}))
      })
    }
  })
})

describe('a create without a body', () => {
  it('is 400 naming the required fields', async () => {
    await unchanged(t, async () => {
      await expectInvalid(await t.request('/api/disputes', { method: 'POST', cookie }), 'title', 'question')
      // A claim needs its text; without a claimant it is unattributed.
      await expectInvalid(
        await t.request(`/api/disputes/${randomUUID()}/claims`, { method: 'POST', cookie }),
        'text',
      )
    })
  })
})
