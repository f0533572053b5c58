// A worker thread of SQLite's read pool (read-pool.ts): one read-only connection to the database file, on
// which it runs packages/db's own read functions, one message at a time, and answers each.
import { parentPort, workerData } from 'node:worker_threads'
import { claimLogPage, searchIndex } from './claim-log.ts'
import { createDb, sqliteClient } from './client.ts'
import { matchCandidates } from './matching.ts'
import type { FromReadWorker, PooledReads, ReadWorkerData, ToReadWorker } from './read-pool.ts'

const reads: PooledReads = { claimLogPage, searchIndex, matchCandidates }

if (parentPort) {
  const port = parentPort
  const data = workerData as ReadWorkerData
  const db = createDb(data.path, { readonly: true })
  sqliteClient(db).pragma(`cache_size = ${-data.cacheKiB}`)
  const answer = (message: FromReadWorker) => port.postMessage(message)
  port.on('message', async (message: ToReadWorker) => {
    if (message.exit) process.exit(1)
    try {
      const read = reads[message.read] as (db: unknown, ...args: unknown[]) => Promise<unknown>
      answer({ type: 'done', id: message.id, result: await read(db, ...message.args) })
    } catch (error) {
      const {
        name = 'Error',
        message: text = String(error),
        code,
      } = (error ?? {}) as {
        name?: string
        message?: string
        code?: unknown
      }
      answer({
        type: 'failed',
        id: message.id,
        error: { name, message: text, ...(typeof code === 'string' ? { code } : {}) },
      })
    }
  })
  answer({ type: 'ready' })
}
