import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** What a transaction callback receives; queries work the same on it as on Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * The checkout's root: the nearest folder holding drizzle/meta/_journal.json above this module
 * (packages/db/src/ when run from the sources, dist/server/ when bundled), else above the working
 * directory. Paths to files the server reads at run time (migrations, the built web app, views)
 * start from here, so they resolve the same from the sources and from a bundle.
 */
export function repoRoot(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start
    for (;;) {
      if (existsSync(join(dir, 'drizzle/meta/_journal.json'))) return dir
      const parent = dirname(dir)
      if (parent === dir) break
      dir = parent
    }
  }
  throw new Error(
    `no drizzle/meta/_journal.json above ${fileURLToPath(import.meta.url)} or ${process.cwd()}: cannot find the migrations`,
  )
}

export const MIGRATIONS_FOLDER = join(repoRoot(), 'drizzle')

/** Opens (creating when missing) the SQLite file with the durability pragmas the app relies on. */
export function createDb(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path, { readonly: options.readonly ?? false })
  if (!options.readonly) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return drizzle({ client: sqlite, schema, casing: 'snake_case' }) as Db
}

/** Applies every migration in drizzle/ that the file has not seen. */
export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
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
export function pingDb(db: Db): void {
  db.get(sql`select 1`)
}

/** A transaction held open across many calls, which Db.transaction (one synchronous callback) cannot be. */
export interface OpenTransaction {
  commit(): void
  rollback(): void
}

/**
 * Takes SQLite's write lock now (BEGIN IMMEDIATE, waiting up to the busy timeout for another writer) and
 * keeps the transaction open until commit() or rollback(): for a long write fed piece by piece, such as
 * the claim-log import's on its worker's own connection. Queries on `db` meanwhile run inside it.
 */
export function openWriteTransaction(db: Db): OpenTransaction {
  const client = db.$client
  client.exec('BEGIN IMMEDIATE')
  return {
    commit: () => client.exec('COMMIT'),
    rollback: () => {
      if (client.inTransaction) client.exec('ROLLBACK')
    },
  }
}
