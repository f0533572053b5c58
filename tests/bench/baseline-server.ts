/**
 * The bench's baseline for the claim-log page: a tiny node:http server answering with the same 50
 * rows as JSON from one raw prepared better-sqlite3 statement per filter, the SQL packages/db
 * gives the real route. No framework, no session, no validation: the least work that page can cost.
 *
 * Run by tests/bench/run.ts: `node --import tsx tests/bench/baseline-server.ts <db> <port>`.
 */
import { createServer } from 'node:http'
import Database from 'better-sqlite3'
import { claimLogSql, TAG_SCAN_FROM } from '../../packages/db/src/index.ts'
import { ftsQuery } from '../../packages/domain/src/index.ts'
import { CLAIM_LOG_COLUMNS } from '../../packages/shared/src/index.ts'

const [dbPath, portText] = process.argv.slice(2)
if (!dbPath || !portText) throw new Error('usage: baseline-server.ts <db> <port>')

const FILTER_KEYS = ['disputeId', 'claimantId', 'rating', 'status', 'from', 'to', 'tag', 'fts'] as const
type FilterKey = (typeof FILTER_KEYS)[number] | 'tagScan'

const db = new Database(dbPath, { readonly: true, fileMustExist: true })
const statements = new Map<string, Database.Statement>()
// The route picks the tag's statement by how many disputes carry it; the baseline picks the same
// one, once per tag, so each request is still one statement.
const tagCounts = new Map<string, number>()
const tagDisputes = db
  .prepare('SELECT count(*) FROM (SELECT 1 FROM dispute_tags WHERE tag = ? LIMIT ?)')
  .pluck()

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  const params: Record<string, string | number> = { limit: 50 }
  const keys = new Set<FilterKey>()
  for (const key of FILTER_KEYS) {
    const value = key === 'fts' ? ftsQuery(url.searchParams.get('q') ?? '') : url.searchParams.get(key)
    if (!value) continue
    params[key] = key === 'tag' ? value.toLowerCase() : value
    if (key === 'tag') {
      const tag = value.toLowerCase()
      let n = tagCounts.get(tag)
      if (n === undefined) {
        n = tagDisputes.get(tag, TAG_SCAN_FROM) as number
        tagCounts.set(tag, n)
      }
      keys.add(n >= TAG_SCAN_FROM ? 'tagScan' : 'tag')
    } else keys.add(key)
  }
  const sig = [...keys].join(',')
  let statement = statements.get(sig)
  if (!statement) {
    statement = db.prepare(claimLogSql(keys, { cursor: false, limit: true })).raw(true)
    statements.set(sig, statement)
  }
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
