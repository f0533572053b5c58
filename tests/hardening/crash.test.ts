import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import { runCrashes } from '../support/crash.ts'
import { makeTestApp } from '../support/test-app.ts'
import { freshDatabase } from '../support/test-db.ts'

describe('SIGKILL at random moments under concurrent writers', () => {
  it('keeps every acknowledged write, makes no record twice, and leaves a sound database', async () => {
    const r = await runCrashes({ database: await freshDatabase(), kills: 2, writesPerRound: 120, writers: 4 })
    expect(r.crashesSurvived).toBe(2)
    expect(r.acknowledged).toBeGreaterThan(2 * 30)
    // The kills cut requests off mid-flight, and those were retried with their ids.
    expect(r.retried).toBeGreaterThan(0)
    expect(r.lost).toBe(0)
    expect(r.duplicates).toBe(0)
    expect(r.fiveXx).toBe(0)
    expect(r.integrity).toEqual(['ok', 'ok', 'ok', 'ok'])
  }, 120_000)
})

describe('creates carry a client-chosen id', () => {
  it('the same id and body again answers 200 with the record; another body is 409; one record, one event', async () => {
    const t = await makeTestApp()
    const cookie = await t.login('checker')
    const id = randomUUID()
    const body = { id, title: 'Retried', question: 'Was this sent twice?', tags: ['retry'] }
    const first = await t.request('/api/disputes', { method: 'POST', json: body, cookie })
    expect(first.status).toBe(201)
    const made = await first.json()
    const again = await t.request('/api/disputes', { method: 'POST', json: body, cookie })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(made)
    const other = await t.request('/api/disputes', {
      method: 'POST',
      json: { ...body, title: 'Something else' },
      cookie,
    })
    expect(other.status).toBe(409)
    expect((await other.json()).error.code).toBe('conflict')
    expect(await rawQuery(t.db, 'select count(*) as n from disputes where id = $1', [id])).toEqual([{ n: 1 }])
    expect(
      await rawQuery(
        t.db,
        `select count(*) as n from history_events where entity = 'dispute' and entity_id = $1`,
        [id],
      ),
    ).toEqual([{ n: 1 }])
  })

  it('holds for claims, evidence and claimants too', async () => {
    const t = await makeTestApp()
    const cookie = await t.login('checker')
    const claimant = { id: randomUUID(), name: 'A retried claimant', kind: 'person' }
    const dispute = await (
      await t.request('/api/disputes', { method: 'POST', json: { title: 'D', question: 'Q?' }, cookie })
    ).json()
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['/api/claimants', claimant, 'name'],
      [
        `/api/disputes/${dispute.id}/claims`,
        { id: randomUUID(), text: 'Said once', claimantId: claimant.id },
        'text',
      ],
      [
        `/api/disputes/${dispute.id}/evidence`,
        { id: randomUUID(), title: 'Seen once', kind: 'photo' },
        'title',
      ],
    ]
    for (const [path, body, field] of cases) {
      expect((await t.request(path, { method: 'POST', json: body, cookie })).status, path).toBe(201)
      expect((await t.request(path, { method: 'POST', json: body, cookie })).status, path).toBe(200)
      const other = await t.request(path, { method: 'POST', json: { ...body, [field]: 'Changed' }, cookie })
      expect(other.status, path).toBe(409)
    }
  })
})
