// The writing half of the claim-log import, run in its worker thread (claim-log-import-worker.ts) on
// a connection of its own: one transaction (SQLite: BEGIN IMMEDIATE) for the whole file, into which each
// batch of checked rows is written as it is read, so no more than a batch of rows is ever held. The
// first problem rolls it back at once (the rest of the file is still checked, to list every problem);
// a clean file commits. docs/decisions/0008 records why the import, alone, writes off the main thread.
import {
  analyzeAfterBulkLoad,
  and,
  announceChange,
  beginSearchBulkLoad,
  type Db,
  endSearchBulkLoad,
  inArray,
  insertBatched,
  isNull,
  lockDisputeStreams,
  lockEveryDisputeStream,
  max,
  type OpenTransaction,
  openWriteTransaction,
  type SearchBulkMarks,
  sql,
  tables,
  timeOrderedId,
} from '@counterclaim/db'
import { claimantKey, claimantsByKey, fromLegacyQuantity, quantityFromInput } from '@counterclaim/domain'
import {
  type ClaimLogImportResult,
  type ClaimLogImportRow,
  type ImportIssue,
  ratingLabel,
  type SessionUser,
  type VerdictStatus,
} from '@counterclaim/shared'
import type { HistoryInput } from './history.ts'
import { toClaim, toClaimant, toDispute } from './mappers.ts'
import { takeSnapshot } from './snapshots.ts'

/** How an import writes: a dry run writes nothing; repeats of claims already on the desk are refused unless allowed. */
export interface ImportWriteOptions {
  dryRun: boolean
  allowDuplicates: boolean
}

type ImportDuplicate = ClaimLogImportResult['duplicates'][number]
type ImportDispute = ClaimLogImportResult['disputes'][number]

// How much of a claim's text claims_text_start_idx holds.
const TEXT_START = 40

// How many repeated rows an answer lists (all are counted).
const MAX_LISTED_DUPLICATES = 1000
// How many of the disputes the rows went to an answer lists (all are counted).
const MAX_LISTED_DISPUTES = 1000

/** A checked row and the line of the file it starts on (the header is line 1). */
export interface ParsedRow {
  line: number
  row: ClaimLogImportRow
}

/** Rows of a table whose column is in the list, in chunks SQLite accepts, read one chunk after another. */
async function chunked<T>(values: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  const unique = [...new Set(values)]
  for (let i = 0; i < unique.length; i += 500) out.push(...(await read(unique.slice(i, i + 500))))
  return out
}

/**
 * The status a row's verdict arrives in. Imports of past work keep a row's status, except that only
 * an admin's import publishes, and only a row that says when it was published: any other published
 * row arrives in review, where an editor publishes it through the workflow and its checks.
 */
function importedStatus(actor: SessionUser, row: ClaimLogImportRow): VerdictStatus | null {
  const status = row.verdictStatus ?? (row.rating || row.verdictSummary ? 'draft' : null)
  if (status !== 'published') return status
  return actor.role === 'admin' && row.publishedAt ? 'published' : 'in_review'
}

type HistoryRow = typeof tables.historyEvents.$inferInsert
// From how many new claims the database's planner statistics are refreshed after the commit (PostgreSQL).
const ANALYZE_FROM = 1000

/**
 * Checks batches of rows whose cells are valid against the database, and writes them in one
 * transaction while the file has no problem. Disputes match by id, then title; claimants by the key of
 * their name or an alias (a merged one's name leads to its survivor); both are created when new. Its checks run on its own connection, inside its transaction, so they
 * see the rows the file has written already. Its caller runs one call at a time (none while another's
 * queries are awaited): they share the connection and its one transaction.
 */
export class ImportWriter {
  private writing: OpenTransaction | null = null
  // The claim_ids the file has named, with their lines: duplicates are found even once writing stopped.
  private readonly claimLines = new Map<string, number>()
  private readonly created = { claimants: 0, claims: 0, disputes: 0, verdicts: 0 }
  // Where the indexed tables stood when the import began: its records, the rows after, are put into the
  // search index once, at the commit (one FTS5 load, no ids held).
  private searchMarks: SearchBulkMarks | null = null
  private claimantKeys: Map<string, string> | null = null
  // What this import made: its claimants have no earlier claims, and its claims repeat nothing on the desk.
  private readonly ownClaimants = new Set<string>()
  private readonly ownClaims = new Set<string>()
  // The disputes this import made: no one can watch them before it commits, so their streams need no lock.
  private readonly ownDisputes = new Set<string>()
  private readonly duplicates: ImportDuplicate[] = []
  // The disputes the file's rows went to, in the order the file first names them, with their claims counted.
  private readonly claimsByDispute = new Map<string, number>()
  private duplicateCount = 0
  private heldForReview = 0
  private rows = 0

