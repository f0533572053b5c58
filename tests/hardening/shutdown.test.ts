import { randomUUID } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { request } from 'node:http'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { httpClient, listening, signIn } from '../support/http.ts'
import { spawnServer } from '../support/server.ts'
import { freshDbFile } from '../support/test-db.ts'

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
    const server = await spawnServer({ database: { databasePath: freshDbFile() } })
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
    // Closed cleanly: the last connection checkpointed the WAL into the file and removed it.
    const wal = `${server.database.databasePath}-wal`
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
    const db = new Database(server.database.databasePath, { readonly: true })
    try {
      const has = db.prepare('select 1 from disputes where id = ?')
      expect(ids.filter((id) => !has.get(id))).toEqual([])
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  }, 60_000)
})
