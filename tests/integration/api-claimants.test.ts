import { randomUUID } from 'node:crypto'
import {
  type Claimant,
  ClaimantConflictSchema,
  ClaimantDetailSchema,
  ClaimantSchema,
  pageOf,
} from '@counterclaim/shared'
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

const conflictOf = async (res: Response) => {
  const error = await expectError(res, 'conflict')
  return { message: error.message, details: ClaimantConflictSchema.parse(error.details) }
}

describe('claimant names: one identity per claimant', () => {
  it('answers 409 with the matches when the name is already on the desk, by key: case, accents, hyphens, dots, spacing', async () => {
    const trump = await record(
      await post({ name: 'Donald Trump', kind: 'person', aliases: ['Donald J. Trump'] }),
      201,
      ClaimantSchema,
    )
    for (const name of [
      'donald-trump',
      'DONALD  TRUMP',
      'Dónald Trump',
      'Donald J Trump',
      'donald.j.trump',
    ]) {
      const { message, details } = await unchanged(t, async () =>
        conflictOf(await post({ name, kind: 'person' })),
      )
      expect(details.matches, name).toEqual([trump])
      expect(message).toMatch(/^A claimant with this name is already on the desk: Donald Trump/)
    }
    // An alias of the new claimant counts too, and the message says which name matched.
    const byAlias = await unchanged(t, async () =>
      conflictOf(await post({ name: 'The 45th president', kind: 'person', aliases: ['donald j. trump'] })),
    )
    expect(byAlias.details.matches).toEqual([trump])
    expect(byAlias.message).toBe(
      'A claimant with one of these aliases is already on the desk: Donald Trump (also known as “Donald J. Trump”). Use that claimant, or create this one anyway.',
    )
    // A name that only contains another is no match.
    await record(await post({ name: 'Donald Trump Jr.', kind: 'person' }), 201, ClaimantSchema)
  })

  it('creates it anyway with allowDuplicate: true, and lists every match in the next 409', async () => {
    const first = await record(
      await post({ name: 'Ministry of Health', kind: 'government' }),
      201,
      ClaimantSchema,
    )
    const second = await record(
      await post({ name: 'ministry of health', kind: 'government', allowDuplicate: true }),
      201,
      ClaimantSchema,
    )
    expect(second).toMatchObject({ name: 'ministry of health', version: 1 })
    expect(second).not.toHaveProperty('allowDuplicate')
    const { details } = await unchanged(t, async () =>
      conflictOf(await post({ name: 'Ministry-of-Health', kind: 'government' })),
    )
    expect(details.matches.map((m) => m.id)).toEqual([first.id, second.id])
    // allowDuplicate: false is the same as leaving it out.
    await unchanged(t, async () =>
      conflictOf(await post({ name: 'MINISTRY OF HEALTH', kind: 'government', allowDuplicate: false })),
    )
  })

  it('keeps aliases trimmed, once each by key, never the claimant’s own name; stores the profile fields', async () => {
    const created = await record(
      await post({
        name: 'Volodymyr Zelensky',
        kind: 'person',
        aliases: [
          '  Volodymyr Zelenskyy ',
          'volodymyr-zelenskyy',
          'VOLODYMYR ZELENSKY',
          'Зеленський',
          'зеленський',
        ],
        jobTitle: 'President of Ukraine',
        affiliation: 'Office of the President of Ukraine',
        imageUrl: 'https://images.example.org/zelensky.jpg',
      }),
      201,
      ClaimantSchema,
    )
    expect(created).toMatchObject({
      aliases: ['Volodymyr Zelenskyy', 'Зеленський'],
      jobTitle: 'President of Ukraine',
      affiliation: 'Office of the President of Ukraine',
      imageUrl: 'https://images.example.org/zelensky.jpg',
      archived: false,
      mergedIntoId: null,
    })
    // Found by either alias's other spelling.
    await unchanged(t, async () => conflictOf(await post({ name: 'ЗЕЛЕНСЬКИЙ', kind: 'person' })))
  })

  it('a retried create with its own id is 200 even though its name is now on the desk', async () => {
    const body = { id: randomUUID(), name: 'Retried with aliases', kind: 'ngo', aliases: [' Retried '] }
    const first = await record(await post(body), 201, ClaimantSchema)
    expect(first.aliases).toEqual(['Retried'])
    expect(await record(await post(body), 200, ClaimantSchema)).toEqual(first)
    expect(await record(await post({ ...body, allowDuplicate: true }), 200, ClaimantSchema)).toEqual(first)
  })

  it('PATCH changes aliases and the profile fields, with If-Match, and clears them with null', async () => {
    const created = await record(await post({ name: 'Kaja Kallas', kind: 'person' }), 201, ClaimantSchema)
    const changed = await record(
      await patch(
        created.id,
        {
          aliases: ['Kallas', ' kallas ', 'Kaja Kallas'],
          jobTitle: 'High Representative',
          affiliation: 'European Union',
          imageUrl: 'https://images.example.org/kallas.png',
        },
        ifMatch(1),
      ),
      200,
      ClaimantSchema,
    )
    expect(changed).toMatchObject({
      aliases: ['Kallas'],
      jobTitle: 'High Representative',
      affiliation: 'European Union',
      imageUrl: 'https://images.example.org/kallas.png',
      version: 2,
    })
    // Renamed to its alias: the alias is then its name, not also an alias.
    const renamed = await record(await patch(created.id, { name: 'KALLAS' }, ifMatch(2)), 200, ClaimantSchema)
    expect(renamed).toMatchObject({ name: 'KALLAS', aliases: [] })
    const cleared = await record(
      await patch(created.id, { jobTitle: null, affiliation: null, imageUrl: null }, ifMatch(3)),
      200,
      ClaimantSchema,
    )
    expect(cleared).toMatchObject({ jobTitle: null, affiliation: null, imageUrl: null })
    await unchanged(t, async () => {
      for (const [json, path] of [
        [{ imageUrl: 'javascript:alert(1)' }, 'imageUrl'],
        [{ aliases: ['ok', ' '] }, 'aliases.1'],
        [{ aliases: 'Kallas' }, 'aliases'],
        [{ jobTitle: chars(301) }, 'jobTitle'],
        [{ allowDuplicate: true }, ''],
        [{ allowDuplicate: 'yes', name: 'X' }, 'allowDuplicate'],
      ] as const) {
        await expectInvalid(await patch(created.id, json, ifMatch(4)), ...(path ? [path] : []))
      }
    })
  })

  it('PATCH answers 409 with the matches when a new name or alias is another claimant’s, unless allowDuplicate', async () => {
    const nato = await record(
      await post({ name: 'NATO', kind: 'other', aliases: ['North Atlantic Treaty Organization'] }),
      201,
      ClaimantSchema,
    )
    const otan = await record(await post({ name: 'OTAN', kind: 'other' }), 201, ClaimantSchema)
    for (const json of [{ name: 'N.A.T.O.' }, { aliases: ['north-atlantic treaty organization'] }]) {
      const { details } = await unchanged(t, async () => conflictOf(await patch(otan.id, json, ifMatch(1))))
      expect(details.matches).toEqual([nato])
    }
    const kept = await record(
      await patch(otan.id, { aliases: ['nato'], allowDuplicate: true }, ifMatch(1)),
      200,
      ClaimantSchema,
    )
    expect(kept.aliases).toEqual(['nato'])
    // A name it already had is not new: later edits do not trip over it.
    const described = await record(
      await patch(otan.id, { aliases: ['nato', 'Alliance'], description: 'In French' }, ifMatch(2)),
      200,
      ClaimantSchema,
    )
    expect(described.aliases).toEqual(['nato', 'Alliance'])
    // Its own names never conflict with itself.
    await record(await patch(nato.id, { name: 'nato' }, ifMatch(1)), 200, ClaimantSchema)
  })
})

