import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { threadId } from 'node:worker_threads'
import { Client, escapeIdentifier } from 'pg'
import { debianPostgresBins } from '../../packages/db/src/backup.ts'
import { freePort } from './free-port.ts'

const run = promisify(execFile)

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url))
const SOCKET_TMP = '/tmp'
/** Both cluster directories carry the owning process id, so a later run can tell a dead run's leftovers. */
const CLUSTER_DIR = /^postgres-(\d+)-\d+-\d+$/
const SOCKET_DIR = /^cc-pg-(\d+)-\d+-\d+$/
// A Unix socket path must fit sun_path (108 bytes with its NUL); Postgres also puts `.s.PGSQL.PORT.lock` there.
const SOCKET_PATH_MAX = 107
const SOCKET_FILE_MAX = '/.s.PGSQL.65535.lock'.length
// Postgres truncates longer names silently, and names outside this set would need escaping in URLs.
const DATABASE_NAME = /^[A-Za-z0-9_-]{1,63}$/

export const POSTGRES_INSTALL_LINE =
  'apt-get update && apt-get install -y postgresql   (or set POSTGRES_BIN to the directory holding initdb and pg_ctl)'

/** Fails loudly, with the install line, when Postgres's server binaries are missing: never a silent skip. */
export function findPostgresBin(): string {
  const override = process.env.POSTGRES_BIN
  if (override) {
    if (hasServerBinaries(override)) return override
    throw new Error(
      `Postgres tests need initdb and pg_ctl in POSTGRES_BIN=${override}, and they are missing. Install Postgres: ${POSTGRES_INSTALL_LINE}`,
    )
  }
  const newest = debianPostgresBins().find(hasServerBinaries)
  if (newest) return newest
  throw new Error(
    `Postgres tests need PostgreSQL's initdb and pg_ctl in /usr/lib/postgresql/*/bin, and they are missing. Install them: ${POSTGRES_INSTALL_LINE}`,
  )
}

function hasServerBinaries(bin: string): boolean {
  return existsSync(`${bin}/initdb`) && existsSync(`${bin}/pg_ctl`)
}

/** A throwaway Postgres cluster of this process: trust authentication, loopback only, no fsync. */
export interface Cluster {
  host: '127.0.0.1'
  port: number
  /** The cluster's private directory (data, log, usually the socket): gone once stop() resolves. */
  dir: string
  /** postgres://cc@127.0.0.1:PORT/dbName */
  url(dbName: string): string
  /** Stops the server (fast shutdown) and removes its directories; calling it again does nothing more. */
  stop(): Promise<void>
}

let clustersStarted = 0

/**
 * Starts a private cluster from Debian's binaries on a free port, under tests/.artifacts/. As root, initdb and
 * pg_ctl run as the `postgres` user (both refuse root). Clusters a killed run left behind are stopped and
 * removed first. `settings` are server settings beside the throwaway ones (the bench sizes shared_buffers).
 */
export async function startCluster(options: { settings?: Record<string, string> } = {}): Promise<Cluster> {
  const bin = findPostgresBin()
  const owner = await clusterOwner()
  mkdirSync(ARTIFACTS, { recursive: true })
  await removeDeadRunsClusters(bin, owner)

  const name = `${process.pid}-${threadId}-${++clustersStarted}`
  const dir = `${ARTIFACTS}postgres-${name}`
  const dataDir = `${dir}/data`
  const logFile = `${dir}/server.log`
  // Even this process's own name may be left over from a killed run whose process id came round again.
  await removeCluster(bin, owner, dir)
  const socketDir = dir.length + SOCKET_FILE_MAX <= SOCKET_PATH_MAX ? dir : `${SOCKET_TMP}/cc-pg-${name}`
  rmSync(socketDir, { recursive: true, force: true })
  for (const path of new Set([dir, socketDir])) {
    mkdirSync(path, { mode: 0o700 })
    if (owner) chownSync(path, owner.uid, owner.gid)
  }
  const removeAll = async () => {
    await removeCluster(bin, owner, dir)
    rmSync(socketDir, { recursive: true, force: true })
  }

  try {
    await runAs(owner, `${bin}/initdb`, [
      '-D',
      dataDir,
      '-U',
      'cc',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      // A throwaway cluster: nothing initdb writes needs to survive a power cut.
      '--no-sync',
      '--no-instructions',
    ])
    const port = await startOnFreePort(bin, owner, dataDir, socketDir, logFile, options.settings ?? {})
    let stopping: Promise<void> | undefined
    return {
      host: '127.0.0.1',
      port,
      dir,
      url: (dbName) => `postgres://cc@127.0.0.1:${port}/${checkedName(dbName)}`,
      stop: () => {
        stopping ??= removeAll()
        return stopping
      },
    }
  } catch (err) {
    await removeAll()
    throw err
  }
}

