// The claim log's SQL for both engines, in one place (docs/decisions/0003-claim-log-hot-paths.md): its
// columns, joins, filters and keyset order, written with named parameters (`@name`; PostgreSQL's
// statements number them, claim-log-pg.ts). Only what must differ differs: SQLite's join order and
// planner hints and its FTS5 index, PostgreSQL's tsvector columns and the text of a json column.
import {
  CLAIM_LOG_COLUMNS,
  type ClaimLogField,
  type ClaimLogFilters,
  RATING_SCALE,
  UNATTRIBUTED_FILTER,
} from '@counterclaim/shared'
import type { Engine } from './client.ts'

/**
 * The filters with the full-text one already turned into the engine's query: FTS5's on SQLite,
 * `to_tsquery`'s on PostgreSQL (packages/domain's fullTextQuery writes both from what a user typed).
 */
export type ClaimLogSqlFilters = Omit<ClaimLogFilters, 'q'> & { fts?: string | null }

const LABEL_CASE = `CASE c.verdict_rating ${RATING_SCALE.map(
  (r) => `WHEN '${r.rating}' THEN '${r.label.replace(/'/g, "''")}'`,
).join(' ')} END`

// Each claim-log column's SQL expression; the select list takes them in CLAIM_LOG_COLUMNS' order, which
// is the raw row's (ClaimLogRawRow) and the CSV's.
const COLUMN_SQL: Record<ClaimLogField, string> = {
  claimId: 'c.id',
  disputeId: 'c.dispute_id',
  disputeTitle: 'd.title',
  claimant: 'p.name',
  claimantKind: 'p.kind',
  claimantUrl: 'p.url',
  claimText: 'c.text',
  shortText: 'c.short_text',
  statedOn: 'c.stated_on',
  appearanceUrl: 'c.appearance_url',
  archiveUrl: 'c.archive_url',
  quantityValue: "json_extract(c.quantities, '$[0].value')",
  quantityUnit: "json_extract(c.quantities, '$[0].unit')",
  quantityQualifier: "json_extract(c.quantities, '$[0].qualifier')",
  rating: 'c.verdict_rating',
  ratingLabel: LABEL_CASE,
  verdictSummary: 'v.summary',
  rationale: 'v.rationale',
  verdictStatus: 'c.verdict_status',
  publishedAt: 'v.published_at',
  // The public page's path; the export and the page put PUBLIC_BASE_URL before it.
  publicUrl: "CASE WHEN c.verdict_status = 'published' THEN '/v/' || c.id END",
  supportingEvidence: 'c.supporting_count',
  contradictingEvidence: 'c.contradicting_count',
  contextEvidence: 'c.context_count',
  tags: 'd.tags',
  updatedAt: 'c.activity_at',
  quantities: 'c.quantities',
}

// node-postgres hands a json column over parsed; its text is what SQLite's row holds.
const PG_COLUMN_SQL: Partial<Record<ClaimLogField, string>> = {
  tags: 'd.tags::text',
  quantities: 'c.quantities::text',
  quantityValue: "(c.quantities->0->>'value')::float8",
  quantityUnit: "c.quantities->0->>'unit'",
  quantityQualifier: "c.quantities->0->>'qualifier'",
}

function selectSql(engine: Engine): string {
  const columns = CLAIM_LOG_COLUMNS.map(
    (c) => (engine === 'postgres' ? PG_COLUMN_SQL[c.field] : undefined) ?? COLUMN_SQL[c.field],
  )
  // SQLite: CROSS JOIN keeps `claims` the outer loop (a LEFT JOIN's left side is outer too). PostgreSQL's
  // planner orders joins itself. An unattributed claim has no claimant: its row has none (LEFT JOIN).
  const join = engine === 'sqlite' ? 'CROSS JOIN' : 'JOIN'
  return `SELECT ${columns.join(', ')}
