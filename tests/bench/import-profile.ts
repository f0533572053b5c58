/**
 * Where an import's time and memory go: `npx tsx tests/bench/import-profile.ts --db <bench file> [--rows 100000]`.
 * Runs the import's own worker code (runImport) in this process against a copy of a bench database, fed
 * a file made the way the bench makes its import file (the first rows of the export, ids emptied), and
 * prints the seconds spent in each of the writer's steps and the process's peak RSS. Not a figure of
 * RESULTS.md: run.ts measures the import through the server.
 */
import { copyFileSync, createReadStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { claimLogCsv } from '../../apps/api/src/services/claim-log-csv.ts'
import { type FromImportWorker, runImport } from '../../apps/api/src/services/claim-log-import-worker.ts'
import { ImportWriter } from '../../apps/api/src/services/claim-log-import-write.ts'
import { closeDb, createDb, rawQuery } from '../../packages/db/src/index.ts'
import { writeImportFile } from './import-file.ts'

const { values } = parseArgs({
  options: { db: { type: 'string' }, rows: { type: 'string', default: '100000' } },
})
if (!values.db) throw new Error('--db <bench database file> is required')
const work = mkdtempSync(join(tmpdir(), 'import-profile-'))
const target = join(work, 'import.db')
copyFileSync(values.db, target)

const spent = new Map<string, number>()
function timeMethod(name: string): void {
  const proto = ImportWriter.prototype as unknown as Record<string, (...args: unknown[]) => unknown>
  const original = proto[name]
  if (!original) throw new Error(`ImportWriter has no ${name}`)
  proto[name] = async function (this: unknown, ...args: unknown[]) {
    const t = performance.now()
    try {
      return await original.apply(this, args)
    } finally {
      spent.set(name, (spent.get(name) ?? 0) + performance.now() - t)
    }
  }
}
for (const name of ['begin', 'check', 'repeatedClaims', 'write', 'commit']) timeMethod(name)

const db = createDb(target)
const [editor] = await rawQuery<{ id: string; email: string; name: string }>(
  db,
  "SELECT id, email, name FROM users WHERE role = 'editor' LIMIT 1",
)
if (!editor) throw new Error('the bench database has no editor')
const file = join(work, 'import.csv')
const rows = await writeImportFile(
  await claimLogCsv(db, {}, 'safe', 'http://localhost'),
  Number(values.rows),
  file,
)
await closeDb(db)

const started = performance.now()
const cpu0 = process.cpuUsage()
const answer = await new Promise<FromImportWorker>((resolve) => {
  const run = runImport(
    {
      location: { databasePath: target },
      actor: { ...editor, role: 'editor' },
      now: new Date().toISOString(),
      options: { dryRun: false, allowDuplicates: true },
    },
    (message) => {
      if (message.type !== 'read' && message.type !== 'released') resolve(message)
    },
  )
  void (async () => {
    await run.drained()
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }))
      await run.receive({ type: 'chunk', bytes: chunk as Buffer })
    await run.receive({ type: 'end' })
  })()
})
const total = (performance.now() - started) / 1000
if (answer.type !== 'imported') throw new Error(`the import answered ${JSON.stringify(answer).slice(0, 500)}`)
const cpu = process.cpuUsage(cpu0)
console.log(
  `import of ${rows} rows: ${total.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
)
let inWriter = 0
for (const [name, ms] of spent) {
  // repeatedClaims runs inside check: counted there too.
  if (name !== 'repeatedClaims') inWriter += ms
  console.log(`  ${name}: ${(ms / 1000).toFixed(2)} s`)
}
console.log(`  reading and checking cells (the rest): ${(total - inWriter / 1000).toFixed(2)} s`)
rmSync(work, { recursive: true, force: true })
