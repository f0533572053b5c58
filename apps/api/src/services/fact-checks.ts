import {
  and,
  asc,
  byCodePoint,
  count,
  type Db,
  desc,
  descNullsLast,
  eq,
  factCheckTextMatch,
  forUpdate,
  inArray,
  insertBatched,
  isNotNull,
  isNull,
  lt,
  or,
  type Tx,
  tables,
  timeOrderedId,
  transaction,
} from '@counterclaim/db'
import {
  ClaimReviewReadError,
  type ExternalFactCheck,
  type ReadResult,
  readClaimReviews,
} from '@counterclaim/domain'
import {
  AppError,
  DateOnlySchema,
  FACT_CHECK_IMPORT_MEDIA_TYPES,
  type FactCheck,
  type FactCheckFacets,
  type FactCheckImportResult,
  type FactCheckList,
  type FactCheckListQuery,
  invalidFields,
  LIMITS,
  ratingDefinition,
} from '@counterclaim/shared'
import { textQuery } from './claim-log-filters.ts'
import { decodeCursor, toPage } from './cursor.ts'
import type { Entity } from './history.ts'
import { toFactCheck } from './mappers.ts'
import { found } from './versioning.ts'

/** How a ClaimReview body is read: as JSON(-LD), or as an HTML page whose JSON-LD script blocks hold them. */
export type ImportFormat = (typeof FACT_CHECK_IMPORT_MEDIA_TYPES)[keyof typeof FACT_CHECK_IMPORT_MEDIA_TYPES]

/** The format a Content-Type names (parameters such as charset ignored); null for any other type. */
export function importFormatOf(contentType: string | undefined): ImportFormat | null {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return Object.hasOwn(FACT_CHECK_IMPORT_MEDIA_TYPES, mediaType)
    ? FACT_CHECK_IMPORT_MEDIA_TYPES[mediaType as keyof typeof FACT_CHECK_IMPORT_MEDIA_TYPES]
    : null
}

/** Who brings fact-checks in, and when: an editor's import (actorId), or a feed (feedId, no actor). */
export interface ImportBy {
  actorId: string | null
  feedId: string | null
  now: string
}

type Row = typeof tables.factChecks.$inferSelect

// The fields a fact-check takes from its ClaimReview: what "changed" compares.
function fieldsOf(item: ExternalFactCheck) {
  return {
    publisherName: item.publisher.name,
    publisherUrl: item.publisher.url,
    claimReviewed: item.claimReviewed,
    claimant: item.claimant,
    claimDate: item.claimDate,
    reviewDate: item.reviewDate,
    language: item.language,
    appearanceUrls: item.appearanceUrls,
    ratingLabel: item.rating.label,
    ratingValue: item.rating.value,
    ratingBest: item.rating.best,
    ratingWorst: item.rating.worst,
    ratingNormalized: item.rating.normalized,
  }
}
type Fields = ReturnType<typeof fieldsOf>

function sameFields(row: Row, fields: Fields): boolean {
  return (Object.keys(fields) as Array<keyof Fields>).every(
    (key) => JSON.stringify(row[key] ?? null) === JSON.stringify(fields[key] ?? null),
  )
}

function unreadable(message: string): AppError {
  return new AppError('validation_failed', message, [{ path: '(body)', message }])
}

/**
 * Reads the ClaimReviews of a body (the reader removes NUL characters from every text, so what it
 * gives can be stored on both engines). A body that cannot be read at all is a 400 in words: a JSON body
 * that is not JSON, or, where `empty` is refused, one in which no ClaimReview was found.
 */
function readBody(body: string, format: ImportFormat, baseUrl: string | undefined, refuseEmpty: boolean) {
  let read: ReadResult
  try {
    read = readClaimReviews(body, format, baseUrl ? { baseUrl } : {})
  } catch (error) {
    if (error instanceof ClaimReviewReadError) throw unreadable(error.message)
    throw error
  }
  if (refuseEmpty && read.items.length === 0 && read.skipped.length === 0) {
    throw unreadable(
      format === 'html'
        ? 'The page holds no ClaimReview: none of its <script type="application/ld+json"> blocks has one.'
        : 'The body holds no ClaimReview.',
    )
  }
  return read
}

// Rows looked up per statement: well under either engine's limit on bound parameters.
const LOOKUP_CHUNK = 500

