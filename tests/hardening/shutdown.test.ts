import { randomUUID } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { request } from 'node:http'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { httpClient, signIn, sleep } from '../support/http.ts'
import { spawnServer } from '../support/spawn-server.ts'
import { freshDbFile } from '../support/test-app.ts'

/** A create whose body arrives in two halves: the request is in flight between them. */
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
    headers: { 'content-type': 'application/json', 'content-length': bytes.length, cookie },
  })
  req.on('response', (res) => {
    const parts: Buffer[] = []
    res.on('data', (d: Buffer) => parts.push(d))
    res.on('end', () => answer({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }))
  })
  req.on('error', fail)
  const half = Math.floor(bytes.length / 2)
  req.write(bytes.subarray(0, half))
  return { finish: () => req.end(bytes.subarray(half)), done }
}

describe('SIGTERM', () => {
  it('stops taking requests, finishes those in flight, closes the database and exits 0', async () => {
    const server = await spawnServer({ dbPath: freshDbFile() })
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
    // Let the halves reach the server, so these requests are being read when the signal comes.
    await sleep(300)
    const exited = server.stop('SIGTERM')
    await sleep(300)
    // No new requests: the listener is closed.
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow()
    for (const r of inFlight) r.finish()
    const answers = await Promise.all(inFlight.map((r) => r.done))
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201))
    const exit = await exited
    expect(exit).toEqual({ code: 0, signal: null })
    expect(server.output()).toContain('SIGTERM: finishing requests in flight')
    // Closed cleanly: the last connection checkpointed the WAL into the file and removed it.
    const wal = `${server.dbPath}-wal`
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
    const db = new Database(server.dbPath, { readonly: true })
    try {
      const has = db.prepare('select 1 from disputes where id = ?')
      expect(ids.filter((id) => !has.get(id))).toEqual([])
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  }, 60_000)
})
