import { ClaimantSchema, ClaimSchema, DisputeSchema, fieldLabel, problemSentence } from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectInvalid, ifMatch, record } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let claimId: string

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('editor')
  const post = (path: string, json: unknown) => t.request(path, { method: 'POST', json, cookie })
  const dispute = await record(
    await post('/api/disputes', { title: 'Words', question: 'Do errors speak?' }),
    201,
    DisputeSchema,
  )
  const claimant = await record(
    await post('/api/claimants', { name: 'Word speaker', kind: 'person' }),
    201,
    ClaimantSchema,
  )
  const claim = await record(
    await post(`/api/disputes/${dispute.id}/claims`, { text: 'It was said.', claimantId: claimant.id }),
    201,
    ClaimSchema,
  )
  claimId = claim.id
})

/** A property name as written in code: a lower-case letter followed by a capital ("citedEvidenceIds"). */
const PROPERTY_NAME = /[a-z][A-Z]|\(body\)/

describe('validation messages', () => {
  it('name fields in words while details keep the property paths', async () => {
    const error = await expectInvalid(
      await t.request(`/api/claims/${claimId}/verdict`, {
        method: 'PUT',
        cookie,
        json: { rating: 'false', summary: 'Not so.', citedEvidenceIds: ['not an id'] },
      }),
      'citedEvidenceIds.0',
    )
    expect(error.message).toBe('Some fields are missing or not valid: Cited evidence.')
    expect(error.message).not.toMatch(PROPERTY_NAME)
  })

  it('say a change that names no field as "Nothing was changed", never "(body)"', async () => {
    const error = await expectInvalid(
      await t.request(`/api/claims/${claimId}`, { method: 'PATCH', cookie, json: {}, headers: ifMatch(1) }),
      '(body)',
    )
    expect(error.message).toBe('Nothing was changed: name at least one field to change.')
  })

  it('name several fields once each, a query string parameter by its own name', async () => {
    const claim = await expectInvalid(
      await t.request(`/api/claims/${claimId}`, {
        method: 'PATCH',
        cookie,
        json: { shortText: 'x'.repeat(500), statedOn: '2025-13-01', appearanceUrl: 'javascript:alert(1)' },
        headers: ifMatch(1),
      }),
      'shortText',
      'statedOn',
      'appearanceUrl',
    )
    expect(claim.message).toBe(
      'Some fields are missing or not valid: Short form, Date stated, Appearance URL.',
    )
    const search = await expectInvalid(await t.request('/api/search?q=x&limit=0', { cookie }), 'query.limit')
    expect(search.message).toBe('Some fields are missing or not valid: Limit.')
  })

  it("name a field of a new record in words: a claimant's Image URL and Job title", async () => {
    const error = await expectInvalid(
      await t.request('/api/claimants', {
        method: 'POST',
        cookie,
        json: { name: 'Someone', kind: 'person', imageUrl: 'javascript:alert(1)', jobTitle: ' ' },
      }),
      'imageUrl',
      'jobTitle',
    )
    expect(error.message).toBe('Some fields are missing or not valid: Job title, Image URL.')
  })
})

describe('field words', () => {
  it('come from one map, with a readable fallback for names it does not list', () => {
    expect(fieldLabel('citedEvidenceIds.2')).toBe('Cited evidence')
    expect(fieldLabel('publishedOn')).toBe('Published on')
    expect(fieldLabel('query.limit')).toBe('Limit')
    expect(fieldLabel('(body)')).toBeNull()
    expect(problemSentence({ path: 'citedEvidenceIds', message: 'needs at least one item' })).toBe(
      'Cited evidence needs at least one item.',
    )
    expect(problemSentence({ path: '(body)', message: 'nothing was changed' })).toBe('Nothing was changed.')
  })
})
