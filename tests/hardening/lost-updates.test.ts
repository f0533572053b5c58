import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpClient } from '../support/http.ts'
import { runLostUpdates } from '../support/lost-updates.ts'
import { type ServerHandle, startServer } from '../support/server.ts'

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
