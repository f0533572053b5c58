/**
 * The bench's baseline for the claim-log page: a tiny node:http server answering with the same 50
 * rows as JSON from one raw prepared better-sqlite3 statement per filter, the SQL packages/db
 * gives the real route. No framework, no session, no validation: the least work that page can cost.
 *
 * Run by tests/bench/run.ts: `node --import tsx tests/bench/baseline-server.ts <db> <port>`.
 */
import { createServer } from 'node:http'
import type Database from 'better-sqlite3'
import {
  type ClaimLogChoice,
  chooseClaimLogStatement,
  claimLogSql,
  createDb,
  sqliteClient,
} from '../../packages/db/src/index.ts'
import { ftsQuery } from '../../packages/domain/src/index.ts'
import { CLAIM_LOG_COLUMNS, ClaimLogQuerySchema } from '../../packages/shared/src/index.ts'

const [dbPath, portText] = process.argv.slice(2)
if (!dbPath || !portText) throw new Error('usage: baseline-server.ts <db> <port>')

const db = createDb(dbPath, { readonly: true })
const statements = new Map<string, Database.Statement>()
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
    choice = await chooseClaimLogStatement(db, { ...filters, fts: q ? ftsQuery(q) : null })
    choices.set(url.search, choice)
  }
  const sig = [...choice.keys].join(',')
  let statement = statements.get(sig)
  if (!statement) {
    statement = sqliteClient(db)
      .prepare(claimLogSql(choice.keys, { cursor: false, limit: true }))
      .raw(true)
    statements.set(sig, statement)
  }
  const params = { ...choice.params, limit: 50 }
  const rows = statement.all(params) as unknown[][]
  const items = rows.map((row) => {
    const item: Record<string, unknown> = {}
    CLAIM_LOG_COLUMNS.forEach((column, i) => {
      item[column.field] = column.cell === 'tags' ? JSON.parse(String(row[i])) : row[i]
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
