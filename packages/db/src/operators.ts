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

/**
 * A text column compared and sorted by code point, as SQLite compares text, whatever collation the
 * PostgreSQL database was created with (en_US.UTF-8 would put "apple" before "Zebra" and skip
 * punctuation): lists ordered by text come in the same order on both engines.
 */
export function byCodePoint(column: Column): SQL<string> {
  return currentEngine() === 'postgres' ? sql<string>`${column} collate "C"` : sql<string>`${column}`
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

// What claimantKey() (packages/domain words.ts) takes out of a name: spacing, hyphens and dashes, dots,
// apostrophes. SQLite's lower() folds ASCII letters only and it has no unaccent: there the key is exact
// for ASCII names, and the search index finds the rest by their words.
const KEY_JOINERS = [
  ' ',
  '-',
  '.',
  "'",
  '’',
  '‘',
  'ʼ',
  '`',
  '´',
  '‐',
  '‑',
  '‒',
  '–',
  '—',
  '―',
  '\u00A0',
  '\t',
]
const PG_KEY_JOINERS = `[${KEY_JOINERS.map((ch) => (ch === '-' ? '\\-' : ch)).join('')}]`

/** A text column (or a JSON list's text) near its claimantKey(), in SQL: see KEY_JOINERS. */
function foldedKey(column: Column): SQL {
  if (currentEngine() === 'postgres')
    return sql`regexp_replace(cc_fold(${column}::text), ${PG_KEY_JOINERS}, '', 'g')`
  let folded = sql`lower(${column})`
  for (const ch of KEY_JOINERS) folded = sql`replace(${folded}, ${ch}, '')`
  return folded
}

const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`)

/** The column's folded key contains `key` (a claimantKey()), LIKE's wildcards taken literally. */
export function keyContains(column: Column, key: string): SQL {
  return sql`${foldedKey(column)} like ${`%${likeLiteral(key)}%`} escape '\\'`
}

/** The column's folded key is `key`; for a JSON list of names, one of them is. */
export function keyEquals(column: Column, key: string, options: { list?: boolean } = {}): SQL {
  if (!options.list) return sql`${foldedKey(column)} = ${key}`
  // A JSON list's text holds each name between quotes: `["donaldjtrump","potus"]` once folded.
  return sql`${foldedKey(column)} like ${`%"${likeLiteral(key)}"%`} escape '\\'`
}

/**
 * The claimant `id` names is found by the search index for `fts` (the engine's full-text query, as
 * textQuery() writes it) in its name or aliases; merged claimants are not in the index.
 */
export function claimantIndexMatches(id: Column, fts: string): SQL {
  if (currentEngine() === 'postgres') {
    return sql`${id} in (select x.id from claimants x where x.search_vector @@ to_tsquery('cc', ${fts}))`
  }
  return sql`${id} in (select r.ref_id from search_refs r where r.kind = 'claimant'
    and r.id in (select rowid from search_index where search_index match ${fts}))`
}

/** 0 for the rows where `condition` holds, else 1 (0 for every row without a condition): to order them first. */
export function zeroWhen(condition: SQL | undefined): SQL<number> {
  return (condition ? sql<number>`(case when ${condition} then 0 else 1 end)` : sql<number>`0`).mapWith(
    Number,
  )
}
