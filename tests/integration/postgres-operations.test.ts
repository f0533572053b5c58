// Operations on PostgreSQL: db:copy from a desk's SQLite file, npm run backup with pg_dump and a restore, and
// a start refused on a wrong DATABASE_URL. This file's process talks to PostgreSQL through pg and reads the
// SQLite source through better-sqlite3 directly; it opens no engine of the app.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyPlan, copySqliteToPostgres, findPostgresProgram } from '../../packages/db/src/index.ts'
import { freePort } from '../support/free-port.ts'
import { type Cluster, createDatabase, startCluster } from '../support/postgres-cluster.ts'
import { freshDbFile } from '../support/test-db.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const TABLES = copyPlan().map((t) => t.name)

/** A history event's JSON as a client wrote it: keys out of order, spaces, accents. jsonb would reorder it. */
const HISTORY_AFTER = '{"zeta": 1, "alpha": {"y": [3, 1], "b": "Ünïcode"}, "mid": null}'
const HISTORY_ID = randomUUID()
// A claim's quantities as JSON text whose number a careless copy (a float round trip, re-serialising) would change.
const QUANTITIES =
  '[{"measure": "drones launched", "value": 123456.789, "valueMax": null, "qualifier": "exact", "unit": "drones", "periodFrom": null, "periodTo": null, "place": "Київ"}]'
const HISTORY_SEQ = 1000

let cluster: Cluster
let source: string
let claimId: string
let claimCreatedAt: string
let snapshotContent: string
const dir = mkdtempSync(join(tmpdir(), 'counterclaim-pgops-'))

/** Runs a script of scripts/ the way npm does, with the environment given. */
function script(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`${REPO}node_modules/tsx/dist/cli.mjs`, name, ...args],
      { cwd: REPO, env: { ...process.env, DATABASE_URL: '', ...env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

async function query<R extends object>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<R>(text, values)).rows
  } finally {
    await client.end()
  }
}

async function postgresCounts(url: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of TABLES) {
    const [row] = await query<{ n: string }>(url, `SELECT count(*) AS n FROM ${table}`)
    counts[table] = Number(row?.n)
  }
  return counts
}

