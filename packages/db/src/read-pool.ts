// SQLite's read pool (docs/decisions/0020-read-pool.md): the hot reads of a file database run on worker
// threads, each with a read-only connection of its own, so every core serves pages while the writes stay
// on the main thread's one connection. WAL lets the readers read beside the writer; each statement reads
// the database as last committed when it starts, so a read that starts after a write's response sees it.
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { AppError } from '@counterclaim/shared'
import type { claimLogPage, searchIndex } from './claim-log.ts'
import type { matchCandidates } from './matching.ts'
import { startWorkerThread } from './worker-thread.ts'

/**
 * The reads a worker runs: packages/db's own functions, called in the worker on its connection (the one
 * home of their SQL). Each takes the database handle first, then what crosses to the worker.
 */
export interface PooledReads {
  claimLogPage: typeof claimLogPage
  searchIndex: typeof searchIndex
  matchCandidates: typeof matchCandidates
}
export type PooledRead = keyof PooledReads
type ArgsOf<K extends PooledRead> = Parameters<PooledReads[K]> extends [unknown, ...infer Rest] ? Rest : never
type ResultOf<K extends PooledRead> = Awaited<ReturnType<PooledReads[K]>>

/** What a worker starts with. */
export interface ReadWorkerData {
  path: string
  cacheKiB: number
}

/** A read for a worker; `exit` (the pool's test hook) has the worker end itself on receiving it. */
export type ToReadWorker = { id: number; read: PooledRead; args: unknown[]; exit?: boolean }
/** `ready` once its connection is open; then one answer per read. */
export type FromReadWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: { name: string; message: string; code?: string } }

/** The pool's size unless the setting names one: every core, up to 4. */
export const DEFAULT_READ_WORKERS = Math.min(availableParallelism(), 4)
/**
 * Each worker connection's page cache: SQLite's default is 2 MiB; the hot reads walk the same index pages
 * (the log's order, the search index's newest rows) again and again, so each reader keeps more of them.
 */
export const READ_CACHE_KIB = 16 * 1024
// A worker holds one statement's rows at a time (a page of the log, 20 hits, 120 candidates): a small heap
// collects sooner, and keeps each worker's memory near what it uses.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 }

interface Task {
  message: ToReadWorker
  resolve(value: unknown): void
  reject(error: unknown): void
}

interface Slot {
  worker: Worker
  ready: boolean
  task: Task | null
}

/** How a pool stands: for tests and the bench. */
export interface ReadPoolState {
  /** Workers started (ready or starting). */
  workers: number
  ready: number
  busy: number
  queued: number
  /** Workers that ended while running and were replaced. */
  replaced: number
  /** Reads the workers have answered. */
  served: number
}

function stopped(): AppError {
  return new AppError(
    'internal',
    'The database reader answering this request stopped before it finished. Nothing was changed; try again.',
  )
}

/**
 * N worker threads reading one SQLite file. A read goes to an idle worker, or waits in line for the first
 * to finish; a worker that ends while reading fails that read (500 in the one error shape) and is replaced.
 */
export class ReadPool {
  private readonly slots: Slot[] = []
  private readonly queue: Task[] = []
  private nextId = 1
  private closing = false
  private replaced = 0
  private served = 0
  private endNext = false
  private readonly replacing = new Set<Promise<void>>()
  private readonly started: Promise<void>
  private readonly data: ReadWorkerData

  constructor(
    path: string,
    readonly size: number,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {
    this.data = { path, cacheKiB: READ_CACHE_KIB }
    const starts: Promise<void>[] = []
    for (let i = 0; i < size; i++) starts.push(this.start())
    this.started = Promise.all(starts).then(() => undefined)
    // Not awaited by whoever opens the database: a failure is also said by ready().
    this.started.catch(() => undefined)
  }

  /**
   * Resolves once every worker, a replacement too, has its connection open; rejects, naming why, when one
   * of the first cannot open it.
   */
  async ready(): Promise<void> {
    await this.started
    await Promise.all(this.replacing)
  }

  /** Whether reads can go to the pool: it is open and has a worker that has started. */
  get serving(): boolean {
    return !this.closing && this.slots.some((slot) => slot.ready)
  }

  state(): ReadPoolState {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.task).length,
      queued: this.queue.length,
      replaced: this.replaced,
      served: this.served,
    }
  }

  /** Runs one of packages/db's reads on a worker's connection. */
  run<K extends PooledRead>(read: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
    if (this.closing) return Promise.reject(stopped())
    return new Promise((resolve, reject) => {
      const message: ToReadWorker = { id: this.nextId++, read, args }
      this.queue.push({ message, resolve: resolve as (value: unknown) => void, reject })
      this.dispatch()
    })
  }

  /**
   * The test hook: the worker that takes the next read ends itself on receiving it (as a thread that
   * crashes would), so that read fails and the worker is replaced.
   */
  endWorkerOnNextRead(): void {
    this.endNext = true
  }

  /** Ends every worker; reads still waiting fail. */
  async close(): Promise<void> {
    this.closing = true
    for (const task of this.queue.splice(0)) task.reject(stopped())
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return
      // A starting worker takes a read too: it is queued on its port until the worker listens.
      if (slot.task) continue
      const task = this.queue.shift()
      if (!task) return
      slot.task = task
      slot.worker.postMessage(this.endNext ? { ...task.message, exit: true } : task.message)
      this.endNext = false
    }
  }

  private start(): Promise<void> {
    const worker = startWorkerThread(import.meta.url, 'sqlite-read-worker', {
      workerData: this.data,
      resourceLimits: WORKER_LIMITS,
    })
    const slot: Slot = { worker, ready: false, task: null }
    this.slots.push(slot)
    let failure: Error | null = null
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromReadWorker) => {
        if (message.type === 'ready') {
          slot.ready = true
          resolve()
          return
        }
        const task = slot.task
        if (!task || task.message.id !== message.id) return
        slot.task = null
        this.served++
        if (message.type === 'done') task.resolve(message.result)
        else task.reject(Object.assign(new Error(message.error.message), message.error))
        this.dispatch()
      })
      worker.on('error', (error) => {
        failure = error
      })
      worker.on('exit', (code) => {
        const index = this.slots.indexOf(slot)
        if (index >= 0) this.slots.splice(index, 1)
        slot.task?.reject(stopped())
        slot.task = null
        if (this.closing) return
        if (!slot.ready) {
          // It never opened its connection: starting another would fail the same way.
          const why = failure?.message ?? `it ended with code ${code}`
          reject(new Error(`a database reader thread could not start: ${why}`))
          this.log(`a database reader thread could not start: ${why}`)
          if (!this.serving) for (const task of this.queue.splice(0)) task.reject(stopped())
          else this.dispatch()
          return
        }
        this.log(`a database reader thread ended (${failure?.message ?? `code ${code}`}); starting another`)
        this.replaced++
        const replacement = this.start().catch(() => undefined)
        this.replacing.add(replacement)
        replacement.then(() => this.replacing.delete(replacement))
        this.dispatch()
      })
    })
  }
}