  /** `released` is called when the transaction ends without a commit (the write lock is free again). */
  constructor(
    private readonly base: Db,
    private readonly actor: SessionUser,
    private readonly now: string,
    private readonly options: ImportWriteOptions = { dryRun: false, allowDuplicates: false },
    private readonly released: () => void = () => {},
  ) {}

  /**
   * Where every query goes: the import's transaction while it writes (on PostgreSQL its one pooled
   * connection; on SQLite the worker's connection, which is the base handle), else the base handle.
   */
  private get db(): Db {
    return this.writing?.tx ?? this.base
  }

  /** Opens the transaction of the whole import (SQLite's write lock) and sets the search triggers aside. */
  async begin(): Promise<void> {
    this.writing = await openWriteTransaction(this.base, { bulk: true })
    // However many disputes the file touches, their live streams take one lock (PostgreSQL).
    await lockEveryDisputeStream(this.db)
    this.searchMarks = await beginSearchBulkLoad(this.db)
  }

  /** Checks a batch; writes it while the file has had no problem. Returns the batch's problems. */
  async take(rows: ParsedRow[]): Promise<ImportIssue[]> {
    const { issues, disputes } = await this.check(rows)
    if (issues.length) await this.stop()
    if (this.writing) await this.write(rows, disputes)
    return issues
  }

  /** Stops writing: rolls back what was written (nothing is kept). Stopping twice does nothing. */
  async stop(): Promise<void> {
    const transaction = this.writing
    if (!transaction) return
    this.writing = null
    try {
      await transaction.rollback()
    } finally {
      this.released()
    }
  }

  /**
   * Turns the search index's triggers back on and commits (then, on PostgreSQL, refreshes statistics). A dry
   * run rolls back instead: the answer says what the file would have created.
   */
  async commit(): Promise<ClaimLogImportResult> {
    const transaction = this.writing
    if (!transaction) throw new Error('the import has stopped writing: nothing to commit')
    const result = {
      rows: this.rows,
      created: { ...this.created },
      heldForReview: this.heldForReview,
      duplicates: this.duplicates,
      duplicateCount: this.duplicateCount,
      disputes: await this.listedDisputes(),
      disputeCount: this.claimsByDispute.size,
      dryRun: this.options.dryRun,
    }
    if (this.options.dryRun) {
      await this.stop()
      return result
    }
    if (this.searchMarks) await endSearchBulkLoad(transaction.tx, this.searchMarks)
    await transaction.commit()
    this.writing = null
    if (this.created.claims >= ANALYZE_FROM) {
      const { disputes, disputeTags, claimants, claims, verdicts } = tables
      await analyzeAfterBulkLoad(this.base, [disputes, disputeTags, claimants, claims, verdicts])
    }
    return result
  }

  /**
   * The first disputes the rows went to, with their titles as the database has them (a row naming a
   * dispute by id may carry another title), read in the import's transaction before it ends.
   */
  private async listedDisputes(): Promise<ImportDispute[]> {
    const listed = [...this.claimsByDispute].slice(0, MAX_LISTED_DISPUTES)
    const titles = new Map(
      (
        await chunked(
          listed.map(([id]) => id),
          (chunk) =>
            this.db
              .select({ id: tables.disputes.id, title: tables.disputes.title })
              .from(tables.disputes)
              .where(inArray(tables.disputes.id, chunk)),
        )
      ).map((d) => [d.id, d.title]),
    )
    return listed.map(([id, claims]) => ({
      id,
      title: titles.get(id) ?? '',
      claims,
      created: this.ownDisputes.has(id),
    }))
  }

