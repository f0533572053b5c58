import { randomUUID } from 'node:crypto'
import { ClaimantDetailSchema, ClaimantSchema, pageOf } from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
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
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let checkerId: string
beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checkerId = (await whoAmI(t, cookie)).id
})

const post = (json: unknown, as = cookie) => t.request('/api/claimants', { method: 'POST', json, cookie: as })
const patch = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/claimants/${id}`, { method: 'PATCH', json, headers, cookie })
const list = async (query = '') =>
  exact(await t.request(`/api/claimants${query}`, { cookie }), pageOf(ClaimantSchema))

describe('GET /api/claimants', () => {
  it('lists the seeded claimants by name', async () => {
    const page = await list()
    expect(page.items.map((c) => c.name)).toEqual([
      'Belgorod regional authorities',
      'Oleg Kiper',
      'Russian Ministry of Defence',
      'Ukrainian Air Force',
      'Ukrainian officials',
      'Vitali Klitschko',
    ])
    expect(page.nextCursor).toBeNull()
  })

  it('filters by ?q, case-insensitively, treating % and _ as plain characters', async () => {
    expect((await list('?q=ukrainian')).items.map((c) => c.name)).toEqual([
      'Ukrainian Air Force',
      'Ukrainian officials',
    ])
    expect((await list('?q=%25')).items).toEqual([])
    expect((await list('?q=_')).items).toEqual([])
  })

  it('pages with ?limit and ?cursor through every claimant exactly once', async () => {
    const all = (await list('?limit=500')).items.map((c) => c.id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
  })

  it('is 400 for a bad limit or cursor, 401 signed out', async () => {
    for (const q of ['?limit=0', '?limit=501', '?limit=ten', '?cursor=bm90LWpzb24', `?q=${chars(501)}`]) {
      await expectInvalid(await t.request(`/api/claimants${q}`, { cookie }))
    }
    await expectError(await t.request('/api/claimants'), 'unauthenticated')
  })
})

describe('POST /api/claimants', () => {
  it('creates a claimant: 201 with the record itself, ETag "1", one history event', async () => {
    const body = {
      name: '  Kyiv City Military Administration ',
      kind: 'government',
      description: 'Reports damage in Kyiv.',
      url: 'https://kyiv.example.org/',
      sameAs: ['https://www.wikidata.org/wiki/Q1899'],
    }
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claimant', action: 'created' },
      () => post(body),
    )
    const created = await record(result, 201, ClaimantSchema)
    expect(created).toMatchObject({
      name: 'Kyiv City Military Administration',
      kind: 'government',
      description: 'Reports damage in Kyiv.',
      url: 'https://kyiv.example.org/',
      sameAs: ['https://www.wikidata.org/wiki/Q1899'],
      version: 1,
    })
    expect(event).toMatchObject({ entityId: created.id, before: null, after: created })
  })

  it('fills defaults for the optional fields', async () => {
    const created = await record(await post({ name: 'Anonymous source', kind: 'other' }), 201, ClaimantSchema)
    expect(created).toMatchObject({ description: '', url: null, sameAs: [] })
  })

  it('a create with its own id, retried with the same body, is 200 with the same record; another body is 409', async () => {
    const id = randomUUID()
    const body = { id, name: 'Retried claimant', kind: 'media' }
    const first = await record(await post(body), 201, ClaimantSchema)
    const again = await unchanged(t, () => post(body))
    expect(await record(again, 200, ClaimantSchema)).toEqual(first)
    await unchanged(t, async () => expectError(await post({ ...body, name: 'Something else' }), 'conflict'))
  })

  it('is 400 for each kind of bad field and writes nothing', async () => {
    const good = { name: 'A', kind: 'person' }
    const cases: Array<[unknown, string]> = [
      [{ kind: 'person' }, 'name'],
      [{ ...good, name: '   ' }, 'name'],
      [{ ...good, name: 12 }, 'name'],
      [{ ...good, name: chars(301) }, 'name'],
      [{ ...good, kind: 'alien' }, 'kind'],
      [{ ...good, url: 'javascript:alert(1)' }, 'url'],
      [{ ...good, url: 'ftp://example.org/x' }, 'url'],
      [{ ...good, sameAs: ['https://ok.example.org', 'data:text/html,hi'] }, 'sameAs.1'],
      [{ ...good, sameAs: 'https://example.org' }, 'sameAs'],
      [{ ...good, description: chars(50_001) }, 'description'],
      [{ ...good, id: 'not-a-uuid' }, 'id'],
      [{ ...good, website: 'https://example.org' }, '(body)'],
    ]
    for (const [body, path] of cases) await unchanged(t, async () => expectInvalid(await post(body), path))
    // At the limit it is fine.
    await record(await post({ ...good, name: chars(300) }), 201, ClaimantSchema)
  })

  it('is 401 signed out and writes nothing', async () => {
    await unchanged(t, async () =>
      expectError(
        await t.request('/api/claimants', { method: 'POST', json: { name: 'A', kind: 'person' } }),
        'unauthenticated',
      ),
    )
  })
})

describe('GET /api/claimants/:id', () => {
  it('returns the claimant with its track record: its claims, their disputes and verdicts', async () => {
    const mod = (await list('?q=Ministry')).items[0]
    expect(mod).toBeDefined()
    const res = await t.request(`/api/claimants/${mod?.id}`, { cookie })
    const detail = await record(res, 200, ClaimantDetailSchema)
    expect(detail.name).toBe('Russian Ministry of Defence')
    expect(detail.claims.length).toBe(1)
    const claim = detail.claims[0]
    expect(claim?.disputeTitle).toBe('Strikes on Kyiv and Odesa, 10 June 2025')
    expect(claim?.shortText).toBe('All designated objects were hit')
    expect(claim?.verdict).toMatchObject({
      status: 'published',
      rating: 'misleading',
      ratingLabel: 'Misleading',
    })
  })

  it('lists its claims by the date they were made, newest first, the undated last', async () => {
    const claimant = await record(await post({ name: 'Dated and not', kind: 'person' }), 201, ClaimantSchema)
    const dispute = await t.request('/api/disputes', {
      method: 'POST',
      json: { title: 'Track record', question: 'In which order?' },
      cookie,
    })
    const disputeId = ((await dispute.json()) as { id: string }).id
    for (const [text, statedOn] of [
      ['Undated', undefined],
      ['Said in 2023', '2023-05-01'],
      ['Said in 2025', '2025-01-02'],
    ] as const) {
      const res = await t.request(`/api/disputes/${disputeId}/claims`, {
        method: 'POST',
        json: { text, claimantId: claimant.id, ...(statedOn ? { statedOn } : {}) },
        cookie,
      })
      expect(res.status).toBe(201)
    }
    const detail = await record(
      await t.request(`/api/claimants/${claimant.id}`, { cookie }),
      200,
      ClaimantDetailSchema,
    )
    expect(detail.claims.map((c) => c.text)).toEqual(['Said in 2025', 'Said in 2023', 'Undated'])
  })

  it('a claimant without claims has an empty track record', async () => {
    const created = await record(await post({ name: 'Quiet one', kind: 'ngo' }), 201, ClaimantSchema)
    const detail = await record(
      await t.request(`/api/claimants/${created.id}`, { cookie }),
      200,
      ClaimantDetailSchema,
    )
    expect(detail.claims).toEqual([])
  })

  it('is 404 for an unknown id, 401 signed out', async () => {
    await expectError(await t.request(`/api/claimants/${randomUUID()}`, { cookie }), 'not_found')
    await expectError(await t.request('/api/claimants/nope', { cookie }), 'not_found')
    await expectError(await t.request(`/api/claimants/${randomUUID()}`), 'unauthenticated')
  })
})

describe('PATCH /api/claimants/:id', () => {
  it('changes fields with If-Match: 200, next version, ETag, one event with before and after', async () => {
    const created = await record(await post({ name: 'To change', kind: 'person' }), 201, ClaimantSchema)
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claimant', action: 'updated' },
      () =>
        patch(created.id, { name: 'Changed', url: 'http://changed.example.org/', sameAs: [] }, ifMatch(1)),
    )
    const changed = await record(result, 200, ClaimantSchema)
    expect(changed).toMatchObject({ name: 'Changed', url: 'http://changed.example.org/', version: 2 })
    expect(event).toMatchObject({ entityId: created.id, before: created, after: changed })
    const cleared = await record(await patch(created.id, { url: null }, ifMatch(2)), 200, ClaimantSchema)
    expect(cleared.url).toBeNull()
  })

  it('428 without If-Match, 412 with the current record when stale, and nothing changes', async () => {
    const created = await record(await post({ name: 'Versioned', kind: 'person' }), 201, ClaimantSchema)
    await unchanged(t, async () => {
      await expectError(await patch(created.id, { name: 'X' }), 'precondition_required')
      const stale = await expectError(
        await patch(created.id, { name: 'X' }, ifMatch(2)),
        'precondition_failed',
      )
      expect(stale.details).toEqual(created)
    })
  })

  it('400 for bad fields, 404 for an unknown id, and nothing changes', async () => {
    const created = await record(await post({ name: 'Strict', kind: 'person' }), 201, ClaimantSchema)
    await unchanged(t, async () => {
      for (const [json, path] of [
        [{ url: 'javascript:alert(1)' }, 'url'],
        [{ name: chars(301) }, 'name'],
        [{ name: null }, 'name'],
        [{ kind: 'alien' }, 'kind'],
        [{ version: 5 }, '(body)'],
      ] as const) {
        await expectInvalid(await patch(created.id, json, ifMatch(1)), path)
      }
      await expectError(await patch(randomUUID(), { name: 'X' }, ifMatch(1)), 'not_found')
    })
  })
})
