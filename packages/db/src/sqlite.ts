import { AsyncLocalStorage } from 'node:async_hooks'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle as drizzleSync } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import { ReadPool } from './read-pool.ts'
import { migrationsFolder } from './root.ts'
import * as schema from './schema.ts'

const MIGRATIONS_FOLDER = migrationsFolder('sqlite')

/** A SQLite database handle: drizzle's asynchronous SQLite builder over one better-sqlite3 connection. */
export type SqliteDb = SqliteRemoteDatabase<typeof schema> & { readonly $client: Database.Database }
type Db = SqliteDb

/**
 * One SQLite connection shared by every request of the process (decision 0009). better-sqlite3 runs
 * each statement synchronously, so a single statement never interleaves with another; a transaction
 * spans awaits, though, and while it is open nothing else may run on the connection (it would read
 * uncommitted rows or, worse, write into the transaction). The gate is a FIFO lock: a transaction
 * holds it from BEGIN IMMEDIATE to COMMIT, and a query outside it that finds it held waits its turn.
 */
class Connection {
  readonly client: Database.Database
  /** The token of the transaction holding the gate, null when none is open. */
  owner: symbol | null = null
  private locked = false
  private readonly waiters: Array<() => void> = []
  private readonly statements = new Map<string, Database.Statement>()
  root!: Db
  tx!: Db
  /** The worker threads that serve the hot reads of a file database; none when reads stay here. */
  readPool: ReadPool | null = null

  constructor(client: Database.Database) {
    this.client = client
  }

  get busy(): boolean {
    return this.locked
  }

  acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  release(): void {
    const next = this.waiters.shift()
    if (next) next()
    else this.locked = false
  }

  /** Whether the current async context is inside this connection's open transaction. */
  insideOwnTransaction(): boolean {
    const store = context.getStore()
    return (
      store !== undefined && store.connection === this && store.token === this.owner && this.owner !== null
    )
  }

  /** A statement prepared once and kept (a bounded number: the least recently prepared go first). */
  statement(sqlText: string): Database.Statement {
    let statement = this.statements.get(sqlText)
    if (statement) return statement
    statement = this.client.prepare(sqlText)
    if (statement.reader) statement.raw(true)
    if (this.statements.size >= STATEMENT_CACHE) {
      const oldest = this.statements.keys().next().value
      if (oldest !== undefined) this.statements.delete(oldest)
    }
    this.statements.set(sqlText, statement)
    return statement
  }

  /** One statement; rows as arrays for drizzle to map (for `get`, the one row's array or undefined). */
  execute(sqlText: string, params: unknown[], method: 'run' | 'all' | 'values' | 'get'): { rows: unknown[] } {
    const statement = this.statement(sqlText)
    if (method === 'run' || !statement.reader) {
      statement.run(params)
      return { rows: [] }
    }
    if (method === 'get') return { rows: statement.get(params) as unknown[] }
    return { rows: statement.all(params) }
  }

  /** Runs fn on the connection in its turn: at once when no transaction is open, else after it. */
  async inTurn<T>(fn: () => T): Promise<T> {
    if (!this.locked) return fn()
    if (this.insideOwnTransaction()) {
      throw new Error(
        'A query on the database handle inside a transaction: use the transaction handle it was given.',
      )
    }
    await this.acquire()
    try {
      return fn()
    } finally {
      this.release()
    }
  }
}

const STATEMENT_CACHE = 500
interface TransactionStore {
  connection: Connection
  token: symbol
  /** What runs once the transaction has committed (never after a rollback). */
  afterCommit: Array<() => void>
}
const context = new AsyncLocalStorage<TransactionStore>()
const connections = new WeakMap<object, Connection>()

function connectionOf(db: object): Connection {
  const connection = connections.get(db)
  if (!connection) throw new Error('not a SQLite database handle')
  return connection
}

/** Whether a handle is one of SQLite's (else it is PostgreSQL's). */
export function isSqlite(db: object): db is Db {
  return connections.has(db)
}

/**
 * Opens (creating when missing) the SQLite file with the durability pragmas the app relies on.
 * `readWorkers`: how many worker threads serve the hot reads (read-pool.ts); 0, a read-only handle and
 * an in-memory database keep every read on this connection.
 */
