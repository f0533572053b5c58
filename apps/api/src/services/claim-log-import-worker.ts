// The reading half of the claim-log import, run in a worker thread (services/claim-log-import.ts
// starts it): the request body arrives here in chunks and is parsed by csv-parse's streaming parser,
// each record checked as it is read and then dropped, so neither a 50 MiB file nor its cells are ever
// held whole, and the server's event loop goes on answering while a file is read (issue 10, item 12).
// Valid rows go back to the server in batches; the writing stays on its one writer connection.
import { parentPort } from 'node:worker_threads'
import { type ClaimLogField, headerOfField, importRecord, readImportHeader } from '@counterclaim/domain'
import { type ClaimLogImportRow, ClaimLogImportRowSchema, type ImportIssue } from '@counterclaim/shared'
import { parse } from 'csv-parse'

/** A checked row and the line of the file it starts on (the header is line 1). */
export interface ParsedRow {
  line: number
  row: ClaimLogImportRow
}

/** What the server sends: the body's bytes in order, then its end. */
export type ToImportWorker = { type: 'chunk'; bytes: Uint8Array } | { type: 'end' }

/**
 * What the worker answers: `read` once per chunk parsed (the server sends more only then), valid rows
 * in batches while the file has no problem, and at the end `done` with the problems that refuse it
 * (none: every row was sent), their total and the number of rows.
 */
export type FromImportWorker =
  | { type: 'read' }
  | { type: 'rows'; rows: ParsedRow[] }
  | { type: 'done'; issues: ImportIssue[]; issueCount: number; rowCount: number }

/** How many problems a refusal lists; the message gives the total. */
export const MAX_LISTED_ISSUES = 1000
const ROWS_PER_MESSAGE = 1000

/** Reads one file: feed it chunks with `write`, then `end`; `send` receives the answers above. */
export function importReader(send: (message: FromImportWorker) => void) {
  let fields: ClaimLogField[] | null = null
  let headerIssues: ImportIssue[] | null = null
  let seenHeader = false
  let previousEnd = 0
  let rowCount = 0
  let issueCount = 0
  let syntaxIssue: ImportIssue | null = null
  let finished = false
  const issues: ImportIssue[] = []
  let batch: ParsedRow[] = []

  const flushRows = () => {
    if (batch.length) send({ type: 'rows', rows: batch })
    batch = []
  }
  const refuse = (issue: ImportIssue) => {
    issueCount++
    if (issues.length < MAX_LISTED_ISSUES) issues.push(issue)
    // All rows or none: once one is refused, the server needs no more of them.
    batch = []
  }
  // A record starts on the line after the previous one ends (quoted cells may hold line breaks).
  const take = (record: string[], end: number): void => {
    const line = previousEnd + 1
    previousEnd = end
    if (!seenHeader) {
      seenHeader = true
      const read = readImportHeader(record)
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
    const parsed = ClaimLogImportRowSchema.safeParse(importRecord(fields, record))
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        refuse({ line, column: headerOfField(String(issue.path[0] ?? '')), message: issue.message })
      return
    }
    rowCount++
    if (issueCount === 0) {
      batch.push({ line, row: parsed.data })
      if (batch.length >= ROWS_PER_MESSAGE) flushRows()
    }
  }

  const finish = () => {
    if (finished) return
    finished = true
    const done = (list: ImportIssue[], count = list.length) =>
      send({ type: 'done', issues: list, issueCount: count, rowCount })
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
    write(bytes: Uint8Array) {
      if (finished) send({ type: 'read' })
      else
        parser.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), () =>
          send({ type: 'read' }),
        )
    },
    end() {
      if (!finished) parser.end()
    },
  }
}

if (parentPort) {
  const port = parentPort
  const reader = importReader((message) => port.postMessage(message))
  port.on('message', (message: ToImportWorker) => {
    if (message.type === 'chunk') reader.write(message.bytes)
    else reader.end()
  })
}
