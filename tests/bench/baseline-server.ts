/**
 * The bench's baseline for the claim-log page: a tiny node:http server answering with the same 50
 * rows as JSON from one raw prepared statement per filter, the SQL packages/db gives the real route:
 * better-sqlite3 on a SQLite file, or a node-postgres Pool (named prepared statements, as many
 * connections as the app's pool) on a PostgreSQL URL. No framework, no session, no validation: the
 * least work that page can cost. Served the way the app serves it: with `threads` above 0 (the app's
 * SQLite read workers) the statement runs on that many worker threads, each with its own read-only
 * connection and its rows sent back as arrays, while the main thread answers HTTP; with a PostgreSQL URL,
 * `threads` is the pool's size.
 *
 * Run by tests/bench/run.ts: `node --import tsx tests/bench/baseline-server.ts <db file | postgres url> <port> [threads]`.
 */
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import pg from 'pg'
import { numbered } from '../../packages/db/src/claim-log-pg.ts'
import {
  type ClaimLogChoice,
  choiceSql,
  chooseClaimLogStatement,
  connectPostgres,
  createDb,
  isPostgresUrl,
  PG_POOL_SIZE,
  sqliteClient,
  startWorkerThread,
} from '../../packages/db/src/index.ts'
import { fullTextQuery } from '../../packages/domain/src/index.ts'
import { CLAIM_LOG_COLUMNS, ClaimLogQuerySchema } from '../../packages/shared/src/index.ts'

type Params = Record<string, unknown>
interface Job {
  id: number
  sig: string
  sql: string
  params: Params
}

/** A SQLite statement runner on a read-only connection: each statement prepared once, rows as arrays. */
function sqliteRunner(path: string): (job: Omit<Job, 'id'>) => unknown[][] {
  const client = sqliteClient(createDb(path, { readonly: true }))
  const statements = new Map<string, Database.Statement>()
  return ({ sig, sql, params }) => {
    let statement = statements.get(sig)
    if (!statement) {
      statement = client.prepare(sql).raw(true)
      statements.set(sig, statement)
    }
    return statement.all(params) as unknown[][]
  }
}

if (!isMainThread && parentPort) {
  // A worker of the baseline: statements in, rows out.
  const port = parentPort
  const runHere = sqliteRunner(String(workerData))
  port.on('message', (job: Job) => port.postMessage({ id: job.id, rows: runHere(job) }))
} else serve()

function serve(): void {
  const [location, portText, threadsText] = process.argv.slice(2)
  if (!location || !portText)
    throw new Error('usage: baseline-server.ts <db file | postgres url> <port> [threads]')

  const engine = isPostgresUrl(location) ? 'postgres' : 'sqlite'
  const threads = Number(threadsText ?? 0)
  const db = engine === 'postgres' ? connectPostgres(location) : createDb(location, { readonly: true })

  /** Runs the statement of a choice (prepared once, under the name `sig`), rows as arrays. */
  const run: (sig: string, sql: string, params: Params) => Promise<unknown[][]> = (() => {
    if (engine === 'postgres') {
      // The app's pool size; each connection prepares a named statement once.
      const pool = new pg.Pool({ connectionString: location, max: threads || PG_POOL_SIZE })
      return async (sig, sql, params) => {
        const { text, values } = numbered(sql, params)
        return (await pool.query<unknown[]>({ name: `log:${sig}`, text, values, rowMode: 'array' })).rows
      }
    }
    if (threads === 0) {
      const runHere = sqliteRunner(location)
      return async (sig, sql, params) => runHere({ sig, sql, params })
    }
    // As the app's read pool does: a job goes to an idle worker, or waits for the first to finish.
    const idle: Worker[] = []
    const waiting: Job[] = []
    const pending = new Map<number, (rows: unknown[][]) => void>()
    let nextId = 1
    const send = (worker: Worker) => {
      const job = waiting.shift()
      if (job) worker.postMessage(job)
      else idle.push(worker)
    }
    for (let i = 0; i < threads; i++) {
      const worker = startWorkerThread(import.meta.url, 'baseline-server', { workerData: location })
      worker.on('message', ({ id, rows }: { id: number; rows: unknown[][] }) => {
        pending.get(id)?.(rows)
        pending.delete(id)
        send(worker)
      })
      idle.push(worker)
    }
    return (sig, sql, params) =>
      new Promise((resolve) => {
        const id = nextId++
        pending.set(id, resolve)
        waiting.push({ id, sig, sql, params })
        const worker = idle.pop()
        if (worker) send(worker)
      })
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
    // The route's own statement for the choice: a date range's month walks included.
    const sql = choiceSql(choice, { cursor: false, limit: true }, engine)
    const sig = createHash('sha256').update(sql).digest('hex').slice(0, 16)
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
}
