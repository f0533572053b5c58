// A database written before claims could be unattributed keeps every claim, its speaker, its place in the
// search index and every reference to it when claims.claimant_id becomes nullable. On SQLite that change
// rebuilds the table (copy, drop, rename), which drops its indexes and triggers: they must come back.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePgFolder } from 'drizzle-orm/node-postgres/migrator'
import { Pool } from 'pg'
import { describe, expect, inject, it } from 'vitest'
import { migrateSqliteFolder } from '../../packages/db/src/sqlite.ts'
import { migrationsUpTo } from '../support/migrations.ts'
import { createDatabase, dropDatabase } from '../support/postgres-cluster.ts'
import { testEngine } from '../support/test-db.ts'

const engine = testEngine()
// The last migration before a claim's claimant became optional, as each engine's journal names it.
const LAST_ATTRIBUTED = { sqlite: '0011_quantities_list', postgres: '0008_quantities_list' }[engine]
// The migration under test, and no later one (a later migration may add indexes of its own).
const UNDER_TEST = { sqlite: '0012_unattributed', postgres: '0009_unattributed' }[engine]

const foldersUpTo = (lastTag: string) => migrationsUpTo(engine, lastTag)

const NOW = '2025-06-10T08:00:00.000Z'
// Two attributed claims, one with a verdict and one with a stance on a piece of evidence: rows in other
// tables that refer to claims, so dropping the old table would break them were the references not kept.
const ROWS = [
  `INSERT INTO claimants (id, name, kind, created_at, updated_at) VALUES ('p1', 'Air Force', 'military', '${NOW}', '${NOW}')`,
  `INSERT INTO disputes (id, title, question, created_at, updated_at) VALUES ('d1', 'Drones', 'How many?', '${NOW}', '${NOW}')`,
  `INSERT INTO claims (id, dispute_id, claimant_id, text, position, activity_at, created_at, updated_at) VALUES ('c1', 'd1', 'p1', 'Forty drones were shot down overnight', 0, '${NOW}', '${NOW}', '${NOW}')`,
  `INSERT INTO claims (id, dispute_id, claimant_id, text, position, activity_at, created_at, updated_at) VALUES ('c2', 'd1', 'p1', 'Twelve drones reached the city', 1, '${NOW}', '${NOW}', '${NOW}')`,
  `INSERT INTO verdicts (id, claim_id, created_at, updated_at) VALUES ('v1', 'c1', '${NOW}', '${NOW}')`,
  `INSERT INTO evidence (id, dispute_id, kind, title, excerpt_sha256, created_at, updated_at) VALUES ('e1', 'd1', 'document', 'Air defence report', '', '${NOW}', '${NOW}')`,
  `INSERT INTO stances (id, evidence_id, claim_id, stance, created_at, updated_at) VALUES ('s1', 'e1', 'c2', 'supports', '${NOW}', '${NOW}')`,
]
const UNATTRIBUTED = `INSERT INTO claims (id, dispute_id, text, position, activity_at, created_at, updated_at) VALUES ('c3', 'd1', 'Sirens sounded over the harbour', 2, '${NOW}', '${NOW}', '${NOW}')`
const MISSING_CLAIMANT = `INSERT INTO claims (id, dispute_id, claimant_id, text, activity_at, created_at, updated_at) VALUES ('c4', 'd1', 'nobody', 'A claim', '${NOW}', '${NOW}', '${NOW}')`
const MISSING_CLAIM = `INSERT INTO verdicts (id, claim_id, created_at, updated_at) VALUES ('v2', 'no-such-claim', '${NOW}', '${NOW}')`
const CLAIMS = 'SELECT id, claimant_id AS "claimantId" FROM claims ORDER BY id'
const KEPT = [
  { id: 'c1', claimantId: 'p1' },
  { id: 'c2', claimantId: 'p1' },
]

describe('the migration to unattributed claims', () => {
  it('keeps claims, their speakers, indexes, search triggers and references, and allows a claim without one', async () => {
    const before = foldersUpTo(LAST_ATTRIBUTED)
    if (engine === 'sqlite') {
      const client = new Database(join(mkdtempSync(join(tmpdir(), 'migrate-')), 'old.db'))
      try {
        migrateSqliteFolder(client, before)
        for (const row of ROWS) client.exec(row)
        const schemaOfClaims = () =>
          client
            .prepare(
              "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'claims' AND type != 'table' ORDER BY name",
            )
            .all()
        const indexesAndTriggers = schemaOfClaims()
        expect(indexesAndTriggers.length).toBeGreaterThan(10)
        const found = (word: string) =>
          client
            .prepare(
              "SELECT r.ref_id AS id FROM search_index JOIN search_refs r ON r.id = search_index.rowid WHERE search_index MATCH ? AND r.kind = 'claim' ORDER BY r.ref_id",
            )
            .all(word)
            .map((r) => (r as { id: string }).id)
        const matched = (text: string) =>
          client
            .prepare(
              "SELECT r.ref_id AS id FROM match_index JOIN search_refs r ON r.id = match_index.rowid WHERE match_index MATCH ? AND r.kind = 'claim'",
            )
            .all(text)
            .map((r) => (r as { id: string }).id)

        migrateSqliteFolder(client, foldersUpTo(UNDER_TEST))

        expect(client.prepare(CLAIMS).all()).toEqual(KEPT)
        // Every index and trigger is back, word for word as before (the expression index included).
        expect(schemaOfClaims()).toEqual(indexesAndTriggers)
        expect(found('drones')).toEqual(['c1', 'c2'])
        expect(Number(client.pragma('foreign_keys', { simple: true }))).toBe(1)
        expect(Number(client.pragma('legacy_alter_table', { simple: true }))).toBe(0)
        expect(client.pragma('foreign_key_check')).toEqual([])
        expect(() => client.exec(MISSING_CLAIMANT)).toThrow(/FOREIGN KEY/)
        expect(() => client.exec(MISSING_CLAIM)).toThrow(/FOREIGN KEY/)
        // The triggers index what is written after the rebuild: a new, unattributed claim and an edit.
        client.exec(UNATTRIBUTED)
        expect(client.prepare("SELECT claimant_id FROM claims WHERE id = 'c3'").get()).toEqual({
          claimant_id: null,
        })
        expect(found('harbour')).toEqual(['c3'])
        expect(matched('harbour')).toEqual(['c3'])
        client.exec("UPDATE claims SET text = 'Fourteen drones reached the city' WHERE id = 'c2'")
        expect(found('fourteen')).toEqual(['c2'])
        expect(found('twelve')).toEqual([])
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
      await migratePgFolder(db, { migrationsFolder: foldersUpTo(UNDER_TEST) })
      expect((await pool.query(CLAIMS)).rows).toEqual(KEPT)
      await pool.query(UNATTRIBUTED)
      const found = await pool.query<{ id: string }>(
        "SELECT id FROM claims WHERE search_vector @@ to_tsquery('cc', 'harbour') ORDER BY id",
      )
      expect(found.rows).toEqual([{ id: 'c3' }])
      await expect(pool.query(MISSING_CLAIMANT)).rejects.toThrow(/foreign key/)
      await expect(pool.query(MISSING_CLAIM)).rejects.toThrow(/foreign key/)
    } finally {
      await pool.end()
      await dropDatabase(template, name)
    }
  })
})
