// The claim-log import, run in a worker thread (services/claim-log-import.ts starts it): the request
// body arrives here in chunks and is parsed by csv-parse's streaming parser, each record checked as it
// is read; valid rows are checked against the database and written a batch at a time, on this
// thread's own connection, in one transaction (claim-log-import-write.ts). Neither a 50 MiB file nor
// its rows are ever held whole, and the server's event loop goes on answering while a file is read
// and written (docs/decisions/0008). The answer goes back as one message. Messages are handled one at a
// time, each to its end (its rows written) before the next: the writer's queries are awaited, and two
// messages must never interleave on the connection and its one transaction.
import { parentPort } from 'node:worker_threads'
import { closeDb, type DatabaseLocation, openDatabase } from '@counterclaim/db'
import { type ClaimLogField, headerOfField, importRecord, readImportHeader } from '@counterclaim/domain'
import {
  type ClaimLogImportResult,
  ClaimLogImportRowSchema,
  type ImportIssue,
  type SessionUser,
} from '@counterclaim/shared'
import { parse } from 'csv-parse'
import { type ImportWriteOptions, ImportWriter, type ParsedRow } from './claim-log-import-write.ts'
import { NUL_MESSAGE } from './nul-text.ts'

/** What the worker starts with: the database file, who imports, the time of the import. */
export interface ImportWorkerData {
  location: DatabaseLocation
  actor: SessionUser
  now: string
  options: ImportWriteOptions
}

/**
 * What the server sends: `begin` with the import's data, the body's bytes in order, then its end; or `stop` (the body passed its
 * limit, the client went away, time ran out): roll back and say `stopped`.
 */
export type ToImportWorker =
  | { type: 'begin'; data: ImportWorkerData }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'stop' }

/**
 * What the worker answers: `read` once per chunk parsed (the server sends more only then);
 * `released` when its transaction ended without a commit (the server's writes may go on); then one
 * last word: `imported` with the counts, `refused` with the problems (the first MAX_LISTED_ISSUES)
 * and their total, `failed` when something unexpected broke it, or `stopped` after a stop.
 */
export type FromImportWorker =
  | { type: 'read' }
  | { type: 'released' }
  | { type: 'imported'; result: ClaimLogImportResult }
  | { type: 'refused'; issues: ImportIssue[]; issueCount: number }
  | { type: 'failed'; message: string }
  | { type: 'stopped' }

/** How many problems a refusal lists; the message gives the total. */
export const MAX_LISTED_ISSUES = 1000
const MAX_RECORD_BYTES = 1024 * 1024
// Rows checked and written together: big enough that SQLite's per-statement cost stays low, small
// enough that one batch is all the import holds.
const ROWS_PER_BATCH = 1000

/**
 * What a reader says as it reads a file. The events are synchronous (called from inside the parser);
 * whoever listens queues any database work they start, in order.
 */
export interface ReaderEvents {
  /** A chunk is parsed: the next one may come. */
  read(): void
  /** Rows whose cells are valid, in batches, while no row has been refused. */
  rows(rows: ParsedRow[]): void
  /** The first row (or header) refused: the rows sent so far must not be kept. */
  refused(): void
  /** The end: the problems that refuse the file (none when every row was sent), their total, the rows. */
  done(outcome: { issues: ImportIssue[]; issueCount: number; rowCount: number }): void
}

/**
 * Reads one file: feed it chunks with `write`, then `end`. `write` resolves once the parser has taken
 * the chunk (its events are said), `end` once the file is over (`done` is said).
 */
export function importReader(events: ReaderEvents) {
  let fields: ClaimLogField[] | null = null
  let headerIssues: ImportIssue[] | null = null
  let legacy = false
  let seenHeader = false
  let previousEnd = 0
  let rowCount = 0
  let issueCount = 0
  let syntaxIssue: ImportIssue | null = null
  let finished = false
  let settle: () => void = () => {}
  const ended = new Promise<void>((resolve) => (settle = resolve))
  const issues: ImportIssue[] = []
  let batch: ParsedRow[] = []

  const flushRows = () => {
    const rows = batch
    batch = []
    if (rows.length) events.rows(rows)
  }
  const refuse = (issue: ImportIssue) => {
    if (issueCount === 0) events.refused()
    issueCount++
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue)
    // All rows or none: once one is refused, no more of them are written.
    batch = []
  }
  // A record starts on the line after the previous one ends (quoted cells may hold line breaks).
  const take = (record: string[], end: number): void => {
    const line = previousEnd + 1
    previousEnd = end
    if (!seenHeader) {
      seenHeader = true
      const read = readImportHeader(record)
      legacy = read.legacy
      if (read.fields) fields = read.fields
      else headerIssues = read.issues
      return
    }
    if (!fields) return
    if (record.length === 1 && record[0] === '') return
    if (record.length !== fields.length) {
      refuse({
        line,
        column: '',
        message: `has ${record.length} cells where the header has ${fields.length}`,
      })
      return
    }
    const withNul = record.findIndex((cell) => cell.includes('\u0000'))
    if (withNul >= 0) {
      refuse({ line, column: headerOfField(fields[withNul] ?? ''), message: NUL_MESSAGE })
      return
    }
    const parsed = ClaimLogImportRowSchema.safeParse(importRecord(fields, record, legacy))
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        refuse({ line, column: headerOfField(String(issue.path[0] ?? '')), message: issue.message })
      return
    }
    rowCount++
    if (issueCount === 0) {
      batch.push({ line, row: parsed.data })
      if (batch.length >= ROWS_PER_BATCH) flushRows()
    }
  }

  const finish = () => {
    if (finished) return
    finished = true
    settle()
    const done = (list: ImportIssue[], count = list.length) => {
      if (count && issueCount === 0) events.refused()
      events.done({ issues: list, issueCount: count, rowCount })
    }
    if (syntaxIssue) return done([syntaxIssue])
    if (!seenHeader)
      return done([{ line: 1, column: '', message: 'the file is empty: it needs a header row' }])
    if (headerIssues) return done(headerIssues)
    if (!fields) return done([{ line: 1, column: '', message: 'the header row is unreadable' }])
    if (issueCount) return done(issues, issueCount)
    if (rowCount === 0) return done([{ line: 2, column: '', message: 'the file has no rows' }])
    flushRows()
    done([])
  }

  const parser = parse({
    relax_column_count: true,
    bom: true,
    // Named, not discovered: csv-parse looks for the line ending at every byte until it finds one,
    // about ten times slower on a long first line.
    record_delimiter: ['\r\n', '\n', '\r'],
    // No valid row comes near it; a longer record (an endless cell, a quote never closed) is refused
    // before it can fill the worker's memory.
    max_record_size: MAX_RECORD_BYTES,
    on_record: (record: string[], context) => {
      take(record, context.lines)
      return null
    },
  })
  parser.on('error', (error: Error & { lines?: unknown }) => {
    const line = typeof error.lines === 'number' ? error.lines : 1
    syntaxIssue = {
      line,
      column: '',
      message: `the file is not valid CSV: ${error.message.replace(/^[A-Za-z ]+:\s*/, '')}`,
    }
    finish()
  })
  parser.on('finish', finish)
  // Records are dropped in on_record, so nothing is ever read from the parser's other side.
  parser.resume()

  return {
    write(bytes: Uint8Array): Promise<void> {
      if (finished) {
        events.read()
        return Promise.resolve()
      }
      return new Promise((resolve) =>
        parser.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), () => {
          events.read()
          resolve()
        }),
      )
    },
    end(): Promise<void> {
      if (!finished) parser.end()
      return ended
    },
  }
}