export function createSqliteDb(
  path: string,
  options: { readonly?: boolean; readWorkers?: number; log?: (line: string) => void } = {},
): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path, { readonly: options.readonly ?? false })
  if (!options.readonly) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const connection = new Connection(sqlite)
  const handle = (kind: 'root' | 'tx'): Db => {
    const db = drizzle(
      async (sqlText, params, method) => {
        if (kind === 'root') return connection.inTurn(() => connection.execute(sqlText, params, method))
        if (!connection.insideOwnTransaction()) {
          throw new Error('A transaction handle used after its transaction ended.')
        }
        return connection.execute(sqlText, params, method)
      },
      { schema, casing: 'snake_case' },
    ) as Db
    Object.defineProperty(db, '$client', { value: sqlite, enumerable: false })
    connections.set(db, connection)
    return db
  }
  connection.root = handle('root')
  connection.tx = handle('tx')
  const workers = options.readWorkers ?? 0
  if (workers > 0 && !options.readonly && !sqlite.memory)
    connection.readPool = new ReadPool(sqlite.name, workers, options.log)
  return connection.root
}

/**
 * The read pool a read on this handle goes to: the pool of the database's own handle, outside any
 * transaction. A transaction's handle reads on the main connection, where its own writes are (and the
 * database's handle used inside a transaction gets the main connection's error for it, not a pool's
 * read that would miss the transaction's writes).
 */
export function sqliteReadPool(db: object): ReadPool | null {
  const connection = connectionOf(db)
  const pool = connection.readPool
  if (!pool?.serving || db !== connection.root || connection.insideOwnTransaction()) return null
  return pool
}

/** Applies every migration in drizzle/ that the file has not seen. */
export async function migrateSqlite(db: Db): Promise<void> {
  const connection = connectionOf(db)
  await connection.inTurn(() => migrateSqliteFolder(connection.client, MIGRATIONS_FOLDER))
}

/**
 * Applies a folder's migrations with foreign keys off, then checks every reference. A migration that
 * rebuilds a table (drizzle/0012: copy, drop, rename) drops a table others refer to; drizzle runs the
 * migrations in one transaction, where the migration's own `PRAGMA foreign_keys=OFF` does nothing, so
 * SQLite's procedure for changing a table (turn the checks off around it, run foreign_key_check after)
 * is done here, around the whole run.
 */
export function migrateSqliteFolder(client: Database.Database, folder: string): void {
  const enforced = Number(client.pragma('foreign_keys', { simple: true })) === 1
  client.pragma('foreign_keys = OFF')
  try {
    migrate(drizzleSync({ client, casing: 'snake_case' }), { migrationsFolder: folder })
    const dangling = client.pragma('foreign_key_check') as { table: string; parent: string }[]
    const first = dangling[0]
    if (first !== undefined) {
      throw new Error(
        `after migrating, ${dangling.length} row(s) refer to missing rows (first: ${first.table} → ${first.parent})`,
      )
    }
  } finally {
    if (enforced) client.pragma('foreign_keys = ON')
  }
}

/** The pragmas in force, so start-up can refuse a database opened without them. */
export function checkPragmas(db: Db): { journalMode: string; synchronous: number; foreignKeys: number } {
  const client = db.$client
  const journalMode = String(client.pragma('journal_mode', { simple: true }))
  const synchronous = Number(client.pragma('synchronous', { simple: true }))
  const foreignKeys = Number(client.pragma('foreign_keys', { simple: true }))
  if (journalMode !== 'wal' || synchronous !== 2 || foreignKeys !== 1) {
    throw new Error(
      `database pragmas not in force: journal_mode=${journalMode} synchronous=${synchronous} foreign_keys=${foreignKeys}`,
    )
  }
  return { journalMode, synchronous, foreignKeys }
}

/** Throws unless the database answers a trivial query: the health check's probe. */
export async function pingSqlite(db: Db): Promise<void> {
  await withClient(db, (client) => client.prepare('select 1').get())
}

/** The read pool's start: rejects, naming why, when its workers cannot open the file. */
export async function sqliteReadPoolReady(db: Db): Promise<void> {
  await connectionOf(db).readPool?.ready()
}

/** The read pool of the database's handle, whatever its state (for tests and the bench); null when none. */
export function sqliteReadPoolOf(db: object): ReadPool | null {
  return connectionOf(db).readPool
}

/** Closes the connection once every query queued on it has run. */
export async function closeSqlite(db: Db): Promise<void> {
  const connection = connectionOf(db)
  await connection.readPool?.close()
  await connection.acquire()
  connection.client.close()
}

/**
 * Runs fn with the SQLite connection itself, for packages/db's prepared statements: in the
 * connection's turn, or at once when `db` is the handle of the transaction that holds it.
 */
