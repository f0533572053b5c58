// npm run db:copy -- --from <sqlite file> --to <postgres url>: moves a desk's SQLite file into a new
// PostgreSQL database (migrated here first, and refused unless it holds no rows), every table in one
// transaction, and prints the row counts of both sides, which must match for the copy to commit.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { copySqliteToPostgres, isPostgresUrl, redactedUrl } from '../packages/db/src/index.ts'

const USAGE =
  'usage: npm run db:copy -- --from <sqlite file> --to postgres://user[:password]@host[:port]/database'

async function main(): Promise<number> {
  let values: { from?: string | undefined; to?: string | undefined }
  try {
    ;({ values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } }))
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`)
    return 2
  }
  if (!values.from || !values.to) {
    console.error(USAGE)
    return 2
  }
  const from = resolve(values.from)
  if (!existsSync(from)) {
    console.error(`no SQLite file at ${from}`)
    return 2
  }
  if (!isPostgresUrl(values.to)) {
    console.error(`--to is not a PostgreSQL URL\n${USAGE}`)
    return 2
  }
  const started = Date.now()
  console.log(`copying ${from} → ${redactedUrl(values.to)}`)
  const counts = await copySqliteToPostgres({ from, to: values.to })
  const width = Math.max(...counts.map((c) => c.table.length), 'table'.length)
  console.log(`\n${'table'.padEnd(width)}  ${'sqlite'.padStart(9)}  ${'postgres'.padStart(9)}`)
  for (const c of counts) {
    console.log(
      `${c.table.padEnd(width)}  ${String(c.sqlite).padStart(9)}  ${String(c.postgres).padStart(9)}`,
    )
  }
  const rows = counts.reduce((sum, c) => sum + c.postgres, 0)
  console.log(
    `\n${counts.length} tables, ${rows} rows, every count equal; committed in ${Date.now() - started} ms`,
  )
  return 0
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`db:copy failed: ${err instanceof Error ? err.message : err}`)
    process.exit(1)
  },
)
