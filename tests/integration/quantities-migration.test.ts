// A database written before claims carried a list of quantities keeps its numbers: the migration moves each
// claim's single quantity into the list, on both engines, as the same JSON text the app writes.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { migrate as migrateSqliteFolder } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePgFolder } from 'drizzle-orm/node-postgres/migrator'
import { Pool } from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { migrationsFolder } from '../../packages/db/src/root.ts'
import { migrationsUpTo } from '../support/migrations.ts'
import { createDatabase, dropDatabase } from '../support/postgres-cluster.ts'
import { testEngine } from '../support/test-db.ts'

const engine = testEngine()
// The last migration before quantities became a list, as each engine's journal names it.
const LAST_SINGLE = { sqlite: '0009_team_work', postgres: '0006_team_work' }[engine]

const foldersUpTo = (lastTag: string) => migrationsUpTo(engine, lastTag)

const NOW = '2025-06-10T08:00:00.000Z'
// One claim with a whole number, one with a fraction, one with none; the rows every claim needs first.
const ROWS = [
  `INSERT INTO claimants (id, name, kind, created_at, updated_at) VALUES ('p1', 'Air Force', 'military', '${NOW}', '${NOW}')`,
  `INSERT INTO disputes (id, title, question, created_at, updated_at) VALUES ('d1', 'Drones', 'How many?', '${NOW}', '${NOW}')`,
  ...[
    ['c1', '479', "'drones'", "'exact'"],
    ['c2', '12.5', "'km'", "'approx'"],
    ['c3', 'NULL', 'NULL', 'NULL'],
  ].map(
    ([id, value, unit, qualifier]) =>
      `INSERT INTO claims (id, dispute_id, claimant_id, text, quantity_value, quantity_unit, quantity_qualifier, activity_at, created_at, updated_at) VALUES ('${id}', 'd1', 'p1', 'A claim', ${value}, ${unit}, ${qualifier}, '${NOW}', '${NOW}', '${NOW}')`,
  ),
]

const EXPECTED = {
  c1: '[{"measure":"drones","value":479,"valueMax":null,"qualifier":"exact","unit":"drones","periodFrom":null,"periodTo":null,"place":null}]',
  c2: '[{"measure":"km","value":12.5,"valueMax":null,"qualifier":"approx","unit":"km","periodFrom":null,"periodTo":null,"place":null}]',
  c3: '[]',
}

describe('the migration to lists of quantities', () => {
  it('moves each claim’s single quantity into its list, as compact JSON, and drops the old columns', async () => {
    const before = foldersUpTo(LAST_SINGLE)
    if (engine === 'sqlite') {
      const client = new Database(join(mkdtempSync(join(tmpdir(), 'migrate-')), 'old.db'))
      try {
        const db = drizzleSqlite({ client })
        migrateSqliteFolder(db, { migrationsFolder: before })
        for (const row of ROWS) client.exec(row)
        migrateSqliteFolder(db, { migrationsFolder: migrationsFolder('sqlite') })
        const rows = client.prepare('SELECT id, quantities FROM claims ORDER BY id').all()
        expect(
          Object.fromEntries(
            rows.map((r) => [(r as { id: string }).id, (r as { quantities: string }).quantities]),
          ),
        ).toEqual(EXPECTED)
        const columns = client.prepare("SELECT name FROM pragma_table_info('claims')").all()
        expect(columns.map((c) => (c as { name: string }).name)).not.toContain('quantity_value')
      } finally {
        client.close()
      }
      return
    }
    const template = inject('emptyTemplateDb')
    const name = `migrate_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
    const url = await createDatabase(template, name)
    const pool = new Pool({ connectionString: url, max: 1 })
    try {
      const db = drizzlePg({ client: pool })
      await migratePgFolder(db, { migrationsFolder: before })
      for (const row of ROWS) await pool.query(row)
      await migratePgFolder(db, { migrationsFolder: migrationsFolder('postgres') })
      const { rows } = await pool.query<{ id: string; quantities: string }>(
        'SELECT id, quantities::text AS quantities FROM claims ORDER BY id',
      )
      expect(Object.fromEntries(rows.map((r) => [r.id, r.quantities]))).toEqual(EXPECTED)
      const columns = await pool.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'claims'",
      )
      expect(columns.rows.map((c) => c.column_name)).not.toContain('quantity_value')
    } finally {
      await pool.end()
      await dropDatabase(template, name)
    }
  })
})
