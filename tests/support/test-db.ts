import { randomUUID } from 'node:crypto'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import {
  closeDb,
  type DatabaseLocation,
  type DatabaseUse,
  type Db,
  type Engine,
  openDatabase,
  sqliteClient,
} from '../../packages/db/src/index.ts'
import { createDatabase, dropDatabase } from './postgres-cluster.ts'

/** The engine this test file runs on: its Vitest project's (vite.config.ts). */
export function testEngine(): Engine {
  return inject('engine') ?? 'sqlite'
}

/** A fresh copy of this run's seeded (or empty) SQLite template file in its own folder. */
export function freshDbFile(kind: 'demo' | 'empty' = 'demo'): string {
  const dir = mkdtempSync(join(tmpdir(), 'counterclaim-test-'))
  const path = join(dir, 'test.db')
  copyFileSync(inject(kind === 'demo' ? 'templateDb' : 'emptyTemplateDb'), path)
  return path
}

const created: string[] = []
const opened: Db[] = []

/**
 * A fresh copy of this run's seeded (or empty) template on the file's engine: a SQLite file, or a
 * PostgreSQL database cloned with CREATE DATABASE … TEMPLATE (dropped when the file's tests end).
 */
export async function freshDatabase(kind: 'demo' | 'empty' = 'demo'): Promise<DatabaseLocation> {
  if (testEngine() === 'sqlite') return { databasePath: freshDbFile(kind) }
  const template = inject(kind === 'demo' ? 'templateDb' : 'emptyTemplateDb')
  const name = `test_${randomUUID().replaceAll('-', '')}`
  const url = await createDatabase(template, name, databaseName(template))
  created.push(url)
  return { databaseUrl: url, databasePath: '' }
}

/** Opens a test database; whatever is still open when the file's tests end is closed then. */
export function openTestDatabase(location: DatabaseLocation, use: DatabaseUse = {}): Db {
  const db = openDatabase({ ...location, ...use })
  opened.push(db)
  return db
}

/**
 * Takes the database away from under a running app's open handle: SQLite's connection is closed,
 * PostgreSQL's database dropped (its sessions ended), so every later query fails.
 */
export async function loseDatabase(db: Db, location: DatabaseLocation): Promise<void> {
  if (location.databaseUrl) await dropDatabase(location.databaseUrl, databaseName(location.databaseUrl))
  else sqliteClient(db).close()
}

function databaseName(url: string): string {
  return new URL(url).pathname.slice(1)
}

/**
 * The environment that points the app's configuration at a database (an empty DATABASE_URL keeps a
 * server on its SQLite file whatever the caller's environment holds).
 */
export function databaseEnv(location: DatabaseLocation): Record<string, string> {
  return location.databaseUrl
    ? { DATABASE_URL: location.databaseUrl }
    : { DATABASE_PATH: location.databasePath, DATABASE_URL: '' }
}

/** Closes this file's database handles and drops the PostgreSQL databases it created (database-setup.ts). */
export async function releaseTestDatabases(): Promise<void> {
  // A handle a test closed itself refuses a second close: nothing more to do for it.
  await Promise.all(opened.splice(0).map((db) => closeDb(db).catch(() => undefined)))
  for (const url of created.splice(0)) await dropDatabase(url, databaseName(url))
}