FROM claims c
${join} disputes d ON d.id = c.dispute_id
LEFT JOIN claimants p ON p.id = c.claimant_id
LEFT JOIN verdicts v ON v.claim_id = c.id`
}

/** A filter's clause in the claim log's SQL; `tag` and `fts` each have variants their counts choose between. */
export type ClaimLogFilterKey =
  | 'disputeId'
  | 'claimantId'
  | 'unattributed'
  | 'rating'
  | 'status'
  | 'from'
  | 'to'
  | 'fromCheck'
  | 'toCheck'
  | 'tag'
  | 'tagScan'
  | 'fts'
  | 'ftsScan'
  | 'ftsCheck'

/** The filters' keys in the order their clauses are written. */
export const FILTER_KEYS: readonly ClaimLogFilterKey[] = [
  'disputeId',
  'claimantId',
  'unattributed',
  'rating',
  'status',
  'from',
  'to',
  'fromCheck',
  'toCheck',
  'tag',
  'tagScan',
  'fts',
  'ftsScan',
  'ftsCheck',
]

const EQUAL_FILTERS = {
  disputeId: 'c.dispute_id = @disputeId',
  claimantId: 'c.claimant_id = @claimantId',
  rating: 'c.verdict_rating = @rating',
  status: 'c.verdict_status = @status',
  from: 'c.stated_on >= @from',
  to: 'c.stated_on <= @to',
}
// `claimantId=none` (UNATTRIBUTED_FILTER): the claims without a claimant.
const UNATTRIBUTED = 'c.claimant_id IS NULL'
const TAG_DISPUTES = '(SELECT dispute_id FROM dispute_tags WHERE tag = @tag)'

// SQLite: claims whose text or verdict matches, and the claims of claimants whose name matches. Three
// plans, picked by how many index records match (FTS_SCAN_FROM, FTS_CHECK_FROM): few, collect the
// matching claims and sort them; more, walk the log's order and look each row up in the collected set
// (the unary + keeps the planner off the primary key); very many, walk the log's order and ask the
// index about each row (its claim, its verdict, its claimant), so nothing is collected at all.
const FTS_IDS = `(
  SELECT r.claim_id FROM search_refs r
  WHERE r.claim_id IS NOT NULL AND r.id IN (SELECT rowid FROM search_index WHERE search_index MATCH @fts)
  UNION
  SELECT x.id FROM claims x WHERE x.claimant_id IN (
    SELECT r.ref_id FROM search_refs r
    WHERE r.kind = 'claimant' AND r.id IN (SELECT rowid FROM search_index WHERE search_index MATCH @fts)))`
// The ref is looked up first: FTS5 reads a NULL rowid constraint as none, so `rowid = (no verdict)`
// would match every row.
const ftsHit = (kind: string, refId: string) =>
  `EXISTS (SELECT 1 FROM search_refs r CROSS JOIN search_index
    WHERE r.kind = '${kind}' AND r.ref_id = ${refId} AND search_index.rowid = r.id AND search_index MATCH @fts)`

// PostgreSQL: the same matches through each table's tsvector column. Collected (a GIN index scan per
// table), or, for a word found almost everywhere, checked row by row on the log's order.
const TSQUERY = "to_tsquery('cc', @fts)"
const PG_FTS_IDS = `(
  SELECT x.id FROM claims x WHERE x.search_vector @@ ${TSQUERY}
  UNION
  SELECT x.claim_id FROM verdicts x WHERE x.search_vector @@ ${TSQUERY}
  UNION
  SELECT x.id FROM claims x WHERE x.claimant_id IN (
    SELECT y.id FROM claimants y WHERE y.search_vector @@ ${TSQUERY}))`

const FILTERS: Record<Engine, Record<ClaimLogFilterKey, string>> = {
  sqlite: {
    ...EQUAL_FILTERS,
    unattributed: UNATTRIBUTED,
    // A date range checked on each row another index (or the month walks) finds: the unary + keeps the
    // planner off claims_stated_idx.
    fromCheck: '+c.stated_on >= @from',
    toCheck: '+c.stated_on <= @to',
    // A tag on few disputes: read those disputes' claims by index and sort them. A tag on many: walk
    // the log's order and keep the tagged rows (the unary + keeps the planner off the dispute index).
    tag: `c.dispute_id IN ${TAG_DISPUTES}`,
    tagScan: `+c.dispute_id IN ${TAG_DISPUTES}`,
    fts: `c.id IN ${FTS_IDS}`,
    ftsScan: `+c.id IN ${FTS_IDS}`,
    ftsCheck: `(${ftsHit('claim', 'c.id')}
    OR ${ftsHit('verdict', 'v.id')}
    OR ${ftsHit('claimant', 'c.claimant_id')})`,
  },
  // PostgreSQL takes no planner hints and weighs index against order walk itself: the scan variants are
  // the plain clauses.
  postgres: {
    ...EQUAL_FILTERS,
    unattributed: UNATTRIBUTED,
    // The concatenation (a null stays null) keeps the planner off claims_stated_idx, as SQLite's +:
    // with statistics of a small desk it would read the range by that index and sort it.
    fromCheck: "c.stated_on || '' >= @from",
    toCheck: "c.stated_on || '' <= @to",
    tag: `c.dispute_id IN ${TAG_DISPUTES}`,
    tagScan: `c.dispute_id IN ${TAG_DISPUTES}`,
    fts: `c.id IN ${PG_FTS_IDS}`,
    ftsScan: `c.id IN ${PG_FTS_IDS}`,
    ftsCheck: `(c.search_vector @@ ${TSQUERY}
    OR v.search_vector @@ ${TSQUERY}
    OR p.search_vector @@ ${TSQUERY})`,
  },
}

// A rating's or a status's index (an equality, then the log's order) drives only when no sharper
// filter is there: in the month walks the month index drives, and a dispute, a claimant, a tag on few
// disputes or a rare word find fewer rows. SQLite's planner, which has no statistics, could take
// either of two such indexes: the unary + keeps it off the broad one.
const BROAD: ReadonlySet<ClaimLogFilterKey> = new Set(['rating', 'status'])
const SHARP: readonly ClaimLogFilterKey[] = ['disputeId', 'claimantId', 'unattributed', 'tag', 'fts']
const ORDER = 'c.activity_at DESC, c.id DESC'
// The log's order by result column (a compound statement orders by its columns).
const column = (field: ClaimLogField) => CLAIM_LOG_COLUMNS.findIndex((c) => c.field === field) + 1
const ORDER_BY_COLUMNS = `${column('updatedAt')} DESC, ${column('claimId')} DESC`

/**
 * The claim log's SQL for a set of filters (SQLite's unless told), with named parameters; `page` adds
 * the keyset cursor and the limit. `months` above 0 splits it into that many walks, one per month of
 * stated dates (`@month0`, `@month1`…, 'YYYY-MM'), each in the log's order on claims_stated_month_idx,
 * merged in that order: a page reads about a row per month and its own rows, however many claims
 * the range holds (the `fromCheck`/`toCheck` clauses trim the first and last month).
 */
export function claimLogSql(
  active: ReadonlySet<ClaimLogFilterKey>,
  page: { cursor: boolean; limit: boolean },
  engine: Engine = 'sqlite',
  months = 0,
): string {
  const where = ['c.archived_at IS NULL', 'd.archived_at IS NULL']
  const broadChecked = engine === 'sqlite' && (months > 0 || SHARP.some((key) => active.has(key)))
  // Split into months, only the first month's walk checks `from` and only the last's `to`: the months
  // between lie wholly in the range.
  const edges: ReadonlySet<ClaimLogFilterKey> = new Set(months > 1 ? ['fromCheck', 'toCheck'] : [])
  for (const key of FILTER_KEYS) {
    if (!active.has(key) || edges.has(key)) continue
    const clause = FILTERS[engine][key]
    where.push(broadChecked && BROAD.has(key) ? `+${clause}` : clause)
  }
  if (page.cursor) where.push('(c.activity_at, c.id) < (@cursorAt, @cursorId)')
  const limit = page.limit ? '\nLIMIT @limit' : ''
  const month = (i: number) => `substr(c.stated_on, 1, 7) = @month${i}`
  if (months === 1) where.push(month(0))
  if (months <= 1) return `${selectSql(engine)}\nWHERE ${where.join('\n  AND ')}\nORDER BY ${ORDER}${limit}`
  const legs = Array.from({ length: months }, (_, i) => {
    const checks = [month(i)]
    if (i === 0 && active.has('fromCheck')) checks.push(FILTERS[engine].fromCheck)
    if (i === months - 1 && active.has('toCheck')) checks.push(FILTERS[engine].toCheck)
    const leg = `${selectSql(engine)}\nWHERE ${[...where, ...checks].join('\n  AND ')}`
    // SQLite merges a compound statement's legs in its ORDER BY, each leg walking its index in that
    // order; PostgreSQL merges legs that come ordered and limited themselves (a Merge Append).
    return engine === 'sqlite' ? leg : `(${leg}\nORDER BY ${ORDER}${limit})`
  })
  return `${legs.join('\nUNION ALL\n')}\nORDER BY ${ORDER_BY_COLUMNS}${limit}`
}

/** From how many disputes on a tag the log walks its order instead of sorting the tagged claims. */
export const TAG_SCAN_FROM = 100

/**
 * From how many matching index records `q` walks the log's order against the collected matches, and
 * from how many it asks the index row by row instead (measured at 1,000,000 claims, decision 0003).
 */
export const FTS_SCAN_FROM = 1000
export const FTS_CHECK_FROM = 50_000

/**
 * Which statement answers a set of filters: the clause of each filter, the statement's parameters and
 * how many month walks a date range is split into (0: none).
 */
export interface ClaimLogChoice {
  keys: ReadonlySet<ClaimLogFilterKey>
  params: Readonly<Record<string, string>>
  months: number
}

/** The statement of a choice (its SQL, with named parameters). */
export function choiceSql(
  choice: ClaimLogChoice,
  page: { cursor: boolean; limit: boolean },
  engine: Engine = 'sqlite',
): string {
  return claimLogSql(choice.keys, page, engine, choice.months)
}

/**
 * Up to how many months a date range is split into month walks (claimLogSql); a wider one is checked on
 * each row of the log's order (or of a sharper filter's index), since it holds most claims.
 */
export const MONTH_WALKS_UP_TO = 60

/** The earliest and latest stated date of any claim, which bound the months a range can hold. */
export interface StatedSpan {
  min: string | null
  max: string | null
}

/** The months ('YYYY-MM') of stated dates a range holds, within the span of the claims' stated dates. */
export function rangeMonths(from: string | undefined, to: string | undefined, span: StatedSpan): string[] {
  if (!span.min || !span.max) return []
  const first = (from && from > span.min ? from : span.min).slice(0, 7)
  const last = (to && to < span.max ? to : span.max).slice(0, 7)
  const months: string[] = []
  let [year, month] = first.split('-').map(Number) as [number, number]
  for (let at = first; at <= last && months.length <= MONTH_WALKS_UP_TO; ) {
    months.push(at)
    month += 1
    if (month > 12) {
      year += 1
      month = 1
    }
    at = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
  }
  return months
}

/** The values of the filters whose clause depends on how many rows they match (the tag lower-cased). */
export function countedFilters(filters: ClaimLogSqlFilters): { tag: string | null; fts: string | null } {
  return { tag: filters.tag ? filters.tag.toLowerCase() : null, fts: filters.fts || null }
}

/**
 * The claim log's query-plan choice: the clause of each active filter, the tag's and the text's picked
 * by their counts of matches (up to TAG_SCAN_FROM disputes, `ftsCheckFrom` index records), which each
 * engine counts with countedFilters' values. A date range, given the span of stated dates (a page;
 * the export, which reads every row, passes none and sorts what claims_stated_idx finds): checked on
 * each row when a sharper filter's index drives or it spans more than MONTH_WALKS_UP_TO months, else
 * split into month walks; a range outside every stated date is left to claims_stated_idx, which finds
 * nothing at once.
 */
export function claimLogChoice(
  filters: ClaimLogSqlFilters,
  counts: { tag: number; fts: number; stated?: StatedSpan },
  ftsCheckFrom = FTS_CHECK_FROM,
): ClaimLogChoice {
  const keys = new Set<ClaimLogFilterKey>()
  const params: Record<string, string> = {}
  const counted = countedFilters(filters)
  for (const key of Object.keys(EQUAL_FILTERS) as Array<keyof typeof EQUAL_FILTERS>) {
    const value = filters[key]
    if (value === undefined || value === null || value === '') continue
    if (key === 'claimantId' && value === UNATTRIBUTED_FILTER) {
      keys.add('unattributed')
      continue
    }
    keys.add(key)
    params[key] = value
  }
  if (counted.tag) {
    params.tag = counted.tag
    keys.add(counts.tag >= TAG_SCAN_FROM ? 'tagScan' : 'tag')
  }
  if (counted.fts) {
    params.fts = counted.fts
    keys.add(counts.fts >= ftsCheckFrom ? 'ftsCheck' : counts.fts >= FTS_SCAN_FROM ? 'ftsScan' : 'fts')
  }
  const dated = keys.has('from') || keys.has('to')
  if (!dated || !counts.stated) return { keys, params, months: 0 }
  const months = rangeMonths(filters.from ?? undefined, filters.to ?? undefined, counts.stated)
  if (months.length === 0) return { keys, params, months: 0 }
  if (keys.delete('from')) keys.add('fromCheck')
  if (keys.delete('to')) keys.add('toCheck')
  if (SHARP.some((key) => keys.has(key)) || months.length > MONTH_WALKS_UP_TO)
    return { keys, params, months: 0 }
  months.forEach((month, i) => {
    params[`month${i}`] = month
  })
  return { keys, params, months: months.length }
}

/** The earliest and latest stated date (both engines: each a min/max read off claims_stated_idx). */
export const STATED_SPAN_SQL =
  'SELECT (SELECT min(stated_on) FROM claims) AS min, (SELECT max(stated_on) FROM claims) AS max'

// The variants of the filters whose statement depends on their counts.
const VARIANTS: ReadonlyArray<readonly ClaimLogFilterKey[]> = [
  ['tag', 'tagScan'],
  ['fts', 'ftsScan', 'ftsCheck'],
]

/**
 * The statements the choice passed over: the same filters with each counted filter's other variants,
 * one at a time (for the bench, which times the choice against them).
 */
export function claimLogAlternatives(choice: ClaimLogChoice): ClaimLogChoice[] {
  const alternatives: ClaimLogChoice[] = []
  for (const variants of VARIANTS) {
    const picked = variants.find((key) => choice.keys.has(key))
    if (!picked) continue
    for (const other of variants) {
      if (other === picked) continue
      const keys = new Set(choice.keys)
      keys.delete(picked)
      keys.add(other)
      alternatives.push({ keys, params: choice.params, months: choice.months })
    }
  }
  return alternatives
}

/** How many of the newest matches search ranks (decision 0003: a common word costs what a rare one does). */
export const SEARCH_CANDIDATES = 1000
