import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'
import { TEST_SCRYPT_LOG_N } from './accounts.ts'
import { freshDbFile } from './test-app.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export interface RunningServer {
  url: string
  dbPath: string
  process: ChildProcess
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

/** Starts the real server (API + built web) on a free port with a fresh copy of a template database. */
export async function startServer(
  options: { kind?: 'demo' | 'empty'; env?: Record<string, string>; dbPath?: string } = {},
): Promise<RunningServer> {
  const port = await freePort()
  const dbPath = options.dbPath ?? freshDbFile(options.kind)
  let output = ''
  const child = spawn(
    process.execPath,
    // One process with tsx as a loader, so every signal reaches the server itself.
    ['--import', `${REPO}node_modules/tsx/dist/loader.mjs`, `${REPO}apps/api/src/server.ts`],
    {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: dbPath,
        COUNTERCLAIM_SCRYPT_LOG_N: String(TEST_SCRYPT_LOG_N),
        ...(inject('webDist') ? { COUNTERCLAIM_WEB_DIST: inject('webDist') } : {}),
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
    if (Date.now() > deadline) throw new Error(`server did not answer within 60 s:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode)
      child.once('exit', (code) => resolve(code))
      child.kill(signal)
    })
  return { url, dbPath, process: child, output: () => output, stop }
}
