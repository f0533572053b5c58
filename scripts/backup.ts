// npm run backup -- <backup-file>: a backup of the database the server uses, checked before it is trusted.
// SQLite (DATABASE_PATH): an online backup (safe while the server runs: WAL mode lets this connection read
// beside its one writer), then PRAGMA integrity_check on the copy. PostgreSQL (DATABASE_URL): pg_dump in its
// custom format, then pg_restore --list must read it back with the rows of every table. Exits non-zero
// unless the copy checks out.
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { readConfig } from '../apps/api/src/env.ts'
import { backupDatabase, backupPostgres, redactedUrl } from '../packages/db/src/index.ts'

async function main(): Promise<number> {
  const target = process.argv[2]
  if (!target || target.startsWith('-')) {
    console.error(
      'usage: npm run backup -- <backup-file>   (the database is DATABASE_URL when set, else DATABASE_PATH)',
    )
    return 2
  }
  const { databasePath, databaseUrl } = readConfig(process.env)
  const copy = resolve(target)
  if (existsSync(copy)) {
    console.error(`${copy} exists already; choose a new file name`)
    return 2
  }
  const started = Date.now()
  if (databaseUrl) {
    const check = await backupPostgres(databaseUrl, copy)
    const kib = Math.round(statSync(copy).size / 1024)
    console.log(`pg_dump: ${redactedUrl(databaseUrl)} → ${copy} (${kib} KiB) in ${Date.now() - started} ms`)
    console.log(
      `pg_restore --list: ${check.entries} entries, the rows of ${check.tables.length} of ${check.tables.length + check.missing.length} tables`,
    )
    if (check.missing.length) console.error(`missing from the dump: ${check.missing.join(', ')}`)
    return check.missing.length ? 1 : 0
  }
  const source = resolve(databasePath)
  if (!existsSync(source)) {
    console.error(`no database at ${source} (set DATABASE_PATH)`)
    return 2
  }
  if (copy === source) {
    console.error('the backup must be another file than the database itself')
    return 2
  }
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
