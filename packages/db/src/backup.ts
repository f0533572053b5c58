import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync, readdirSync, rmSync } from 'node:fs'
import { basename, delimiter, join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { copyPlan } from './copy.ts'

/**
 * Copies the database at `source` to the new file `copy` with SQLite's online backup, then runs
 * PRAGMA integrity_check on the copy; returns what the check reports ('ok' when the copy is sound).
 */
export async function backupDatabase(source: string, copy: string): Promise<string> {
  const db = new Database(source, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 10000')
    // All pages in one step: one read transaction, so the copy is one consistent moment even
    // while the server writes (smaller steps would restart whenever it commits).
    await db.backup(copy, { progress: () => 0x7fffffff })
  } finally {
    db.close()
  }
  const check = new Database(copy, { readonly: true, fileMustExist: true })
  try {
    const rows = check.pragma('integrity_check') as Array<{ integrity_check: string }>
    return rows.map((r) => r.integrity_check).join('\n')
  } finally {
    check.close()
  }
}

const execFileAsync = promisify(execFile)
const POSTGRES_VERSIONS_DIR = '/usr/lib/postgresql'

/** Debian's /usr/lib/postgresql/<version>/bin directories, the newest version first. */
export function debianPostgresBins(): string[] {
  return existsSync(POSTGRES_VERSIONS_DIR)
    ? readdirSync(POSTGRES_VERSIONS_DIR)
        .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
        .map((version) => join(POSTGRES_VERSIONS_DIR, version, 'bin'))
    : []
}

/**
 * A PostgreSQL client program (pg_dump, pg_restore): the one on PATH, else the newest of Debian's
 * /usr/lib/postgresql/<version>/bin. Throws with the install line when there is none.
 */
export function findPostgresProgram(name: 'pg_dump' | 'pg_restore'): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
  for (const dir of [...onPath, ...debianPostgresBins()]) {
    const program = join(dir, name)
    try {
      accessSync(program, constants.X_OK)
      return program
    } catch {}
  }
  throw new Error(
    `${name} is neither on PATH nor in ${POSTGRES_VERSIONS_DIR}/*/bin: apt-get install -y postgresql-client`,
  )
}

/** What a PostgreSQL dump holds, as `pg_restore --list` reads it back. */
export interface PostgresDumpCheck {
  /** Entries of the dump's table of contents. */
  entries: number
  /** Tables of the schema whose rows the dump holds. */
  tables: string[]
  /** Tables of the schema it lacks (an empty list for a sound dump). */
  missing: string[]
}

/**
 * Dumps the PostgreSQL database at `url` into the new file `file` with pg_dump (custom format, no owner,
 * so it restores under any role), then reads the dump back with `pg_restore --list` and checks it carries
 * the rows of every table of the schema. The password travels in PGPASSWORD, not on a command line
 * other users can see.
 */
export async function backupPostgres(url: string, file: string): Promise<PostgresDumpCheck> {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }
  if (existsSync(file)) throw new Error(`${file} exists already`)
  try {
    await runProgram(
      findPostgresProgram('pg_dump'),
      ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${parsed.toString()}`],
      env,
    )
  } catch (error) {
    // pg_dump creates the file before it connects: a failed dump leaves no file that looks like a backup.
    rmSync(file, { force: true })
    throw error
  }
  const { stdout } = await runProgram(findPostgresProgram('pg_restore'), ['--list', file], env)
  const entries = stdout.split('\n').filter((line) => line.trim() && !line.startsWith(';'))
  const withData = new Set(
    entries.map((line) => / TABLE DATA \S+ (\S+) /.exec(line)?.[1]).filter((name) => name !== undefined),
  )
  const tables = copyPlan().map((table) => table.name)
  return {
    entries: entries.length,
    tables: tables.filter((name) => withData.has(name)),
    missing: tables.filter((name) => !withData.has(name)),
  }
}

async function runProgram(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(program, args, { env, maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    // Its message on one line: pg_dump adds a hint on a second.
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .replace(/\s*\n\s*/g, ' ')
    throw new Error(`${basename(program)} failed: ${stderr || (error as Error).message}`)
  }
}
