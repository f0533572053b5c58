import { randomUUID } from 'node:crypto'
import {
  ClaimantSchema,
  ClaimSchema,
  DisputeSchema,
  EvidenceSchema,
  HistoryEventSchema,
  pageOf,
  StanceSchema,
  UserSchema,
  VerdictSchema,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Engine, engineOf, rawQuery } from '../../packages/db/src/index.ts'
import { exact, expectError, expectInvalid, ifMatch, lastSeq, record, whoAmI } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

const HistoryPage = pageOf(HistoryEventSchema)

/** A trigger that makes every history insert fail, in each engine's SQL, and its removal. */
const BREAK_HISTORY: Record<Engine, { create: string[]; drop: string[] }> = {
  sqlite: {
    create: [
      "create temp trigger break_history before insert on history_events begin select raise(abort, 'history unavailable'); end",
    ],
    drop: ['drop trigger temp.break_history'],
  },
  postgres: {
    create: [
      "create function break_history() returns trigger language plpgsql as $$ begin raise exception 'history unavailable'; end $$",
      'create trigger break_history before insert on history_events for each row execute function break_history()',
    ],
    drop: ['drop trigger break_history on history_events', 'drop function break_history()'],
  },
}

let t: TestApp
let cookie: string
let checker: { id: string }
let d: { id: string }
let claim: { id: string }
let otherClaim: { id: string }
let evidence: { id: string }
let stance: { id: string }
let verdict: { id: string }

const history = async (entity: string, id: string, extra = '', as = cookie) =>
  exact(await t.request(`/api/history?entity=${entity}&id=${id}${extra}`, { cookie: as }), HistoryPage)

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checker = await whoAmI(t, cookie)
  const send = (method: string, path: string, json: unknown, headers: Record<string, string> = {}) =>
    t.request(path, { method, json, headers, cookie })
  const claimant = await record(
    await send('POST', '/api/claimants', { name: 'Speaker', kind: 'person' }),
    201,
    ClaimantSchema,
  )
  d = await record(
    await send('POST', '/api/disputes', { title: 'History', question: 'Q?' }),
    201,
    DisputeSchema,
  )
  await record(
    await send('PATCH', `/api/disputes/${d.id}`, { summary: 'Now with a summary' }, ifMatch(1)),
    200,
    DisputeSchema,
  )
  claim = await record(
    await send('POST', `/api/disputes/${d.id}/claims`, { claimantId: claimant.id, text: 'One' }),
    201,
    ClaimSchema,
  )
  otherClaim = await record(
    await send('POST', `/api/disputes/${d.id}/claims`, { claimantId: claimant.id, text: 'Two' }),
    201,
    ClaimSchema,
  )
  evidence = await record(
    await send('POST', `/api/disputes/${d.id}/evidence`, { title: 'Item', kind: 'other' }),
    201,
    EvidenceSchema,
  )
  stance = await record(
    await send('PUT', '/api/stances', { evidenceId: evidence.id, claimId: claim.id, stance: 'supports' }),
    201,
    StanceSchema,
  )
  await record(
    await send('PUT', '/api/stances', { evidenceId: evidence.id, claimId: otherClaim.id, stance: 'context' }),
    201,
    StanceSchema,
  )
  verdict = await record(
    await send('PUT', `/api/claims/${claim.id}/verdict`, { rating: 'true', citedEvidenceIds: [evidence.id] }),
    201,
    VerdictSchema,
  )
  await record(
    await send('PATCH', `/api/claims/${claim.id}`, { shortText: 'One!' }, ifMatch(1)),
    200,
    ClaimSchema,
  )
})

