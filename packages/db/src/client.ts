// The one door to the database for services (docs/decisions/0006, 0009, 0010): a handle for either
// engine, the tables of the engine this process runs on, and the one transaction helper.
import type Database from 'better-sqlite3'
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import {
  beginOnPooledConnection,
  checkPostgres,
  closePostgres,
  createPgDb,
  isPostgres,
  migratePostgres,
  type PgDb,
  pgRows,
  pgTransaction,
  pingPostgres,
} from './postgres.ts'
import type { ReadPoolState } from './read-pool.ts'
import * as sqliteSchema from './schema.ts'
import * as pgSchema from './schema-pg.ts'
import {
  beginOnOwnConnection,
  checkPragmas,
  closeSqlite,
  createSqliteDb,
  isSqlite,
  migrateSqlite,
  pingSqlite,
  type SqliteDb,
  sqliteReadPoolOf,
  sqliteReadPoolReady,
  sqliteReadTransaction,
  sqliteRows,
  sqliteTransaction,
} from './sqlite.ts'

export type Engine = 'sqlite' | 'postgres'

/**
 * The database as services see it: drizzle's query builder, every query awaited. It is typed with
 * PostgreSQL's builder, the stricter of the two: what compiles against it is the part both engines run
 * (no `.get()`, `.all()`, `.run()`); the SQLite tables infer the same row types (schema-types.test.ts).
 * Inside a transaction the handle it receives has the same type.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof pgSchema>
/** What a transaction callback receives; queries work the same on it as on Db. */
export type Tx = Db

/**
 * The tables of the engine this process runs on (one per process, chosen when the database is opened):
 * the same names, columns and row types on both, so services import them once.
 */
export let tables: typeof pgSchema = sqliteSchema as unknown as typeof pgSchema
let processEngine: Engine | null = null

function useEngine(engine: Engine, schema: typeof pgSchema): void {
  if (processEngine !== null && processEngine !== engine) {
    throw new Error(`this process already runs on ${processEngine}; one process serves one engine`)
  }
  processEngine = engine
  tables = schema
}

/** The engine this process runs on (SQLite until a PostgreSQL pool is opened). */
export function currentEngine(): Engine {
  return processEngine ?? 'sqlite'
}

/** Which engine a handle talks to. */
export function engineOf(db: Db): Engine {
  return isSqlite(db) ? 'sqlite' : 'postgres'
}

/** Where a handle's database is, so another thread or process can open it too. */
export interface DatabaseLocation {
  databaseUrl?: string | undefined
  databasePath: string
}
const locations = new WeakMap<object, DatabaseLocation>()

/** The location a handle was opened with. */
export function databaseLocation(db: Db): DatabaseLocation {
  const location = locations.get(db)
  if (!location) throw new Error('not a database handle opened here')
  return location
}

/**
 * Opens (creating when missing) the SQLite file with the durability pragmas the app relies on;
 * `readWorkers` worker threads serve its hot reads (read-pool.ts; none unless asked).
 */
export function createDb(
  path: string,
  options: { readonly?: boolean; readWorkers?: number; log?: (line: string) => void } = {},
): Db {
  useEngine('sqlite', sqliteSchema as unknown as typeof pgSchema)
  const db = createSqliteDb(path, options)
  locations.set(db, { databasePath: path })
  return db as unknown as Db
}

/** A pool of connections to PostgreSQL at `url`. */
export function connectPostgres(
  url: string,
  options: { max?: number; log?: (line: string) => void } = {},
): Db {
  useEngine('postgres', pgSchema)
  const db = createPgDb(url, options)
  locations.set(db, { databaseUrl: url, databasePath: '' })
  return db as unknown as Db
}

/** How a server process uses its database: the size of PostgreSQL's pool, SQLite's read workers. */
export interface DatabaseUse {
  log?: (line: string) => void
  /** PostgreSQL: connections in the pool (createPgDb's default unless given). */
  poolSize?: number
  /** SQLite: worker threads serving the hot reads of a file database (none unless given). */
  readWorkers?: number
}

/** The database the configuration names: PostgreSQL when a URL is given, else the SQLite file. */
export function openDatabase(config: DatabaseLocation & DatabaseUse): Db {
  const log = config.log ? { log: config.log } : {}
  return config.databaseUrl
    ? connectPostgres(config.databaseUrl, { ...log, max: config.poolSize })
    : createDb(config.databasePath, { ...log, readWorkers: config.readWorkers })
}

/** Applies every migration of the handle's engine that its database has not seen. */
export async function migrateDb(db: Db): Promise<void> {
  if (isSqlite(db)) await migrateSqlite(db)
  else await migratePostgres(db as unknown as PgDb)
}

/**
 * Refuses a database the app cannot promise its durability on: SQLite without WAL, full sync and foreign
 * keys; PostgreSQL older than 15, or one that does not accept a connection (one line naming it).
 */
export async function checkDatabase(db: Db): Promise<void> {
  if (isSqlite(db)) {
    checkPragmas(db)
    await sqliteReadPoolReady(db)
    return
  }
  await checkPostgres(db as unknown as PgDb)
}

