// npm run backup -- <backup-file>: an online backup of the database at DATABASE_PATH (safe while
// the server runs: WAL mode lets this connection read beside its one writer), then
// PRAGMA integrity_check on the copy. Exits non-zero unless the copy checks out.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { readConfig } from '../apps/api/src/env.ts'
import { backupDatabase } from '../packages/db/src/index.ts'

async function main(): Promise<number> {
  const target = process.argv[2]
  if (!target || target.startsWith('-')) {
    console.error('usage: npm run backup -- <backup-file>   (the database is DATABASE_PATH)')
    return 2
  }
  const { databasePath } = readConfig(process.env)
  const source = resolve(databasePath)
  const copy = resolve(target)
  if (!existsSync(source)) {
    console.error(`no database at ${source} (set DATABASE_PATH)`)
    return 2
  }
  if (copy === source) {
    console.error('the backup must be another file than the database itself')
    return 2
  }
  if (existsSync(copy)) {
    console.error(`${copy} exists already; choose a new file name`)
    return 2
  }
  const started = Date.now()
  const result = await backupDatabase(source, copy)
  console.log(`backup: ${source} → ${copy} in ${Date.now() - started} ms`)
  console.log(`integrity_check: ${result}`)
  return result === 'ok' ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`backup failed: ${err instanceof Error ? err.message : err}`)
    process.exit(1)
  },
)
