// The live event stream of a dispute over a real HTTP server: every change reaches every subscriber in
// commit order, a reconnect with Last-Event-ID loses nothing and repeats nothing, viewers come and go;
// on PostgreSQL, two server processes on one database see each other's writes through LISTEN/NOTIFY.
import { randomUUID } from 'node:crypto'
import type { DisputeEvent } from '@counterclaim/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import { CLAIM_LOG_CSV_HEADER, csvLine } from '../../packages/domain/src/index.ts'
import { listen } from '../support/app-over.ts'
import { HEADERS, importCsv } from '../support/claim-log.ts'
import { DISPUTE_HISTORY_SQL, newWorkDispute, workInDispute } from '../support/dispute-work.ts'
import type { Send } from '../support/http.ts'
import { type EventStream, openEventStream } from '../support/sse.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'
import { testEngine } from '../support/test-db.ts'

const WAIT = { timeout: 15_000, interval: 20 }

interface Served {
  t: TestApp
  url: string
  close: () => Promise<void>
}

/** An app with its broker started (no fallback poll unless asked: signals alone must carry changes). */
async function served(t: TestApp, pollMs = 0): Promise<Served> {
  await t.events.start({ pollMs, presenceMs: 0 })
  const { url, close } = await listen(t.app)
  return {
    t,
    url,
    close: async () => {
      await t.events.stop()
      await close()
    },
  }
}

const opened: EventStream[] = []
const servers: Served[] = []
let a: Served
let editor: string
let checker: string

beforeAll(async () => {
  a = await served(await makeTestApp())
  servers.push(a)
  editor = await a.t.login('editor')
  checker = await a.t.login('checker')
})

afterAll(async () => {
  for (const s of opened) s.close()
  for (const s of servers) await s.close()
})

/** A dispute of the test's own (made by the checker unless told) and a claimant to make claims with. */
const newDispute = (send: Send, cookie = checker) => newWorkDispute(send, cookie)
const work = workInDispute

/** The dispute's history after `after`, in seq order, as the stream should send it. */
async function history(s: Served, disputeId: string, after: number) {
  const rows = await rawQuery<{ seq: number; entity: string; entity_id: string; action: string }>(
    s.t.db,
    DISPUTE_HISTORY_SQL,
    [disputeId, after],
  )
  return rows.map((r) => ({ seq: Number(r.seq), entity: r.entity, id: r.entity_id, action: r.action }))
}

async function lastSeqOf(s: Served, disputeId: string): Promise<number> {
  const [row] = await rawQuery<{ seq: number | null }>(
    s.t.db,
    'SELECT max(seq) AS seq FROM history_events WHERE dispute_id = $1',
    [disputeId],
  )
  return Number(row?.seq ?? 0)
}

const brief = (events: DisputeEvent[]) =>
  events.map((e) => ({ seq: e.seq, entity: e.entity, id: e.id, action: e.action }))

async function stream(
  s: Served,
  disputeId: string,
  cookie: string,
  lastEventId?: string,
): Promise<EventStream> {
  const es = await openEventStream(`${s.url}/api/disputes/${disputeId}/events`, {
    cookie,
    ...(lastEventId === undefined ? {} : { lastEventId }),
  })
  opened.push(es)
  expect(es.status, es.text).toBe(200)
  return es
}

const names = (es: EventStream) =>
  es
    .viewers()
    .at(-1)
    ?.viewers.map((v) => v.name)