/** The free port is only free until someone binds it: on a collision, try another. */
async function startOnFreePort(
  bin: string,
  owner: Owner | undefined,
  dataDir: string,
  socketDir: string,
  logFile: string,
  settings: Record<string, string>,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const logBefore = readLog(logFile).length
    const options = [
      `-p ${port}`,
      `-k ${shellQuote(socketDir)}`,
      '-c listen_addresses=127.0.0.1',
      // A throwaway cluster: speed over durability.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      ...Object.entries(settings).map(([name, value]) => `-c ${name}=${shellQuote(value)}`),
    ].join(' ')
    try {
      // The log file matters: without it the server inherits pg_ctl's stdout, and execFile would wait on
      // that pipe for as long as the server runs.
      await runAs(owner, `${bin}/pg_ctl`, ['-D', dataDir, '-l', logFile, '-o', options, '-w', 'start'])
      return port
    } catch (err) {
      const log = readLog(logFile).slice(logBefore)
      if (attempt < 5 && log.includes('already in use')) continue
      throw new Error(`Postgres did not start on port ${port}:\n${log.trim()}`, { cause: err })
    }
  }
}

function readLog(logFile: string): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
}

/** pg_ctl hands its -o options to a shell. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** Stops a cluster's server if its directory holds one, then removes the directory. */
async function removeCluster(bin: string, owner: Owner | undefined, dir: string): Promise<void> {
  const dataDir = `${dir}/data`
  if (existsSync(`${dataDir}/postmaster.pid`)) {
    try {
      await runAs(owner, `${bin}/pg_ctl`, ['-D', dataDir, '-m', 'fast', '-w', 'stop'])
    } catch {
      // Already gone (a stale pid file), or stuck: immediate shutdown is the last word.
      if (existsSync(`${dataDir}/postmaster.pid`)) {
        await runAs(owner, `${bin}/pg_ctl`, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {})
      }
    }
  }
  rmSync(dir, { recursive: true, force: true })
}

/**
 * pg_ctl starts the server as a daemon, so a run killed before its afterAll leaves it running: stop and
 * remove what processes that are gone left behind.
 */
async function removeDeadRunsClusters(bin: string, owner: Owner | undefined): Promise<void> {
  for (const entry of readdirSync(ARTIFACTS)) {
    const pid = Number(CLUSTER_DIR.exec(entry)?.[1])
    if (pid && !isAlive(pid)) await removeCluster(bin, owner, `${ARTIFACTS}${entry}`)
  }
  for (const entry of readdirSync(SOCKET_TMP)) {
    const pid = Number(SOCKET_DIR.exec(entry)?.[1])
    if (pid && !isAlive(pid)) rmSync(`${SOCKET_TMP}/${entry}`, { recursive: true, force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

interface Owner {
  uid: number
  gid: number
}

/** As root, the `postgres` user runs the cluster (initdb and pg_ctl refuse root); otherwise we do. */
async function clusterOwner(): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])])
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
  } catch {
    throw new Error(
      `Postgres tests run as root need the postgres user, which Debian's package creates. Install it: ${POSTGRES_INSTALL_LINE}`,
    )
  }
}

async function runAs(owner: Owner | undefined, file: string, args: string[]): Promise<void> {
  const [command, argv] = owner ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]
  try {
    // The cluster's user may not be able to enter our working directory.
    await run(command, argv, { cwd: '/' })
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string }
    throw new Error(`${file} ${args.join(' ')} failed:\n${`${stdout}\n${stderr}`.trim()}`, { cause: err })
  }
}

function checkedName(name: string): string {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(`Test database names are 1 to 63 letters, digits, _ or -: ${JSON.stringify(name)}`)
  }
  return name
}

function databaseUrl(target: Cluster | string, name: string): string {
  if (typeof target !== 'string') return target.url(name)
  const url = new URL(target)
  url.pathname = `/${checkedName(name)}`
  return url.toString()
}

async function onMaintenanceDb(target: Cluster | string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(target, 'postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * Creates database `name` (a copy of `template` when given, else of template1) and returns its URL.
 * Nobody may be connected to the template while it is copied: close its connections first.
 */
export async function createDatabase(
  target: Cluster | string,
  name: string,
  template?: string,
): Promise<string> {
  const from = template === undefined ? '' : ` TEMPLATE ${escapeIdentifier(checkedName(template))}`
  await onMaintenanceDb(target, `CREATE DATABASE ${escapeIdentifier(checkedName(name))}${from}`)
  return databaseUrl(target, name)
}

/** Drops database `name` if it exists, closing whatever connections it still has. */
export async function dropDatabase(target: Cluster | string, name: string): Promise<void> {
  await onMaintenanceDb(target, `DROP DATABASE IF EXISTS ${escapeIdentifier(checkedName(name))} WITH (FORCE)`)
}