async function rowsByUrl(tx: Tx, urls: string[]): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>()
  const unique = [...new Set(urls)]
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
    const chunk = unique.slice(i, i + LOOKUP_CHUNK)
    // Locked: an import running at the same time waits, so neither loses the other's update.
    for (const row of await forUpdate(
      tx.select().from(tables.factChecks).where(inArray(tables.factChecks.url, chunk)),
    )) {
      rows.set(row.url, row)
    }
  }
  return rows
}

/**
 * Brings other desks' ClaimReviews in, all in one transaction. A fact-check is known by its url: a new
 * one is created (history `created`), one whose fields changed is updated (version + 1, history `updated`
 * with before and after), one that is the same is counted unchanged and not written. Malformed items are
 * skipped with their reasons.
 */
export async function importFactChecks(
  db: Db,
  input: { body: string; format: ImportFormat; baseUrl?: string },
  by: ImportBy,
): Promise<FactCheckImportResult> {
  // A feed's page may be empty (a feed with nothing new); a body an editor sends must hold something.
  const { items, skipped } = readBody(input.body, input.format, input.baseUrl, by.feedId === null)
  const counts = await transaction(db, async (tx) => {
    const known = await rowsByUrl(
      tx,
      items.map((i) => i.factCheck.url),
    )
    // New fact-checks and every history event are written in multi-row inserts, as the claim-log import
    // writes its rows; the events in the order of the body.
    const pending: Row[] = []
    const pendingUrls = new Set<string>()
    const events: Array<typeof tables.historyEvents.$inferInsert> = []
    const writePending = async () => {
      await insertBatched(tx, tables.factChecks, pending)
      pending.length = 0
      pendingUrls.clear()
    }
    const result = { created: 0, updated: 0, unchanged: 0 }
    for (const { factCheck } of items) {
      const fields = fieldsOf(factCheck)
      const current = known.get(factCheck.url)
      if (current && sameFields(current, fields)) {
        result.unchanged++
        continue
      }
      if (current) {
        // The same url earlier in this body: written first, so it is updated like any other.
        if (pendingUrls.has(current.url)) await writePending()
        const updated = await updateRow(tx, current, fields, by)
        events.push(historyEvent(by, updated.id, 'updated', current, updated))
        known.set(updated.url, updated)
        result.updated++
      } else {
        const row: Row = {
          id: timeOrderedId(),
          url: factCheck.url,
          ...fields,
          feedId: by.feedId,
          createdAt: by.now,
          updatedAt: by.now,
          version: 1,
        }
        pending.push(row)
        pendingUrls.add(row.url)
        events.push(historyEvent(by, row.id, 'created', null, row))
        known.set(row.url, row)
        result.created++
      }
    }
    await writePending()
    await insertBatched(tx, tables.historyEvents, events)
    return result
  })
  return { ...counts, skipped }
}

function historyEvent(
  by: ImportBy,
  id: string,
  action: 'created' | 'updated',
  before: Row | null,
  after: Row,
): typeof tables.historyEvents.$inferInsert {
  return {
    id: timeOrderedId(),
    at: by.now,
    actorId: by.actorId,
    entity: 'fact_check' satisfies Entity,
    entityId: id,
    action,
    before: before && toFactCheck(before),
    after: toFactCheck(after),
  }
}

async function updateRow(tx: Tx, current: Row, fields: Fields, by: ImportBy): Promise<Row> {
  const [row] = await tx
    .update(tables.factChecks)
    .set({
      ...fields,
      // A manual import leaves the feed that brought it in place; a feed that brings it again takes it.
      feedId: by.feedId ?? current.feedId,
      updatedAt: by.now,
      version: current.version + 1,
    })
    .where(eq(tables.factChecks.id, current.id))
    .returning()
  return found(row, 'Fact-check')
}

export async function getFactCheck(db: Db, id: string): Promise<FactCheck> {
  const [row] = await db.select().from(tables.factChecks).where(eq(tables.factChecks.id, id))
  return toFactCheck(found(row, 'Fact-check'))
}

// A review date is a date or a date-time, never empty: the cursor writes a missing one as ''.
const NO_DATE = ''

/**
 * Fact-checks, newest review first (those without a review date last, then by id), filtered by full
 * text (the publisher's name and the claim), publisher, language and rating (`none`: no rating of ours).
 */
