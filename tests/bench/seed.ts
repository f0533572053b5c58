/**
 * The bench database: `npm run bench:seed -- --claims 1000000 [--fact-checks 100000] [--out path]`.
 *
 * Claims over 20,000 disputes and 5,000 claimants, with evidence, stances and verdicts in every
 * status, and other desks' fact-checks (one for every ten claims unless told), written through the bulk
 * path the claim-log import writes through (packages/db's insertBatched and search bulk load), in one
 * transaction over a database created and migrated by packages/db. Text is English and Cyrillic from a generated vocabulary
 * with a Zipf-like spread, from a seeded PRNG, so two runs write the same database. Every derived
 * column is written as the services would leave it (docs/decisions/0002-claim-log-columns.md).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { bootstrap } from '../../apps/api/src/services/bootstrap.ts'
import { hashPassword } from '../../apps/api/src/services/passwords.ts'
import { insertAccount } from '../../apps/api/src/services/seed.ts'
import {
  beginSearchBulkLoad,
  createDb,
  type Db,
  endSearchBulkLoad,
  insertBatched,
  insertMissingSnapshots,
  migrateDb,
  migrationsFolder,
  sqliteClient,
  tables,
} from '../../packages/db/src/index.ts'
import { fromLegacyQuantity } from '../../packages/domain/src/index.ts'
import {
  ClaimantKindSchema,
  EvidenceKindSchema,
  QuantityQualifierSchema,
  RatingSchema,
} from '../../packages/shared/src/index.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
export const BENCH_DATA = `${REPO}tests/bench/.data/`

/** Bench-only accounts: the password exists only in bench databases, hashed cheaply. */
export const BENCH_ACCOUNTS = {
  admin: { email: 'admin@example.org', password: 'bench-only-password' },
  editor: { email: 'editor@example.org', password: 'bench-only-password' },
  checker: { email: 'checker@example.org', password: 'bench-only-password' },
} as const
export const BENCH_SCRYPT_LOG_N = 10

/** The dispute the bench reads as a workbench: 12 claims × 200 evidence items, every cell set. */
export const BENCH_WORKBENCH = {
  disputeId: '00000000-0000-4000-8000-00000000b001',
  claims: 12,
  evidence: 200,
}

export const SHAPE = { disputes: 20_000, claimants: 5_000, evidencePerDispute: 6 }

// ---------------------------------------------------------------- deterministic randomness

