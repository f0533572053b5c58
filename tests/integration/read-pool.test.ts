// Where the claim log, search and matching read (docs/decisions/0020-read-pool.md): on SQLite, worker threads
// with read-only connections of their own beside the main connection that writes; on PostgreSQL, a pool of
// connections of the size the setting names. Either way a read that starts after a write's answer sees it.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../apps/api/src/env.ts'
import {
  checkDatabase,
  endReadWorkerOnNextRead,
  engineOf,
  rawQuery,
  readPoolState,
} from '../../packages/db/src/index.ts'
import type { ClaimLogRow, SearchHit } from '../../packages/shared/src/index.ts'
import { expectError } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'
import { testEngine } from '../support/test-db.ts'

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  return JSON.parse(text) as T
}

/** A dispute and a claimant of the test's own, to add claims to. */
async function ownDesk(t: TestApp, cookie: string): Promise<{ disputeId: string; claimantId: string }> {
  const dispute = await json<{ id: string }>(
    await t.request('/api/disputes', {
      method: 'POST',
      cookie,
      json: { title: 'Read pool', question: 'Is every write read back at once?' },
    }),
    201,
  )
  const claimant = await json<{ id: string }>(
    await t.request('/api/claimants', {
      method: 'POST',
      cookie,
      json: { name: `Reader ${randomUUID()}`, kind: 'person', allowDuplicate: true },
    }),
    201,
  )
  return { disputeId: dispute.id, claimantId: claimant.id }
}

// A word no other record holds: letters only, so search and matching take it as one word.
const uniqueWord = () =>
  `zq${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 10)}`

/**
 * Writes a claim through the API, then at once reads it back from the claim log (unfiltered, where it is
 * the newest row, and by its word), search and matching: `rounds` times.
 */
async function writeThenRead(t: TestApp, rounds: number): Promise<void> {
  const cookie = await t.login('checker')
  const { disputeId, claimantId } = await ownDesk(t, cookie)
  for (let i = 0; i < rounds; i++) {
    const word = uniqueWord()
    const text = `The harbour crane ${word} lifted ${i + 2} containers before noon`
    const claim = await json<{ id: string }>(
      await t.request(`/api/disputes/${disputeId}/claims`, {
        method: 'POST',
        cookie,
        json: { text, claimantId },
      }),
      201,
    )
    const [newest, byWord, found, matched] = await Promise.all([
      t.request('/api/claim-log?limit=1', { cookie }).then((r) => json<{ items: ClaimLogRow[] }>(r)),
      t.request(`/api/claim-log?q=${word}`, { cookie }).then((r) => json<{ items: ClaimLogRow[] }>(r)),
      t.request(`/api/search?q=${word}`, { cookie }).then((r) => json<{ items: SearchHit[] }>(r)),
      t
        .request(`/api/matches?${new URLSearchParams({ text })}`, { cookie })
        .then((r) => json<{ claims: Array<{ claim: { id: string } }> }>(r)),
    ])
    expect(newest.items.map((row) => row.claimId)).toEqual([claim.id])
    expect(byWord.items.map((row) => row.claimId)).toEqual([claim.id])
    expect(found.items.map((hit) => hit.id)).toContain(claim.id)
    expect(matched.claims.map((m) => m.claim.id)).toContain(claim.id)
  }
}

describe.runIf(testEngine() === 'sqlite')('SQLite: reads on worker threads', () => {
  it('a read sent right after a write sees it, on the read pool', async () => {
    const t = await makeTestApp({ env: { SQLITE_READ_WORKERS: '2' } })
    await checkDatabase(t.db)
    expect(readPoolState(t.db)).toMatchObject({ workers: 2, ready: 2, served: 0 })
    await writeThenRead(t, 12)
    // Each round's page, filtered page, search and matching candidates were read on the workers.
    expect(readPoolState(t.db)?.served).toBe(12 * 4)
  })

  it('a read sent right after a write sees it, with the pool off (SQLITE_READ_WORKERS=0)', async () => {
    const t = await makeTestApp({ env: { SQLITE_READ_WORKERS: '0' } })
    expect(readPoolState(t.db)).toBeNull()
    await writeThenRead(t, 4)
  })

  it('a reader thread that ends fails its one request with a 500, and is replaced for the next', async () => {
    const t = await makeTestApp({ env: { SQLITE_READ_WORKERS: '2' } })
    await checkDatabase(t.db)
    const cookie = await t.login('checker')
    endReadWorkerOnNextRead(t.db)
    await expectError(await t.request('/api/claim-log?limit=5', { cookie }), 'internal')
    // The replacement is started at once; reads go on meanwhile, on the worker still there.
    for (let i = 0; i < 10; i++) {
      const page = await json<{ items: ClaimLogRow[] }>(await t.request('/api/claim-log?limit=5', { cookie }))
      expect(page.items).toHaveLength(5)
    }
    await checkDatabase(t.db)
    expect(readPoolState(t.db)).toMatchObject({ workers: 2, ready: 2, replaced: 1 })
    const searched = await t.request('/api/search?q=hospital', { cookie })
    expect(searched.status).toBe(200)
  })

  it('reads wait in line when every worker is busy, and all are answered', async () => {
    const t = await makeTestApp({ env: { SQLITE_READ_WORKERS: '1' } })
    await checkDatabase(t.db)
    const cookie = await t.login('checker')
    const pages = await Promise.all(
      Array.from({ length: 30 }, () => t.request('/api/claim-log?limit=3', { cookie }).then((r) => json(r))),
    )
    expect(pages).toHaveLength(30)
    expect(readPoolState(t.db)).toMatchObject({ busy: 0, queued: 0 })
  })

  it('an in-memory database keeps its reads on its one connection', async () => {
    const { createDb, closeDb } = await import('../../packages/db/src/index.ts')
    const db = createDb(':memory:', { readWorkers: 2 })
    expect(readPoolState(db)).toBeNull()
    await closeDb(db)
  })
})

describe.runIf(testEngine() === 'postgres')('PostgreSQL: the pool of connections', () => {
  it('holds no more connections than DATABASE_POOL_SIZE, however many requests come at once', async () => {
    const t = await makeTestApp({ env: { DATABASE_POOL_SIZE: '3' } })
    expect(engineOf(t.db)).toBe('postgres')
    const cookie = await t.login('checker')
    await Promise.all(
      Array.from({ length: 40 }, () => t.request('/api/claim-log?limit=3', { cookie }).then((r) => json(r))),
    )
    // Idle connections stay in the pool after the burst: it opened as many as it may, and no more.
    const [row] = await rawQuery<{ n: number }>(
      t.db,
      'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
    expect(Number(row?.n) + 1).toBe(3)
  })

  it('a read sent right after a write sees it', async () => {
    await writeThenRead(await makeTestApp(), 4)
  })
})

describe('the settings', () => {
  it('refuse a pool size that is not a whole number in range, naming the setting', () => {
    expect(() => readConfig({ SQLITE_READ_WORKERS: 'two' })).toThrow(
      /SQLITE_READ_WORKERS: expected a whole number of worker threads, 0 to 32/,
    )
    expect(() => readConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(
      /DATABASE_POOL_SIZE: expected a whole number of connections, 1 to 200/,
    )
    expect(readConfig({ SQLITE_READ_WORKERS: '0', DATABASE_POOL_SIZE: '25' })).toMatchObject({
      sqliteReadWorkers: 0,
      databasePoolSize: 25,
    })
  })
})