/** Throws unless the database answers a trivial query: the health check's probe. */
export async function pingDb(db: Db): Promise<void> {
  if (isSqlite(db)) await pingSqlite(db)
  else await pingPostgres(db as unknown as PgDb)
}

/** Closes the connection (or pool) once the queries queued on it have run. */
export async function closeDb(db: Db): Promise<void> {
  if (isSqlite(db)) await closeSqlite(db)
  else await closePostgres(db as unknown as PgDb)
}

/**
 * The one way to write: runs fn inside one transaction and commits, or rolls everything back when it
 * throws (decision 0009). On SQLite it holds the write lock (BEGIN IMMEDIATE) and the connection's gate;
 * on PostgreSQL it runs on one pooled connection and runs again after a serialization failure, a
 * deadlock or a unique key a concurrent transaction took first. Called with a transaction's handle it
 * joins that transaction. fn must use the handle it is given, and must not act outside the database
 * (it may run more than once).
 */
export function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isSqlite(db)) return sqliteTransaction(db, fn as unknown as (tx: SqliteDb) => Promise<T>)
  return pgTransaction(db as unknown as PgDb, fn as unknown as (tx: PgDb) => Promise<T>)
}

/** Several reads that must agree with each other (one answer built from several tables). */
export function readTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isSqlite(db)) return sqliteReadTransaction(db, fn as unknown as (tx: SqliteDb) => Promise<T>)
  return pgTransaction(db as unknown as PgDb, fn as unknown as (tx: PgDb) => Promise<T>, {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  })
}

/**
 * A select that locks the rows it reads until the transaction ends (`FOR UPDATE` on PostgreSQL), for a
 * read whose answer the write depends on: the version an If-Match is checked against, a claim's counts,
 * a dispute's next position. SQLite's transactions already hold the one write lock from their start.
 */
export function forUpdate<Q>(query: Q): Q {
  const lockable = query as { for?: (strength: 'update') => Q }
  return typeof lockable.for === 'function' ? lockable.for('update') : query
}

/** A transaction held open across many calls, which transaction() (one callback) cannot be. */
export interface OpenTransaction {
  /** The handle whose queries run inside it. */
  tx: Db
  commit(): Promise<void>
  rollback(): Promise<void>
}

/**
 * SQLite's page cache for a bulk load's transaction (the default is 2 MiB). A transaction larger than its
 * cache spills dirty pages to the WAL, and a page spilled again is written again: at 2 MiB, the 100,000
 * rows of an import spread over claims' random-order indexes wrote their pages many times over (measured:
 * the claims inserts 22 s with 2 MiB, 13.6 s with 128 MiB; the commit 5.4 s against 2.9 s).
 */
const BULK_CACHE_KIB = 128 * 1024

/**
 * Begins a write transaction held open until commit() or rollback(): for a long write fed piece by
 * piece, such as the claim-log import's (decision 0008). On SQLite it takes the write lock at once on a
 * connection that must serve nothing else meanwhile (the import worker's own); on PostgreSQL it holds
 * one pooled connection. A rollback after the end does nothing. `bulk`: a load of many rows, given a
 * larger page cache on SQLite for the transaction's length.
 */
export async function openWriteTransaction(
  db: Db,
  options: { bulk?: boolean } = {},
): Promise<OpenTransaction> {
  if (isSqlite(db)) {
    const open = beginOnOwnConnection(db, { cacheKiB: options.bulk ? BULK_CACHE_KIB : undefined })
    return {
      tx: db as unknown as Db,
      commit: async () => open.commit(),
      rollback: async () => open.rollback(),
    }
  }
  const open = await beginOnPooledConnection(db as unknown as PgDb)
  return { ...open, tx: open.tx as unknown as Db }
}

/**
 * Runs one SQL statement written with PostgreSQL's $1, $2… placeholders on either engine and returns its
 * rows as objects keyed by column name, JSON columns as their stored text: for tests, the bench and
 * scripts that look into the database directly, never for services (which use the query builder).
 * Placeholders are rewritten by pattern, so keep `$` followed by digits out of the SQL's literals.
 */
export function rawQuery<Row = Record<string, unknown>>(
  db: Db,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const rows = isSqlite(db) ? sqliteRows(db, text, params) : pgRows(db as unknown as PgDb, text, params)
  return rows as Promise<Row[]>
}

/** How the read pool under a handle stands (null without one), for tests and the bench. */
export function readPoolState(db: Db): ReadPoolState | null {
  return isSqlite(db) ? (sqliteReadPoolOf(db)?.state() ?? null) : null
}

/** Test hook: the read worker that takes the next read ends itself on receiving it, and is replaced. */
export function endReadWorkerOnNextRead(db: Db): void {
  const pool = isSqlite(db) ? sqliteReadPoolOf(db) : null
  if (!pool) throw new Error('this database handle has no read pool')
  pool.endWorkerOnNextRead()
}

/** The SQLite connection under a handle, for tests and the bench; throws on PostgreSQL. */
export function sqliteClient(db: Db): Database.Database {
  if (!isSqlite(db)) throw new Error('not a SQLite database')
  return db.$client
}

export { isPostgres, isSqlite }