describe('the event stream of a dispute', () => {
  it('sends every change to every subscriber, in commit order', async () => {
    const d = await newDispute(a.t.request)
    const start = await lastSeqOf(a, d.id)
    const one = await stream(a, d.id, editor)
    const two = await stream(a, d.id, checker)
    expect(one.headers.get('content-type')).toMatch(/^text\/event-stream/)
    // Three colleagues at once, each doing several kinds of change.
    await Promise.all([
      work(a.t.request, checker, d, 4),
      work(a.t.request, editor, d, 4),
      work(a.t.request, await a.t.login('admin'), d, 4),
    ])
    const want = await history(a, d.id, start)
    expect(want.length).toBe(48)
    await expect.poll(() => one.changes().length, WAIT).toBe(want.length)
    await expect.poll(() => two.changes().length, WAIT).toBe(want.length)
    expect(brief(one.changes())).toEqual(want)
    expect(brief(two.changes())).toEqual(want)
    expect(one.retry).toBe(1000)
    expect(new Set(want.map((e) => e.entity))).toEqual(new Set(['claim', 'evidence', 'stance', 'verdict']))
    // Each says who made it, and the record's new version; the SSE id is its seq.
    const first = one.changes()[0]
    expect(first?.actor?.name).toMatch(/\S/)
    expect(first?.version).toBe(1)
    const claimEvent = one.changes().find((e) => e.entity === 'stance')
    expect(claimEvent?.claimId).toMatch(/\S/)
    // A stance names its cell: the workbench's matrix has no stance ids to mark it by.
    expect(claimEvent?.evidenceId).toMatch(/\S/)
    expect(one.lastEventId).toBe(String(want.at(-1)?.seq))
  })

  it('resumes after a dropped connection with Last-Event-ID: nothing lost, nothing repeated', async () => {
    const d = await newDispute(a.t.request)
    const start = await lastSeqOf(a, d.id)
    const first = await stream(a, d.id, editor)
    const writing = work(a.t.request, checker, d, 6)
    await expect.poll(() => first.changes().length, WAIT).toBeGreaterThanOrEqual(5)
    first.close()
    await first.done
    // Written while no connection was open.
    await work(a.t.request, editor, d, 1)
    const second = await stream(a, d.id, editor, first.lastEventId)
    await writing
    await work(a.t.request, editor, d, 1)
    const want = await history(a, d.id, start)
    await expect.poll(() => first.changes().length + second.changes().length, WAIT).toBe(want.length)
    expect(brief([...first.changes(), ...second.changes()])).toEqual(want)

    // The same through ?lastEventId= (clients that cannot set the header), from the start.
    const third = await openEventStream(`${a.url}/api/disputes/${d.id}/events?lastEventId=${start}`, {
      cookie: checker,
    })
    opened.push(third)
    await expect.poll(() => third.changes().length, WAIT).toBe(want.length)
    expect(brief(third.changes())).toEqual(want)
    third.close()
    second.close()
  })

  it('says who has the dispute open, and when someone leaves', async () => {
    const d = await newDispute(a.t.request)
    const ana = await stream(a, d.id, editor)
    await expect.poll(() => names(ana), WAIT).toEqual(['Ana Petrenko'])
    const taras = await stream(a, d.id, checker)
    await expect.poll(() => names(ana), WAIT).toEqual(['Ana Petrenko', 'Taras Bondar'])
    await expect.poll(() => names(taras), WAIT).toEqual(['Ana Petrenko', 'Taras Bondar'])
    // A second tab of the same person: still two people.
    const tarasAgain = await stream(a, d.id, checker)
    await expect.poll(() => names(tarasAgain), WAIT).toEqual(['Ana Petrenko', 'Taras Bondar'])
    tarasAgain.close()
    taras.close()
    await expect.poll(() => names(ana), WAIT).toEqual(['Ana Petrenko'])
    ana.close()
    await expect
      .poll(
        async () =>
          (await rawQuery(a.t.db, 'SELECT connection_id FROM dispute_viewers WHERE dispute_id = $1', [d.id]))
            .length,
        WAIT,
      )
      .toBe(0)
  })

  it('leaves out, then clears, viewers whose process stopped stamping them', async () => {
    const d = await newDispute(a.t.request)
    const admin = (
      await rawQuery<{ id: string }>(a.t.db, "SELECT id FROM users WHERE name = 'Administrator'")
    )[0]
    // A stream of a process that died 91 seconds after its last stamp.
    await rawQuery(
      a.t.db,
      'INSERT INTO dispute_viewers (connection_id, dispute_id, user_id, process_id, seen_at) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), d.id, admin?.id, randomUUID(), new Date(Date.now() - 91_000).toISOString()],
    )
    const ana = await stream(a, d.id, editor)
    await expect.poll(() => names(ana), WAIT).toEqual(['Ana Petrenko'])
    await a.t.events.refreshPresence()
    const left = await rawQuery(a.t.db, 'SELECT user_id FROM dispute_viewers WHERE dispute_id = $1', [d.id])
    expect(left.length).toBe(1)
    ana.close()
  })

  it('answers 404 for a dispute that does not exist, 401 signed out, 400 for a malformed Last-Event-ID', async () => {
    const d = await newDispute(a.t.request)
    const missing = await openEventStream(`${a.url}/api/disputes/${randomUUID()}/events`, { cookie: editor })
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.text).error.code).toBe('not_found')
    const signedOut = await openEventStream(`${a.url}/api/disputes/${d.id}/events`)
    expect(signedOut.status).toBe(401)
    expect(JSON.parse(signedOut.text).error.code).toBe('unauthenticated')
    const malformed = await openEventStream(`${a.url}/api/disputes/${d.id}/events`, {
      cookie: editor,
      lastEventId: 'yesterday',
    })
    expect(malformed.status).toBe(400)
  })

  it('sends what a claim-log import adds to the dispute (NOTIFY on PostgreSQL, the fallback poll on SQLite)', async () => {
    // SQLite's import writes from its worker's own connection, which no signal leaves: the poll finds it.
    const c = await served(await makeTestApp(), testEngine() === 'sqlite' ? 100 : 0)
    servers.push(c)
    const d = await newDispute(c.t.request, await c.t.login('checker'))
    const start = await lastSeqOf(c, d.id)
    const es = await stream(c, d.id, await c.t.login('editor'))
    const row = (i: number): string => {
      const cells: Record<string, string> = Object.fromEntries(HEADERS.map((h) => [h, '']))
      cells.dispute_id = d.id
      cells.dispute_title = 'Imported'
      cells.claimant = `Imported speaker ${i}`
      cells.claimant_kind = 'person'
      cells.claim_text = `Imported claim ${i} ${randomUUID()}`
      return csvLine(HEADERS.map((h) => cells[h] ?? ''))
    }
    const res = await importCsv(c.t, await c.t.login('editor'), CLAIM_LOG_CSV_HEADER + row(1) + row(2))
    expect(res.status, await res.text()).toBe(200)
    const want = await history(c, d.id, start)
    expect(want.map((e) => e.entity)).toEqual(['claim', 'claim'])
    await expect.poll(() => brief(es.changes()), WAIT).toEqual(want)
  })

  it('ends its streams when the server stops, and clears its viewers', async () => {
    const c = await served(await makeTestApp())
    const d = await newDispute(c.t.request, await c.t.login('checker'))
    const es = await stream(c, d.id, await c.t.login('editor'))
    await expect.poll(() => names(es), WAIT).toEqual(['Ana Petrenko'])
    await c.close()
    await es.done
    expect(es.ended).toBe(true)
    const rows = await rawQuery(c.t.db, 'SELECT 1 FROM dispute_viewers WHERE dispute_id = $1', [d.id])
    expect(rows).toEqual([])
  })
})