  /**
   * The rows that repeat a claim already on the desk: a claimant known before this import (by the key of
   * a name or alias) with a live claim of exactly the row's text. Read by claimant (indexed), then by text.
   */
  private async repeatedClaims(rows: ParsedRow[]): Promise<ImportDuplicate[]> {
    const claimantByKey = await this.claimantIndex()
    const asked = rows.flatMap(({ line, row }) => {
      // An unattributed row repeats a live unattributed claim of its text ('' stands for no claimant).
      if (row.claimant === null) return [{ line, claimantId: '', text: row.claimText }]
      const claimantId = claimantByKey.get(claimantKey(row.claimant))
      return claimantId && !this.ownClaimants.has(claimantId)
        ? [{ line, claimantId, text: row.claimText }]
        : []
    })
    if (asked.length === 0) return []
    const wanted = new Set(asked.map((a) => `${a.claimantId}\n${a.text}`))
    const { claims, disputes } = tables
    // claims_text_start_idx: the first 40 characters (code points, as both engines' substr counts them).
    const textStart = sql<string>`substr(${claims.text}, 1, ${sql.raw(String(TEXT_START))})`
    const found = await chunked(
      asked.map((a) => Array.from(a.text).slice(0, TEXT_START).join('')),
      (chunk) =>
        this.db
          .select({
            id: claims.id,
            claimantId: claims.claimantId,
            text: claims.text,
            disputeId: claims.disputeId,
          })
          .from(claims)
          .where(and(inArray(textStart, chunk), isNull(claims.archivedAt))),
    )
    const existing = new Map<string, { id: string; disputeId: string }>()
    for (const c of found) {
      const key = `${c.claimantId ?? ''}\n${c.text}`
      if (wanted.has(key) && !this.ownClaims.has(c.id)) existing.set(key, c)
    }
    if (existing.size === 0) return []
    const titles = new Map(
      (
        await chunked(
          [...existing.values()].map((c) => c.disputeId),
          (chunk) =>
            this.db
              .select({ id: disputes.id, title: disputes.title })
              .from(disputes)
              .where(inArray(disputes.id, chunk)),
        )
      ).map((d) => [d.id, d.title]),
    )
    return asked.flatMap(({ line, claimantId, text }) => {
      const claim = existing.get(`${claimantId}\n${text}`)
      if (!claim) return []
      return [
        {
          line,
          claimId: claim.id,
          disputeId: claim.disputeId,
          disputeTitle: titles.get(claim.disputeId) ?? '',
        },
      ]
    })
  }

  /**
   * The desk's claimants by the claimantKey of each name and alias (claimantsByKey: merged ones lead to
   * their survivor), read once, in the import's transaction, at its first batch; the file's new claimants
   * join it as they are made.
   */
  private async claimantIndex(): Promise<Map<string, string>> {
    if (this.claimantKeys) return this.claimantKeys
    const c = tables.claimants
    const rows = await this.db
      .select({
        id: c.id,
        name: c.name,
        aliases: c.aliases,
        mergedIntoId: c.mergedIntoId,
        createdAt: c.createdAt,
      })
      .from(c)
    this.claimantKeys = claimantsByKey(rows)
    return this.claimantKeys
  }

