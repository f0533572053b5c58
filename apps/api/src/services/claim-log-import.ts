// POST /api/claim-log/import: the body is streamed to a worker thread that parses, checks and writes
// it (claim-log-import-worker.ts) on a connection of its own, in one transaction, or writes nothing.
// While it holds the database the main connection's writes wait at the write gate (write-gate.ts);
// docs/decisions/0008 records the design.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError, type ClaimLogImportResult, type ImportIssue } from '@counterclaim/shared'
import {
  type FromImportWorker,
  type ImportWorkerData,
  MAX_LISTED_ISSUES,
  type ToImportWorker,
} from './claim-log-import-worker.ts'
import type { ServiceContext } from './context.ts'
import type { WriteGate } from './write-gate.ts'

/**
 * The worker's entry. From the sources (tsx, Vitest) it is the .ts file beside this one, loaded
 * through tsx's loader registered inside the worker; in the server bundle (scripts/server-bundle.ts)
 * it is claim-log-import-worker.mjs, built beside server.mjs by the same esbuild step.
 */
function startWorker(data: ImportWorkerData): Worker {
  const options = { workerData: data, resourceLimits: WORKER_LIMITS }
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./claim-log-import-worker.mjs', import.meta.url), options)
  // tsx's ESM entry of its API (require.resolve would name the CommonJS one).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json')
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href
  const entry = new URL('./claim-log-import-worker.ts', import.meta.url).href
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options)
}

// The worker's heap is capped: V8 lets an uncapped one grow to several times what is alive (measured:
// 130 MiB of heap for 30 MiB alive, the difference in the server's RSS); capped, it collects sooner.
// What the worker holds is bounded (a batch of rows, a record of at most 1 MiB, the ids of 20,000 records,
// the file's claim_ids), about 30 MiB for the 50 MiB test file, so the cap leaves room.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 }

type LastWord = Extract<FromImportWorker, { type: 'imported' | 'refused' | 'failed' | 'stopped' }>
type Outcome = { answer: LastWord } | { failed: unknown }

// Chunks sent to the worker and not parsed yet: the body is read no faster than the worker parses it.
const CHUNKS_IN_FLIGHT = 4
// How long a stopped worker has to roll back and say so before it is ended regardless.
const STOP_GRACE_MS = 10_000

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `The body is larger than ${maxBytes / (1024 * 1024)} MiB.`, {
    limitBytes: maxBytes,
  })
}

function tooSlow(limitMs: number): AppError {
  return new AppError(
    'validation_failed',
    `The file was sent too slowly (the server waited more than ${limitMs / 1000} s for it in all), so nothing was written. Send it again from a faster connection, or in smaller files.`,
  )
}

/**
 * The longest an import may wait, in all, for its client's bytes while it holds the database: 50 MiB in
 * 2 minutes is about 3.5 Mbit/s. Time spent parsing and writing does not count: it is bounded by the
 * body's size. Writes sent meanwhile wait at the gate, so this bounds their wait too.
 */
export const IMPORT_TIME_LIMIT_MS = 120_000

export interface ImportOptions {
  /** The body's limit in bytes: past it, 413. */
  maxBytes: number
  /** The gate the main connection's writes wait at while the import holds the database. */
  gate: WriteGate
  /**
   * How long, in all, the import may wait for the client's bytes; past it the import is refused. With
   * the body's size it bounds how long the import holds the database, and so how long other writes wait.
   */
  timeLimitMs?: number
}

/**
 * Streams the body through the worker, which writes it; refuses the file with every problem listed,
 * a body over `maxBytes` as soon as it passes the limit, a client that keeps it waiting `timeLimitMs`.
 */