describe.runIf(testEngine() === 'postgres')('two server processes on one PostgreSQL database', () => {
  let b: Served
  beforeAll(async () => {
    b = await served(await makeTestApp({ database: a.t.database }))
    servers.push(b)
  })

  it("a write through one reaches the other's subscribers, in order", async () => {
    const d = await newDispute(a.t.request)
    const start = await lastSeqOf(a, d.id)
    const onB = await stream(b, d.id, editor)
    const onA = await stream(a, d.id, checker)
    await expect.poll(() => names(onB), WAIT).toEqual(['Ana Petrenko', 'Taras Bondar'])
    await work(a.t.request, checker, d, 3)
    const want = await history(a, d.id, start)
    await expect.poll(() => onB.changes().length, WAIT).toBe(want.length)
    expect(brief(onB.changes())).toEqual(want)
    await expect.poll(() => onA.changes().length, WAIT).toBe(want.length)
    onA.close()
    await expect.poll(() => names(onB), WAIT).toEqual(['Ana Petrenko'])
  })

  it('a listening connection that is cut comes back, and what was written meanwhile still arrives', async () => {
    const d = await newDispute(a.t.request)
    const start = await lastSeqOf(a, d.id)
    const onB = await stream(b, d.id, editor)
    const listeners = async () =>
      rawQuery<{ pid: number }>(
        a.t.db,
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
      )
    await expect.poll(async () => (await listeners()).length, WAIT).toBe(2)
    // Both processes' listeners cut: no NOTIFY can reach them until they are back.
    for (const { pid } of await listeners()) await rawQuery(a.t.db, 'SELECT pg_terminate_backend($1)', [pid])
    await work(a.t.request, checker, d, 2)
    const want = await history(a, d.id, start)
    await expect.poll(() => brief(onB.changes()), WAIT).toEqual(want)
    await expect.poll(async () => (await listeners()).length, WAIT).toBe(2)
  })

  it('concurrent writers in both processes arrive in commit order, with no gap after a reconnect', async () => {
    const d = await newDispute(a.t.request)
    const start = await lastSeqOf(a, d.id)
    const onA = await stream(a, d.id, editor)
    const firstOnB = await stream(b, d.id, checker)
    const adminOnB = await b.t.login('admin')
    const writing = Promise.all([
      work(a.t.request, checker, d, 5),
      work(b.t.request, adminOnB, d, 5),
      work(a.t.request, editor, d, 5),
    ])
    await expect.poll(() => firstOnB.changes().length, WAIT).toBeGreaterThanOrEqual(10)
    firstOnB.close()
    await firstOnB.done
    const secondOnB = await stream(b, d.id, checker, firstOnB.lastEventId)
    await writing
    const want = await history(a, d.id, start)
    expect(want.length).toBe(60)
    await expect.poll(() => onA.changes().length, WAIT).toBe(want.length)
    await expect.poll(() => firstOnB.changes().length + secondOnB.changes().length, WAIT).toBe(want.length)
    expect(brief(onA.changes())).toEqual(want)
    expect(brief([...firstOnB.changes(), ...secondOnB.changes()])).toEqual(want)
  })
})