/** Throws where nothing catches it: the worker fails, and the server ends it and answers 500. */
function crash(error: unknown): void {
  setImmediate(() => {
    throw error
  })
}

/**
 * Runs one import on this thread: parse, check, write, and the one answer through `send`. Every step
 * that touches the connection is queued and runs after the one before has ended; `receive` resolves
 * once its message has been taken and the steps it queued have run.
 */
export function runImport(data: ImportWorkerData, send: (message: FromImportWorker) => void) {
  const db = openDatabase(data.location)
  const writer = new ImportWriter(db, data.actor, data.now, data.options, () => send({ type: 'released' }))
  let over = false
  let work: Promise<void> = Promise.resolve()
  // Queues a step; one that throws fails the import.
  const step = (run: () => void | Promise<void>) => {
    work = work.then(run).catch(fail)
  }
  // Resolves once every step queued so far, and any they queued in turn, has run.
  const drained = async () => {
    let current: Promise<void>
    do {
      current = work
      await current
    } while (current !== work)
  }
  // Ends the import once: what was not committed is rolled back, the connection closed, the answer sent.
  const end = (answer: FromImportWorker) => {
    if (over) return
    over = true
    work = work
      .then(async () => {
        try {
          await writer.stop()
        } finally {
          await closeDb(db)
          send(answer)
        }
      })
      .catch(crash)
  }
  function fail(error: unknown) {
    end({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  }
  // Problems only the database tells (claim_ids, archived disputes); listed when the cells have none.
  const found: ImportIssue[] = []
  let foundCount = 0
  const reader = importReader({
    // Said once the chunk's rows are written: the server sends the next chunk only then.
    read: () =>
      step(() => {
        if (!over) send({ type: 'read' })
      }),
    rows: (rows) =>
      step(async () => {
        if (over) return
        for (const issue of await writer.take(rows)) {
          foundCount++
          if (found.length < MAX_LISTED_ISSUES) found.push(issue)
        }
      }),
    refused: () => step(() => writer.stop()),
    done: ({ issues, issueCount }) =>
      step(async () => {
        if (over) return
        if (issueCount) end({ type: 'refused', issues, issueCount })
        else if (foundCount) end({ type: 'refused', issues: found, issueCount: foundCount })
        else {
          const result = await writer.commit()
          end({ type: 'imported', result })
        }
      }),
  })
  step(() => writer.begin())
  return {
    /** Resolves once the steps queued so far (the transaction's start, after `begin`) have run. */
    drained,
    async receive(message: ToImportWorker): Promise<void> {
      if (message.type === 'stop') end({ type: 'stopped' })
      else if (over) send({ type: 'read' })
      else if (message.type === 'chunk') await reader.write(message.bytes)
      else await reader.end()
      await drained()
    },
  }
}

if (parentPort) {
  // One worker serves imports in turn: each starts with `begin`, and what comes after belongs to it.
  // Each message is handled to its end before the next one starts.
  const port = parentPort
  let run: ReturnType<typeof runImport> | null = null
  let handled: Promise<void> = Promise.resolve()
  const handle = async (message: ToImportWorker) => {
    if (message.type === 'begin') {
      run = runImport(message.data, (answer) => port.postMessage(answer))
      await run.drained()
    } else if (run) await run.receive(message)
    else if (message.type === 'stop') port.postMessage({ type: 'stopped' } satisfies FromImportWorker)
    else if (message.type === 'chunk') port.postMessage({ type: 'read' } satisfies FromImportWorker)
  }
  port.on('message', (message: ToImportWorker) => {
    handled = handled.then(() => handle(message)).catch(crash)
  })
}
