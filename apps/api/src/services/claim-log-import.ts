// POST /api/claim-log/import: the body is streamed to a worker thread that parses and checks it
// (claim-log-import-worker.ts); its valid rows come back in batches and are written here, on the
// server's one writer connection, in one transaction with their history events, or not at all.
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { beginSearchBulkLoad, type Db, endSearchBulkLoad, tables } from '@counterclaim/db'
import {
  AppError,
  type ClaimLogImportResult,
  type ClaimLogImportRow,
  type ImportIssue,
  ratingLabel,
  type VerdictStatus,
} from '@counterclaim/shared'
import { and, getTableColumns, getTableName, inArray, isNull, max } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import {
  type FromImportWorker,
  MAX_LISTED_ISSUES,
  type ParsedRow,
  type ToImportWorker,
} from './claim-log-import-worker.ts'
import type { ServiceContext } from './context.ts'
import type { HistoryInput } from './history.ts'
import { takeSnapshot } from './snapshots.ts'

/**
 * The worker's entry. From the sources (tsx, Vitest) it is the .ts file beside this one, loaded
 * through tsx's loader registered inside the worker; in the server bundle (scripts/server-bundle.ts)
 * it is claim-log-import-worker.mjs, built beside server.mjs by the same esbuild step.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./claim-log-import-worker.mjs', import.meta.url))
  // tsx's ESM entry of its API (require.resolve would name the CommonJS one).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json')
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href
  const entry = new URL('./claim-log-import-worker.ts', import.meta.url).href
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`))
}

type Outcome = { done: Extract<FromImportWorker, { type: 'done' }> } | { failed: unknown }

// Chunks sent to the worker and not parsed yet: the body is read no faster than the worker parses it.
const CHUNKS_IN_FLIGHT = 4

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `The body is larger than ${maxBytes / (1024 * 1024)} MiB.`, {
    limitBytes: maxBytes,
  })
}

/**
 * Streams the body through the worker and gathers its valid rows; refuses the file with every
 * problem listed, or a body over `maxBytes` as soon as it passes the limit.
 */
async function readInWorker(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<ParsedRow[]> {
  const worker = startWorker()
  const rows: ParsedRow[] = []
  let inFlight = 0
  let wake: (() => void) | null = null
  // The worker's last word: its verdict on the file, or why it stopped.
  const end: { outcome: Outcome | null } = { outcome: null }
  const settle = (value: Outcome) => {
    end.outcome ??= value
    wake?.()
  }
  worker.on('message', (message: FromImportWorker) => {
    if (message.type === 'rows') for (const row of message.rows) rows.push(row)
    else if (message.type === 'read') {
      inFlight--
      wake?.()
    } else settle({ done: message })
  })
  worker.on('error', (error) => settle({ failed: error }))
  worker.on('exit', (code) =>
    settle({ failed: new Error(`the import's worker stopped (exit code ${code})`) }),
  )
  const send = (message: ToImportWorker, transfer: ArrayBuffer[] = []) =>
    worker.postMessage(message, transfer)
  const waitFor = async (ready: () => boolean) => {
    while (!ready() && !end.outcome) await new Promise<void>((resolve) => (wake = resolve))
    wake = null
  }
  const reader = body?.getReader()
  try {
    let size = 0
    for (;;) {
      if (!reader) break
      await waitFor(() => inFlight < CHUNKS_IN_FLIGHT)
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > maxBytes) throw tooLarge(maxBytes)
      // The worker has answered early (a file that is not CSV): the rest is only counted, so that a
      // body over the limit is still 413.
      if (end.outcome) continue
      // A copy with its own buffer, moved to the worker: the chunk may be a view on a shared pool.
      const bytes = value.slice()
      inFlight++
      send({ type: 'chunk', bytes }, [bytes.buffer])
    }
    send({ type: 'end' })
    await waitFor(() => false)
    const settled = end.outcome as Outcome | null
    if (!settled || 'failed' in settled)
      throw settled?.failed ?? new Error('the import worker gave no answer')
    const { done } = settled
    if (done.issueCount) throw importError(done.issues, done.issueCount)
    return rows
  } finally {
    await reader?.cancel().catch(() => {})
    await worker.terminate()
  }
}

let running: Promise<unknown> = Promise.resolve()

/**
 * Imports claim-log rows from a CSV body: all of them in one transaction, or none with every refused
 * row named. One import runs at a time in the process, so two large files never share its memory.
 */
