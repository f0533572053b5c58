import { type Column, getTableColumns, getTableName, is, SQL, Table } from 'drizzle-orm'
import { type PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core'
import { type SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core'
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as sqliteSchema from './schema.ts'
import * as pgSchema from './schema-pg.ts'

// The services run on either engine with the same code, so the two schemas must describe the same rows:
// the type checks below fail `npm run typecheck`, the runtime ones fail the unit tests.

type TablesOf<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] }
type RowsOf<S> = {
  [K in keyof TablesOf<S>]: TablesOf<S>[K] extends Table
    ? { select: TablesOf<S>[K]['$inferSelect']; insert: TablesOf<S>[K]['$inferInsert'] }
    : never
}
type SqliteRows = RowsOf<typeof sqliteSchema>
type PgRows = RowsOf<typeof pgSchema>

/** SQLite's column type (and drizzle's data type where the mode matters) → the PostgreSQL type it maps to. */
const PG_TYPE_OF: Record<string, string> = {
  'text/string': 'text',
  'text/json': 'json',
  'integer/number': 'integer',
  'integer/boolean': 'boolean',
  'real/number': 'double precision',
}

function describeColumns(columns: Record<string, Column>) {
  return Object.entries(columns)
    .map(([property, c]) => ({
      property,
      name: c.name,
      dataType: c.dataType,
      notNull: c.notNull,
      hasDefault: c.hasDefault,
      // SQL defaults are written per engine ('[]' and '[]'::json); plain values must be equal.
      default: is(c.default, SQL) ? 'sql' : c.default,
      primary: c.primary,
      isUnique: c.isUnique,
      enumValues: c.enumValues,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>

function columnNames(columns: readonly unknown[]): string[] {
  return columns.map((c) => (is(c, SQL) ? 'sql' : (c as { name: string }).name))
}

function describeTable(table: Table, config: Config) {
  return {
    name: config.name,
    columns: describeColumns(getTableColumns(table)),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: config.indexes
      .map((i) => ({
        name: i.config.name,
        unique: i.config.unique,
        columns: columnNames(i.config.columns),
        partial: i.config.where !== undefined,
      }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference()
        return {
          columns: ref.columns.map((c) => c.name),
          foreignTable: getTableName(ref.foreignTable),
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? 'no action',
          onUpdate: fk.onUpdate ?? 'no action',
        }
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    uniqueConstraints: config.uniqueConstraints.map((u) => columnNames(u.columns)).sort(),
    checks: config.checks.map((c) => c.name).sort(),
  }
}

function tablesOf(schema: Record<string, unknown>): Map<string, Table> {
  return new Map(
    Object.entries(schema)
      .filter((entry): entry is [string, Table] => is(entry[1], Table))
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

const sqliteTables = tablesOf(sqliteSchema)
const pgTables = tablesOf(pgSchema)

describe('the SQLite and PostgreSQL schemas', () => {
  it('export the same tables with the same row types', () => {
    expectTypeOf<keyof TablesOf<typeof sqliteSchema>>().toEqualTypeOf<keyof TablesOf<typeof pgSchema>>()
    // Every table's rows, as read and as written, are the same type on both engines.
    expectTypeOf<SqliteRows>().toEqualTypeOf<PgRows>()
    // A few spelled out, so a failure names the kind of column that drifted.
    expectTypeOf<SqliteRows['historyEvents']>().toEqualTypeOf<PgRows['historyEvents']>()
    expectTypeOf<SqliteRows['claims']>().toEqualTypeOf<PgRows['claims']>()
    expectTypeOf<SqliteRows['claimants']>().toEqualTypeOf<PgRows['claimants']>()
    expectTypeOf<SqliteRows['verdictCorrections']>().toEqualTypeOf<PgRows['verdictCorrections']>()

    expect([...pgTables.keys()]).toEqual([...sqliteTables.keys()])
    expect(sqliteTables.size).toBeGreaterThan(0)
  })

  for (const [key, sqliteTable] of sqliteTables) {
    it(`describe ${key} alike: names, columns, keys, indexes and defaults`, () => {
      const pgTable = pgTables.get(key)
      if (pgTable === undefined) throw new Error(`schema-pg.ts has no ${key}`)
      expect(describeTable(pgTable, pgTableConfig(pgTable as PgTable))).toEqual(
        describeTable(sqliteTable, sqliteTableConfig(sqliteTable as SQLiteTable)),
      )
    })

    it(`map ${key}'s column types as documented`, () => {
      const pgTable = pgTables.get(key)
      if (pgTable === undefined) throw new Error(`schema-pg.ts has no ${key}`)
      const pgColumns = getTableColumns(pgTable)
      for (const [property, column] of Object.entries(getTableColumns(sqliteTable))) {
        const from = `${column.getSQLType()}/${column.dataType}`
        expect({ property, type: pgColumns[property]?.getSQLType() }).toEqual({
          property,
          type: PG_TYPE_OF[from],
        })
      }
    })
  }
})