describe('GET /api/claimants?q= by name or alias', () => {
  let putin: Claimant
  beforeAll(async () => {
    putin = await record(
      await post({ name: 'Vladimir Putin', kind: 'person', aliases: ['Владимир Путин', 'V. V. Putin'] }),
      201,
      ClaimantSchema,
    )
    await post({ name: 'Putin’s spokesman', kind: 'government' })
    await post({ name: 'Aaron Putinsky', kind: 'person' })
  })
  const names = async (q: string, more = '') =>
    (await list(`?q=${encodeURIComponent(q)}${more}`)).items.map((c) => c.name)

  it('finds a claimant by an alias, by key (hyphens, dots, spacing aside) and by a part of a name', async () => {
    expect(await names('Владимир Путин')).toEqual(['Vladimir Putin'])
    expect(await names('vv-putin')).toEqual(['Vladimir Putin'])
    expect(await names('vladimirputin')).toEqual(['Vladimir Putin'])
    expect(await names('путин')).toEqual(['Vladimir Putin'])
  })

  it('puts the claimant whose name or alias is exactly the query first, the others by name', async () => {
    expect(await names('putin')).toEqual(['Aaron Putinsky', 'Putin’s spokesman', 'Vladimir Putin'])
    const exactFirst = await record(
      await post({ name: 'Putin', kind: 'person', allowDuplicate: true }),
      201,
      ClaimantSchema,
    )
    expect(await names('PUTIN')).toEqual(['Putin', 'Aaron Putinsky', 'Putin’s spokesman', 'Vladimir Putin'])
    expect(await names('v.v. putin')).toEqual(['Vladimir Putin'])
    // Paged, the same order, each once.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await list(`?q=putin&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.items.map((c) => c.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(['Putin', 'Aaron Putinsky', 'Putin’s spokesman', 'Vladimir Putin'])
    expect(exactFirst.name).toBe('Putin')
    expect(putin.aliases).toEqual(['Владимир Путин', 'V. V. Putin'])
  })

  it('answers a merged claimant only with ?archived=1, and still answers it by id', async () => {
    const editor = await t.login('editor')
    const merged = await record(
      await post({ name: 'Vova Putin', kind: 'person', allowDuplicate: true }),
      201,
      ClaimantSchema,
    )
    const res = await t.request(`/api/claimants/${merged.id}/merge`, {
      method: 'POST',
      json: { intoId: putin.id },
      headers: ifMatch(1),
      cookie: editor,
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await names('vova')).toEqual(['Vladimir Putin'])
    expect(await names('vova', '&archived=1')).toEqual(['Vladimir Putin', 'Vova Putin'])
    expect((await list()).items.map((c) => c.id)).not.toContain(merged.id)
    expect((await list('?archived=1&limit=500')).items.map((c) => c.id)).toContain(merged.id)
    const detail = await record(
      await t.request(`/api/claimants/${merged.id}`, { cookie }),
      200,
      ClaimantDetailSchema,
    )
    expect(detail).toMatchObject({ archived: true, mergedIntoId: putin.id, claims: [], version: 2 })
    await expectInvalid(await t.request('/api/claimants?archived=yes', { cookie }), 'query.archived')
  })
})
