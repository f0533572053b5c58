import { ERROR_STATUS, ErrorBodySchema, type ErrorCode, ValidationIssueSchema } from '@counterclaim/shared'
import { expect } from 'vitest'
import { z } from 'zod'
import { type Db, engineOf, rawQuery } from '../../packages/db/src/index.ts'
import { errorShapeViolation } from './error-shape.ts'
import type { TestApp } from './test-app.ts'

/**
 * Reads a JSON answer and checks it has exactly the shape of a contract schema: the schema
 * strips keys it does not know, so any extra or missing key makes the two differ.
 */
export async function exact<T extends z.ZodType>(res: Response, schema: T): Promise<z.infer<T>> {
  const text = await res.text()
  expect(res.headers.get('content-type') ?? '', text).toMatch(/^application\/json/)
  const body: unknown = JSON.parse(text)
  const parsed = schema.safeParse(body)
  expect(parsed.success ? null : parsed.error.issues, text).toBeNull()
  expect(parsed.data, 'the answer has keys the contract does not name').toEqual(body)
  return parsed.data as z.infer<T>
}

/** Checks a 2xx answer carrying one record: status, ETag "<version>", exact shape. */
export async function record<T extends z.ZodType>(
  res: Response,
  status: number,
  schema: T,
): Promise<z.infer<T>> {
  if (res.status !== status) expect(`${res.status} ${await res.clone().text()}`).toBe(String(status))
  const value = await exact(res, schema)
  const version = (value as { version?: unknown }).version
  expect(res.headers.get('etag')).toBe(`"${String(version)}"`)
  return value
}

/** Checks an error answer: status, code, the one error shape, no stack trace and no SQL. */
export async function expectError(res: Response, code: ErrorCode) {
  const text = await res.text()
  expect(res.status, text).toBe(ERROR_STATUS[code])
  expect(errorShapeViolation(res.status, res.headers.get('content-type'), text)).toBeNull()
  expect(text).not.toMatch(
    /\n\s+at |at .*\.ts:\d+|SQLITE|sqlite|postgres|relation "|violates|select |insert into|update "|drizzle/i,
  )
  const { error } = ErrorBodySchema.parse(JSON.parse(text))
  expect(error.code).toBe(code)
  return error
}

/** A 400 validation_failed whose details name each of these paths. */
export async function expectInvalid(res: Response, ...paths: string[]) {
  const error = await expectError(res, 'validation_failed')
  if (paths.length) {
    const issues = z.array(ValidationIssueSchema).min(1).parse(error.details)
    const named = issues.map((i) => i.path)
    for (const p of paths) expect(named, JSON.stringify(issues)).toContain(p)
  }
  return error
}

/**
 * Every table of the database, each as its rows in JSON text, sorted (some tables, WITHOUT ROWID or
 * virtual, have no order of their own): SQLite's own tables aside, and the migration log kept apart by
 * PostgreSQL. `except` leaves tables out; `dropColumns` leaves columns out of a table's rows.
 */
export async function tableRows(
  db: Db,
  options: { except?: string[]; dropColumns?: Record<string, string[]> } = {},
): Promise<Record<string, string[]>> {
  const names = await rawQuery<{ name: string }>(
    db,
    engineOf(db) === 'sqlite'
      ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
      : "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
  )
  const except = new Set(options.except)
  const tables: Record<string, string[]> = {}
  for (const { name } of names) {
    if (except.has(name)) continue
    const drop = options.dropColumns?.[name] ?? []
    tables[name] = (await rawQuery(db, `select * from "${name}"`))
      .map((row) => {
        for (const column of drop) delete row[column]
        return JSON.stringify(row)
      })
      .sort()
  }
  return tables
}

/** Every table but sessions and the migration log, as text: what a write may change. */
export async function snapshot(db: Db): Promise<string> {
  return JSON.stringify(await tableRows(db, { except: ['sessions', '__drizzle_migrations'] }))
}

/** The last history sequence number, to read what a request appended after it. */
export async function lastSeq(db: Db): Promise<number> {
  const [row] = await rawQuery<{ seq: number }>(db, 'select coalesce(max(seq), 0) as seq from history_events')
  return Number(row?.seq)
}

export interface StoredEvent {
  seq: number
  actorId: string | null
  entity: string
  entityId: string
  action: string
  before: unknown
  after: unknown
  disputeId: string | null
  claimId: string | null
}

/** The history events appended after a sequence number, oldest first. */
export async function eventsSince(db: Db, seq: number): Promise<StoredEvent[]> {
  const rows = await rawQuery(
    db,
    'select seq, actor_id, entity, entity_id, action, before, after, dispute_id, claim_id from history_events where seq > $1 order by seq',
    [seq],
  )
  return rows.map((r) => ({
    seq: Number(r.seq),
    actorId: r.actor_id === null ? null : String(r.actor_id),
    entity: String(r.entity),
    entityId: String(r.entity_id),
    action: String(r.action),
    before: r.before === null ? null : JSON.parse(String(r.before)),
    after: r.after === null ? null : JSON.parse(String(r.after)),
    disputeId: r.dispute_id === null ? null : String(r.dispute_id),
    claimId: r.claim_id === null ? null : String(r.claim_id),
  }))
}

/** Runs a request that must fail, and checks that it changed nothing and wrote no history. */
export async function unchanged<T>(t: TestApp, run: () => Promise<T>): Promise<T> {
  const before = await snapshot(t.db)
  const seq = await lastSeq(t.db)
  const result = await run()
  expect(await eventsSince(t.db, seq)).toEqual([])
  expect((await snapshot(t.db)) === before, 'a failed request changed the database').toBe(true)
  return result
}

/**
 * Runs a write that must succeed and checks it appended exactly one history event, by this
 * actor, about this record, with the before and after the caller expects.
 */
export async function oneEvent<T>(
  t: TestApp,
  expected: { actorId: string; entity: string; action: string },
  run: () => Promise<T>,
): Promise<{ result: T; event: StoredEvent }> {
  const seq = await lastSeq(t.db)
  const result = await run()
  const events = await eventsSince(t.db, seq)
  expect(events.length, JSON.stringify(events)).toBe(1)
  const event = events[0] as StoredEvent
  expect(event).toMatchObject(expected)
  return { result, event }
}

const MeBody = z.object({ user: z.object({ id: z.string(), email: z.string(), role: z.string() }) })

/** The signed-in user of a cookie. */
export async function whoAmI(t: TestApp, cookie: string) {
  const res = await t.request('/api/auth/me', { cookie })
  expect(res.status).toBe(200)
  return MeBody.parse(await res.json()).user
}

/** A string of n characters. */
export const chars = (n: number, ch = 'x') => ch.repeat(n)

/** Headers carrying an If-Match for a version. */
export const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` })