export function importClaimLog(
  ctx: ServiceContext,
  body: ReadableStream<Uint8Array> | null,
  options: { maxBytes: number },
): Promise<ClaimLogImportResult> {
  const run = running.then(async () => writeRows(ctx, await readInWorker(body, options.maxBytes)))
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
/** Rows of a table whose column is in the list, in chunks SQLite accepts. */
function chunked<T>(values: string[], read: (chunk: string[]) => T[]): T[] {
  const out: T[] = []
  const unique = [...new Set(values)]
  for (let i = 0; i < unique.length; i += 500) out.push(...read(unique.slice(i, i + 500)))
  return out
}

const BATCH = 500

type Statement = ReturnType<Db['$client']['prepare']>
const batches = new WeakMap<Db['$client'], Map<string, Statement>>()

/**
 * Inserts rows with plain better-sqlite3 statements of up to BATCH rows each, prepared once per
 * connection and row count, their values bound as one flat array (JSON columns encoded as drizzle
 * would). Multi-row statements keep SQLite's per-statement cost low; drizzle's placeholder mapping
 * cost more than SQLite at 100,000 rows.
 */
function insertBatched<TTable extends SQLiteTable>(
  db: Db,
  table: TTable,
  rows: ReadonlyArray<TTable['$inferInsert']>,
  options: { ignoreConflicts?: boolean } = {},
): void {
  const first = rows[0]
  if (!first) return
  const columns = getTableColumns(table) as Record<string, { name: string; columnType: string } | undefined>
  const keys = Object.keys(first)
  const json = keys.map((k) => columns[k]?.columnType === 'SQLiteTextJson')
  const names = keys.map((k) => {
    const column = columns[k]
    if (!column) throw new Error(`${getTableName(table)} has no column ${k}`)
    return `"${column.name}"`
  })
  const client = db.$client
  let cache = batches.get(client)
  if (!cache) {
    cache = new Map()
    batches.set(client, cache)
  }
  const head = `INSERT INTO "${getTableName(table)}" (${names.join(', ')}) VALUES `
  const tuple = `(${keys.map(() => '?').join(', ')})`
  const tail = options.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''
  for (let start = 0; start < rows.length; start += BATCH) {
    const count = Math.min(BATCH, rows.length - start)
    const sqlText = `${head}${Array.from({ length: count }, () => tuple).join(', ')}${tail}`
    let statement = cache.get(sqlText)
    if (!statement) {
      statement = client.prepare(sqlText)
      cache.set(sqlText, statement)
    }
    const params: unknown[] = new Array(count * keys.length)
    let at = 0
    for (let r = start; r < start + count; r++) {
      const record = rows[r] as Record<string, unknown>
      for (let k = 0; k < keys.length; k++) {
        const value = record[keys[k] as string] ?? null
        params[at++] = json[k] && value !== null ? JSON.stringify(value) : value
      }
    }
    statement.run(params)
  }
}

/**
 * A UUID of version 7 (RFC 9562): the time in milliseconds, then random bits. An import's new ids
 * share their first bytes, so each batch lands in one region of every id index instead of on
 * random pages across a million-row B-tree (what made the writes cost at scale).
 */
function timeOrderedId(): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(Date.now(), 0, 6)
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const h = bytes.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * The status a row's verdict arrives in. Imports of past work keep a row's status, except that only
 * an admin's import publishes, and only a row that says when it was published: any other published
 * row arrives in review, where an editor publishes it through the workflow and its checks.
 */
function importedStatus(ctx: ServiceContext, row: ClaimLogImportRow): VerdictStatus | null {
  const status = row.verdictStatus ?? (row.rating || row.verdictSummary ? 'draft' : null)
  if (status !== 'published') return status
  return ctx.actor.role === 'admin' && row.publishedAt ? 'published' : 'in_review'
}

/**
 * Writes checked rows in one transaction with their history events, or none with every refused row
 * named. Disputes match by id, then title; claimants by name; both are created when new.
 */
function writeRows(ctx: ServiceContext, rows: ParsedRow[]): ClaimLogImportResult {
  return ctx.db.transaction((tx) => {
    const issues: ImportIssue[] = []
    const claimIds = rows.flatMap((r) => (r.row.claimId ? [r.row.claimId] : []))
    const existingClaims = new Set(
      chunked(claimIds, (chunk) =>
        tx.select({ id: tables.claims.id }).from(tables.claims).where(inArray(tables.claims.id, chunk)).all(),
      ).map((r) => r.id),
    )
    const seenClaims = new Map<string, number>()
    for (const { line, row } of rows) {
      if (!row.claimId) continue
      if (existingClaims.has(row.claimId))
        issues.push({ line, column: 'claim_id', message: 'already exists' })
      const first = seenClaims.get(row.claimId)
      if (first !== undefined)
        issues.push({
          line,
          column: 'claim_id',
          message: `appears twice in the file (first on line ${first})`,
        })
      else seenClaims.set(row.claimId, line)
    }
    if (issues.length) throw importError(issues)

    const disputeIds = rows.flatMap((r) => (r.row.disputeId ? [r.row.disputeId] : []))
    const disputesById = new Map(
      chunked(disputeIds, (chunk) =>
        tx
          .select({ id: tables.disputes.id, archivedAt: tables.disputes.archivedAt })
          .from(tables.disputes)
          .where(inArray(tables.disputes.id, chunk))
          .all(),
      ).map((d) => [d.id, d]),
    )
    for (const { line, row } of rows) {
      if (row.disputeId && disputesById.get(row.disputeId)?.archivedAt)
        issues.push({ line, column: 'dispute_id', message: 'names an archived dispute: restore it first' })
    }
    if (issues.length) throw importError(issues)
    const titles = rows.filter((r) => !r.row.disputeId).map((r) => r.row.disputeTitle)
    const disputeByTitle = new Map<string, string>()
    for (const d of chunked(titles, (chunk) =>
      tx
        .select({
          id: tables.disputes.id,
          title: tables.disputes.title,
          createdAt: tables.disputes.createdAt,
        })
        .from(tables.disputes)
        .where(and(inArray(tables.disputes.title, chunk), isNull(tables.disputes.archivedAt)))
        .all(),
    ).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      if (!disputeByTitle.has(d.title)) disputeByTitle.set(d.title, d.id)
    }
    const claimantByName = new Map<string, string>()
    for (const c of chunked(
      rows.map((r) => r.row.claimant),
      (chunk) =>
        tx
          .select({
            id: tables.claimants.id,
            name: tables.claimants.name,
            createdAt: tables.claimants.createdAt,
          })
          .from(tables.claimants)
          .where(inArray(tables.claimants.name, chunk))
          .all(),
    ).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      if (!claimantByName.has(c.name)) claimantByName.set(c.name, c.id)
    }

    // The rows recordHistory() would write one at a time, written in batches with the records.
    const history: Array<typeof tables.historyEvents.$inferInsert> = []
    const event = (input: Omit<HistoryInput, 'actorId' | 'at' | 'action' | 'before'>) =>
      history.push({
        id: timeOrderedId(),
        at: ctx.now,
        actorId: ctx.actor.id,
        entity: input.entity,
        entityId: input.entityId,
        action: 'imported',
        before: null,
        after: input.after ?? null,
        disputeId: input.disputeId ?? null,
        claimId: input.claimId ?? null,
      })

    const newDisputes: Array<typeof tables.disputes.$inferInsert> = []
    const newTags: Array<typeof tables.disputeTags.$inferInsert> = []
    const disputeOf = (row: ClaimLogImportRow): string => {
      if (row.disputeId && disputesById.has(row.disputeId)) return row.disputeId
      const known = row.disputeId ? undefined : disputeByTitle.get(row.disputeTitle)
      if (known) return known
      const id = row.disputeId ?? timeOrderedId()
      const record = {
        id,
        title: row.disputeTitle,
        question: row.disputeTitle,
        summary: '',
        tags: [...new Set(row.tags.map((t) => t.toLowerCase()))],
        status: 'open' as const,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      newDisputes.push(record)
      for (const tag of record.tags) newTags.push({ disputeId: id, tag })
      disputesById.set(id, { id, archivedAt: null })
      if (!row.disputeId) disputeByTitle.set(row.disputeTitle, id)
      const { createdBy: _, ...shown } = record
      event({
        entity: 'dispute',
        entityId: id,
        after: { ...shown, archived: false, version: 1 },
        disputeId: id,
      })
      return id
    }

    const newClaimants: Array<typeof tables.claimants.$inferInsert> = []
    const claimantOf = (row: ClaimLogImportRow): string => {
      const known = claimantByName.get(row.claimant)
      if (known) return known
      const id = timeOrderedId()
      const record = {
        id,
        name: row.claimant,
        kind: row.claimantKind ?? ('other' as const),
        description: '',
        url: null,
        sameAs: [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      newClaimants.push(record)
      claimantByName.set(row.claimant, id)
      event({ entity: 'claimant', entityId: id, after: { ...record, version: 1 } })
      return id
    }

    const resolved = rows.map(({ row }) => ({ row, disputeId: disputeOf(row), claimantId: claimantOf(row) }))
    const nextPosition = new Map<string, number>()
    for (const p of chunked(
      resolved.map((r) => r.disputeId),
      (chunk) =>
        tx
          .select({ disputeId: tables.claims.disputeId, position: max(tables.claims.position) })
          .from(tables.claims)
          .where(inArray(tables.claims.disputeId, chunk))
          .groupBy(tables.claims.disputeId)
          .all(),
    )) {
      nextPosition.set(p.disputeId, (p.position ?? -1) + 1)
    }

    // The search index is filled once for all the new records, not row by row by its triggers.
    beginSearchBulkLoad(ctx.db)
    insertBatched(ctx.db, tables.disputes, newDisputes)
    insertBatched(ctx.db, tables.disputeTags, newTags, { ignoreConflicts: true })
    insertBatched(ctx.db, tables.claimants, newClaimants)
    insertBatched(ctx.db, tables.historyEvents, history)
    history.length = 0

    // Claims, verdicts and their events go to the database a batch at a time, so only one batch
    // of records is held beside the parsed rows.
    const newClaims: Array<typeof tables.claims.$inferInsert> = []
    const newVerdicts: Array<typeof tables.verdicts.$inferInsert> = []
    const createdClaims: string[] = []
    const verdictIds: string[] = []
    const published: string[] = []
    let heldForReview = 0
    const flush = () => {
      insertBatched(ctx.db, tables.claims, newClaims)
      insertBatched(ctx.db, tables.verdicts, newVerdicts)
      insertBatched(ctx.db, tables.historyEvents, history)
      newClaims.length = 0
      newVerdicts.length = 0
      history.length = 0
    }
    for (const { row, disputeId, claimantId } of resolved) {
      if (newClaims.length >= BATCH) flush()
      const id = row.claimId ?? timeOrderedId()
      const position = nextPosition.get(disputeId) ?? 0
      nextPosition.set(disputeId, position + 1)
      const status = importedStatus(ctx, row)
      if (row.verdictStatus === 'published' && status !== 'published') heldForReview++
      const claim = {
        id,
        disputeId,
        claimantId,
        text: row.claimText,
        shortText: null,
        statedOn: row.statedOn,
        appearanceUrl: row.appearanceUrl,
        archiveUrl: row.archiveUrl,
        language: null,
        quantityValue: row.quantityValue,
        quantityUnit: row.quantityUnit,
        quantityQualifier: row.quantityQualifier,
        position,
        verdictRating: status ? row.rating : null,
        verdictStatus: status,
        // The file's stance counts are kept: its evidence is not part of it (docs/decisions/0003).
        supportingCount: row.supportingEvidence,
        contradictingCount: row.contradictingEvidence,
        contextCount: row.contextEvidence,
        activityAt: ctx.now,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      newClaims.push(claim)
      createdClaims.push(id)
      const {
        quantityValue,
        quantityUnit,
        quantityQualifier,
        verdictRating,
        verdictStatus,
        activityAt,
        ...shown
      } = claim
      const { supportingCount, contradictingCount, contextCount, ...claimRecord } = shown
      event({
        entity: 'claim',
        entityId: id,
        after: {
          ...claimRecord,
          quantity:
            quantityValue !== null && quantityUnit && quantityQualifier
              ? { value: quantityValue, unit: quantityUnit, qualifier: quantityQualifier }
              : null,
          archived: false,
          version: 1,
        },
        disputeId,
        claimId: id,
      })
      if (status) {
        const verdictId = timeOrderedId()
        const verdict = {
          id: verdictId,
          claimId: id,
          rating: row.rating,
          summary: row.verdictSummary,
          rationale: '',
          status,
          authorId: ctx.actor.id,
          submittedAt: status === 'draft' ? null : ctx.now,
          // The date the desk published it, never the time of the import, which importedAt keeps.
          publishedAt: status === 'published' ? row.publishedAt : null,
          importedAt: status === 'published' ? ctx.now : null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }
        newVerdicts.push(verdict)
        verdictIds.push(verdictId)
        if (status === 'published') published.push(verdictId)
        event({
          entity: 'verdict',
          entityId: verdictId,
          after: { ...verdict, ratingLabel: row.rating ? ratingLabel(row.rating) : null, version: 1 },
          disputeId,
          claimId: id,
        })
      }
    }

    flush()
    // What the public reads of a verdict is its snapshot: each one published by the import gets its own.
    for (const verdictId of published) takeSnapshot(tx, { verdictId, at: ctx.now, reason: 'imported' })
    endSearchBulkLoad(ctx.db, {
      claimants: newClaimants.map((c) => c.id),
      claims: createdClaims,
      verdicts: verdictIds,
    })
    return {
      rows: rows.length,
      created: {
        claims: createdClaims.length,
        disputes: newDisputes.length,
        claimants: newClaimants.length,
        verdicts: verdictIds.length,
      },
      heldForReview,
    }
  })
}
