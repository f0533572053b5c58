// Moving a desk from its SQLite file to PostgreSQL (npm run db:copy): every table the schemas declare, history
// included, in one PostgreSQL transaction, checked by row counts. SQLite's search tables (drizzle/0003) are
// derived from the records and are not in the schemas, so they are not copied: PostgreSQL derives its own.
// This tool reads one engine and writes the other in one process, so it opens both directly rather than through
// createDb/connectPostgres (one engine per process, decision 0010).
import Database from 'better-sqlite3'
import { getTableName, is, Table } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { connectClient, createPgDb, migratePostgres } from './postgres.ts'
import { migrationsFolder } from './root.ts'
import * as sqliteSchema from './schema.ts'
import * as pgSchema from './schema-pg.ts'

/** What a table holds on each side once the copy has committed. */
export interface CopiedTable {
  table: string
  sqlite: number
  postgres: number
}

export interface TablePlan {
  name: string
  /** The columns written: every column of the PostgreSQL table but generated ones, in schema order. */
  columns: Array<{ name: string; boolean: boolean; identity: boolean }>
  /** Whether an identity column is GENERATED ALWAYS, so an explicit value needs OVERRIDING SYSTEM VALUE. */
  overriding: boolean
}

// PostgreSQL takes at most 65,535 parameters a statement.
const MAX_PARAMETERS = 65_535

/**
 * The tables to copy, parents before children: taken from schema-pg.ts (each with its twin in schema.ts,
 * which schema-types.test.ts holds to the same columns), ordered by their foreign keys.
 */
export function copyPlan(): TablePlan[] {
  const sqliteNames = new Set<string>(
    (Object.values(sqliteSchema) as unknown[])
      .filter((value): value is Table => is(value, Table))
      .map((table) => getTableName(table)),
  )
  const configs = (Object.values(pgSchema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableConfig(table))
  for (const config of configs) {
    if (!sqliteNames.has(config.name)) {
      throw new Error(`${config.name} is in schema-pg.ts but not in schema.ts: the schemas disagree`)
    }
  }
  const remaining = new Map(configs.map((config) => [config.name, config]))
  const ordered: TablePlan[] = []
  while (remaining.size) {
    // The first table, in schema order, whose parents are all placed (a reference to itself aside).
    const next = [...remaining.values()].find((config) =>
      config.foreignKeys.every((fk) => {
        const parent = getTableName(fk.reference().foreignTable)
        return parent === config.name || !remaining.has(parent)
      }),
    )
    if (!next) throw new Error(`foreign keys form a cycle among ${[...remaining.keys()].join(', ')}`)
    if (next.foreignKeys.some((fk) => getTableName(fk.reference().foreignTable) === next.name)) {
      throw new Error(`${next.name} refers to itself: its rows would need ordering too`)
    }
    remaining.delete(next.name)
    const columns = next.columns.filter((column) => !column.generated)
    ordered.push({
      name: next.name,
      columns: columns.map((column) => ({
        name: column.name,
        boolean: column.dataType === 'boolean',
        identity: column.generatedIdentity !== undefined,
      })),
      overriding: columns.some((column) => column.generatedIdentity?.type === 'always'),
    })
  }
  return ordered
}

/** Throws unless the SQLite file has every migration of this checkout, and none newer. */
function checkSqliteMigrated(sqlite: Database.Database, from: string): void {
  const expected = readMigrationFiles({ migrationsFolder: migrationsFolder('sqlite') }).at(-1)?.folderMillis
  const hasTable = sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
    .get()
  const last = hasTable
    ? Number(
        (sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: unknown })
          .at,
      )
    : undefined
  if (last === expected) return
  if (last === undefined || (expected !== undefined && last < expected)) {
    throw new Error(
      `${from} is not at this version's schema: start the app on it once (DATABASE_PATH=${from} npm start) to migrate it, stop it, then copy`,
    )
  }
  throw new Error(`${from} was migrated by a newer Counterclaim than this one`)
}

function quoted(name: string): string {
  return pg.escapeIdentifier(name)
}

/**
 * Copies every table of the desk's SQLite file `from` into the PostgreSQL database at `to`, which is
 * migrated first and must hold no rows. One PostgreSQL transaction: on any failure nothing is left behind.
 * SQLite is read in one read transaction, so the copy is one moment of the file even if it is written
 * meanwhile (stop the server first: later writes would not be copied). Values keep their exact form: JSON and
 * timestamps as the text SQLite holds, integers as 64-bit integers, doubles bit for bit, 0/1 as booleans
 * where the column is boolean. Returns the row counts of both sides, checked equal before the commit.
 */