/** mulberry32: small, fast, seedable; its state stays a 32-bit integer, so V8 keeps it unboxed. */
export function prng(seed: number): () => number {
  let a = seed | 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hex8 = (rand: () => number) =>
  Math.floor(rand() * 4294967296)
    .toString(16)
    .padStart(8, '0')

/** A version-4-shaped UUID from the PRNG, so ids repeat across runs. */
function uuid(rand: () => number): string {
  const a = hex8(rand)
  const b = hex8(rand)
  const c = hex8(rand)
  const d = hex8(rand)
  const variant = '89ab'[Math.floor(rand() * 4)] ?? '8'
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`
}

// ---------------------------------------------------------------- vocabulary

const LATIN = {
  onsets: ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'br', 'st', 'tr'],
  extra: ['pl', 'ch', 'sh', 'th', 'gr', 'fr', 'cl', 'sp', 'dr', ''],
  vowels: ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io', 'y'],
  codas: ['', '', 'n', 'r', 's', 't', 'l', 'nd', 'st', 'rk', 'm', 'ng'],
}
const CYRILLIC = {
  onsets: ['б', 'в', 'г', 'д', 'ж', 'з', 'к', 'л', 'м', 'н', 'п', 'р', 'с', 'т', 'ф', 'х', 'ч', 'ш', 'пр'],
  extra: ['ст', 'кр', 'гр', 'тр', 'зв', 'сл', 'дн', 'вл', 'бр', ''],
  vowels: ['а', 'е', 'и', 'о', 'у', 'я', 'ю', 'ы', 'і', 'є'],
  codas: ['', '', 'н', 'р', 'с', 'т', 'л', 'нд', 'ст', 'рк', 'м', 'й'],
}

function makeWords(rand: () => number, alphabet: typeof LATIN, count: number): string[] {
  const onsets = [...alphabet.onsets, ...alphabet.extra]
  const pick = (list: string[]) => list[Math.floor(rand() * list.length)] ?? ''
  const words = new Set<string>()
  while (words.size < count) {
    // Short words are the common ones, as in real text: the length grows with the rank.
    const syllables = words.size < 60 ? 1 : words.size < 900 ? 2 : 2 + Math.floor(rand() * 2)
    let w = ''
    for (let s = 0; s < syllables; s++) w += pick(onsets) + pick(alphabet.vowels) + pick(alphabet.codas)
    if (w.length >= 2) words.add(w)
  }
  return [...words]
}

/** Words by rank (most common first) and a sampler with a Zipf-like spread over them. */
export interface Vocabulary {
  words: string[]
  sample: (rand: () => number) => string
  /** The Zipf table: 2^20 slots holding word ranks, for samplers that draw many words at once. */
  table: Uint16Array
}

function zipf(words: string[]): Vocabulary {
  // Zipf–Mandelbrot weights 1/(rank+2.7); a 2^20-slot table makes sampling one lookup.
  const slots = 1 << 20
  const table = new Uint16Array(slots)
  let total = 0
  for (let r = 0; r < words.length; r++) total += 1 / (r + 2.7)
  let at = 0
  let acc = 0
  for (let r = 0; r < words.length; r++) {
    acc += 1 / (r + 2.7) / total
    const end = r === words.length - 1 ? slots : Math.round(acc * slots)
    while (at < end) table[at++] = r
  }
  return { words, table, sample: (rand) => words[table[Math.floor(rand() * slots)] ?? 0] ?? '' }
}

/** The bench vocabularies; the same seed always gives the same words in the same ranks. */
export function vocabularies(): { en: Vocabulary; uk: Vocabulary } {
  const rand = prng(20250610)
  return { en: zipf(makeWords(rand, LATIN, 6000)), uk: zipf(makeWords(rand, CYRILLIC, 4000)) }
}

function sentence(rand: () => number, vocab: Vocabulary, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1))
  const { words, table } = vocab
  let text = ''
  for (let i = 0; i < n; i++) {
    // One draw per word: the integer part picks the word, the fraction whether a comma follows.
    const x = rand() * 1048576
    const slot = Math.floor(x)
    const w = words[table[slot] ?? 0] ?? ''
    if (i === 0) text = w.charAt(0).toUpperCase() + w.slice(1)
    else text += (x - slot < 0.08 ? ', ' : ' ') + w
  }
  return `${text}.`
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1)

// ---------------------------------------------------------------- the database

/** A fingerprint of the migrations and this generator: a cached bench database older than either is rebuilt. */
export function benchFingerprint(): string {
  const h = createHash('sha256')
  h.update(readFileSync(`${migrationsFolder('sqlite')}/meta/_journal.json`))
  h.update(readFileSync(fileURLToPath(import.meta.url)))
  return h.digest('hex').slice(0, 10)
}

/** Where the cached bench database of this size lives. */
export function defaultDbPath(claims: number): string {
  return `${BENCH_DATA}claims-${claims}-${benchFingerprint()}.db`
}

// The contract's lists, so the bench seeds exactly the values the API accepts.
const RATINGS = RatingSchema.options
const KINDS = ClaimantKindSchema.options
const EVIDENCE_KINDS = EvidenceKindSchema.options
const UNITS = ['people', 'drones', 'missiles', 'km', 'buildings', 'tonnes'] as const
const QUALIFIERS = QuantityQualifierSchema.options

export interface SeedSummary {
  path: string
  claims: number
  disputes: number
  claimants: number
  evidence: number
  stances: number
  verdicts: Record<'none' | 'draft' | 'in_review' | 'published', number>
  /** Other desks' fact-checks (older summaries have none). */
  factChecks?: number
  seconds: number
  cpuSeconds: number
  phases: Record<string, { wall: number; cpu: number }>
}

/** Writes a fresh bench database at `path` (replacing any file there) and returns what it holds. */
export async function seedBench(options: {
  claims: number
  /** Other desks' fact-checks; one for every ten claims unless told. */
  factChecks?: number
  path: string
  progress?: (line: string) => void
}): Promise<SeedSummary> {
  const started = performance.now()
  // Wall and CPU seconds per phase: on a shared machine the CPU time says what the work costs.
  const phases: Record<string, { wall: number; cpu: number }> = {}
  let mark = started
  let cpuMark = process.cpuUsage()
  const phase = (name: string) => {
    const now = performance.now()
    const cpu = process.cpuUsage(cpuMark)
    phases[name] = {
      wall: Math.round(now - mark) / 1000,
      cpu: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    }
    mark = now
    cpuMark = process.cpuUsage()
    options.progress?.(`${name}: ${phases[name]?.wall.toFixed(1)} s (CPU ${phases[name]?.cpu.toFixed(1)} s)`)
  }
  const cpuStart = process.cpuUsage()
  // Build beside the target and rename at the end, so a half-written file is never taken for a cache.
  const tmp = `${options.path}.partial`
  for (const p of [tmp, options.path])
    for (const s of ['', '-wal', '-shm', '-journal', '.json']) rmSync(p + s, { force: true })
  const db = createDb(tmp)
  await migrateDb(db)
  await bootstrap(db, {
    adminEmail: BENCH_ACCOUNTS.admin.email,
    adminPassword: BENCH_ACCOUNTS.admin.password,
    seed: 'none',
    scryptLogN: BENCH_SCRYPT_LOG_N,
  })
  const at0 = new Date().toISOString()
  const editor = await insertAccount(
    db,
    {
      email: BENCH_ACCOUNTS.editor.email,
      name: 'Bench Editor',
      role: 'editor',
      passwordHash: await hashPassword(BENCH_ACCOUNTS.editor.password, BENCH_SCRYPT_LOG_N),
    },
    at0,
  )
  const checker = await insertAccount(
    db,
    {
      email: BENCH_ACCOUNTS.checker.email,
      name: 'Bench Checker',
      role: 'checker',
      passwordHash: await hashPassword(BENCH_ACCOUNTS.checker.password, BENCH_SCRYPT_LOG_N),
    },
    at0,
  )
  phase('migrate and accounts')

  const sqlite = sqliteClient(db)
  // A bulk load into a file nobody else has open: no fsync, a large cache. The data
  // is consistent by construction (checked with foreign_key_check at small sizes).
  sqlite.pragma('journal_mode = DELETE')
  sqlite.pragma('journal_mode = OFF')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('foreign_keys = OFF')
  sqlite.pragma('cache_size = -1000000')
  sqlite.pragma('temp_store = MEMORY')
  // Helper threads for the sorter that builds the indexes after the load.
  sqlite.pragma('threads = 2')

  // One transaction for the whole load: the search index's triggers are set aside for it and the index
  // filled once at the end (beginSearchBulkLoad), as the claim-log import does.
  sqlite.exec('BEGIN')
  const searchMarks = await beginSearchBulkLoad(db)
  // Secondary indexes are built once after the load (a sort) rather than row by row (random
  // B-tree inserts); the same CREATE INDEX statements the migrations ran, read back from the schema.
  const indexes = sqlite
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('claims', 'stances', 'verdicts', 'evidence', 'verdict_citations', 'dispute_tags')",
    )
    .all() as { name: string; sql: string }[]
  for (const i of indexes) sqlite.exec(`drop index ${i.name}`)

  const rand = prng(1_000_003)
  const { en, uk } = vocabularies()
  const lang = () => (rand() < 0.7 ? en : uk)
  const tags = en.words.slice(40, 340)
  const tagVocab = zipf(tags)

  // Rows waiting to be written, per table: flush() writes them in multi-row statements.
  const pending = {
    claimants: [] as Array<typeof tables.claimants.$inferInsert>,
    disputes: [] as Array<typeof tables.disputes.$inferInsert>,
    disputeTags: [] as Array<typeof tables.disputeTags.$inferInsert>,
    evidence: [] as Array<typeof tables.evidence.$inferInsert>,
    claims: [] as Array<typeof tables.claims.$inferInsert>,
    stances: [] as Array<typeof tables.stances.$inferInsert>,
    verdicts: [] as Array<typeof tables.verdicts.$inferInsert>,
    verdictCitations: [] as Array<typeof tables.verdictCitations.$inferInsert>,
  }
  const flush = async () => {
    for (const name of Object.keys(pending) as Array<keyof typeof pending>) {
      await insertBatched(db, tables[name], pending[name])
      pending[name] = []
    }
  }

  // Three years of activity, oldest first, so the time-ordered indexes grow at their ends.
  const T0 = Date.parse('2023-01-01T00:00:00Z')
  const SPAN = 3 * 365 * 86_400_000
  const iso = (ms: number) => new Date(ms).toISOString()
  const day = (ms: number) => iso(ms).slice(0, 10)

  const claimantIds: string[] = []
  for (let i = 0; i < SHAPE.claimants; i++) {
    const id = uuid(rand)
    claimantIds.push(id)
    const v = lang()
    const name = `${capitalise(v.sample(rand))} ${capitalise(v.words[100 + Math.floor(rand() * 3000)] ?? 'x')}`
    const created = iso(T0 + Math.floor((i / SHAPE.claimants) * SPAN * 0.1))
    pending.claimants.push({
      id,
      name,
      kind: KINDS[Math.floor(rand() * KINDS.length)] ?? 'other',
      description: sentence(rand, v, 6, 14),
      url: rand() < 0.5 ? `https://example.org/claimants/${i}` : null,
      sameAs: [],
      createdAt: created,
      updatedAt: created,
      version: 1,
    })
  }
  await flush()
  phase('claimants')

  const disputeIds: string[] = []
  const evidenceIds: string[] = []
  const disputeTime: number[] = []
  const workbenchEvidence: string[] = []
  const writeDisputes = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = i === 0 ? BENCH_WORKBENCH.disputeId : uuid(rand)
      disputeIds.push(id)
      const v = lang()
      const created = T0 + Math.floor((i / SHAPE.disputes) * SPAN * 0.9)
      disputeTime.push(created)
      const own = new Set<string>()
      const tagCount = Math.floor(rand() * 4)
      for (let t = 0; t < tagCount; t++) own.add(tagVocab.sample(rand))
      const tagList = [...own]
      pending.disputes.push({
        id,
        title:
          i === 0 ? 'Bench workbench: 12 claims × 200 evidence items' : sentence(rand, v, 4, 9).slice(0, -1),
        question: `${sentence(rand, v, 6, 14).slice(0, -1)}?`,
        summary: sentence(rand, v, 10, 30),
        tags: tagList,
        status: rand() < 0.8 ? 'open' : 'closed',
        createdBy: checker.id,
        createdAt: iso(created),
        updatedAt: iso(created),
        version: 1,
      })
      for (const tag of tagList) pending.disputeTags.push({ disputeId: id, tag })
      const perDispute = i === 0 ? BENCH_WORKBENCH.evidence : SHAPE.evidencePerDispute
      for (let e = 0; e < perDispute; e++) {
        const eid = uuid(rand)
        if (i !== 0) evidenceIds.push(eid)
        else workbenchEvidence.push(eid)
        const excerpt = sentence(rand, v, 15, 45)
        const eAt = iso(created + e * 60_000)
        pending.evidence.push({
          id: eid,
          disputeId: id,
          title: sentence(rand, v, 4, 9).slice(0, -1),
          kind: EVIDENCE_KINDS[Math.floor(rand() * EVIDENCE_KINDS.length)] ?? 'other',
          sourceName: capitalise(v.sample(rand)),
          url: `https://example.org/evidence/${i}/${e}`,
          excerpt,
          excerptSha256: createHash('sha256').update(excerpt, 'utf8').digest('hex'),
          publishedOn: day(created - 86_400_000),
          accessedOn: day(created),
          sourceReliability: ('ABCDEF'[Math.floor(rand() * 6)] ?? 'C') as 'C',
          informationCredibility: 1 + Math.floor(rand() * 6),
          createdAt: eAt,
          updatedAt: eAt,
          version: 1,
        })
      }
    }
    await flush()
  }
  for (let i = 0; i < SHAPE.disputes; i += 200) await writeDisputes(i, Math.min(SHAPE.disputes, i + 200))
  phase('disputes, tags and evidence')

  const positions = new Int32Array(SHAPE.disputes)
  const verdicts = { none: 0, draft: 0, in_review: 0, published: 0 }
  let stanceCount = 0
  let claimCount = 0

  /** One claim with its stances and verdict; the claim row carries their derived columns. */
  const writeClaim = (disputeIdx: number, created: number, evidencePool: string[], stanceCells: number) => {
    const id = uuid(rand)
    const disputeId = disputeIds[disputeIdx] ?? ''
    const v = lang()
    let activity = created
    let supporting = 0
    let contradicting = 0
    let context = 0
    const cited: string[] = []
    // Stances: distinct evidence of the claim's own dispute.
    const start = Math.floor(rand() * evidencePool.length)
    for (let s = 0; s < stanceCells; s++) {
      const evidenceId = evidencePool[(start + s) % evidencePool.length] ?? ''
      const r = rand()
      const stance = r < 0.42 ? 'supports' : r < 0.78 ? 'contradicts' : r < 0.96 ? 'context' : null
      if (stance === 'supports') supporting++
      else if (stance === 'contradicts') contradicting++
      else if (stance === 'context') context++
      if (stance && cited.length < 2) cited.push(evidenceId)
      const sAt = created + 60_000 + Math.floor(rand() * 10 * 86_400_000)
      if (sAt > activity) activity = sAt
      pending.stances.push({
        id: uuid(rand),
        evidenceId,
        claimId: id,
        stance: stance ?? null,
        note: '',
        createdAt: iso(sAt),
        updatedAt: iso(sAt),
        version: 1,
      })
      stanceCount++
    }
    // Verdicts in every status; none for about a third of the claims.
    const r = rand()
    const status = r < 0.33 ? null : r < 0.53 ? 'draft' : r < 0.63 ? 'in_review' : 'published'
    let rating: (typeof RATINGS)[number] | null = null
    let verdictRow: typeof tables.verdicts.$inferInsert | null = null
    if (status) {
      rating =
        status === 'draft' && rand() < 0.4 ? null : (RATINGS[Math.floor(rand() * RATINGS.length)] ?? 'mixed')
      const vCreated = created + 3_600_000 + Math.floor(rand() * 5 * 86_400_000)
      const vUpdated = vCreated + Math.floor(rand() * 10 * 86_400_000)
      if (vUpdated > activity) activity = vUpdated
      const submitted = status === 'draft' ? null : iso(vUpdated - 3_600_000)
      const published = status === 'published' ? iso(vUpdated) : null
      verdictRow = {
        id: uuid(rand),
        claimId: id,
        rating,
        summary: status === 'draft' && rand() < 0.3 ? '' : sentence(rand, v, 5, 14),
        rationale: sentence(rand, v, 6, 20),
        status,
        authorId: checker.id,
        reviewerId: status === 'published' ? editor.id : null,
        submittedAt: submitted,
        publishedAt: published,
        createdAt: iso(vCreated),
        updatedAt: iso(vUpdated),
        version: status === 'published' ? 3 : status === 'in_review' ? 2 : 1,
      }
    }
    const pos = positions[disputeIdx] ?? 0
    positions[disputeIdx] = pos + 1
    const text = sentence(rand, v, 8, 26)
    const hasQuantity = rand() < 0.2
    pending.claims.push({
      id,
      disputeId,
      claimantId: claimantIds[Math.floor(rand() ** 1.6 * claimantIds.length)] ?? '',
      text,
      shortText: rand() < 0.5 ? text.slice(0, 60) : null,
      statedOn: rand() < 0.95 ? day(created - Math.floor(rand() * 30) * 86_400_000) : null,
      appearanceUrl: rand() < 0.8 ? `https://example.org/appearances/${claimCount}` : null,
      language: v === en ? 'en' : 'uk',
      quantities: hasQuantity
        ? [
            fromLegacyQuantity({
              value: Math.round(rand() * 10_000),
              unit: UNITS[Math.floor(rand() * UNITS.length)] ?? 'drones',
              qualifier: QUALIFIERS[Math.floor(rand() * QUALIFIERS.length)] ?? 'exact',
            }),
          ]
        : [],
      position: pos,
      verdictRating: rating,
      verdictStatus: status,
      supportingCount: supporting,
      contradictingCount: contradicting,
      contextCount: context,
      activityAt: iso(activity),
      createdAt: iso(created),
      updatedAt: iso(created),
      version: 1,
    })
    if (verdictRow) {
      pending.verdicts.push(verdictRow)
      const verdictId = verdictRow.id
      if (status === 'published')
        cited.forEach((evidenceId, position) => {
          pending.verdictCitations.push({ verdictId, evidenceId, position })
        })
    }
    verdicts[status ?? 'none']++
    claimCount++
  }

  // The workbench dispute: 12 claims, each with a stance on every one of its 200 evidence items.
  for (let c = 0; c < BENCH_WORKBENCH.claims; c++)
    writeClaim(0, (disputeTime[0] ?? T0) + c * 60_000, workbenchEvidence, BENCH_WORKBENCH.evidence)
  await flush()

  const rest = options.claims - BENCH_WORKBENCH.claims
  const batch = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const created = T0 + Math.floor((i / rest) * SPAN)
      // Disputes that exist by then; the first is the workbench and gets no more claims.
      const live = Math.max(
        2,
        Math.min(SHAPE.disputes, Math.ceil(((created - T0) / (SPAN * 0.9)) * SHAPE.disputes)),
      )
      const d = 1 + Math.floor(rand() * (live - 1))
      const pool = evidenceIds.slice((d - 1) * SHAPE.evidencePerDispute, d * SHAPE.evidencePerDispute)
      const r = rand()
      writeClaim(d, created, pool, r < 0.3 ? 0 : r < 0.65 ? 1 : r < 0.85 ? 2 : 3)
    }
    await flush()
  }
  // Written every 1,000 claims: rows held longer outlive V8's young generation and cost old-generation
  // collections.
  for (let i = 0; i < rest; i += 1000) await batch(i, Math.min(rest, i + 1000))
  phase('claims, stances and verdicts')
  for (const i of indexes) sqlite.exec(i.sql)
  phase('indexes')
  const factChecks = options.factChecks ?? defaultFactChecks(options.claims)
  await seedFactChecks(db, factChecks, prng(7_000_003))
  phase('fact-checks')
  await endSearchBulkLoad(db, searchMarks)
  sqlite.exec('COMMIT')
  phase('search index')
  // Published verdicts get the snapshot the public reads, as publishing gives them.
  await insertMissingSnapshots(db, new Date().toISOString())
  phase('published snapshots')

  // No ANALYZE: the server never runs it, so the bench plans queries as a real database would.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.close()
  const summary: SeedSummary = {
    path: options.path,
    claims: claimCount,
    disputes: SHAPE.disputes,
    claimants: SHAPE.claimants,
    evidence: evidenceIds.length + workbenchEvidence.length,
    stances: stanceCount,
    verdicts,
    factChecks,
    seconds: Math.round(performance.now() - started) / 1000,
    cpuSeconds: (() => {
      const cpu = process.cpuUsage(cpuStart)
      return Math.round((cpu.user + cpu.system) / 1000) / 1000
    })(),
    phases,
  }
  // The summary travels with the file, so a bench run on a cached database can say how it was made.
  writeFileSync(`${options.path}.json`, `${JSON.stringify(summary, null, 2)}\n`)
  renameSync(tmp, options.path)
  for (const s of ['-wal', '-shm', '-journal']) rmSync(tmp + s, { force: true })
  return summary
}

