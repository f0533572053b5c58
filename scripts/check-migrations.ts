// Fails when the drizzle schema has changed without a generated migration.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))
const output = execFileSync(process.execPath, [join(repo, 'node_modules/drizzle-kit/bin.cjs'), 'generate'], {
  cwd: repo,
  encoding: 'utf8',
})
if (!/No schema changes/.test(output)) {
  console.error(output)
  console.error(
    'The schema in packages/db changed without a migration: run `npm run db:generate` and commit drizzle/.',
  )
  process.exit(1)
}
console.log('migrations: the schema and drizzle/ agree')
