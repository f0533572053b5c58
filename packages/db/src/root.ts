import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The checkout's root: the nearest folder holding drizzle/meta/_journal.json above this module
 * (packages/db/src/ when run from the sources, dist/server/ when bundled), else above the working
 * directory. Paths to files the server reads at run time (migrations, the built web app, views)
 * start from here, so they resolve the same from the sources and from a bundle.
 */
export function repoRoot(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start
    for (;;) {
      if (existsSync(join(dir, 'drizzle/meta/_journal.json'))) return dir
      const parent = dirname(dir)
      if (parent === dir) break
      dir = parent
    }
  }
  throw new Error(
    `no drizzle/meta/_journal.json above ${fileURLToPath(import.meta.url)} or ${process.cwd()}: cannot find the migrations`,
  )
}

/** Each engine's drizzle-kit migrations: drizzle/ for SQLite, drizzle-pg/ for PostgreSQL. */
export function migrationsFolder(engine: 'sqlite' | 'postgres'): string {
  return join(repoRoot(), engine === 'sqlite' ? 'drizzle' : 'drizzle-pg')
}