export function withClient<T>(db: object, fn: (client: Database.Database) => T): Promise<T> {
  const connection = connectionOf(db)
  if (db === connection.tx) {
    if (!connection.insideOwnTransaction()) {
      return Promise.reject(new Error('A transaction handle used after its transaction ended.'))
    }
    return Promise.resolve().then(() => fn(connection.client))
  }
  return connection.inTurn(() => fn(connection.client))
}

/**
 * One statement with $1… placeholders (rewritten to SQLite's anonymous ones, a placeholder used twice
 * bound twice), in the connection's turn: rows as objects, none for a statement that returns none.
 */
export function sqliteRows(db: Db, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const bound: unknown[] = []
  const sqliteText = text.replace(/\$(\d+)/g, (_, n: string) => {
    bound.push(params[Number(n) - 1])
    return '?'
  })
  return withClient(db, (client) => {
    const statement = client.prepare(sqliteText)
    if (statement.reader) return statement.all(bound) as Record<string, unknown>[]
    statement.run(bound)
    return []
  })
}

/** Whether this handle is a transaction's (its queries run inside one). */
export function isSqliteTransaction(db: Db): boolean {
  return db === connectionOf(db).tx
}

/**
 * The one way to write: runs fn inside a transaction that holds SQLite's write lock (BEGIN IMMEDIATE)
 * and the connection's gate from first statement to COMMIT, so nothing interleaves with it; a throw
 * rolls everything back. Called with a transaction's handle it joins that transaction. fn must use the
 * handle it is given (a query on the outer handle inside it throws rather than deadlocking).
 */
export async function sqliteTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return runTransaction(db, 'BEGIN IMMEDIATE', fn)
}

/**
 * Several reads that must agree with each other (one answer built from several tables): a read
 * transaction, so no write commits between them.
 */
export async function sqliteReadTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return runTransaction(db, 'BEGIN', fn)
}

async function runTransaction<T>(db: Db, begin: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  const connection = connectionOf(db)
  if (db === connection.tx) {
    if (!connection.insideOwnTransaction())
      throw new Error('A transaction handle used after its transaction ended.')
    return fn(db)
  }
  if (connection.insideOwnTransaction()) {
    throw new Error(
      'A transaction opened on the database handle inside another: pass the transaction handle.',
    )
  }
  await connection.acquire()
  const token = Symbol('transaction')
  connection.owner = token
  const client = connection.client
  const store: TransactionStore = { connection, token, afterCommit: [] }
  let committed = false
  try {
    client.exec(begin)
    try {
      const result = await context.run(store, () => fn(connection.tx))
      client.exec('COMMIT')
      committed = true
      return result
    } catch (error) {
      if (client.inTransaction) client.exec('ROLLBACK')
      throw error
    }
  } finally {
    connection.owner = null
    connection.release()
    // Once the connection is free, and outside the transaction's context: a callback that queries
    // takes its turn like any other caller.
    if (committed && store.afterCommit.length) context.exit(() => runAfterCommit(store.afterCommit))
  }
}

function runAfterCommit(callbacks: Array<() => void>): void {
  for (const callback of callbacks) {
    try {
      callback()
    } catch (error) {
      console.error('an after-commit callback failed:', error)
    }
  }
}

/**
 * Runs fn once the transaction the handle belongs to has committed (nothing happens on a rollback);
 * false, and nothing queued, when the handle is not inside a transaction of this connection (a write
 * on a connection of its own, such as the import worker's).
 */
export function afterSqliteCommit(db: object, fn: () => void): boolean {
  const connection = connectionOf(db)
  if (!connection.insideOwnTransaction()) return false
  const store = context.getStore()
  if (!store) return false
  store.afterCommit.push(fn)
  return true
}

/**
 * Takes SQLite's write lock now (BEGIN IMMEDIATE, waiting up to the busy timeout for another writer) on
 * a connection that serves nothing else, and keeps the transaction open until commit or rollback.
 */
export function beginOnOwnConnection(
  db: Db,
  options: { cacheKiB?: number } = {},
): { commit(): void; rollback(): void } {
  const client = db.$client
  const cacheBefore = Number(client.pragma('cache_size', { simple: true }))
  if (options.cacheKiB) client.pragma(`cache_size = ${-Math.round(options.cacheKiB)}`)
  const restore = () => {
    if (options.cacheKiB) client.pragma(`cache_size = ${cacheBefore}`)
  }
  client.exec('BEGIN IMMEDIATE')
  return {
    commit: () => {
      client.exec('COMMIT')
      restore()
    },
    rollback: () => {
      if (client.inTransaction) client.exec('ROLLBACK')
      restore()
    },
  }
}
