import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'
import { type DatabaseLocation, type Db, engineOf, rawQuery } from '../../packages/db/src/index.ts'
import { TEST_SCRYPT_LOG_N } from './accounts.ts'
import { freePort } from './free-port.ts'
import { databaseEnv, freshDatabase } from './test-db.ts'
import { waitUntil } from './waits.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

export interface NodeProcess {
  /** The origin of the ready URL: http://127.0.0.1:PORT. */
  url: string
  pid: number
  process: ChildProcess
  output: () => string
  /** Sends a signal (SIGKILL after `killAfterMs` if it is still running) and waits for the exit. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Runs a Node script (a .ts file with tsx as a loader in the same process, so every signal, SIGKILL
 * included, reaches the script itself) and waits until `ready` answers 2xx. Usable outside Vitest
 * (the bench and the soak use it).
 */
export async function spawnNode(options: {
  script: string
  ready: string
  argv?: string[]
  env?: Record<string, string>
  cwd?: string
  readyWithinMs?: number
  /** After a stop signal, how long the process may take before it is killed. */
  killAfterMs?: number
}): Promise<NodeProcess> {
  const loader = options.script.endsWith('.ts') ? ['--import', `${REPO}node_modules/tsx/dist/loader.mjs`] : []
  let output = ''
  const child = spawn(process.execPath, [...loader, options.script, ...(options.argv ?? [])], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => {
    output += d
  })
  child.stderr?.on('data', (d) => {
    output += d
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const readyWithinMs = options.readyWithinMs ?? 60_000
  try {
    await waitUntil(
      `${options.script} to answer ${options.ready}`,
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${options.script} exited with ${child.exitCode}:\n${output}`)
        return fetch(options.ready).then(
          (res) => res.ok,
          () => false,
        )
      },
      { timeoutMs: readyWithinMs },
    )
  } catch (err) {
    child.kill('SIGKILL')
    throw new Error(`${err instanceof Error ? err.message : err}\n${output}`)
  }
  if (child.pid === undefined) throw new Error(`${options.script} has no pid`)
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal)
      // A guard against a process that hangs on its way out, not a wait for anything to happen.
      const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000)
      guard.unref()
      exited.finally(() => clearTimeout(guard))
    }
    return exited
  }
  return { url: new URL(options.ready).origin, pid: child.pid, process: child, output: () => output, stop }
}

export interface ServerHandle extends NodeProcess {
  port: number
  database: DatabaseLocation
}

/**
 * The real server (apps/api/src/server.ts, or an esbuild bundle of it) on a database (a SQLite file, or
 * PostgreSQL by its URL), on a free port, at the tests' scrypt cost: the one way tests start a server
 * process.
 */
export async function spawnServer(options: {
  database: DatabaseLocation
  env?: Record<string, string>
  port?: number
  /** An esbuild bundle of the server to run with plain Node instead of the TypeScript sources. */
  bundle?: string
  cwd?: string
}): Promise<ServerHandle> {
  const port = options.port ?? (await freePort())
  const server = await spawnNode({
    script: options.bundle ?? `${REPO}apps/api/src/server.ts`,
    ready: `http://127.0.0.1:${port}/api/health`,
    cwd: options.cwd,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      ...databaseEnv(options.database),
      COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N),
      ...options.env,
    },
  })
  return { ...server, port, database: options.database }
}

/**
 * In a Vitest file: the real server on a fresh copy of this run's template database (seeded demo or
 * empty) on the file's engine, serving the web app built once for the run when the project built it.
 */
export async function startServer(
  options: {
    kind?: 'demo' | 'empty'
    env?: Record<string, string>
    database?: DatabaseLocation
    bundle?: string
    cwd?: string
  } = {},
): Promise<ServerHandle> {
  const webDist = inject('webDist')
  return spawnServer({
    database: options.database ?? (await freshDatabase(options.kind)),
    bundle: options.bundle,
    cwd: options.cwd,
    env: { ...(webDist ? { COUNTERCLAIM_WEB_DIST: webDist } : {}), ...options.env },
  })
}

/**
 * The database's own consistency check, 'ok' when sound, else what it found: SQLite's PRAGMA
 * integrity_check; on PostgreSQL amcheck's bt_index_check of every B-tree index of the app's tables
 * with every heap row looked up in it (an index that disagrees with its table raises).
 */
export async function databaseIntegrity(db: Db): Promise<string> {
  if (engineOf(db) === 'sqlite') {
    const rows = await rawQuery<{ integrity_check: string }>(db, 'pragma integrity_check')
    return rows.map((r) => r.integrity_check).join('; ')
  }
  try {
    await rawQuery(db, 'create extension if not exists amcheck')
    await rawQuery(
      db,
      `select bt_index_check(c.oid, true) from pg_index i
       join pg_class c on c.oid = i.indexrelid
       join pg_am am on am.oid = c.relam
       where am.amname = 'btree' and c.relnamespace = current_schema()::regnamespace`,
    )
    return 'ok'
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}
