/**
 * The bench database of each engine, behind one interface, so run.ts measures every figure once for
 * both: SQLite's cached file (seed.ts) as it is, and PostgreSQL's database filled from that file in a
 * throwaway cluster of the run's own (db:copy the first time, a cached pg_dump after). What differs
 * between the engines lives here: the raw statements, the command-line baselines (sqlite3 and psql),
 * where the import writes, and how a query plan reads.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { numbered } from '../../packages/db/src/claim-log-pg.ts'
import {
  backupPostgres,
  closeDb,
  connectPostgres,
  copySqliteToPostgres,
  createDb,
  type Db,
  type Engine,
  findPostgresProgram,
  migrationsFolder,
  rawQuery,
  sqliteClient,
} from '../../packages/db/src/index.ts'
import { type Cluster, createDatabase, findPostgresBin, startCluster } from '../support/postgres-cluster.ts'

export type { Engine }

/** A command-line tool doing the same work the least costly way: the figure's same-run baseline. */
export interface CliBaseline<A extends unknown[]> {
  name: string
  /** Wall seconds. */
  seconds: (...args: A) => number
}

export interface BenchDatabase {
  engine: Engine
  /** SQLite or PostgreSQL, as RESULTS.md names it. */
  title: string
  /** The handle the in-process baselines use (read only). */
  db: Db
  /** What the app's server is started with to serve this database. */
  serverEnv: Record<string, string>
  /** What baseline-server.ts is given: the SQLite file or the PostgreSQL URL. */
  location: string
  /** How the bench database came to be, for RESULTS.md. */
  facts: string[]
  /** Runs one of the claim log's statements (this engine's SQL, named parameters); milliseconds. */
  time(sql: string, params: Readonly<Record<string, unknown>>): Promise<number>
  /** How many indexed records a full-text query (this engine's) matches. */
  searchHits(fts: string): Promise<number>
  /** Whether a plan reads the claims by an index, and whether it sorts (rather than walking an order). */
  planShape(plan: string[]): { indexed: boolean; sorts: boolean }
  /** The CLI exporting the same query as CSV. */
  exportCli: CliBaseline<[sql: string]>
  /** The CLI loading the same CSV file into one new table. */
  importCli: CliBaseline<[file: string, work: string]>
  /** A database for the import to write into, as the server's environment, and its removal. */
  importTarget(work: string): Promise<{ serverEnv: Record<string, string>; remove(): Promise<void> }>
  close(): Promise<void>
}

/** The first column of the first row of a statement without parameters, on either engine. */
export async function one(bench: BenchDatabase, sql: string): Promise<unknown> {
  const [row] = await rawQuery(bench.db, sql)
  return row ? Object.values(row)[0] : undefined
}

/** Runs a command to completion; its wall time in seconds. */
export function timed(command: string, argv: string[], options: { stdout?: 'ignore' | 'pipe' } = {}): number {
  const t = performance.now()
  const r = spawnSync(command, argv, {
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  })
  if (r.status !== 0) throw new Error(`${command} ${argv.slice(0, 2).join(' ')} failed: ${r.stderr}`)
  return (performance.now() - t) / 1000
}

