import { setTimeout as delay } from 'node:timers/promises'
import { is } from 'drizzle-orm'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { PgTransaction, type PgTransactionConfig } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { migrationsFolder } from './root.ts'
import * as schema from './schema-pg.ts'

/** A PostgreSQL database handle: drizzle's node-postgres builder over a pool of connections. */
export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool }

const INT8 = 20
const NUMERIC = 1700
const JSON_OID = 114
/**
 * Counts (`count(*)` is bigint) and sums come back as numbers, as they do from SQLite: the contract's
 * counters are integers, never strings. Every count here is far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

const handles = new WeakSet<object>()
// The handles of transactions held open by beginOnPooledConnection: queries on them run inside it.
const held = new WeakSet<object>()

/** Whether a handle is one of PostgreSQL's (a pool's, or a transaction's on it). */
export function isPostgres(db: object): boolean {
  return handles.has(db) || is(db, PgTransaction)
}

/** Whether queries on this handle run inside a transaction (drizzle's, or one held open). */
function inTransaction(db: object): boolean {
  return held.has(db) || is(db, PgTransaction)
}

/**
 * What node-postgres runs a handle's own SQL on: the pool, or the one connection of the transaction
 * the handle belongs to (so packages/db's hand-written statements join it).
 */
export function pgQueryable(db: object): pg.Pool | pg.PoolClient {
  if (is(db, PgTransaction)) return (db as unknown as { session: { client: pg.PoolClient } }).session.client
  return (db as PgDb).$client
}

/** The pool under a handle, for work that needs a connection of its own; throws inside a transaction. */
export function pgPool(db: object): pg.Pool {
  const client = pgQueryable(db)
  if (inTransaction(db) || !(client instanceof pg.Pool)) {
    throw new Error('a connection of its own is taken from the pool handle, not from a transaction')
  }
  return client
}

/** Connections in a server's pool unless DATABASE_POOL_SIZE says otherwise (docs/decisions/0020). */
export const PG_POOL_SIZE = 10

/** A pool of connections to the database at `url` (postgres://user:password@host:port/db). */
export function createPgDb(url: string, options: { max?: number; log?: (line: string) => void } = {}): PgDb {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? PG_POOL_SIZE, types })
  // An idle connection the server drops (a restart, a failover) must not take the process down; the
  // next query opens a fresh one.
  pool.on('error', (error) => options.log?.(`database connection lost: ${error.message}`))
  const db = drizzle({ client: pool, schema, casing: 'snake_case' })
  handles.add(db)
  return db
}

// One number for the advisory lock that lets one process at a time migrate.
const MIGRATION_LOCK = 7_370_412_001

/** Applies every migration in drizzle-pg/ the database has not seen; several processes may start at once. */
export async function migratePostgres(db: PgDb): Promise<void> {
  const client = await db.$client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrate(db, { migrationsFolder: migrationsFolder('postgres') })
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    client.release()
  }
}

/** The SQLSTATE of a database error, looking through drizzle's wrapper. */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

// Serialization failure, deadlock, and a unique key another transaction inserted first: each answers
// differently once the transaction runs again and sees the other's commit (a client-id create becomes
// the replay).
const RETRYABLE = new Set(['40001', '40P01', '23505'])
const ATTEMPTS = 4

/**
 * Runs fn in a transaction on one pooled connection, again (up to ATTEMPTS times, after a short random
 * pause) when it failed for a reason a second run resolves. Given a transaction's handle it joins it.
 */
export async function pgTransaction<T>(
  db: PgDb,
  fn: (tx: PgDb) => Promise<T>,
  config: PgTransactionConfig = {},
): Promise<T> {
  if (inTransaction(db)) return fn(db)
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => fn(tx as unknown as PgDb), config)
    } catch (error) {
      const state = sqlState(error)
      if (attempt >= ATTEMPTS || state === undefined || !RETRYABLE.has(state)) throw error
      await delay(Math.random() * 10 * attempt)
    }
  }
}

/** A URL node-postgres can connect with: postgres://user[:password]@host[:port]/database (a numeric port). */
export function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\/[^/]+\/[^/?#]+/.test(value)) return false
  try {
    return new URL(value).hostname !== ''
  } catch {
    return false
  }
}

/** The URL with its password masked, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(a URL that does not parse)'
  }
}

/** One line saying why a connection failed; a refused `localhost` fails once per address it resolves to. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) {
    return [...new Set(error.errors.map(reasonOf))].join('; ')
  }
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] || (error as { code?: string }).code || 'unknown error'
}

const CONNECT_TIMEOUT_MS = 10_000

/**
 * One connection of its own to the database at `url`, outside any pool; a wrong or unreachable URL fails
 * within CONNECT_TIMEOUT_MS with one line naming it (password masked). End it when done.
 */
export async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types })
  // A server that goes away later surfaces as the failing query's error; the event alone must not crash.
  client.on('error', () => {})
  try {
    await client.connect()
    return client
  } catch (error) {
    await client.end().catch(() => {})
    throw new Error(`cannot use the PostgreSQL database at ${redactedUrl(url)}: ${reasonOf(error)}`)
  }
}

/** Throws unless the pool's server accepts a connection and is PostgreSQL 15 or later. */
export async function checkPostgres(db: PgDb): Promise<void> {
  const client = await connectClient(db.$client.options.connectionString ?? '')
  try {
    const { rows } = await client.query<{ v: number }>(
      `SELECT current_setting('server_version_num')::int AS v`,
    )
    const version = rows[0]?.v ?? 0
    if (version < 150000) throw new Error(`PostgreSQL 15 or later is needed; this server is ${version}`)
  } finally {
    await client.end()
  }
}

// JSON as the text stored, as SQLite gives it: a raw row compares and parses the same on both engines.
const rawTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === JSON_OID
      ? (value: string) => value
      : types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** One statement with $1… placeholders on a pooled connection: rows as objects, JSON as its text. */
export async function pgRows(db: PgDb, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const { rows } = await db.$client.query({ text, values: params, types: rawTypes })
  return rows
}

/** Throws unless the database answers a trivial query. */
export async function pingPostgres(db: PgDb): Promise<void> {
  await db.$client.query('SELECT 1')
}

/** Ends the pool once its queries have finished. */
export async function closePostgres(db: PgDb): Promise<void> {
  await db.$client.end()
}

/** Checks a connection out of the pool and begins a transaction on it, held until commit or rollback. */
export async function beginOnPooledConnection(
  db: PgDb,
): Promise<{ tx: PgDb; commit(): Promise<void>; rollback(): Promise<void> }> {
  const client = await db.$client.connect()
  try {
    await client.query('BEGIN')
  } catch (error) {
    client.release(true)
    throw error
  }
  const tx = drizzle({ client, schema, casing: 'snake_case' }) as unknown as PgDb
  handles.add(tx)
  held.add(tx)
  let open = true
  const finish = async (statement: 'COMMIT' | 'ROLLBACK') => {
    if (!open) return
    open = false
    try {
      await client.query(statement)
      client.release()
    } catch (error) {
      client.release(true)
      throw error
    }
  }
  return { tx, commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') }
}
