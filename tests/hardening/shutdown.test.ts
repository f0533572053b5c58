import { randomUUID } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { engineOf, rawQuery } from '../../packages/db/src/index.ts'
import { httpClient, listening, signIn } from '../support/http.ts'
import { databaseIntegrity, spawnServer } from '../support/server.ts'
import { freshDatabase, openTestDatabase } from '../support/test-db.ts'

/**
 * A create whose body arrives in two halves: the request is in flight between them. It asks for
 * 100 Continue, which Node's server sends as it hands the request to the app: `started` resolves
 * once the server has the request and the first half is on its way.
 */
function slowCreate(url: string, cookie: string, body: string) {
  let answer: (v: { status: number; text: string }) => void = () => {}
  let fail: (e: Error) => void = () => {}
  const done = new Promise<{ status: number; text: string }>((resolve, reject) => {
    answer = resolve
    fail = reject
  })
  const bytes = Buffer.from(body)
  const req = request(`${url}/api/disputes`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': bytes.length,
      cookie,
      expect: '100-continue',
    },
  })
  req.on('response', (res) => {
    const parts: Buffer[] = []
    res.on('data', (d: Buffer) => parts.push(d))
    res.on('end', () => answer({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }))
  })
  req.on('error', fail)
  const half = Math.floor(bytes.length / 2)
  const started = new Promise<void>((resolve) =>
    req.once('continue', () => req.write(bytes.subarray(0, half), () => resolve())),
  )
  req.flushHeaders()
  return { started, finish: () => req.end(bytes.subarray(half)), done }
}

describe('SIGTERM', () => {
  it('stops taking requests, finishes those in flight, closes the database and exits 0', async () => {
    const server = await spawnServer({ database: await freshDatabase() })
    const send = httpClient(server.url)
    const cookie = await signIn(send, 'checker')
    const ids = Array.from({ length: 5 }, () => randomUUID())
    const inFlight = ids.map((id) =>
      slowCreate(
        server.url,
        cookie,
        JSON.stringify({ id, title: 'In flight at SIGTERM', question: 'Finished?' }),
      ),
    )
    // The server has every one of these requests, and is reading their bodies, when the signal comes.
    await Promise.all(inFlight.map((r) => r.started))
    const exited = server.stop('SIGTERM')
    // No new requests: the listener closes.
    await expect.poll(() => listening(server.url), { timeout: 10_000 }).toBe(false)
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow()
    for (const r of inFlight) r.finish()
    const answers = await Promise.all(inFlight.map((r) => r.done))
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201))
    const exit = await exited
    expect(exit).toEqual({ code: 0, signal: null })
    expect(server.output()).toContain('SIGTERM: finishing requests in flight')
    if (!server.database.databaseUrl) {
      // Closed cleanly: the last connection checkpointed the WAL into the file and removed it.
      const wal = `${server.database.databasePath}-wal`
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
    }
    const db = openTestDatabase(server.database)
    if (engineOf(db) === 'postgres') {
      // Nothing of the server is left on the database: no session of its pool.
      const sessions = async () =>
        (
          await rawQuery<{ n: number }>(
            db,
            `select count(*) as n from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
          )
        )[0]?.n
      await expect.poll(sessions, { timeout: 10_000 }).toBe(0)
    }
    const missing: string[] = []
    for (const id of ids)
      if ((await rawQuery(db, 'select 1 from disputes where id = $1', [id])).length === 0) missing.push(id)
    expect(missing).toEqual([])
    expect(await databaseIntegrity(db)).toBe('ok')
  }, 60_000)
})
