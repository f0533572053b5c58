// POST /api/claim-log/import: the body is streamed to a worker thread that parses, checks and writes
// it (claim-log-import-worker.ts) on a connection of its own, in one transaction, or writes nothing.
// While it holds the database the main connection's writes wait at the write gate (write-gate.ts);
// docs/decisions/0008 records the design.
import type { Worker } from 'node:worker_threads'
import { databaseLocation, startWorkerThread } from '@counterclaim/db'
import { AppError, type ClaimLogImportResult, type ImportIssue } from '@counterclaim/shared'
import {
  type FromImportWorker,
  type ImportWorkerData,
  MAX_LISTED_ISSUES,
  type ToImportWorker,
} from './claim-log-import-worker.ts'
import type { ImportWriteOptions } from './claim-log-import-write.ts'
import type { ServiceContext } from './context.ts'
import type { WriteGate } from './write-gate.ts'

/** The import's worker thread (claim-log-import-worker.ts beside this file, or its .mjs in the bundle). */
function startWorker(): Worker {
  return startWorkerThread(import.meta.url, 'claim-log-import-worker', { resourceLimits: WORKER_LIMITS })
}

// The worker's heap is capped: V8 lets an uncapped one grow to several times what is alive (measured:
// 130 MiB of heap for 30 MiB alive, the difference in the server's RSS); capped, it collects sooner.
// What the worker holds is bounded (a batch of rows, a record of at most 1 MiB, the ids of 20,000 records,
// the file's claim_ids), about 30 MiB for the 50 MiB test file, so the cap leaves room.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 }

type LastWord = Extract<FromImportWorker, { type: 'imported' | 'refused' | 'failed' | 'stopped' }>
type Outcome = { answer: LastWord } | { failed: unknown }

// One worker serves every import in turn (importClaimLog runs one at a time): starting a thread and
// loading the import's modules costs more than a small file's whole import. Between imports it holds
// no connection (each import opens and closes its own); one that failed or would not stop is ended,
// and the next import starts a new one.
let shared: Worker | null = null

function importWorker(): Worker {
  if (shared) return shared
  const worker = startWorker()
  // The server's own handles keep the process alive; an idle import worker must not.
  worker.unref()
  worker.once('exit', () => {
    if (shared === worker) shared = null
  })
  shared = worker
  return worker
}

function endWorker(worker: Worker): Promise<number> {
  if (shared === worker) shared = null
  return worker.terminate()
}

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
  /** A dry run, and whether rows repeating claims already on the desk are imported. */
  write?: ImportWriteOptions
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
  const location = databaseLocation(ctx.db)
  if (!location.databaseUrl && (!location.databasePath || location.databasePath === ':memory:'))
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
  let onMessage: ((message: FromImportWorker) => void) | undefined
  let onError: ((error: Error) => void) | undefined
  let onExit: ((code: number) => void) | undefined
  try {
    const started = importWorker()
    worker = started
    onMessage = (message: FromImportWorker) => {
      if (message.type === 'read') {
        inFlight--
        wake?.()
      } else if (message.type === 'released') gate.open()
      else settle({ answer: message })
    }
    onError = (error: Error) => settle({ failed: error })
    onExit = (code: number) =>
      settle({ failed: new Error(`the import's worker stopped (exit code ${code})`) })
    started.on('message', onMessage)
    started.on('error', onError)
    started.on('exit', onExit)
    const data: ImportWorkerData = {
      location,
      actor: ctx.actor,
      now: ctx.now,
      options: options.write ?? { dryRun: false, allowDuplicates: false },
    }
    started.postMessage({ type: 'begin', data } satisfies ToImportWorker)
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
    if (worker) {
      await stopWorker(worker, end)
      if (onMessage) worker.off('message', onMessage)
      if (onError) worker.off('error', onError)
      if (onExit) worker.off('exit', onExit)
    }
    gate.open()
  }
}

/**
 * Leaves the worker ready for the next import once it has given its last word. One that has not is
 * asked to stop (it rolls back and closes its connection, freeing the write lock) and given
 * STOP_GRACE_MS to say so, else it is ended; one that failed is ended too.
 */
async function stopWorker(worker: Worker, end: { outcome: Outcome | null }): Promise<void> {
  if (!end.outcome) {
    const stopped = await new Promise<boolean>((resolve) => {
      const grace = setTimeout(() => finish(false), STOP_GRACE_MS)
      const onWord = (message: FromImportWorker) => {
        if (message.type !== 'read' && message.type !== 'released') finish(true)
      }
      const onGone = () => finish(false)
      function finish(answered: boolean) {
        clearTimeout(grace)
        worker.off('message', onWord)
        worker.off('exit', onGone)
        resolve(answered)
      }
      worker.on('message', onWord)
      worker.once('exit', onGone)
      worker.postMessage({ type: 'stop' } satisfies ToImportWorker)
    })
    if (!stopped) await endWorker(worker)
    return
  }
  const settled = end.outcome
  if ('failed' in settled || settled.answer.type === 'failed') await endWorker(worker)
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