async function runInWorker(
  ctx: ServiceContext,
  body: ReadableStream<Uint8Array> | null,
  options: ImportOptions,
) {
  const dbPath = ctx.db.$client.name
  if (!dbPath || dbPath === ':memory:')
    throw new Error('the import writes from a worker: it needs a database file')
  const { gate, maxBytes, timeLimitMs = IMPORT_TIME_LIMIT_MS } = options
  await gate.close()
  let worker: Worker | null = null
  let timer: NodeJS.Timeout | undefined
  // Time spent waiting for the client's bytes (not for the worker): what timeLimitMs bounds.
  let waited = 0
  let inFlight = 0
  let wake: (() => void) | null = null
  // The worker's last word: its answer, or why it stopped.
  const end: { outcome: Outcome | null } = { outcome: null }
  const settle = (value: Outcome) => {
    end.outcome ??= value
    wake?.()
  }
  const waitFor = async (ready: () => boolean) => {
    while (!ready() && !end.outcome) await new Promise<void>((resolve) => (wake = resolve))
    wake = null
  }
  const reader = body?.getReader()
  try {
    const started = startWorker({ dbPath, actor: ctx.actor, now: ctx.now })
    worker = started
    started.on('message', (message: FromImportWorker) => {
      if (message.type === 'read') {
        inFlight--
        wake?.()
      } else if (message.type === 'released') gate.open()
      else settle({ answer: message })
    })
    started.on('error', (error) => settle({ failed: error }))
    started.on('exit', (code) =>
      settle({ failed: new Error(`the import's worker stopped (exit code ${code})`) }),
    )
    const send = (message: ToImportWorker, transfer: ArrayBuffer[] = []) =>
      started.postMessage(message, transfer)
    // A client that sends slowly must not hold the database for ever: each read races what is left
    // of the time the client may keep the import waiting.
    const nextChunk = async (from: ReadableStreamDefaultReader<Uint8Array>) => {
      const since = Date.now()
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), Math.max(0, timeLimitMs - waited))
      })
      try {
        return await Promise.race([from.read(), late])
      } finally {
        clearTimeout(timer)
        waited += Date.now() - since
      }
    }
    let size = 0
    for (;;) {
      if (!reader) break
      await waitFor(() => inFlight < CHUNKS_IN_FLIGHT)
      const read = await nextChunk(reader)
      if (read === 'late') throw tooSlow(timeLimitMs)
      const { done, value } = read
      if (done) break
      size += value.byteLength
      if (size > maxBytes) throw tooLarge(maxBytes)
      // The worker has answered early (a file that is not CSV): the rest is only counted, so that a
      // body over the limit is still 413.
      if (end.outcome) continue
      // A copy with its own buffer, moved to the worker: the chunk may be a view on a shared pool, or
      // one its producer sends again.
      const bytes = value.slice()
      inFlight++
      send({ type: 'chunk', bytes }, [bytes.buffer])
    }
    send({ type: 'end' })
    // Once the whole body is in, the worker's last batches and its commit take a time bounded by its size.
    await waitFor(() => false)
    const settled = end.outcome as Outcome | null
    if (!settled || 'failed' in settled)
      throw settled?.failed ?? new Error('the import worker gave no answer')
    const { answer } = settled
    if (answer.type === 'imported') return answer.result
    if (answer.type === 'refused') throw importError(answer.issues, answer.issueCount)
    if (answer.type === 'failed') throw new Error(`the import's worker failed: ${answer.message}`)
    throw new Error('the import worker stopped unasked')
  } finally {
    clearTimeout(timer)
    await reader?.cancel().catch(() => {})
    if (worker) await stopWorker(worker, end)
    gate.open()
  }
}

/**
 * Ends the worker. One that has not given its last word is asked to stop (it rolls back and closes
 * its connection, freeing the write lock) and given STOP_GRACE_MS to say so; then it is terminated.
 */
async function stopWorker(worker: Worker, end: { outcome: Outcome | null }): Promise<void> {
  if (!end.outcome) {
    const stopped = new Promise<void>((resolve) => {
      const grace = setTimeout(resolve, STOP_GRACE_MS)
      const done = () => {
        clearTimeout(grace)
        resolve()
      }
      worker.on('message', (message: FromImportWorker) => {
        if (message.type === 'stopped' || message.type === 'imported' || message.type === 'refused') done()
        if (message.type === 'failed') done()
      })
      worker.once('exit', done)
    })
    worker.postMessage({ type: 'stop' } satisfies ToImportWorker)
    await stopped
  }
  await worker.terminate()
}

let running: Promise<unknown> = Promise.resolve()

/**
 * Imports claim-log rows from a CSV body: all of them in one transaction, or none with every refused
 * row named. One import runs at a time in the process, so two large files never share its memory.
 */
export function importClaimLog(
  ctx: ServiceContext,
  body: ReadableStream<Uint8Array> | null,
  options: ImportOptions,
): Promise<ClaimLogImportResult> {
  const run = running.then(() => runInWorker(ctx, body, options))
  running = run.catch(() => {})
  return run
}

function importError(issues: ImportIssue[], total = issues.length): AppError {
  const shown = issues.slice(0, MAX_LISTED_ISSUES)
  return new AppError(
    'validation_failed',
    `The file was not imported: ${total} ${total === 1 ? 'problem' : 'problems'}${
      total > shown.length ? ` (the first ${shown.length} listed)` : ''
    }. Nothing was written.`,
    shown,
  )
}
