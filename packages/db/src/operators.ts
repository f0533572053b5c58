// The query operators services build drizzle queries with, re-exported so that nothing outside
// packages/db imports drizzle-orm (docs/decisions/0006-database-door.md). Where a service needs SQL
// drizzle has no operator for, it gets a named helper here rather than a `sql` template of its own.
import { type Column, type SQL, sql } from 'drizzle-orm'
import { currentEngine } from './client.ts'

export {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  getTableName,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  max,
  min,
  ne,
  not,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'

/**
 * `column LIKE '%text%'` ignoring case, with LIKE's wildcards in `text` taken literally: SQLite's LIKE
 * ignores the case of ASCII letters, PostgreSQL's ILIKE that of every letter.
 */
export function containsText(column: Column, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  const like = currentEngine() === 'postgres' ? sql.raw('ilike') : sql.raw('like')
  return sql`${column} ${like} ${pattern} escape '\\'`
}

/** How many rows of a group have `column = value` (0 for none), as an aggregate select field. */
export function countWhere(column: Column, value: string): SQL<number> {
  return sql<number>`count(*) filter (where ${column} = ${value})`.mapWith(Number)
}

/**
 * Newest first with the rows that have no value last, as SQLite orders a descending column; PostgreSQL
 * would put them first.
 */
export function descNullsLast(column: Column): SQL {
  return sql`${column} desc nulls last`
}
