// Fails when either drizzle schema (SQLite or PostgreSQL) has changed without a generated migration.
// drizzle-kit generates into a scratch copy of each migrations folder, so the check never writes to the
// checkout: a missing migration is reported, and `npm run db:generate` makes it.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sqliteConfig from '../drizzle.config.ts'
import pgConfig from '../drizzle.pg.config.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const engines = [
  { name: 'SQLite', file: 'drizzle.config.ts', config: sqliteConfig },
  { name: 'PostgreSQL', file: 'drizzle.pg.config.ts', config: pgConfig },
]

let failed = false
for (const { name, file, config } of engines) {
  const { dialect, schema, out, casing } = config
  if (typeof schema !== 'string' || out === undefined)
    throw new Error(`${file}: expected one schema file and an out folder`)
  const scratch = mkdtempSync(join(tmpdir(), 'migration-check-'))
  try {
    cpSync(join(repo, out), join(scratch, 'out'), { recursive: true })
    const before = new Set(readdirSync(join(scratch, 'out')))
    const args = ['generate', '--dialect', dialect, '--schema', resolve(repo, schema), '--out', './out']
    if (casing !== undefined) args.push('--casing', casing)
    const output = execFileSync(process.execPath, [join(repo, 'node_modules/drizzle-kit/bin.cjs'), ...args], {
      cwd: scratch,
      encoding: 'utf8',
    })
    if (/No schema changes/.test(output)) {
      console.log(`migrations (${name}): ${schema} and ${out} agree`)
      continue
    }
    failed = true
    console.error(output)
    for (const added of readdirSync(join(scratch, 'out')).filter(
      (f) => f.endsWith('.sql') && !before.has(f),
    )) {
      console.error(
        `-- the missing migration would be:\n${readFileSync(join(scratch, 'out', added), 'utf8')}`,
      )
    }
    console.error(`${schema} changed without a migration: run \`npm run db:generate\` and commit ${out}.`)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
if (failed) process.exit(1)
