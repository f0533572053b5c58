import { execFile } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { bootstrap } from '../../apps/api/src/services/bootstrap.ts'
import { closeDb, createDb, type Db, migrateDb, sqliteClient } from '../../packages/db/src/index.ts'
import { TEST_ACCOUNTS, TEST_SCRYPT_LOG_N } from './accounts.ts'
import { type Cluster, createDatabase } from './postgres-cluster.ts'

export const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url))
const REPO = fileURLToPath(new URL('../../', import.meta.url))
const TSX_LOADER = `${REPO}node_modules/tsx/dist/loader.mjs`

export type TemplateSeed = 'demo' | 'none'

/** Migrates a database and seeds it as every test expects: the test accounts, and the demo data or none. */
export async function seedTemplate(db: Db, seed: TemplateSeed): Promise<void> {
  await migrateDb(db)
  await bootstrap(db, {
    adminEmail: TEST_ACCOUNTS.admin.email,
    adminPassword: TEST_ACCOUNTS.admin.password,
    seed,
    scryptLogN: TEST_SCRYPT_LOG_N,
    demoPasswords: { editor: TEST_ACCOUNTS.editor.password, checker: TEST_ACCOUNTS.checker.password },
  })
}

/** Migrates and seeds one SQLite file per run; test files copy it instead of seeding again. */
export async function buildTemplate(name: string, seed: TemplateSeed): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  // Per process: several runs may share the checkout.
  const path = `${ARTIFACTS}${name}-${process.pid}.db`
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  const db = createDb(path)
  await seedTemplate(db, seed)
  // Fold the WAL into the main file so a plain copy carries everything.
  sqliteClient(db).pragma('wal_checkpoint(TRUNCATE)')
  await closeDb(db)
  return path
}

/** Removes a template database and its WAL files. */
export function removeDbFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
}

/**
 * Creates and seeds the run's two PostgreSQL templates (demo and empty) in a cluster and returns their
 * URLs; test files clone them with CREATE DATABASE … TEMPLATE. The seeding runs in a child process,
 * since a process opens one engine and the caller may already have opened SQLite. The child has
 * disconnected when this resolves, as cloning needs.
 */
export async function buildPostgresTemplates(cluster: Cluster): Promise<{ demo: string; empty: string }> {
  const demo = await createDatabase(cluster, 'template_demo')
  const empty = await createDatabase(cluster, 'template_empty')
  try {
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        TSX_LOADER,
        fileURLToPath(new URL('./seed-postgres.ts', import.meta.url)),
        demo,
        'demo',
        empty,
        'none',
      ],
      { cwd: REPO },
    )
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string }
    throw new Error(`seeding the PostgreSQL templates failed:\n${`${stdout}\n${stderr}`.trim()}`, {
      cause: err,
    })
  }
  return { demo, empty }
}
