// Team work across real server processes (apps/api/src/server.ts, spawned): on PostgreSQL, two processes on
// one database stream every change of a dispute to subscribers on either, in commit order, across a dropped
// connection; on either engine, a webhook delivery a receiver refused is acknowledged exactly once by the
// process that starts after the first one stopped (SIGTERM) or died (SIGKILL). Signatures are checked with
// node:crypto from the documented format (docs/api-guide.md, "Webhooks"), not with the server's signer.
import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  type HistoryEvent,
  HistoryEventSchema,
  type Page,
  pageOf,
  type WebhookDelivery,
  WebhookDeliveryListSchema,
  WebhookSchema,
} from '@counterclaim/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { exact, record } from '../support/api.ts'
import { newWorkDispute, workInDispute } from '../support/dispute-work.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { type LocalServer, localServer, type Received } from '../support/local-server.ts'
import { createDispute } from '../support/own-dispute.ts'
import { type ServerHandle, spawnServer } from '../support/server.ts'
import { type EventStream, openEventStream } from '../support/sse.ts'
import { freshDatabase, testEngine } from '../support/test-db.ts'

const WAIT = { timeout: 30_000, interval: 50 }

// Everything a test started, stopped when it ends, whatever its outcome.
const servers: ServerHandle[] = []
const streams: EventStream[] = []
const receivers: LocalServer[] = []
afterEach(async () => {
  for (const s of streams.splice(0)) s.close()
  await Promise.all(servers.splice(0).map((s) => s.stop('SIGTERM')))
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

async function start(database: Awaited<ReturnType<typeof freshDatabase>>, env: Record<string, string> = {}) {
  const server = await spawnServer({ database, env })
  servers.push(server)
  return server
}

/** The dispute's whole history through the API, oldest first (the API answers newest first). */
async function historyOf(send: Send, cookie: string, disputeId: string): Promise<HistoryEvent[]> {
  const items: HistoryEvent[] = []
  for (let cursor: string | null = ''; cursor !== null; ) {
    const page: Page<HistoryEvent> = await exact(
      await send(
        `/api/history?entity=dispute&id=${disputeId}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { cookie },
      ),
      pageOf(HistoryEventSchema),
    )
    items.push(...page.items)
    cursor = page.nextCursor
  }
  return items.reverse()
}

const brief = (es: EventStream[]) =>
  es.flatMap((s) => s.changes()).map((e) => ({ entity: e.entity, id: e.id, action: e.action }))
const briefHistory = (events: HistoryEvent[]) =>
  events.map((e) => ({ entity: e.entity, id: e.entityId, action: e.action }))
const seqs = (es: EventStream[]) => es.flatMap((s) => s.changes()).map((e) => e.seq)
const count = (es: EventStream[]) => es.reduce((n, s) => n + s.changes().length, 0)
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? 0))

describe.runIf(testEngine() === 'postgres')('two server processes on one PostgreSQL database', () => {
  it('stream every change to subscribers on both, in commit order, and resume after a dropped connection', async () => {
    const database = await freshDatabase()
    // One after the other: each migrates the database as it starts.
    const a = await start(database)
    const b = await start(database)
    const onA = httpClient(a.url)
    const onB = httpClient(b.url)
    // Sessions live in the database: a cookie from one process is good on the other.
    const checker = await signIn(onA, 'checker')
    const editor = await signIn(onB, 'editor')
    const admin = await signIn(onB, 'admin')
    const d = await newWorkDispute(onA, checker)
    const subscribe = async (url: string, cookie: string, lastEventId?: string) => {
      const s = await openEventStream(`${url}/api/disputes/${d.id}/events`, {
        cookie,
        ...(lastEventId === undefined ? {} : { lastEventId }),
      })
      expect(s.status, s.text).toBe(200)
      streams.push(s)
      return s
    }
    // Subscribed once the answer's headers are here: the stream starts at the next change.
    const subA = await subscribe(a.url, editor)
    const firstB = await subscribe(b.url, checker)
    const before = (await historyOf(onA, checker, d.id)).length

    // Three colleagues at once through both processes: claims, evidence, stances and verdict drafts.
    await Promise.all([
      workInDispute(onA, checker, d, 4),
      workInDispute(onB, editor, d, 4),
      workInDispute(onB, admin, d, 4),
    ])
    const written = (await historyOf(onB, admin, d.id)).slice(before)
    expect(written.length).toBe(48)
    await expect.poll(() => count([subA]), WAIT).toBe(written.length)
    await expect.poll(() => count([firstB]), WAIT).toBe(written.length)
    expect(brief([subA])).toEqual(briefHistory(written))
    expect(brief([firstB])).toEqual(briefHistory(written))
    expect(ascending(seqs([subA]))).toBe(true)
    expect(seqs([firstB])).toEqual(seqs([subA]))

    // More work at once; B's subscriber loses its connection in the middle of it.
    const writing = Promise.all([
      workInDispute(onA, checker, d, 3),
      workInDispute(onB, editor, d, 3),
      workInDispute(onA, admin, d, 3),
    ])
    await expect.poll(() => count([firstB]), WAIT).toBeGreaterThanOrEqual(written.length + 6)
    firstB.close()
    await firstB.done
    // Written while it has no connection.
    await workInDispute(onB, editor, d, 1)
    // It comes back on the other process, from the last event it received.
    expect(firstB.lastEventId).toBe(String(seqs([firstB]).at(-1)))
    const againOnA = await subscribe(a.url, checker, firstB.lastEventId)
    await writing
    await workInDispute(onA, checker, d, 1)
    const all = (await historyOf(onA, checker, d.id)).slice(before)
    expect(all.length).toBe(48 + 36 + 8)
    await expect.poll(() => count([subA]), WAIT).toBe(all.length)
    await expect.poll(() => count([firstB, againOnA]), WAIT).toBe(all.length)
    // Nothing lost, nothing repeated, the same order on both.
    expect(brief([subA])).toEqual(briefHistory(all))
    expect(brief([firstB, againOnA])).toEqual(briefHistory(all))
    expect(ascending(seqs([subA]))).toBe(true)
    expect(seqs([firstB, againOnA])).toEqual(seqs([subA]))
    // Each stream ended only by the client's own close, if at all.
    expect(firstB.error).toBeUndefined()
    expect(subA.error).toBeUndefined()
  }, 180_000)
})

// ---- Webhooks across a restart --------------------------------------------------------------------------

const SECRET = 'whsec-shared-by-the-desk-and-the-receiver'

/** A receiver's check, from the documented format: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>. */
function signedBy(secret: string, header: string | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '')
  if (!match) return false
  const [, t, v1] = match as unknown as [string, string, string]
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false
  const expected = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest()
  return timingSafeEqual(Buffer.from(v1, 'hex'), expected)
}

interface Got extends Received {
  status: number
  delivery: string
}

describe.each(['SIGTERM', 'SIGKILL'] as const)('a webhook across a restart after %s', (signal) => {
  it('is acknowledged exactly once per event, by the process that starts next', async () => {
    const database = await freshDatabase()
    const env = {
      COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: 'on',
      // A failed delivery is tried again after 3 s, not a minute: the next process retries it within the test.
      COUNTERCLAIM_WEBHOOK_FIRST_RETRY_SECONDS: '3',
    }
    // The receiver refuses everything while the first process runs, and acknowledges after it has gone.
    let refusing = true
    const got: Got[] = []
    const receiver = await localServer((_req, res, received) => {
      const status = refusing ? 503 : 200
      got.push({ ...received, status, delivery: String(received.headers['x-counterclaim-delivery']) })
      res.writeHead(status, { 'content-type': 'text/plain' }).end(refusing ? 'down for a moment' : 'thanks')
    })
    receivers.push(receiver)

    const first = await start(database, env)
    const send = httpClient(first.url)
    const admin = await signIn(send, 'admin')
    const hook = await record(
      await send('/api/webhooks', {
        method: 'POST',
        cookie: admin,
        json: { url: receiver.url('/hooks/counterclaim'), events: ['verdict.published'], secret: SECRET },
      }),
      201,
      WebhookSchema,
    )
    const deliveries = async (to: Send): Promise<WebhookDelivery[]> =>
      (
        await exact(
          await to(`/api/webhooks/${hook.id}/deliveries?limit=500`, { cookie: admin }),
          WebhookDeliveryListSchema,
        )
      ).items

    // Two verdicts published (a checker writes, an editor publishes): two events.
    const verdict = (summary: string) => ({
      state: 'published' as const,
      rating: 'mostly_false',
      summary,
      rationale: 'The footage shows fewer sites than the statement names.',
      cites: ['Footage of the sites'],
    })
    const own = await createDispute(send, {
      title: 'Strikes count',
      question: 'How many sites were hit on the night?',
      claims: [
        {
          claimant: { name: 'The ministry', kind: 'government' },
          text: 'Twelve sites were hit.',
          verdict: verdict('Fewer than twelve.'),
        },
        {
          claimant: { name: 'The governor', kind: 'person' },
          text: 'No site was hit.',
          verdict: verdict('Several were.'),
        },
      ],
      evidence: [{ title: 'Footage of the sites', kind: 'photo', url: 'https://example.org/footage' }],
    })
    const claimIds = [own.claimBy('The ministry').id, own.claimBy('The governor').id].sort()

    // Each delivery tried once and refused, and the refusal written down, before the process goes.
    await expect
      .poll(async () => (await deliveries(send)).map((x) => `${x.status} ${x.attempts > 0}`), WAIT)
      .toEqual(['retrying true', 'retrying true'])
    expect(new Set(got.map((g) => g.delivery)).size).toBe(2)
    const exit = await first.stop(signal)
    expect(exit).toEqual(signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal: 'SIGKILL' })
    const refusedBefore = got.length
    refusing = false

    const next = await start(database, env)
    const sendNext = httpClient(next.url)
    await expect
      .poll(async () => (await deliveries(sendNext)).map((x) => x.status), { timeout: 90_000, interval: 100 })
      .toEqual(['delivered', 'delivered'])
    // Stopped, so nothing more can be sent: what the receiver has now is everything it will get.
    const done = await deliveries(sendNext)
    expect(await next.stop('SIGTERM')).toEqual({ code: 0, signal: null })

    // One delivery per event, and one acknowledged answer per delivery.
    expect(done.map((x) => x.claimId).sort()).toEqual(claimIds)
    expect(done.every((x) => x.event === 'verdict.published' && x.responseStatus === 200)).toBe(true)
    const acknowledged = got.filter((g) => g.status >= 200 && g.status <= 299).map((g) => g.delivery)
    expect(acknowledged.sort()).toEqual(done.map((x) => x.id).sort())
    // Each was refused by the receiver before the restart and acknowledged after it.
    for (const x of done) {
      expect(got.slice(0, refusedBefore).some((g) => g.delivery === x.id)).toBe(true)
      expect(got.slice(refusedBefore).some((g) => g.delivery === x.id)).toBe(true)
      expect(x.attempts).toBeGreaterThanOrEqual(2)
    }

    // Every attempt was signed, and one delivery's body was the same on each attempt.
    for (const g of got) {
      expect(g.method).toBe('POST')
      expect(g.headers['x-counterclaim-event']).toBe('verdict.published')
      const signature = g.headers['x-counterclaim-signature']
      expect(signedBy(SECRET, typeof signature === 'string' ? signature : undefined, g.body), g.body).toBe(
        true,
      )
      expect(signedBy('another-secret-of-someone-else', String(signature), g.body)).toBe(false)
      expect(g.body).toBe(got.find((o) => o.delivery === g.delivery)?.body)
    }
    const bodies = done.map((x) => JSON.parse(got.find((g) => g.delivery === x.id)?.body ?? 'null'))
    expect(bodies.map((b) => b.event)).toEqual(['verdict.published', 'verdict.published'])
    expect(bodies.every((b) => b.claimReview?.['@type'] === 'ClaimReview')).toBe(true)
  }, 180_000)
})
