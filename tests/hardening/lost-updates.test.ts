import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventsSince, ifMatch, lastSeq } from '../support/api.ts'
import { httpClient } from '../support/http.ts'
import { runLostUpdates } from '../support/lost-updates.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { makeTestApp } from '../support/test-app.ts'

let server: ServerHandle
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

describe('concurrent writers with If-Match', () => {
  it('lose nothing: final tokens = 2xx answers = history events, no 5xx, every refusal a 412', async () => {
    const r = await runLostUpdates(httpClient(server.url), { writers: 4, seconds: 5, slots: 2, retireAt: 50 })
    expect(r.unexpected).toEqual([])
    expect(r.fiveXx).toBe(0)
    expect(r.acknowledged).toBeGreaterThan(4)
    // Four writers on two records must collide: the test would prove nothing otherwise.
    expect(r.preconditionFailed).toBeGreaterThan(0)
    expect(r.attempts).toBe(r.acknowledged + r.preconditionFailed)
    expect(r.lost).toBe(0)
    expect(r.phantom).toBe(0)
    expect(r.finalTokens).toBe(r.acknowledged)
    expect(r.historyEvents).toBe(r.acknowledged)
  }, 60_000)
})

describe('two writers with the same If-Match, at the same moment', () => {
  it('one is answered 2xx and the other 412, round after round; the record holds the winner', async () => {
    const t = await makeTestApp()
    const cookie = await t.login('checker')
    const created = await t.request('/api/disputes', {
      method: 'POST',
      cookie,
      json: { title: 'Two writers', question: 'Does one of them always lose?' },
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const seq = await lastSeq(t.db)
    const patch = (version: number, summary: string) =>
      t.request(`/api/disputes/${id}`, {
        method: 'PATCH',
        cookie,
        headers: ifMatch(version),
        json: { summary },
      })
    const rounds = 1_000
    const wrong: string[] = []
    let version = 1
    for (let round = 0; round < rounds && wrong.length < 5; round++) {
      const answers = await Promise.all([patch(version, `a${round}`), patch(version, `b${round}`)])
      const statuses = answers.map((res) => res.status)
      const winner = answers.find((res) => res.status === 200)
      const body = winner ? ((await winner.json()) as { summary: string; version: number }) : null
      for (const res of answers) if (res.status !== 200) await res.arrayBuffer()
      if ([...statuses].sort().join() !== '200,412' || body?.version !== version + 1) {
        wrong.push(`round ${round}: ${statuses.join(', ')} ${JSON.stringify(body)}`)
        continue
      }
      version++
      // The record holds what the one 2xx answered: the other write left no trace.
      const now = await t.request(`/api/disputes/${id}`, { cookie })
      const stored = (await now.json()) as { summary: string; version: number }
      if (stored.summary !== body.summary || stored.version !== version)
        wrong.push(`round ${round}: answered ${JSON.stringify(body)}, stored ${JSON.stringify(stored)}`)
    }
    expect(wrong).toEqual([])
    expect(version).toBe(rounds + 1)
    const events = await eventsSince(t.db, seq)
    expect(events.filter((e) => e.entityId === id && e.action === 'updated')).toHaveLength(rounds)
  }, 120_000)
})

describe('creates with the same client id, at the same moment', () => {
  it('one is answered 201 and every other the replay (200, the same record), never a 5xx; one record, one event', async () => {
    const t = await makeTestApp()
    const cookie = await t.login('checker')
    const dispute = await t.request('/api/disputes', {
      method: 'POST',
      cookie,
      json: { title: 'Racing creates', question: 'Is a record made twice?' },
    })
    const disputeId = ((await dispute.json()) as { id: string }).id
    const claimantId = randomUUID()
    const kinds: Array<[string, string, (id: string) => Record<string, unknown>]> = [
      ['claimant', '/api/claimants', (id) => ({ id, name: `Racing claimant ${id}`, kind: 'person' })],
      ['dispute', '/api/disputes', (id) => ({ id, title: `Racing ${id}`, question: 'Q?' })],
      [
        'claim',
        `/api/disputes/${disputeId}/claims`,
        (id) => ({ id, text: `Said at once ${id}`, claimantId }),
      ],
      [
        'evidence',
        `/api/disputes/${disputeId}/evidence`,
        (id) => ({ id, title: `Seen at once ${id}`, kind: 'photo' }),
      ],
    ]
    const seq = await lastSeq(t.db)
    expect(
      (await t.request('/api/claimants', { method: 'POST', cookie, json: kinds[0]?.[2](claimantId) })).status,
    ).toBe(201)
    const wrong: string[] = []
    const made: Array<[string, string]> = [['claimant', claimantId]]
    for (let round = 0; round < 50; round++) {
      for (const [entity, path, body] of kinds) {
        const id = randomUUID()
        const json = body(id)
        const answers = await Promise.all(
          Array.from({ length: 4 }, () => t.request(path, { method: 'POST', cookie, json })),
        )
        const texts = await Promise.all(answers.map((res) => res.text()))
        const statuses = answers.map((res) => res.status)
        const created = texts[statuses.indexOf(201)]
        if ([...statuses].sort().join() !== '200,200,200,201' || texts.some((text) => text !== created))
          wrong.push(
            `${entity} round ${round}: ${statuses.join(', ')} ${texts.find((x) => x !== created) ?? ''}`,
          )
        made.push([entity, id])
      }
      if (wrong.length >= 5) break
    }
    expect(wrong).toEqual([])
    const created = (await eventsSince(t.db, seq)).filter((e) => e.action === 'created')
    expect(created.map((e) => `${e.entity} ${e.entityId}`).sort()).toEqual(
      made.map(([entity, id]) => `${entity} ${id}`).sort(),
    )
  }, 120_000)
})