  /** The problems only the database can tell: claim_ids taken or repeated, archived disputes. */
  private async check(rows: ParsedRow[]) {
    const issues: ImportIssue[] = []
    const fresh: ParsedRow[] = []
    for (const parsed of rows) {
      const { line, row } = parsed
      if (!row.claimId) continue
      const first = this.claimLines.get(row.claimId)
      if (first !== undefined)
        issues.push({
          line,
          column: 'claim_id',
          message: `appears twice in the file (first on line ${first})`,
        })
      else {
        this.claimLines.set(row.claimId, line)
        fresh.push(parsed)
      }
    }
    const taken = new Set(
      (
        await chunked(
          fresh.map((r) => r.row.claimId ?? ''),
          (chunk) =>
            this.db
              .select({ id: tables.claims.id })
              .from(tables.claims)
              .where(inArray(tables.claims.id, chunk)),
        )
      ).map((r) => r.id),
    )
    for (const { line, row } of fresh)
      if (row.claimId && taken.has(row.claimId))
        issues.push({ line, column: 'claim_id', message: 'already exists' })

    const disputes = new Map(
      (
        await chunked(
          rows.flatMap((r) => (r.row.disputeId ? [r.row.disputeId] : [])),
          (chunk) =>
            this.db
              .select({ id: tables.disputes.id, archivedAt: tables.disputes.archivedAt })
              .from(tables.disputes)
              .where(inArray(tables.disputes.id, chunk)),
        )
      ).map((d) => [d.id, d.archivedAt]),
    )
    for (const { line, row } of rows)
      if (row.disputeId && disputes.get(row.disputeId))
        issues.push({ line, column: 'dispute_id', message: 'names an archived dispute: restore it first' })
    // A row whose claim_id is taken already says it repeats that claim.
    const named = new Set(issues.map((issue) => issue.line))
    for (const repeat of await this.repeatedClaims(rows.filter((r) => !named.has(r.line)))) {
      this.duplicateCount++
      if (this.duplicates.length < MAX_LISTED_DUPLICATES) this.duplicates.push(repeat)
      // A dry run lists them as a warning; an import refuses them unless told to add them again.
      if (!this.options.dryRun && !this.options.allowDuplicates)
        issues.push({
          line: repeat.line,
          column: 'claim_text',
          message: `repeats a claim already on the desk (in “${repeat.disputeTitle}”): was this file imported before? Import with allowDuplicates=1 to add it again`,
        })
    }
    issues.sort((a, b) => a.line - b.line)
    return { issues, disputes }
  }

