import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { TEST_SCRYPT_LOG_N } from './accounts.ts'
import { freePort } from './server-process.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

export interface ServerHandle {
  url: string
  port: number
  dbPath: string
  process: ChildProcess
  output: () => string
  /** Sends a signal and waits for the exit code (null when a signal ended it). */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Runs the real server (apps/api/src/server.ts) on a database file, outside Vitest too (the soak
 * uses it): no injected context, everything passed in.
 */
export async function spawnServer(options: {
  dbPath: string
  env?: Record<string, string>
  port?: number
}): Promise<ServerHandle> {
  const port = options.port ?? (await freePort())
  let output = ''
  const child = spawn(
    process.execPath,
    // One process, not tsx's CLI (a parent that would relay signals): SIGKILL must reach the server itself.
    ['--import', `${REPO}node_modules/tsx/dist/loader.mjs`, `${REPO}apps/api/src/server.ts`],
    {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: options.dbPath,
        COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stdout?.on('data', (d) => {
    output += d
  })
  child.stderr?.on('data', (d) => {
    output += d
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer within 60 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }
  return { url, port, dbPath: options.dbPath, process: child, output: () => output, stop }
}

/** PRAGMA integrity_check of a database file no server has open ('ok' when sound). */
export function integrityCheck(path: string): string {
  const db = new Database(path)
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>
    return rows.map((r) => r.integrity_check).join('; ')
  } finally {
    db.close()
  }
}
