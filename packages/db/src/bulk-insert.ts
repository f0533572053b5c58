// The bulk loads' multi-row INSERT builder and their time-ordered ids (the claim-log import writes with
// them): on SQLite plain better-sqlite3 statements prepared once per connection and row count; on
// PostgreSQL the same statements with numbered parameters, prepared by name on each connection.
import { createHash, randomFillSync } from 'node:crypto'
import type Database from 'better-sqlite3'
import { Column, getTableColumns, getTableName, type Table } from 'drizzle-orm'
import type pg from 'pg'
import type { Db } from './client.ts'
import { pgQueryable } from './postgres.ts'
import { isSqlite, withClient } from './sqlite.ts'

const BATCH = 500
// PostgreSQL's wire protocol numbers a statement's parameters with 16 bits.
const PG_MAX_PARAMS = 65_535

type Statement = Database.Statement
const batches = new WeakMap<Database.Database, Map<string, Statement>>()

/** An insert of rows with the first row's keys: its SQL head, one row's columns, the rows' values. */
function insertPlan<TTable extends Table>(
  table: TTable,
  rows: ReadonlyArray<TTable['$inferInsert']>,
  options: { ignoreConflicts?: boolean },
) {
  const first = rows[0]
  if (!first) return null
  const columns = getTableColumns(table) as Record<string, Column | undefined>
  const keys = Object.keys(first)
  const picked = keys.map((k) => {
    const column = columns[k]
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`)
    return column
  })
  // Columns whose driver value is the value itself (plain text and integers) skip drizzle's mapping, a
  // call per cell; JSON, boolean and timestamp columns keep it.
  const mappers = picked.map((column) =>
    column.mapToDriverValue === Column.prototype.mapToDriverValue
      ? null
      : (value: unknown) => column.mapToDriverValue(value),
  )
  return {
    head: `INSERT INTO "${getTableName(table)}" (${picked.map((c) => `"${c.name}"`).join(', ')}) VALUES `,
    tail: options.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : '',
    width: keys.length,
    /** Rows start to start + count as one flat array, each value as drizzle would send it (JSON as text). */
    values(start: number, count: number): unknown[] {
      const params: unknown[] = new Array(count * keys.length)
      let at = 0
      for (let r = start; r < start + count; r++) {
        const record = rows[r] as Record<string, unknown>
        for (let k = 0; k < keys.length; k++) {
          const value = record[keys[k] as string] ?? null
          const map = mappers[k]
          params[at++] = value === null || !map ? value : map(value)
        }
      }
      return params
    },
  }
}

/**
 * Inserts rows in multi-row statements of up to BATCH rows each (fewer on PostgreSQL when the row is
 * so wide that their parameters would pass its limit), their values bound as one flat array and
 * encoded as drizzle would. Multi-row statements keep the per-statement cost low; drizzle's
 * placeholder mapping cost more than SQLite at 100,000 rows. Inside a transaction, pass its handle.
 */
export function insertBatched<TTable extends Table>(
  db: Db,
  table: TTable,
  rows: ReadonlyArray<TTable['$inferInsert']>,
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  const plan = insertPlan(table, rows, options)
  if (!plan) return Promise.resolve()
  if (!isSqlite(db)) return insertPg(pgQueryable(db), plan, rows.length)
  return withClient(db, (client) => insertSqlite(client, plan, rows.length))
}

type InsertPlan = NonNullable<ReturnType<typeof insertPlan>>

function insertSqlite(client: Database.Database, plan: InsertPlan, total: number): void {
  let cache = batches.get(client)
  if (!cache) {
    cache = new Map()
    batches.set(client, cache)
  }
  const tuple = `(${Array.from({ length: plan.width }, () => '?').join(', ')})`
  for (let start = 0; start < total; start += BATCH) {
    const count = Math.min(BATCH, total - start)
    // Keyed by the head and the row count, not the whole text: hashing a 500-row statement's text each
    // time cost more than building it.
    const key = `${plan.head}${plan.tail}\n${count}`
    let statement = cache.get(key)
    if (!statement) {
      statement = client.prepare(
        `${plan.head}${Array.from({ length: count }, () => tuple).join(', ')}${plan.tail}`,
      )
      cache.set(key, statement)
    }
    statement.run(plan.values(start, count))
  }
}

async function insertPg(client: pg.Pool | pg.PoolClient, plan: InsertPlan, total: number): Promise<void> {
  const perBatch = Math.min(BATCH, Math.floor(PG_MAX_PARAMS / plan.width))
  for (let start = 0; start < total; start += perBatch) {
    const count = Math.min(perBatch, total - start)
    const tuples: string[] = new Array(count)
    for (let r = 0; r < count; r++) {
      const base = r * plan.width
      tuples[r] = `(${Array.from({ length: plan.width }, (_, k) => `$${base + k + 1}`).join(', ')})`
    }
    const text = `${plan.head}${tuples.join(', ')}${plan.tail}`
    const values = plan.values(start, count)
    // A full batch is named, so each connection parses and plans it once; the last one of a call, of any
    // length, is not, so no connection collects a statement for every length.
    if (count < perBatch) await client.query({ text, values })
    else
      await client.query({ name: `cc_insert_${createHash('sha1').update(text).digest('hex')}`, text, values })
  }
}

/**
 * Refreshes PostgreSQL's planner statistics of tables a bulk load has just filled and committed
 * (ANALYZE), so the next pages are planned for the rows now there instead of waiting for autovacuum
 * (right after 5,000 imported rows a text-filtered page took 264 ms; 7 ms once analyzed). A failure is
 * only a missed optimisation: it is not thrown. SQLite's statements carry their plan choices
 * (decision 0003), so there it does nothing.
 */
export async function analyzeAfterBulkLoad(db: Db, loaded: readonly Table[]): Promise<void> {
  if (isSqlite(db) || loaded.length === 0) return
  await pgQueryable(db)
    .query(`ANALYZE ${loaded.map((table) => `"${getTableName(table)}"`).join(', ')}`)
    .catch(() => undefined)
}

/**
 * A UUID of version 7 (RFC 9562): the time in milliseconds, then random bits. An import's new ids
 * share their first bytes, so each batch lands in one region of every id index instead of on
 * random pages across a million-row B-tree (what made the writes cost at scale).
 */
export function timeOrderedId(): string {
  if (poolAt + 16 > randomPool.length) {
    randomFillSync(randomPool)
    poolAt = 0
  }
  const bytes = randomPool.subarray(poolAt, poolAt + 16)
  poolAt += 16
  bytes.writeUIntBE(Date.now(), 0, 6)
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const h = bytes.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

// Random bytes drawn 4,096 ids at a time: one randomBytes call an id cost 1.2 s of a 100,000-row import.
const randomPool = Buffer.alloc(16 * 4096)
let poolAt = randomPool.length
