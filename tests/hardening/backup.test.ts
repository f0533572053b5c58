import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { closeSync, copyFileSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpClient, signIn } from '../support/http.ts'
import { type ServerHandle, spawnServer } from '../support/server.ts'
import { freshDbFile } from '../support/test-db.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** Runs `npm run backup -- <target>`'s script the way npm does, with DATABASE_PATH set. */
function backup(databasePath: string, target: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`${REPO}node_modules/tsx/dist/cli.mjs`, `${REPO}scripts/backup.ts`, target],
      { cwd: REPO, env: { ...process.env, DATABASE_PATH: databasePath } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, output: stdout + stderr })
      },
    )
  })
}

const dir = mkdtempSync(join(tmpdir(), 'counterclaim-backup-'))
let server: ServerHandle

beforeAll(async () => {
  server = await spawnServer({ database: { databasePath: freshDbFile() } })
})
afterAll(async () => {
  await server?.stop()
})

describe('npm run backup', () => {
  it('copies the running database under writer load, and the copy is sound and holds what was acknowledged', async () => {
    const send = httpClient(server.url)
    const cookie = await signIn(send, 'checker')
    const acked: string[] = []
    let stop = false
    const writer = async () => {
      while (!stop) {
        const id = randomUUID()
        const res = await send('/api/disputes', {
          method: 'POST',
          cookie,
          json: { id, title: 'Written during a backup', question: 'Is it in the copy?' },
        })
        await res.arrayBuffer()
        if (res.status !== 201) throw new Error(`create answered ${res.status}`)
        acked.push(id)
      }
    }
    const writers = [writer(), writer(), writer()]
    // The backup starts while the writers are at work, with some of their writes acknowledged.
    await expect.poll(() => acked.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(30)
    const ackedBefore = [...acked]
    const target = join(dir, 'under-load.db')
    const result = await backup(server.database.databasePath, target)
    stop = true
    await Promise.all(writers)
    expect(result.output).toContain('integrity_check: ok')
    expect(result.code).toBe(0)
    expect(ackedBefore.length).toBeGreaterThan(0)

    const copy = new Database(target, { readonly: true })
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.pragma('foreign_key_check')).toEqual([])
      const has = copy.prepare('select 1 from disputes where id = ?')
      expect(ackedBefore.filter((id) => !has.get(id))).toEqual([])
      // The copy is one moment: each dispute in it has its history event.
      const orphans = copy
        .prepare(
          `select count(*) as n from disputes d where not exists
           (select 1 from history_events h where h.entity = 'dispute' and h.entity_id = d.id and h.action = 'created')`,
        )
        .get() as { n: number }
      expect(orphans.n).toBe(0)
    } finally {
      copy.close()
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  })

  it('refuses to overwrite a file, and needs a target', async () => {
    const existing = join(dir, 'taken.db')
    writeFileSync(existing, 'keep me')
    expect((await backup(server.database.databasePath, existing)).code).not.toBe(0)
    const none = await backup(server.database.databasePath, '')
    expect(none.code).not.toBe(0)
    expect(none.output).toContain('usage')
  })

  it('exits non-zero when the copy fails its integrity check', async () => {
    // A database whose tables' first pages are overwritten: the copy carries the damage, and the check finds
    // it. The pages are the tables' own (their root pages), not free ones a migration may have left behind.
    const damaged = join(dir, 'damaged.db')
    copyFileSync(freshDbFile(), damaged)
    const db = new Database(damaged, { readonly: true })
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const roots = db
      .prepare(
        "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name IN ('claims', 'disputes', 'claimants')",
      )
      .pluck()
      .all() as number[]
    db.close()
    expect(roots).toHaveLength(3)
    const fd = openSync(damaged, 'r+')
    for (const page of roots)
      writeSync(fd, Buffer.alloc(pageSize / 2, 0x5a), 0, pageSize / 2, (page - 1) * pageSize + 100)
    closeSync(fd)
    const result = await backup(damaged, join(dir, 'damaged-copy.db'))
    expect(result.code).not.toBe(0)
    expect(result.output).not.toContain('integrity_check: ok')
  })
})
