import { mkdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bootstrap } from '../../apps/api/src/services/bootstrap.ts'
import { closeDb, createDb, migrateDb, sqliteClient } from '../../packages/db/src/index.ts'
import { TEST_ACCOUNTS, TEST_SCRYPT_LOG_N } from './accounts.ts'

export const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url))

/** Migrates and seeds one database per run; test files copy it instead of seeding again. */
export async function buildTemplate(name: string, seed: 'demo' | 'none'): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  // Per process: several runs may share the checkout.
  const path = `${ARTIFACTS}${name}-${process.pid}.db`
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
  const db = createDb(path)
  await migrateDb(db)
  await bootstrap(db, {
    adminEmail: TEST_ACCOUNTS.admin.email,
    adminPassword: TEST_ACCOUNTS.admin.password,
    seed,
    scryptLogN: TEST_SCRYPT_LOG_N,
    demoPasswords: { editor: TEST_ACCOUNTS.editor.password, checker: TEST_ACCOUNTS.checker.password },
  })
  // Fold the WAL into the main file so a plain copy carries everything.
  sqliteClient(db).pragma('wal_checkpoint(TRUNCATE)')
  await closeDb(db)
  return path
}

/** Removes a template database and its WAL files. */
export function removeDbFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true })
}
