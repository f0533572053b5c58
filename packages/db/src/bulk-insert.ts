// The bulk loads' multi-row INSERT builder and their time-ordered ids (the claim-log import writes with
// them): plain better-sqlite3 statements prepared once per connection and row count.
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import { getTableColumns, getTableName, type Table } from 'drizzle-orm'
import type { Db } from './client.ts'
import { withClient } from './sqlite.ts'

const BATCH = 500

type Statement = Database.Statement
const batches = new WeakMap<Database.Database, Map<string, Statement>>()

/**
 * Inserts rows with plain better-sqlite3 statements of up to BATCH rows each, prepared once per
 * connection and row count, their values bound as one flat array (JSON columns encoded as drizzle
 * would). Multi-row statements keep SQLite's per-statement cost low; drizzle's placeholder mapping
 * cost more than SQLite at 100,000 rows.
 */
export function insertBatched<TTable extends Table>(
  db: Db,
  table: TTable,
  rows: ReadonlyArray<TTable['$inferInsert']>,
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  return withClient(db, (client) => insertOn(client, table, rows, options))
}

function insertOn<TTable extends Table>(
  client: Database.Database,
  table: TTable,
  rows: ReadonlyArray<TTable['$inferInsert']>,
  options: { ignoreConflicts?: boolean },
): void {
  const first = rows[0]
  if (!first) return
  const columns = getTableColumns(table) as Record<string, { name: string; columnType: string } | undefined>
  const keys = Object.keys(first)
  const json = keys.map((k) => columns[k]?.columnType === 'SQLiteTextJson')
  const names = keys.map((k) => {
    const column = columns[k]
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`)
    return `"${column.name}"`
  })
  let cache = batches.get(client)
  if (!cache) {
    cache = new Map()
    batches.set(client, cache)
  }
  const head = `INSERT INTO "${getTableName(table)}" (${names.join(', ')}) VALUES `
  const tuple = `(${keys.map(() => '?').join(', ')})`
  const tail = options.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''
  for (let start = 0; start < rows.length; start += BATCH) {
    const count = Math.min(BATCH, rows.length - start)
    const sqlText = `${head}${Array.from({ length: count }, () => tuple).join(', ')}${tail}`
    let statement = cache.get(sqlText)
    if (!statement) {
      statement = client.prepare(sqlText)
      cache.set(sqlText, statement)
    }
    const params: unknown[] = new Array(count * keys.length)
    let at = 0
    for (let r = start; r < start + count; r++) {
      const record = rows[r] as Record<string, unknown>
      for (let k = 0; k < keys.length; k++) {
        const value = record[keys[k] as string] ?? null
        params[at++] = json[k] && value !== null ? JSON.stringify(value) : value
      }
    }
    statement.run(params)
  }
}

/**
 * A UUID of version 7 (RFC 9562): the time in milliseconds, then random bits. An import's new ids
 * share their first bytes, so each batch lands in one region of every id index instead of on
 * random pages across a million-row B-tree (what made the writes cost at scale).
 */
export function timeOrderedId(): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(Date.now(), 0, 6)
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const h = bytes.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
