import { randomUUID } from 'node:crypto'
import { placedStanceCells } from '@counterclaim/domain'
import {
  ClaimantSchema,
  DisputeListItemSchema,
  DisputeSchema,
  pageOf,
  WorkbenchSchema,
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
let editorId: string
beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('editor')
  editorId = (await whoAmI(t, cookie)).id
})

const post = (json: unknown) => t.request('/api/disputes', { method: 'POST', json, cookie })
const patch = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/disputes/${id}`, { method: 'PATCH', json, headers, cookie })
const list = async (query = '') =>
  exact(await t.request(`/api/disputes${query}`, { cookie }), pageOf(DisputeListItemSchema))
const create = async (json: Record<string, unknown>) => record(await post(json), 201, DisputeSchema)

describe('GET /api/disputes', () => {
  it('lists live disputes, newest change first, each with its claims, claimants and verdict states', async () => {
    const page = await list()
    expect(page.nextCursor).toBeNull()
    const updated = page.items.map((d) => d.updatedAt)
    expect([...updated].sort().reverse()).toEqual(updated)
    const strikes = page.items.find((d) => d.title === 'Strikes on Kyiv and Odesa, 10 June 2025')
    expect(strikes?.claims.map((c) => [c.claimant?.name, c.verdictStatus, c.rating])).toEqual([
      ['Russian Ministry of Defence', 'published', 'misleading'],
      ['Oleg Kiper', 'in_review', 'true'],
      ['Vitali Klitschko', 'draft', null],
    ])
  })

  it('filters by ?q (title, question, summary), ?status and ?tag', async () => {
    expect((await list('?q=belgorod')).items.map((d) => d.title)).toEqual([
      'Belgorod petrol station, June 2025',
    ])
    expect((await list('?q=record%20479')).items.map((d) => d.title)).toEqual([
      'How many drones: 9–10 June 2025',
    ])
    expect((await list('?tag=numbers')).items.map((d) => d.title)).toEqual([
      'How many drones: 9–10 June 2025',
    ])
    expect((await list('?tag=STRIKES')).items.length).toBe(2)
    expect((await list('?tag=nothing-tagged')).items).toEqual([])
    expect((await list('?status=closed')).items.filter((d) => d.status !== 'closed')).toEqual([])
    const closed = await create({ title: 'Closed one', question: 'Closed?', status: 'closed' })
    expect((await list('?status=closed')).items.map((d) => d.id)).toContain(closed.id)
    expect((await list('?status=open')).items.map((d) => d.id)).not.toContain(closed.id)
  })

  it('pages with ?limit and ?cursor through every dispute exactly once, also across equal times', async () => {
    for (let i = 0; i < 4; i++) await create({ title: `Paging ${i}`, question: 'Paged?' })
    const all = (await list('?limit=500')).items.map((d) => d.id)
    expect(all.length).toBeGreaterThanOrEqual(7)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.items.map((d) => d.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
  })

  it('is 400 for a bad filter, limit or cursor; 401 signed out', async () => {
    for (const q of ['?status=pending', '?limit=0', '?limit=501', '?cursor=xyz', `?tag=${chars(61)}`]) {
      await expectInvalid(await t.request(`/api/disputes${q}`, { cookie }))
    }
    await expectError(await t.request('/api/disputes'), 'unauthenticated')
  })
})

describe('POST /api/disputes', () => {
  it('creates a dispute: 201 with the record, ETag "1", tags normalised, one history event', async () => {
    const { result, event } = await oneEvent(
      t,
      { actorId: editorId, entity: 'dispute', action: 'created' },
      () =>
        post({
          title: '  Dam breach ',
          question: 'Who blew up the dam?',
          summary: 'Two sides blame each other.',
          tags: ['Ukraine', 'dams', 'ukraine'],
        }),
    )
    const created = await record(result, 201, DisputeSchema)
    expect(created).toMatchObject({
      title: 'Dam breach',
      question: 'Who blew up the dam?',
      summary: 'Two sides blame each other.',
      tags: ['ukraine', 'dams'],
      status: 'open',
      archived: false,
      version: 1,
    })
    expect(event).toMatchObject({ entityId: created.id, disputeId: created.id, before: null, after: created })
  })

  it('{} is 400 naming title and question, and nothing is written', async () => {
    const error = await unchanged(t, async () => expectInvalid(await post({}), 'title', 'question'))
    expect(error.details).toHaveLength(2)
  })

  it('is 400 for each kind of bad field', async () => {
    const good = { title: 'T', question: 'Q?' }
    const cases: Array<[unknown, string]> = [
      [{ question: 'Q?' }, 'title'],
      [{ ...good, title: chars(301) }, 'title'],
      [{ ...good, question: chars(1001) }, 'question'],
      [{ ...good, summary: chars(50_001) }, 'summary'],
      [{ ...good, title: ['T'] }, 'title'],
      [{ ...good, tags: 'ukraine' }, 'tags'],
      [{ ...good, tags: ['two words'] }, 'tags.0'],
      [{ ...good, tags: [chars(61)] }, 'tags.0'],
      [{ ...good, status: 'pending' }, 'status'],
      [{ ...good, archived: true }, '(body)'],
      [{ ...good, id: '123' }, 'id'],
      [null, '(body)'],
    ]
    for (const [body, path] of cases) await unchanged(t, async () => expectInvalid(await post(body), path))
    await create({ title: chars(300), question: chars(1000) })
  })

  it('a create with its own id, retried with the same body, is 200 with the same record; another body is 409', async () => {
    const body = { id: randomUUID(), title: 'Retried', question: 'Once?', tags: ['a', 'b'] }
    const first = await create(body)
    const again = await unchanged(t, () => post(body))
    expect(await record(again, 200, DisputeSchema)).toEqual(first)
    await unchanged(t, async () => expectError(await post({ ...body, question: 'Twice?' }), 'conflict'))
  })
})

describe('GET /api/disputes/:id', () => {
  it('returns the whole workbench: the dispute, its claims with claimant and verdict, evidence, stances', async () => {
    const strikes = (await list('?q=Kyiv%20and%20Odesa')).items[0]
    const wb = await record(await t.request(`/api/disputes/${strikes?.id}`, { cookie }), 200, WorkbenchSchema)
    expect(wb.question).toBe('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    expect(wb.claims.map((c) => c.claimant?.name)).toEqual([
      'Russian Ministry of Defence',
      'Oleg Kiper',
      'Vitali Klitschko',
    ])
    expect(wb.claims.every((c) => c.disputeId === wb.id)).toBe(true)
    // The matrix: a row per evidence item, a letter per claim; eight cells set.
    expect(wb.matrix.stances).toHaveLength(wb.evidence.length)
    for (const row of wb.matrix.stances) expect(row).toHaveLength(wb.claims.length)
    expect(placedStanceCells(wb)).toHaveLength(8)
  })

  it('is 404 for an unknown id, 401 signed out', async () => {
    await expectError(await t.request(`/api/disputes/${randomUUID()}`, { cookie }), 'not_found')
    await expectError(await t.request(`/api/disputes/${randomUUID()}`), 'unauthenticated')
  })
})

describe('PATCH /api/disputes/:id', () => {
  it('changes fields with If-Match: 200, next version, ETag, one event with before and after', async () => {
    const created = await create({ title: 'Before', question: 'Q?', tags: ['old'] })
    const { result, event } = await oneEvent(
      t,
      { actorId: editorId, entity: 'dispute', action: 'updated' },
      () => patch(created.id, { title: 'After', tags: ['new'], status: 'closed' }, ifMatch(1)),
    )
    const changed = await record(result, 200, DisputeSchema)
    expect(changed).toMatchObject({ title: 'After', tags: ['new'], status: 'closed', version: 2 })
    expect(event).toMatchObject({ entityId: created.id, before: created, after: changed })
    expect((await list('?tag=old')).items.map((d) => d.id)).not.toContain(created.id)
    expect((await list('?tag=new&status=closed')).items.map((d) => d.id)).toContain(created.id)
  })

  it('archives with {archived: true}: gone from the list, listed with ?archived=true, no new claims; restores', async () => {
    const created = await create({ title: 'To archive', question: 'Q?' })
    const { result } = await oneEvent(t, { actorId: editorId, entity: 'dispute', action: 'archived' }, () =>
      patch(created.id, { archived: true }, ifMatch(1)),
    )
    const archived = await record(result, 200, DisputeSchema)
    expect(archived.archived).toBe(true)
    expect((await list()).items.map((d) => d.id)).not.toContain(created.id)
    expect((await list('?archived=true')).items.map((d) => d.id)).toContain(created.id)
    const claimantId = (
      await exact(await t.request('/api/claimants?limit=1', { cookie }), pageOf(ClaimantSchema))
    ).items[0]?.id
    await unchanged(t, async () =>
      expectError(
        await t.request(`/api/disputes/${created.id}/claims`, {
          method: 'POST',
          json: { text: 'A claim', claimantId },
          cookie,
        }),
        'conflict',
      ),
    )
    const { result: restoredRes } = await oneEvent(
      t,
      { actorId: editorId, entity: 'dispute', action: 'restored' },
      () => patch(created.id, { archived: false }, ifMatch(2)),
    )
    expect((await record(restoredRes, 200, DisputeSchema)).archived).toBe(false)
    expect((await list()).items.map((d) => d.id)).toContain(created.id)
  })

  it('428 without If-Match, 412 stale with the current record, and nothing changes', async () => {
    const created = await create({ title: 'Versioned', question: 'Q?' })
    await unchanged(t, async () => {
      await expectError(await patch(created.id, { title: 'X' }), 'precondition_required')
      const stale = await expectError(
        await patch(created.id, { title: 'X' }, ifMatch(0)),
        'precondition_failed',
      )
      expect(stale.details).toEqual(created)
    })
  })

  it('400 for bad fields (checked before the version), 404 for an unknown id', async () => {
    const created = await create({ title: 'Strict', question: 'Q?' })
    await unchanged(t, async () => {
      for (const [json, path] of [
        [{ title: '' }, 'title'],
        [{ question: chars(1001) }, 'question'],
        [{ status: 'done' }, 'status'],
        [{ archived: 'yes' }, 'archived'],
        [{ tags: ['a,b'] }, 'tags.0'],
        [{ id: randomUUID() }, '(body)'],
      ] as const) {
        await expectInvalid(await patch(created.id, json, ifMatch(1)), path)
      }
      await expectError(await patch(randomUUID(), { title: 'X' }, ifMatch(1)), 'not_found')
    })
  })
})