describe('GET /api/history', () => {
  it("a dispute's history holds everything inside it, newest first, with actor, before and after", async () => {
    const page = await history('dispute', d.id)
    expect(page.nextCursor).toBeNull()
    expect(page.items.map((e) => [e.entity, e.action])).toEqual([
      ['claim', 'updated'],
      ['verdict', 'drafted'],
      ['stance', 'created'],
      ['stance', 'created'],
      ['evidence', 'created'],
      ['claim', 'created'],
      ['claim', 'created'],
      ['dispute', 'updated'],
      ['dispute', 'created'],
    ])
    const ats = page.items.map((e) => e.at)
    expect([...ats].sort().reverse()).toEqual(ats)
    for (const e of page.items) expect(e.actor).toEqual({ id: checker.id, name: 'Taras Bondar' })
    const updated = page.items.find((e) => e.entity === 'dispute' && e.action === 'updated')
    expect(updated?.before).toMatchObject({ summary: '', version: 1 })
    expect(updated?.after).toMatchObject({ summary: 'Now with a summary', version: 2 })
    expect(page.items.at(-1)).toMatchObject({ entityId: d.id, before: null })
  })

  it("a claim's history holds the claim, its verdict and its stances, and nothing of other claims", async () => {
    const page = await history('claim', claim.id)
    expect(page.items.map((e) => [e.entity, e.entityId, e.action])).toEqual([
      ['claim', claim.id, 'updated'],
      ['verdict', verdict.id, 'drafted'],
      ['stance', stance.id, 'created'],
      ['claim', claim.id, 'created'],
    ])
  })

  it('a single record (evidence, stance, verdict, claimant) has just its own events', async () => {
    expect((await history('evidence', evidence.id)).items.map((e) => e.action)).toEqual(['created'])
    expect((await history('stance', stance.id)).items.map((e) => e.entityId)).toEqual([stance.id])
    const v = await history('verdict', verdict.id)
    expect(v.items.map((e) => e.action)).toEqual(['drafted'])
    expect(v.items[0]?.after).toMatchObject({
      id: verdict.id,
      rating: 'true',
      citedEvidenceIds: [evidence.id],
    })
  })

  it('pages with ?limit and ?cursor, newest first, every event once', async () => {
    const all = (await history('dispute', d.id)).items.map((e) => e.id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await history('dispute', d.id, `&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
  })

  it("the seed's records have their history too, by the seeded desk", async () => {
    const admin = await t.login('admin')
    const users = await exact(await t.request('/api/users', { cookie: admin }), pageOf(UserSchema))
    const editor = users.items.find((u) => u.email === 'editor@example.org')
    const page = await history('user', editor?.id ?? '', '', admin)
    expect(page.items).toMatchObject([{ entity: 'user', action: 'created', actor: null, before: null }])
  })

  it("accounts' history is for admins only: 403 for checkers and editors", async () => {
    const admin = await t.login('admin')
    const me = await whoAmI(t, admin)
    for (const role of ['checker', 'editor'] as const) {
      await expectError(
        await t.request(`/api/history?entity=user&id=${me.id}`, { cookie: await t.login(role) }),
        'forbidden',
      )
    }
  })

  it('is 404 for a record that does not exist, 400 for a bad query, 401 signed out', async () => {
    await expectError(
      await t.request(`/api/history?entity=dispute&id=${randomUUID()}`, { cookie }),
      'not_found',
    )
    await expectError(await t.request(`/api/history?entity=claim&id=${d.id}`, { cookie }), 'not_found')
    await expectInvalid(await t.request(`/api/history?id=${d.id}`, { cookie }), 'query.entity')
    await expectInvalid(await t.request('/api/history?entity=dispute', { cookie }), 'query.id')
    await expectInvalid(await t.request(`/api/history?entity=session&id=${d.id}`, { cookie }), 'query.entity')
    await expectInvalid(
      await t.request(`/api/history?entity=dispute&id=${d.id}&limit=0`, { cookie }),
      'query.limit',
    )
    await expectInvalid(await t.request(`/api/history?entity=dispute&id=${d.id}&cursor=%%%`, { cookie }))
    await expectError(await t.request(`/api/history?entity=dispute&id=${d.id}`), 'unauthenticated')
  })
})

describe('history is append-only', () => {
  it('UPDATE, DELETE (and on PostgreSQL TRUNCATE) on history_events are refused by the triggers; the rows stay', async () => {
    const seq = await lastSeq(t.db)
    const all = () => rawQuery(t.db, 'select * from history_events order by seq')
    const before = await all()
    await expect(
      rawQuery(t.db, "update history_events set action = 'forged' where seq = $1", [seq]),
    ).rejects.toThrow(/append-only/)
    await expect(rawQuery(t.db, 'delete from history_events where seq = $1', [seq])).rejects.toThrow(
      /append-only/,
    )
    await expect(rawQuery(t.db, 'delete from history_events')).rejects.toThrow(/append-only/)
    // SQLite has no TRUNCATE (an unqualified DELETE is its form, refused above); PostgreSQL's fires no row triggers.
    if (engineOf(t.db) === 'postgres') {
      await expect(rawQuery(t.db, 'truncate history_events')).rejects.toThrow(/append-only/)
      await expect(rawQuery(t.db, 'truncate history_events cascade')).rejects.toThrow(/append-only/)
    }
    expect(await all()).toEqual(before)
  })

  it('a write whose history event cannot be stored is rolled back with it (one transaction)', async () => {
    // Make every history insert fail, as a full disk or a broken table would.
    const breakHistory = BREAK_HISTORY[engineOf(t.db)]
    for (const statement of breakHistory.create) await rawQuery(t.db, statement)
    try {
      const count = async () =>
        (await rawQuery<{ n: number }>(t.db, 'select count(*) as n from disputes'))[0]?.n
      const n = await count()
      const res = await t.request('/api/disputes', {
        method: 'POST',
        json: { title: 'Lost', question: 'Q?' },
        cookie,
      })
      await expectError(res, 'internal')
      expect(await count()).toBe(n)
      const patch = await t.request(`/api/disputes/${d.id}`, {
        method: 'PATCH',
        json: { title: 'Never saved' },
        headers: ifMatch(2),
        cookie,
      })
      await expectError(patch, 'internal')
    } finally {
      for (const statement of breakHistory.drop) await rawQuery(t.db, statement)
    }
    const wb = await record(await t.request(`/api/disputes/${d.id}`, { cookie }), 200, WorkbenchSchema)
    expect(wb).toMatchObject({ title: 'History', version: 2 })
  })
})