export async function listFactChecks(db: Db, query: FactCheckListQuery): Promise<FactCheckList> {
  const f = tables.factChecks
  const conditions = []
  const q = query.q?.trim()
  if (q) {
    const fts = textQuery(db, q)
    // Nothing searchable in what was typed (only punctuation): nothing matches.
    if (fts === null) return { items: [], nextCursor: null }
    conditions.push(factCheckTextMatch(fts))
  }
  if (query.publisher !== undefined) conditions.push(eq(f.publisherName, query.publisher))
  if (query.language !== undefined) conditions.push(eq(f.language, query.language))
  if (query.rating === 'none') conditions.push(isNull(f.ratingNormalized))
  else if (query.rating !== undefined) conditions.push(eq(f.ratingNormalized, query.rating))
  const cursor = decodeCursor(query.cursor)
  if (cursor) {
    const [date, id] = cursor
    conditions.push(
      date === NO_DATE
        ? and(isNull(f.reviewDate), lt(f.id, id))
        : or(lt(f.reviewDate, date), and(eq(f.reviewDate, date), lt(f.id, id)), isNull(f.reviewDate)),
    )
  }
  const rows = await db
    .select()
    .from(f)
    .where(and(...conditions))
    .orderBy(descNullsLast(f.reviewDate), desc(f.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [r.reviewDate ?? NO_DATE, r.id])
  return { items: page.items.map(toFactCheck), nextCursor: page.nextCursor }
}

/** The publishers and languages of the desk's fact-checks with how many each has, most first. */
export async function factCheckFacets(db: Db): Promise<FactCheckFacets> {
  const f = tables.factChecks
  const n = count()
  const publishers = await db
    .select({ name: f.publisherName, count: n })
    .from(f)
    .groupBy(f.publisherName)
    .orderBy(desc(n), asc(byCodePoint(f.publisherName)))
  const languages = await db
    .select({ language: f.language, count: n })
    .from(f)
    .where(isNotNull(f.language))
    .groupBy(f.language)
    .orderBy(desc(n), asc(byCodePoint(f.language)))
  return {
    publishers,
    languages: languages.flatMap((l) =>
      l.language === null ? [] : [{ language: l.language, count: l.count }],
    ),
  }
}

/** What evidence of kind fact_check is made from, where its own fields leave them out. */
export interface FactCheckEvidence {
  title: string
  sourceName: string
  url: string | null
  publishedOn: string | null
  excerpt: string
  factCheckRatingLabel: string | null
  factCheckRating: FactCheck['rating']['normalized']
}

/** The publisher's words for its rating, else our label of where it maps, else null. */
export function ratingWords(factCheck: FactCheck): string | null {
  const { label, normalized } = factCheck.rating
  return label ?? (normalized ? ratingDefinition(normalized).label : null)
}

/**
 * Evidence fields from a fact-check: the title `Publisher: “claim”` (the claim cut with … to fit the
 * title's limit), the publisher as source, its url, its review date, and the claim with its rating as
 * the excerpt.
 */
export function evidenceFromFactCheck(factCheck: FactCheck): FactCheckEvidence {
  const lead = `${factCheck.publisher.name}: “`
  const room = LIMITS.title - lead.length - 1
  const claim = factCheck.claimReviewed.trim()
  const quoted = claim.length <= room ? claim : `${claim.slice(0, Math.max(0, room - 1)).trimEnd()}…`
  const title = room > 1 ? `${lead}${quoted}”` : factCheck.publisher.name.slice(0, LIMITS.title)
  const words = ratingWords(factCheck)
  const reviewDay = factCheck.reviewDate?.slice(0, 10) ?? null
  return {
    title,
    sourceName: factCheck.publisher.name.slice(0, LIMITS.name),
    url: isWebAddress(factCheck.url) ? factCheck.url : null,
    publishedOn: reviewDay && DateOnlySchema.safeParse(reviewDay).success ? reviewDay : null,
    excerpt: words ? `${claim}\n\nRating: ${words}` : claim,
    factCheckRatingLabel: factCheck.rating.label,
    factCheckRating: factCheck.rating.normalized,
  }
}

function isWebAddress(value: string): boolean {
  if (value.length > LIMITS.url) return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** A fact-check named by evidence: unknown is a 400 on the field that names it. */
export async function factCheckForEvidence(tx: Tx, id: string, path = 'factCheckId'): Promise<FactCheck> {
  const [row] = await tx.select().from(tables.factChecks).where(eq(tables.factChecks.id, id))
  if (!row) {
    throw invalidFields([{ path, message: 'names no fact-check on this desk' }])
  }
  return toFactCheck(row)
}