  /** Writes one batch of rows, already checked, with their history events and snapshots. */
  private async write(rows: ParsedRow[], disputesById: Map<string, string | null>): Promise<void> {
    const { db, actor, now } = this
    const disputeByTitle = new Map<string, string>()
    for (const d of (
      await chunked(
        rows.filter((r) => !r.row.disputeId).map((r) => r.row.disputeTitle),
        (chunk) =>
          db
            .select({
              id: tables.disputes.id,
              title: tables.disputes.title,
              createdAt: tables.disputes.createdAt,
            })
            .from(tables.disputes)
            .where(and(inArray(tables.disputes.title, chunk), isNull(tables.disputes.archivedAt))),
      )
    ).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))) {
      if (!disputeByTitle.has(d.title)) disputeByTitle.set(d.title, d.id)
    }
    const claimantByKey = await this.claimantIndex()

    // The rows recordHistory() would write one at a time, written in batches with the records.
    const history: HistoryRow[] = []
    const event = (input: Omit<HistoryInput, 'actorId' | 'at' | 'action' | 'before'>) =>
      history.push({
        id: timeOrderedId(),
        at: now,
        actorId: actor.id,
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
        createdBy: actor.id,
        dueOn: null,
        // Past work arrives with its ratings: an imported dispute is not rated blind.
        independentRatings: false,
        createdAt: now,
        updatedAt: now,
      }
      newDisputes.push(record)
      this.ownDisputes.add(id)
      for (const tag of record.tags) newTags.push({ disputeId: id, tag })
      disputesById.set(id, null)
      // As in later batches, which find it in the database: a dispute the file made matches by title.
      if (!disputeByTitle.has(row.disputeTitle)) disputeByTitle.set(row.disputeTitle, id)
      event({
        entity: 'dispute',
        entityId: id,
        after: toDispute({ ...record, archivedAt: null, version: 1 }, []),
        disputeId: id,
      })
      return id
    }

    const newClaimants: Array<typeof tables.claimants.$inferInsert> = []
    const claimantOf = (row: ClaimLogImportRow): string | null => {
      if (row.claimant === null) return null
      const key = claimantKey(row.claimant)
      const known = claimantByKey.get(key)
      if (known) return known
      const id = timeOrderedId()
      const record = {
        id,
        name: row.claimant,
        kind: row.claimantKind ?? ('other' as const),
        description: '',
        url: row.claimantUrl,
        sameAs: [],
        aliases: [],
        jobTitle: null,
        affiliation: null,
        imageUrl: null,
        archivedAt: null,
        mergedIntoId: null,
        createdAt: now,
        updatedAt: now,
      }
      newClaimants.push(record)
      this.ownClaimants.add(id)
      // Later rows and batches spelling the name another way land on it too.
      claimantByKey.set(key, id)
      event({ entity: 'claimant', entityId: id, after: toClaimant({ ...record, version: 1 }) })
      return id
    }

    const resolved = rows.map(({ row }) => ({ row, disputeId: disputeOf(row), claimantId: claimantOf(row) }))
    const nextPosition = new Map<string, number>()
    for (const p of await chunked(
      resolved.map((r) => r.disputeId),
      (chunk) =>
        db
          .select({ disputeId: tables.claims.disputeId, position: max(tables.claims.position) })
          .from(tables.claims)
          .where(inArray(tables.claims.disputeId, chunk))
          .groupBy(tables.claims.disputeId),
    )) {
      nextPosition.set(p.disputeId, (p.position ?? -1) + 1)
    }

    const newClaims: Array<typeof tables.claims.$inferInsert> = []
    const newVerdicts: Array<typeof tables.verdicts.$inferInsert> = []
    const published: string[] = []
    for (const { row, disputeId, claimantId } of resolved) {
      this.claimsByDispute.set(disputeId, (this.claimsByDispute.get(disputeId) ?? 0) + 1)
      const id = row.claimId ?? timeOrderedId()
      const position = nextPosition.get(disputeId) ?? 0
      nextPosition.set(disputeId, position + 1)
      const status = importedStatus(actor, row)
      if (row.verdictStatus === 'published' && status !== 'published') this.heldForReview++
      const claim = {
        id,
        disputeId,
        claimantId,
        text: row.claimText,
        shortText: row.shortText,
        statedOn: row.statedOn,
        appearanceUrl: row.appearanceUrl,
        archiveUrl: row.archiveUrl,
        language: null,
        // The whole list when the file has it; else the older three columns, which hold the first one.
        quantities: row.quantities
          ? row.quantities.map(quantityFromInput)
          : row.quantityValue !== null && row.quantityUnit !== null && row.quantityQualifier !== null
            ? [
                fromLegacyQuantity({
                  value: row.quantityValue,
                  unit: row.quantityUnit,
                  qualifier: row.quantityQualifier,
                }),
              ]
            : [],
        position,
        verdictRating: status ? row.rating : null,
        verdictStatus: status,
        // The file's stance counts are kept: its evidence is not part of it (docs/decisions/0003).
        supportingCount: row.supportingEvidence,
        contradictingCount: row.contradictingEvidence,
        contextCount: row.contextEvidence,
        activityAt: now,
        createdAt: now,
        updatedAt: now,
      }
      newClaims.push(claim)
      event({
        entity: 'claim',
        entityId: id,
        after: toClaim({ ...claim, archivedAt: null, version: 1 }),
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
          rationale: row.rationale,
          status,
          authorId: actor.id,
          submittedAt: status === 'draft' ? null : now,
          // The date the desk published it, never the time of the import, which importedAt keeps.
          publishedAt: status === 'published' ? row.publishedAt : null,
          importedAt: status === 'published' ? now : null,
          createdAt: now,
          updatedAt: now,
        }
        newVerdicts.push(verdict)
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

    await insertBatched(db, tables.disputes, newDisputes)
    await insertBatched(db, tables.disputeTags, newTags, { ignoreConflicts: true })
    await insertBatched(db, tables.claimants, newClaimants)
    await insertBatched(db, tables.claims, newClaims)
    await insertBatched(db, tables.verdicts, newVerdicts)
    // Events in disputes that were on the desk before: in seq order on their live streams (history.ts).
    const watched = [
      ...new Set(
        history.flatMap((h) => (h.disputeId && !this.ownDisputes.has(h.disputeId) ? [h.disputeId] : [])),
      ),
    ]
    await lockDisputeStreams(db, watched)
    await insertBatched(db, tables.historyEvents, history)
    await announceChange(db, watched)
    // What the public reads of a verdict is its snapshot: each one published by the import gets its own.
    for (const verdictId of published) await takeSnapshot(db, { verdictId, at: now, reason: 'imported' })
    for (const c of newClaims) this.ownClaims.add(c.id)
    this.created.disputes += newDisputes.length
    this.created.claimants += newClaimants.length
    this.created.claims += newClaims.length
    this.created.verdicts += newVerdicts.length
    this.rows += rows.length
  }
}
