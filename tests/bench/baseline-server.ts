/**
 * The bench's baseline for the claim-log page: a tiny node:http server answering with the same 50
 * rows as JSON from one raw prepared statement per filter, the SQL packages/db gives the real route:
 * better-sqlite3 on a SQLite file, or a node-postgres Pool (named prepared statements, as many
 * connections as the app's pool) on a PostgreSQL URL. No framework, no session, no validation: the
 * least work that page can cost.
 *
 * Run by tests/bench/run.ts: `node --import tsx tests/bench/baseline-server.ts <db file | postgres url> <port>`.
 */
import { createServer } from 'node:http'
import type Database from 'better-sqlite3'
import pg from 'pg'
import { numbered } from '../../packages/db/src/claim-log-pg.ts'
import {
  type ClaimLogChoice,
  chooseClaimLogStatement,
  claimLogSql,
  connectPostgres,
  createDb,
  isPostgresUrl,
  sqliteClient,
} from '../../packages/db/src/index.ts'
import { fullTextQuery } from '../../packages/domain/src/index.ts'
import { CLAIM_LOG_COLUMNS, ClaimLogQuerySchema } from '../../packages/shared/src/index.ts'

const [location, portText] = process.argv.slice(2)
if (!location || !portText) throw new Error('usage: baseline-server.ts <db file | postgres url> <port>')

const engine = isPostgresUrl(location) ? 'postgres' : 'sqlite'
const db = engine === 'postgres' ? connectPostgres(location) : createDb(location, { readonly: true })

/** Runs the statement of a choice (prepared once, under the name `sig`), rows as arrays. */
const run: (sig: string, sql: string, params: Record<string, unknown>) => Promise<unknown[][]> = (() => {
  if (engine === 'postgres') {
    // The app's pool size (packages/db's createPgDb); each connection prepares a named statement once.
    const pool = new pg.Pool({ connectionString: location, max: 10 })
    return async (sig, sql, params) => {
      const { text, values } = numbered(sql, params)
      return (await pool.query<unknown[]>({ name: `log:${sig}`, text, values, rowMode: 'array' })).rows
    }
  }
  const statements = new Map<string, Database.Statement>()
  return async (sig, sql, params) => {
    let statement = statements.get(sig)
    if (!statement) {
      statement = sqliteClient(db).prepare(sql).raw(true)
      statements.set(sig, statement)
    }
    return statement.all(params) as unknown[][]
  }
})()

// The route picks its statement by counting some filters' matches (packages/db's
// chooseClaimLogStatement); the baseline takes the same choice once per query string, so each
// request is still one statement.
const choices = new Map<string, ClaimLogChoice>()

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  let choice = choices.get(url.search)
  if (!choice) {
    const {
      q,
      limit: _limit,
      cursor: _cursor,
      ...filters
    } = ClaimLogQuerySchema.parse(Object.fromEntries(url.searchParams))
    choice = await chooseClaimLogStatement(db, { ...filters, fts: q ? fullTextQuery(q, engine) : null })
    choices.set(url.search, choice)
  }
  const sig = [...choice.keys].join(',')
  const sql = claimLogSql(choice.keys, { cursor: false, limit: true }, engine)
  const rows = await run(sig, sql, { ...choice.params, limit: 50 })
  const items = rows.map((row) => {
    const item: Record<string, unknown> = {}
    CLAIM_LOG_COLUMNS.forEach((column, i) => {
      item[column.field] =
        column.cell === 'tags' || column.cell === 'json' ? JSON.parse(String(row[i])) : row[i]
    })
    return item
  })
  const last = items.at(-1)
  const body = JSON.stringify({ items, nextCursor: last ? String(last.updatedAt) : null })
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
})
server.listen(Number(portText), '127.0.0.1', () => console.log('baseline listening'))
process.once('SIGTERM', () => server.close(() => process.exit(0)))