/** The sqlite3 CLI, installed from Debian when missing (as .ci/run does for Chromium). */
function sqliteCli(): string {
  const found = spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim()
  if (found) return found
  console.log("sqlite3 CLI missing: installing Debian's sqlite3")
  const run = (cmd: string) => {
    const r = spawnSync('sh', ['-c', cmd], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    if (r.status !== 0)
      throw new Error(`could not install the sqlite3 CLI (${cmd}); install it: apt-get install -y sqlite3`)
  }
  const sudo = process.getuid?.() === 0 ? '' : 'sudo '
  run(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq sqlite3 >/dev/null`)
  return 'sqlite3'
}

// ---------------------------------------------------------------- SQLite

/** The cached bench file, read only; the import writes into a copy of it. */
export function sqliteBench(path: string): BenchDatabase {
  const cli = sqliteCli()
  const db = createDb(path, { readonly: true })
  const client = sqliteClient(db)
  return {
    engine: 'sqlite',
    title: 'SQLite',
    db,
    serverEnv: { DATABASE_PATH: path },
    location: path,
    facts: [],
    time: async (sql, params) => {
      const statement = client.prepare(sql).raw(true)
      const t = performance.now()
      statement.all(params)
      return performance.now() - t
    },
    searchHits: async (fts) =>
      client
        .prepare('select count(*) from search_index where search_index match ?')
        .pluck()
        .get(fts) as number,
    planShape: (plan) => {
      const claimsLine = plan.find((l) => /\b(SCAN|SEARCH) c\b/.test(l)) ?? ''
      return {
        indexed: /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING PRIMARY KEY/.test(claimsLine),
        sorts: plan.some((l) => l.includes('USE TEMP B-TREE FOR ORDER BY')),
      }
    },
    exportCli: {
      name: 'sqlite3 -csv, same columns, same file',
      seconds: (sql) => timed(cli, ['-csv', '-header', '-readonly', path, sql]),
    },
    importCli: {
      name: 'sqlite3 .import --csv of the same file into one table',
      seconds: (file, work) => timed(cli, [join(work, 'cli-import.db'), `.import --csv ${file} imported`]),
    },
    importTarget: async (work) => {
      const copy = join(work, 'import.db')
      copyFileSync(path, copy)
      return {
        serverEnv: { DATABASE_PATH: copy },
        remove: async () => {
          for (const s of ['', '-wal', '-shm']) rmSync(copy + s, { force: true })
        },
      }
    },
    close: async () => {
      client.close()
    },
  }
}

// ---------------------------------------------------------------- PostgreSQL

/**
 * Server settings of the bench's cluster beside the throwaway ones startCluster always sets (fsync,
 * synchronous_commit and full_page_writes off): shared buffers of a server sized for this database;
 * everything else is PostgreSQL's default.
 */
export const BENCH_PG_SETTINGS = { shared_buffers: '1GB' }

// Counts (int8) as numbers, as the app's pool reads them.
const INT8 = 20
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** A fingerprint of what a PostgreSQL bench database is made by: its migrations, the copy, the server's version. */
function pgFingerprint(bin: string): string {
  const h = createHash('sha256')
  const folder = migrationsFolder('postgres')
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    h.update(readFileSync(join(folder, file)))
  h.update(readFileSync(new URL('../../packages/db/src/copy.ts', import.meta.url)))
  h.update(spawnSync(`${bin}/postgres`, ['--version'], { encoding: 'utf8' }).stdout)
  return h.digest('hex').slice(0, 10)
}

interface DumpSummary {
  copySeconds: number
  dumpSeconds: number
  dumpBytes: number
}

/**
 * A throwaway cluster holding the bench database: restored from the cached pg_dump beside the SQLite
 * file when there is one, else filled from the file by db:copy (packages/db's copySqliteToPostgres,
 * which migrates first, so the search columns and their indexes exist) and dumped for the next run.
 * Then VACUUM ANALYZE: statistics and a visibility map as autovacuum would leave a settled database.
 */
export async function postgresBench(sqlitePath: string): Promise<BenchDatabase> {
  const bin = findPostgresBin()
  const psql = `${bin}/psql`
  const dump = sqlitePath.replace(/\.db$/, `-pg-${pgFingerprint(bin)}.dump`)
  const facts: string[] = []
  const cluster: Cluster = await startCluster({ settings: BENCH_PG_SETTINGS })
  try {
    const url = await createDatabase(cluster, 'bench')
    const summaryFile = `${dump}.json`
    if (existsSync(dump) && existsSync(summaryFile)) {
      const made = JSON.parse(readFileSync(summaryFile, 'utf8')) as DumpSummary
      console.log(`restoring the PostgreSQL bench database from ${dump}`)
      const restore = timed(findPostgresProgram('pg_restore'), [
        '--no-owner',
        '--exit-on-error',
        '--jobs=2',
        `--dbname=${url}`,
        dump,
      ])
      facts.push(
        `Restored in ${restore.toFixed(0)} s with pg_restore --jobs=2 from the cached pg_dump (${(made.dumpBytes / 2 ** 20).toFixed(0)} MiB); when the cache was made, \`db:copy\` of the SQLite file took ${made.copySeconds.toFixed(0)} s and pg_dump ${made.dumpSeconds.toFixed(0)} s.`,
      )
    } else {
      console.log(`filling the PostgreSQL bench database from ${sqlitePath} (db:copy)`)
      let t = performance.now()
      await copySqliteToPostgres({
        from: sqlitePath,
        to: url,
        log: (line) => console.log(`  ${((performance.now() - t) / 1000).toFixed(0)} s ${line}`),
      })
      const copySeconds = (performance.now() - t) / 1000
      t = performance.now()
      rmSync(`${dump}.partial`, { force: true })
      await backupPostgres(url, `${dump}.partial`)
      const dumpSeconds = (performance.now() - t) / 1000
      const dumpBytes = readFileSync(`${dump}.partial`).length
      renameSync(`${dump}.partial`, dump)
      writeFileSync(summaryFile, `${JSON.stringify({ copySeconds, dumpSeconds, dumpBytes }, null, 2)}\n`)
      facts.push(
        `Filled in this run by \`db:copy\` of the SQLite file in ${copySeconds.toFixed(0)} s, then dumped with pg_dump in ${dumpSeconds.toFixed(0)} s (${(dumpBytes / 2 ** 20).toFixed(0)} MiB, cached for the next run).`,
      )
    }
    const vacuum = timed(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', 'VACUUM ANALYZE'])
    const client = new pg.Client({ connectionString: url, types })
    await client.connect()
    const info = (
      await client.query<{ size: number; version: string }>(
        `SELECT pg_database_size(current_database()) AS size, current_setting('server_version') AS version`,
      )
    ).rows[0]
    await client.end()
    facts.push(
      `VACUUM ANALYZE ${vacuum.toFixed(0)} s; ${((info?.size ?? 0) / 2 ** 30).toFixed(2)} GiB on disk; PostgreSQL ${info?.version} in a throwaway cluster of this run (initdb --locale=C.UTF-8; fsync, synchronous_commit and full_page_writes off; ${Object.entries(
        BENCH_PG_SETTINGS,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; other settings default), over TCP on 127.0.0.1.`,
    )
    return openPostgresBench(cluster, url, psql, facts)
  } catch (error) {
    await cluster.stop()
    throw error
  }
}