/** How many fact-checks a bench database of `claims` claims holds unless told: one for every ten claims. */
export function defaultFactChecks(claims: number): number {
  return Math.round(claims / 10)
}

// Fact-checkers as they name themselves, with the language each mostly publishes in and its rating labels
// (the label and where it sits on our scale), as imports of their ClaimReview leave them.
const PUBLISHERS = [
  { name: 'Full Fact', url: 'https://fullfact.org/', language: 'en' },
  { name: 'PolitiFact', url: 'https://www.politifact.com/', language: 'en' },
  { name: 'AFP Fact Check', url: 'https://factcheck.afp.com/', language: 'en' },
  { name: 'Africa Check', url: 'https://africacheck.org/', language: 'en' },
  { name: 'Maldita.es', url: 'https://maldita.es/', language: 'es' },
  { name: 'Chequeado', url: 'https://chequeado.com/', language: 'es' },
  { name: 'Aos Fatos', url: 'https://www.aosfatos.org/', language: 'pt' },
  { name: 'Les Surligneurs', url: 'https://www.lessurligneurs.eu/', language: 'fr' },
  { name: 'CORRECTIV.Faktencheck', url: 'https://correctiv.org/faktencheck/', language: 'de' },
  { name: 'Pagella Politica', url: 'https://pagellapolitica.it/', language: 'it' },
  { name: 'VoxCheck', url: 'https://voxukraine.org/', language: 'uk' },
  { name: 'StopFake', url: 'https://www.stopfake.org/', language: 'uk' },
  { name: 'Проверено', url: 'https://provereno.media/', language: 'ru' },
] as const
const PUBLISHER_RATINGS = [
  ['False', 'false'],
  ['Misleading', 'misleading'],
  ['Mostly false', 'mostly_false'],
  ['Half true', 'mixed'],
  ['Missing context', 'misleading'],
  ['True', 'true'],
  ['Falso', 'false'],
  ['Engañoso', 'misleading'],
  ['Faux', 'false'],
  ['Falsch', 'false'],
  ['Неправда', 'false'],
  ['Маніпуляція', 'misleading'],
  ['Satire', null],
] as const