export async function copySqliteToPostgres(options: {
  from: string
  to: string
  /** Rows a statement (fewer when a table has many columns); 500 by default. */
  batchRows?: number
  /** One line a table, as it is copied. */
  log?: (line: string) => void
}): Promise<CopiedTable[]> {
  const { from, to } = options
  const plan = copyPlan()
  const sqlite = new Database(from, { readonly: true, fileMustExist: true })
  try {
    checkSqliteMigrated(sqlite, from)
    const client = await connectClient(to)
    try {
      // Two connections: the migration lock holds one, the migrator runs on the other.
      const migrating = createPgDb(to, { max: 2 })
      try {
        await migratePostgres(migrating)
      } finally {
        await migrating.$client.end()
      }
      await client.query('BEGIN')
      try {
        const counts = await copyTables(sqlite, client, plan, options)
        await client.query('COMMIT')
        return counts
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      }
    } finally {
      await client.end()
    }
  } finally {
    sqlite.close()
  }
}

async function copyTables(
  sqlite: Database.Database,
  client: pg.Client,
  plan: TablePlan[],
  options: { batchRows?: number; log?: (line: string) => void },
): Promise<CopiedTable[]> {
  const tableList = plan.map((table) => quoted(table.name)).join(', ')
  // Nobody else writes these tables until the copy commits (a server started early, a second copy).
  await client.query(`LOCK TABLE ${tableList} IN SHARE ROW EXCLUSIVE MODE`)
  const occupied: string[] = []
  for (const table of plan) {
    const rows = await countRows(client, table.name)
    if (rows > 0) occupied.push(`${table.name} (${rows})`)
  }
  if (occupied.length) {
    throw new Error(
      `the target database is not empty: ${occupied.join(', ')} hold rows; db:copy fills a new database only`,
    )
  }

  // One read transaction over the whole file: every table from the same moment.
  sqlite.exec('BEGIN')
  try {
    const counts: CopiedTable[] = []
    for (const table of plan) {
      const source = Number(
        (sqlite.prepare(`SELECT count(*) AS n FROM ${quoted(table.name)}`).get() as { n: number }).n,
      )
      await copyTable(sqlite, client, table, options.batchRows ?? 500)
      const copied = await countRows(client, table.name)
      counts.push({ table: table.name, sqlite: source, postgres: copied })
      options.log?.(`${table.name}: ${copied} rows`)
    }
    const mismatched = counts.filter((c) => c.sqlite !== c.postgres)
    if (mismatched.length) {
      throw new Error(
        `row counts differ, nothing was committed: ${mismatched.map((c) => `${c.table} ${c.sqlite} → ${c.postgres}`).join(', ')}`,
      )
    }
    return counts
  } finally {
    sqlite.exec('COMMIT')
  }
}

async function countRows(client: pg.Client, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(table)}`)
  return Number(rows[0]?.n ?? 0)
}

async function copyTable(
  sqlite: Database.Database,
  client: pg.Client,
  table: TablePlan,
  batchRows: number,
): Promise<void> {
  const names = table.columns.map((column) => quoted(column.name)).join(', ')
  const perStatement = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMETERS / table.columns.length)))
  const insert = (rows: unknown[][]) => {
    const values = rows.map(
      (_, r) => `(${table.columns.map((_, c) => `$${r * table.columns.length + c + 1}`).join(', ')})`,
    )
    const overriding = table.overriding ? ' OVERRIDING SYSTEM VALUE' : ''
    return client.query(
      `INSERT INTO ${quoted(table.name)} (${names})${overriding} VALUES ${values.join(', ')}`,
      rows.flat(),
    )
  }
  // Integers as BigInt, so a 64-bit value crosses exactly; pg sends a BigInt as its decimal text.
  const read = sqlite
    .prepare(`SELECT ${names} FROM ${quoted(table.name)} ORDER BY rowid`)
    .raw(true)
    .safeIntegers(true)
  let batch: unknown[][] = []
  let copied = 0
  for (const row of read.iterate() as Iterable<unknown[]>) {
    batch.push(table.columns.map((column, i) => (column.boolean ? toBoolean(row[i]) : row[i])))
    if (batch.length === perStatement) {
      await insertBatch(insert, batch, table.name, copied)
      copied += batch.length
      batch = []
    }
  }
  if (batch.length) await insertBatch(insert, batch, table.name, copied)

  // An identity column was given its values: its sequence must continue after the largest.
  for (const column of table.columns.filter((c) => c.identity)) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quoted(column.name)}), 0) + 1, false) FROM ${quoted(table.name)}`,
      [quoted(table.name), column.name],
    )
  }
}

async function insertBatch(
  insert: (rows: unknown[][]) => Promise<unknown>,
  rows: unknown[][],
  table: string,
  before: number,
): Promise<void> {
  try {
    await insert(rows)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`copying ${table}, rows ${before + 1}–${before + rows.length}: ${message}`, {
      cause: error,
    })
  }
}

function toBoolean(value: unknown): unknown {
  return value === null || value === undefined ? null : Number(value) !== 0
}