function openPostgresBench(cluster: Cluster, url: string, psql: string, facts: string[]): BenchDatabase {
  const db = connectPostgres(url)
  const pool = new pg.Pool({ connectionString: url, max: 2, types })
  const psqlArgs = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url]
  // \copy reads its command to the end of the line.
  const oneLine = (sql: string) => sql.replace(/\s*\n\s*/g, ' ')
  return {
    engine: 'postgres',
    title: 'PostgreSQL',
    db,
    serverEnv: { DATABASE_URL: url },
    location: url,
    facts,
    time: async (sql, params) => {
      const { text, values } = numbered(sql, params)
      const t = performance.now()
      await pool.query({ text, values, rowMode: 'array' })
      return performance.now() - t
    },
    searchHits: async (fts) => {
      const match = (table: string) =>
        `(SELECT count(*) FROM ${table} WHERE search_vector @@ to_tsquery('cc', $1))`
      const { rows } = await pool.query<{ n: number }>(
        `SELECT ${['claims', 'claimants', 'evidence', 'verdicts'].map(match).join(' + ')} AS n`,
        [fts],
      )
      return rows[0]?.n ?? 0
    },
    planShape: (plan) => ({
      indexed:
        plan.some((l) =>
          /(Index|Index Only|Bitmap Heap) Scan( Backward)?( using \S+)? on claims c\b/.test(l),
        ) && !plan.some((l) => /Seq Scan on claims c\b/.test(l)),
      sorts: plan.some((l) => /^\s*(->\s+)?(Incremental )?Sort\b(?! Key)/.test(l)),
    }),
    exportCli: {
      name: 'psql \\copy (same query) TO STDOUT WITH (FORMAT csv, HEADER)',
      seconds: (sql) =>
        timed(psql, [...psqlArgs, '-c', `\\copy (${oneLine(sql)}) TO STDOUT WITH (FORMAT csv, HEADER)`]),
    },
    importCli: {
      name: 'psql \\copy of the same file into one new table',
      seconds: (file) => {
        const header = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0] ?? ''
        const columns = header
          .replace(/^\uFEFF/, '')
          .split(',')
          .map((name) => `${pg.escapeIdentifier(name)} text`)
        const seconds = timed(psql, [
          ...psqlArgs,
          '-c',
          `CREATE TABLE bench_cli_import (${columns.join(', ')})`,
          '-c',
          `\\copy bench_cli_import FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER)`,
        ])
        timed(psql, [...psqlArgs, '-c', 'DROP TABLE bench_cli_import'])
        return seconds
      },
    },
    // The cluster is this run's own, restored for it: the import writes into the bench database itself.
    importTarget: async () => ({ serverEnv: { DATABASE_URL: url }, remove: async () => {} }),
    close: async () => {
      await pool.end().catch(() => {})
      await closeDb(db).catch(() => {})
      await cluster.stop()
    },
  }
}