function sqliteCounts(path: string): Record<string, number> {
  const sqlite = new Database(path, { readonly: true })
  try {
    return Object.fromEntries(
      TABLES.map((table) => [
        table,
        (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ]),
    )
  } finally {
    sqlite.close()
  }
}

beforeAll(async () => {
  cluster = await startCluster()
  // The seeded demo desk, with values whose exact form a careless copy would change.
  source = freshDbFile('demo')
  const sqlite = new Database(source)
  try {
    const claim = sqlite.prepare('SELECT id, created_at FROM claims ORDER BY id LIMIT 1').get() as {
      id: string
      created_at: string
    }
    claimId = claim.id
    claimCreatedAt = claim.created_at
    sqlite.prepare('UPDATE claims SET quantities = ? WHERE id = ?').run(QUANTITIES, claimId)
    sqlite
      .prepare(
        `INSERT INTO history_events (seq, id, at, entity, entity_id, action, before, after)
         VALUES (?, ?, '2026-01-02T03:04:05.678Z', 'claim', ?, 'updated', NULL, ?)`,
      )
      .run(HISTORY_SEQ, HISTORY_ID, claimId, HISTORY_AFTER)
    snapshotContent = (
      sqlite.prepare('SELECT content FROM verdict_snapshots LIMIT 1').get() as { content: string }
    ).content
  } finally {
    sqlite.close()
  }
})

afterAll(async () => {
  await cluster?.stop()
  rmSync(dir, { recursive: true, force: true })
  if (source) rmSync(join(source, '..'), { recursive: true, force: true })
})

describe('db:copy from a SQLite file into PostgreSQL', () => {
  let target: string

  beforeAll(async () => {
    target = await createDatabase(cluster, 'copy_target')
  })

  it('copies every table of the schemas, history included, and the counts match', async () => {
    const lines: string[] = []
    const counts = await copySqliteToPostgres({
      from: source,
      to: target,
      batchRows: 7,
      log: (l) => lines.push(l),
    })
    const expected = sqliteCounts(source)
    expect(Object.fromEntries(counts.map((c) => [c.table, c.sqlite]))).toEqual(expected)
    expect(Object.fromEntries(counts.map((c) => [c.table, c.postgres]))).toEqual(expected)
    expect(await postgresCounts(target)).toEqual(expected)
    expect(expected.history_events).toBeGreaterThan(7)
    expect(expected.verdict_snapshots).toBeGreaterThan(0)
    expect(lines).toContain(`history_events: ${expected.history_events} rows`)
    // The search tables are derived from the records, not copied.
    expect(counts.map((c) => c.table)).not.toContain('search_refs')
  })

  it('keeps JSON text with its key order, timestamps as text and doubles exact', async () => {
    const [event] = await query<{ after: string; seq: number }>(
      target,
      'SELECT after::text AS after, seq FROM history_events WHERE id = $1',
      [HISTORY_ID],
    )
    expect(event).toEqual({ after: HISTORY_AFTER, seq: HISTORY_SEQ })
    const [claim] = await query<{ value: number; q: string; created_at: string }>(
      target,
      `SELECT (quantities->0->>'value')::float8 AS value, quantities::text AS q, created_at FROM claims WHERE id = $1`,
      [claimId],
    )
    expect(claim).toEqual({ value: 123456.789, q: QUANTITIES, created_at: claimCreatedAt })
    const [snapshot] = await query<{ content: string }>(
      target,
      'SELECT content::text AS content FROM verdict_snapshots LIMIT 1',
    )
    expect(snapshot?.content).toBe(snapshotContent)
  })

  it("moves history's identity past the largest seq copied, and history stays append-only", async () => {
    const [next] = await query<{ seq: number }>(
      target,
      `INSERT INTO history_events (id, at, entity, entity_id, action) VALUES ($1, '2026-01-03T00:00:00.000Z', 'claim', $2, 'updated') RETURNING seq`,
      [randomUUID(), claimId],
    )
    expect(next?.seq).toBe(HISTORY_SEQ + 1)
    for (const statement of [
      `UPDATE history_events SET action = 'forged' WHERE seq = ${HISTORY_SEQ}`,
      `DELETE FROM history_events WHERE seq = ${HISTORY_SEQ}`,
      'TRUNCATE history_events',
    ]) {
      await expect(query(target, statement), statement).rejects.toThrow(/append-only/)
    }
    const [event] = await query<{ action: string }>(
      target,
      'SELECT action FROM history_events WHERE seq = $1',
      [HISTORY_SEQ],
    )
    expect(event?.action).toBe('updated')
  })

  it('refuses a target that holds rows, and leaves it as it was', async () => {
    const before = await postgresCounts(target)
    const result = await script('scripts/db-copy.ts', ['--from', source, '--to', target], {})
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toMatch(/^db:copy failed: the target database is not empty: .*users \(\d+\)/)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(await postgresCounts(target)).toEqual(before)
  })

  it('prints the counts of both sides from the command line, and migrates a new database first', async () => {
    const fresh = await createDatabase(cluster, 'copy_cli')
    const result = await script('scripts/db-copy.ts', ['--from', source, '--to', fresh], {})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const expected = sqliteCounts(source)
    for (const table of TABLES) {
      expect(result.stdout).toMatch(new RegExp(`^${table} +${expected[table]} +${expected[table]}$`, 'm'))
    }
    expect(result.stdout).toMatch(new RegExp(`${TABLES.length} tables, \\d+ rows, every count equal`))
    const [migrations] = await query<{ n: string }>(
      fresh,
      'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
    )
    expect(Number(migrations?.n)).toBeGreaterThan(0)
  })
})

describe('npm run backup on PostgreSQL', () => {
  let database: string

  beforeAll(async () => {
    database = await createDatabase(cluster, 'backup_source')
    await copySqliteToPostgres({ from: source, to: database })
  })

  it('dumps with pg_dump, lists the dump with pg_restore, and the dump restores into a new database', async () => {
    const file = join(dir, 'desk.dump')
    const result = await script('scripts/backup.ts', [file], { DATABASE_URL: database })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`pg_dump: ${database} → ${file}`)
    expect(result.stdout).toMatch(
      new RegExp(`pg_restore --list: \\d+ entries, the rows of ${TABLES.length} of ${TABLES.length} tables`),
    )

    const restored = await createDatabase(cluster, 'backup_restored')
    await new Promise<void>((resolve, reject) =>
      execFile(
        findPostgresProgram('pg_restore'),
        ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${restored}`, file],
        (err, _stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve()),
      ),
    )
    expect(await postgresCounts(restored)).toEqual(await postgresCounts(database))
    const [event] = await query<{ after: string }>(
      restored,
      'SELECT after::text AS after FROM history_events WHERE id = $1',
      [HISTORY_ID],
    )
    expect(event?.after).toBe(HISTORY_AFTER)
    // The restored database carries its migrations and its append-only trigger.
    await expect(query(restored, 'DELETE FROM history_events')).rejects.toThrow(/append-only/)
  })

  it('refuses a backup file that exists, and leaves it alone', async () => {
    const file = join(dir, 'existing.dump')
    writeFileSync(file, 'keep me')
    const result = await script('scripts/backup.ts', [file], { DATABASE_URL: database })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('exists already')
  })

  it('fails on an unreachable server without leaving a file behind', async () => {
    const port = await freePort()
    const file = join(dir, 'unreachable.dump')
    const result = await script('scripts/backup.ts', [file], {
      DATABASE_URL: `postgres://cc@127.0.0.1:${port}/desk`,
    })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toMatch(/^backup failed: pg_dump failed: .*Connection refused/)
    expect(existsSync(file)).toBe(false)
  })
})

describe('starting the server on a DATABASE_URL it cannot use', () => {
  async function start(databaseUrl: string) {
    return script('apps/api/src/server.ts', [], { DATABASE_URL: databaseUrl, PORT: String(await freePort()) })
  }

  it('refuses a malformed URL in one line', async () => {
    const result = await start('postgres://cc@127.0.0.1:port/desk')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'invalid configuration: DATABASE_URL: expected postgres://user[:password]@host[:port]/database\n',
    )
  })

  it('refuses an unreachable server in one line, with the password masked', async () => {
    const port = await freePort()
    const result = await start(`postgres://cc:secret@127.0.0.1:${port}/desk`)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `cannot use the PostgreSQL database at postgres://cc:***@127.0.0.1:${port}/desk: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    )
  })

  it('refuses a database that does not exist in one line', async () => {
    const result = await start(cluster.url('no_such_database'))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `cannot use the PostgreSQL database at ${cluster.url('no_such_database')}: database "no_such_database" does not exist\n`,
    )
  })
})
