import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrationsFolder } from '../../packages/db/src/root.ts'

/**
 * A copy of an engine's migrations folder whose journal stops at `lastTag`: a database migrated from it is
 * the database as it was before the migrations after that tag, for tests of what those migrations do to
 * rows already there.
 */
export function migrationsUpTo(engine: 'sqlite' | 'postgres', lastTag: string): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'migrations-')), 'm')
  cpSync(migrationsFolder(engine), folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  const end = journal.entries.findIndex((e) => e.tag === lastTag)
  if (end < 0) throw new Error(`no migration tagged ${lastTag} in ${migrationsFolder(engine)}`)
  journal.entries = journal.entries.slice(0, end + 1)
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}
