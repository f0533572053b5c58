import { placedStanceCells } from '@counterclaim/domain'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await makeTestApp()
})

describe('health and the OpenAPI document', () => {
  it('answers ok once the database answers', async () => {
    const res = await t.request('/api/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('serves an OpenAPI 3.1 document listing the implemented routes', async () => {
    const res = await t.request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(doc.openapi).toMatch(/^3\.1/)
    expect(doc.servers[0].url).toBe('http://127.0.0.1:3000')
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/disputes',
      '/api/disputes/{id}',
      '/api/stances',
      '/api/claims/{id}/verdict',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
    for (const [, ops] of Object.entries<
      Record<string, { operationId?: string; summary?: string; security?: unknown }>
    >(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(op.operationId).toBeTruthy()
        expect(op.summary).toBeTruthy()
        expect(op.security).toBeDefined()
      }
    }
  })
})

describe('signed out', () => {
  it('gets 401 in the error shape on every non-public route', async () => {
    for (const path of [
      '/api/disputes',
      '/api/claimants',
      '/api/users',
      '/api/auth/me',
      '/api/history?entity=dispute&id=x',
    ]) {
      const res = await t.request(path)
      expect(res.status, path).toBe(401)
      expect((await res.json()).error.code).toBe('unauthenticated')
    }
  })
})

describe('the seeded example', () => {
  it('lists the seeded disputes and returns a whole workbench', async () => {
    const cookie = await t.login('admin')
    const list = await (await t.request('/api/disputes', { cookie })).json()
    const questions = list.items.map((d: { question: string }) => d.question)
    expect(questions).toContain('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    expect(questions.length).toBe(3)
    const strikes = list.items.find((d: { question: string }) =>
      d.question.startsWith('What did the 10 June'),
    )
    const res = await t.request(`/api/disputes/${strikes.id}`, { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe(`"${strikes.version}"`)
    const wb = await res.json()
    expect(wb.claims.map((c: { claimant: { name: string } }) => c.claimant.name)).toEqual([
      'Russian Ministry of Defence',
      'Oleg Kiper',
      'Vitali Klitschko',
    ])
    expect(wb.evidence.length).toBe(5)
    expect(placedStanceCells(wb).length).toBeGreaterThanOrEqual(7)
    expect(wb.claims.map((c: { verdict: { status: string } | null }) => c.verdict?.status)).toEqual([
      'published',
      'in_review',
      'draft',
    ])
  })
})

describe('validation, versions and roles', () => {
  it('POST /api/disputes with {} is 400 naming the failing fields', async () => {
    const cookie = await t.login('checker')
    const res = await t.request('/api/disputes', { method: 'POST', json: {}, cookie })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['question', 'title'])
  })

  it('a stale If-Match is 412 with the current record and changes nothing; none is 428', async () => {
    const cookie = await t.login('checker')
    const created = await (
      await t.request('/api/disputes', { method: 'POST', json: { title: 'T', question: 'Q?' }, cookie })
    ).json()
    const ok = await t.request(`/api/disputes/${created.id}`, {
      method: 'PATCH',
      json: { title: 'T2' },
      cookie,
      headers: { 'if-match': '"1"' },
    })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).toBe('"2"')
    const stale = await t.request(`/api/disputes/${created.id}`, {
      method: 'PATCH',
      json: { title: 'T3' },
      cookie,
      headers: { 'if-match': '"1"' },
    })
    expect(stale.status).toBe(412)
    const body = await stale.json()
    expect(body.error.code).toBe('precondition_failed')
    expect(body.error.details.title).toBe('T2')
    const missing = await t.request(`/api/disputes/${created.id}`, {
      method: 'PATCH',
      json: { title: 'T3' },
      cookie,
    })
    expect(missing.status).toBe(428)
    const wb = await (await t.request(`/api/disputes/${created.id}`, { cookie })).json()
    expect(wb.title).toBe('T2')
    expect(wb.version).toBe(2)
  })

  it('a checker gets 403 on /api/users', async () => {
    const cookie = await t.login('checker')
    const res = await t.request('/api/users', { cookie })
    expect(res.status).toBe(403)
    expect((await res.json()).error.code).toBe('forbidden')
  })
})