/**
 * Other desks' fact-checks, written inside the load's transaction (the search index is filled with them at
 * its end, word and trigram indexes, as an import's bulk load leaves them). Their claims come from the claims' vocabularies
 * (Latin-script publishers take the English one, the others the Cyrillic one), a fifth with a number, so
 * matching a claim-like text reads as many candidates here as among the desk's own claims.
 */
async function seedFactChecks(db: Db, count: number, rand: () => number): Promise<void> {
  if (count === 0) return
  const { en, uk } = vocabularies()
  const T0 = Date.parse('2023-01-01T00:00:00Z')
  const SPAN = 3 * 365 * 86_400_000
  let rows: Array<typeof tables.factChecks.$inferInsert> = []
  for (let i = 0; i < count; i++) {
    const id = uuid(rand)
    const publisher = PUBLISHERS[Math.floor(rand() * PUBLISHERS.length)] ?? PUBLISHERS[0]
    const vocab = /^(uk|ru)$/.test(publisher.language) ? uk : en
    const words = sentence(rand, vocab, 8, 26)
    const claim = rand() < 0.2 ? `${words.slice(0, -1)} ${1 + Math.floor(rand() * 5000)}.` : words
    const reviewed = T0 + Math.floor((i / count) * SPAN)
    const [label, normalized] = PUBLISHER_RATINGS[Math.floor(rand() * PUBLISHER_RATINGS.length)] ?? [
      'False',
      'false',
    ]
    const numeric = rand() < 0.3
    const at = new Date(reviewed).toISOString()
    rows.push({
      id,
      url: `${publisher.url}checks/${i}`,
      publisherName: publisher.name,
      publisherUrl: publisher.url,
      claimReviewed: claim,
      claimant:
        rand() < 0.7
          ? `${capitalise(vocab.sample(rand))} ${capitalise(vocab.words[100 + Math.floor(rand() * 3000)] ?? 'x')}`
          : null,
      claimDate: at.slice(0, 10),
      reviewDate: at.slice(0, 10),
      language: publisher.language,
      appearanceUrls: rand() < 0.6 ? [`https://social.example.org/posts/${i}`] : [],
      ratingLabel: label,
      ratingValue: numeric ? 1 + Math.floor(rand() * 5) : null,
      ratingBest: numeric ? 5 : null,
      ratingWorst: numeric ? 1 : null,
      ratingNormalized: normalized,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    if (rows.length === 10_000) {
      await insertBatched(db, tables.factChecks, rows)
      rows = []
    }
  }
  await insertBatched(db, tables.factChecks, rows)
}

/** The summary seedBench wrote beside a database, if any. */
export function readSeedSummary(path: string): SeedSummary | null {
  return existsSync(`${path}.json`) ? (JSON.parse(readFileSync(`${path}.json`, 'utf8')) as SeedSummary) : null
}

async function main() {
  const { values } = parseArgs({
    options: {
      claims: { type: 'string', default: '1000000' },
      'fact-checks': { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean' },
    },
  })
  const claims = Number(values.claims)
  if (!Number.isInteger(claims) || claims < 1000) throw new Error('--claims must be a whole number ≥ 1000')
  const factChecks =
    values['fact-checks'] === undefined ? defaultFactChecks(claims) : Number(values['fact-checks'])
  if (!Number.isInteger(factChecks) || factChecks < 0) throw new Error('--fact-checks must be a whole number')
  // Only the default mix is the bench's cache; another is written where --out says (or beside it, named so).
  const path =
    values.out ??
    (factChecks === defaultFactChecks(claims)
      ? defaultDbPath(claims)
      : defaultDbPath(claims).replace(/\.db$/, `-fc${factChecks}.db`))
  const summary = await seedBench({ claims, factChecks, path, progress: (line) => console.error(line) })
  console.log(JSON.stringify(summary, null, 2))
  if (values.check) {
    const db = createDb(path, { readonly: true })
    const problems = sqliteClient(db).prepare('pragma foreign_key_check').all()
    console.log(`foreign_key_check: ${problems.length} problems`)
    sqliteClient(db).close()
    if (problems.length) process.exit(1)
  }
  if (!existsSync(path)) process.exit(1)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err)
    process.exit(1)
  })
}
