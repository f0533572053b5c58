// Webhooks through the real routes, the real outbox and the real deliverer, on the file's engine. The
// receivers are local HTTP servers started here; the clock is moved by hand and tick() is called when a
// test wants sends. Signatures are checked by a verifier written here from the documented format
// (docs/api-guide.md, "Webhooks") with node:crypto alone: it does not use the server's signer.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import {
  type Webhook,
  type WebhookDelivery,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookListSchema,
  WebhookSchema,
} from '@counterclaim/shared'
import { afterAll, describe, expect, it } from 'vitest'
import { enqueueWebhooks } from '../../apps/api/src/services/webhook-outbox.ts'
import { closeDb, rawQuery, sqliteClient, transaction } from '../../packages/db/src/index.ts'
import { exact, expectError, expectInvalid, ifMatch, record } from '../support/api.ts'
import { signIn } from '../support/http.ts'
import { type LocalServer, localServer, type Received } from '../support/local-server.ts'
import { seededClaims } from '../support/seeded-verdicts.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'
import { testEngine } from '../support/test-db.ts'

const PRIVATE_ON = { COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: 'on' }
const SECRET = 'whsec-the-desk-and-its-receiver-share-this'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const ALL_EVENTS = ['verdict.published', 'verdict.corrected', 'verdict.withdrawn'] as const

// ---- An independent verifier, from the documented format ---------------------------------------------

/** What a receiver does: the signature must match the body and be at most five minutes old. */
function verifies(secret: string, header: string | undefined, body: string, nowSeconds: number): boolean {
  const parts = new Map((header ?? '').split(',').map((kv) => kv.split('=', 2) as [string, string]))
  const t = Number(parts.get('t'))
  const v1 = parts.get('v1') ?? ''
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false
  if (Math.abs(nowSeconds - t) > 300) return false
  const expected = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest()
  return timingSafeEqual(Buffer.from(v1, 'hex'), expected)
}

// ---- Receivers ---------------------------------------------------------------------------------------

type Behaviour = (res: ServerResponse, received: Received) => void
const ok: Behaviour = (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks')
const fails: Behaviour = (res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('we are down')
const cutOff: Behaviour = (res) => res.socket?.destroy()

/** A receiver whose answer a test sets (and changes) as it goes. */
interface Receiver {
  server: LocalServer
  answer: Behaviour
  url: string
  /** The POSTs it got, with the ones it acknowledged marked. */
  got: Array<Received & { acknowledged: boolean }>
}

const receivers: LocalServer[] = []
afterAll(() => Promise.all(receivers.map((r) => r.close())))

async function receiver(answer: Behaviour = ok): Promise<Receiver> {
  const r: Receiver = {
    answer,
    url: '',
    got: [],
    server: await localServer((_req, res, received) => {
      const answering = r.answer
      r.got.push({ ...received, acknowledged: answering === ok })
      answering(res, received)
    }),
  }
  receivers.push(r.server)
  r.url = r.server.url('/hooks/counterclaim')
  return r
}

// ---- A desk: the app, its admin, its clock --------------------------------------------------------------

interface Desk {
  t: TestApp
  admin: string
  clock: ReturnType<typeof manualClock>
  seeded: Awaited<ReturnType<typeof seededClaims>>
  claimantId: string
}

async function desk(options: Parameters<typeof makeTestApp>[0] = {}): Promise<Desk> {
  const clock = manualClock()
  const t = await makeTestApp({ env: PRIVATE_ON, now: clock.now, ...options })
  const admin = await t.login('admin')
  const seeded = await seededClaims(t)
  const claimant = await t.request('/api/claimants', {
    method: 'POST',
    cookie: admin,
    json: { name: `Ministry ${Math.random()}`, kind: 'government' },
  })
  expect(claimant.status).toBe(201)
  return { t, admin, clock, seeded, claimantId: (await claimant.json()).id }
}

const setClock = (d: Desk, at: number) => d.clock.advance(at - d.clock.now())

async function register(d: Desk, url: string, events: readonly string[] = ALL_EVENTS): Promise<Webhook> {
  const res = await d.t.request('/api/webhooks', {
    method: 'POST',
    cookie: d.admin,
    json: { url, events, secret: SECRET },
  })
  return record(res, 201, WebhookSchema)
}

async function deliveriesOf(d: Desk, hookId: string, cookie = d.admin): Promise<WebhookDelivery[]> {
  const res = await d.t.request(`/api/webhooks/${hookId}/deliveries?limit=500`, { cookie })
  return (await exact(res, WebhookDeliveryListSchema)).items
}

async function step(d: Desk, claimId: string, path: string, version: number, json?: unknown) {
  // A second passes between two steps, as it does at a desk: deliveries are sent in the order of `at`.
  d.clock.advance(1000)
  const res = await d.t.request(`/api/claims/${claimId}/verdict/${path}`, {
    method: 'POST',
    cookie: d.admin,
    headers: ifMatch(version),
    ...(json === undefined ? {} : { json }),
  })
  return res
}

/** A fresh claim whose complete verdict the checker wrote and submitted: ready for an editor to publish. */
async function inReview(d: Desk): Promise<{ claimId: string; version: number }> {
  const checker = await d.t.login('checker')
  const claim = await d.t.request(`/api/disputes/${d.seeded.strikesDisputeId}/claims`, {
    method: 'POST',
    cookie: d.admin,
    json: { text: `Strikes hit ${Math.random()} sites`, claimantId: d.claimantId },
  })
  expect(claim.status).toBe(201)
  const claimId: string = (await claim.json()).id
  const evidence = d.seeded.strikesEvidence.find((e) => e.url)
  if (!evidence) throw new Error('the seeded dispute has no evidence with a URL')
  const draft = await d.t.request(`/api/claims/${claimId}/verdict`, {
    method: 'PUT',
    cookie: checker,
    json: {
      rating: 'mostly_false',
      summary: 'The count is off by half.',
      rationale: 'The footage shows fewer sites than the statement names.',
      citedEvidenceIds: [evidence.id],
    },
  })
  expect(draft.status, await draft.clone().text()).toBeLessThan(300)
  const submitted = await d.t.request(`/api/claims/${claimId}/verdict/submit`, {
    method: 'POST',
    cookie: checker,
    headers: ifMatch((await draft.json()).version),
  })
  expect(submitted.status).toBe(200)
  return { claimId, version: (await submitted.json()).version }
}

/** Publishes a fresh verdict; answers its claim and the verdict's version. */
async function published(d: Desk): Promise<{ claimId: string; version: number }> {
  const { claimId, version } = await inReview(d)
  const res = await step(d, claimId, 'publish', version)
  expect(res.status, await res.clone().text()).toBe(200)
  return { claimId, version: (await res.json()).version }
}

async function corrected(d: Desk, claimId: string, version: number): Promise<number> {
  const res = await step(d, claimId, 'correct', version, {
    summary: `The count is off by a third (${Math.random()}).`,
    correctionNote: 'We miscounted the sites.',
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()).version
}

async function withdrawn(d: Desk, claimId: string, version: number): Promise<number> {
  const res = await step(d, claimId, 'withdraw', version, { note: 'The footage we relied on was staged.' })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()).version
}

const body = (r: Received) => JSON.parse(r.body) as { event: string; at: string; claimReview: unknown }

// ---- Registering ------------------------------------------------------------------------------------

describe('registering webhooks', () => {
  it('is for admins only; the secret is never shown again, only its last four characters', async () => {
    const d = await desk()
    for (const role of ['checker', 'editor'] as const) {
      const cookie = await d.t.login(role)
      await expectError(await d.t.request('/api/webhooks', { cookie }), 'forbidden')
      await expectError(
        await d.t.request('/api/webhooks', {
          method: 'POST',
          cookie,
          json: { url: 'https://93.184.215.14/x', events: ['verdict.published'], secret: SECRET },
        }),
        'forbidden',
      )
    }
    const r = await receiver()
    const hook = await register(d, r.url, ['verdict.published'])
    expect(hook).toMatchObject({
      url: r.url,
      events: ['verdict.published'],
      secretHint: SECRET.slice(-4),
      archived: false,
    })
    const list = await exact(await d.t.request('/api/webhooks', { cookie: d.admin }), WebhookListSchema)
    expect(list.items).toEqual([hook])
    // Not in any answer, nor in the history of the webhook.
    const answers = JSON.stringify(list) + JSON.stringify(hook)
    expect(answers).not.toContain(SECRET)
    const history = await rawQuery(
      d.t.db,
      `select before, after from history_events where entity = 'webhook'`,
    )
    expect(history).toHaveLength(1)
    expect(JSON.stringify(history)).not.toContain(SECRET.slice(0, 10))
  })

  it('refuses a private or loopback address while private targets are off', async () => {
    const d = await desk({ env: {} })
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://localhost:9/hook',
      'http://[::1]:9/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest',
    ]) {
      const res = await d.t.request('/api/webhooks', {
        method: 'POST',
        cookie: d.admin,
        json: { url, events: ['verdict.published'], secret: SECRET },
      })
      const error = await expectInvalid(res, 'url')
      expect(error.message).toMatch(/COUNTERCLAIM_ALLOW_PRIVATE_TARGETS/)
    }
    // A public address is fine (nothing is sent to it here).
    await register(d, 'https://93.184.215.14/hooks/x')
    // And the fields are checked.
    await expectInvalid(
      await d.t.request('/api/webhooks', {
        method: 'POST',
        cookie: d.admin,
        json: { url: 'ftp://93.184.215.14/x', events: [], secret: 'short' },
      }),
      'url',
      'events',
      'secret',
    )
  })
})

// ---- Delivering -------------------------------------------------------------------------------------

describe('delivering', () => {
  it('a publication is POSTed once, signed so that an independent verifier accepts it', async () => {
    const d = await desk()
    const r = await receiver()
    const hook = await register(d, r.url)
    const { claimId } = await published(d)
    const [pending] = await deliveriesOf(d, hook.id)
    expect(pending).toMatchObject({ status: 'pending', attempts: 0, event: 'verdict.published', claimId })

    expect((await d.t.webhooks.tick()).attempted).toEqual([pending?.id])
    expect(r.got).toHaveLength(1)
    const [got] = r.got
    if (!got) throw new Error('nothing arrived')
    expect(got.method).toBe('POST')
    expect(got.headers['content-type']).toBe('application/json')
    expect(got.headers['x-counterclaim-event']).toBe('verdict.published')
    expect(got.headers['x-counterclaim-delivery']).toBe(pending?.id)
    expect(got.headers['user-agent']).toMatch(/^Counterclaim/)
    const nowSeconds = Math.floor(d.clock.now() / 1000)
    const signature = got.headers['x-counterclaim-signature'] as string
    expect(verifies(SECRET, signature, got.body, nowSeconds)).toBe(true)
    // Any change to the body, another secret or a stale timestamp is refused.
    expect(verifies(SECRET, signature, `${got.body} `, nowSeconds)).toBe(false)
    expect(verifies(`${SECRET}x`, signature, got.body, nowSeconds)).toBe(false)
    expect(verifies(SECRET, signature, got.body, nowSeconds + 301)).toBe(false)

    // The body: the event, when it happened, and the ClaimReview exactly as the public API gives it.
    expect(
      got.body.startsWith(
        `{"event":"verdict.published","at":"${new Date(d.clock.now()).toISOString()}","claimReview":{`,
      ),
    ).toBe(true)
    const publicReview = await (await d.t.request(`/api/public/verdicts/${claimId}`)).json()
    expect(body(got).claimReview).toEqual(publicReview)

    const [done] = await deliveriesOf(d, hook.id)
    expect(done).toMatchObject({
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      responseBody: 'thanks',
      error: null,
      nextAttemptAt: null,
    })
    expect(done?.deliveredAt).toBe(new Date(d.clock.now()).toISOString())
    // Never sent again.
    d.clock.advance(3 * HOUR)
    expect((await d.t.webhooks.tick()).attempted).toEqual([])
    expect(r.got).toHaveLength(1)
  })

  it('a correction (applied, or approved after waiting) and a withdrawal are sent as their events', async () => {
    const d = await desk()
    const r = await receiver()
    await register(d, r.url)
    const first = await published(d)
    let version = await corrected(d, first.claimId, first.version)
    // A change of rating waits for a second editor: nothing is sent until it is approved.
    const proposal = await d.t.request(`/api/claims/${first.claimId}/verdict/correct`, {
      method: 'POST',
      cookie: await d.t.login('editor'),
      headers: ifMatch(version),
      json: { rating: 'false', correctionNote: 'The second count settles it.' },
    })
    expect(proposal.status, await proposal.clone().text()).toBe(202)
    const pending = await proposal.json()
    await d.t.webhooks.tick()
    expect(r.got.map((g) => g.headers['x-counterclaim-event'])).toEqual([
      'verdict.published',
      'verdict.corrected',
    ])
    const approved = await step(d, first.claimId, `corrections/${pending.id}/approve`, version + 1)
    expect(approved.status, await approved.clone().text()).toBe(200)
    version = (await approved.json()).version
    await d.t.webhooks.tick()
    const approvedReview = await (await d.t.request(`/api/public/verdicts/${first.claimId}`)).json()
    expect(approvedReview.reviewRating.alternateName).toBe('False')
    await withdrawn(d, first.claimId, version)
    await d.t.webhooks.tick()

    const events = r.got.map((g) => body(g))
    expect(events.map((e) => e.event)).toEqual([
      'verdict.published',
      'verdict.corrected',
      'verdict.corrected',
      'verdict.withdrawn',
    ])
    expect(events[2]?.claimReview).toEqual(approvedReview)
    // A withdrawal carries the ClaimReview as last published: its url is the page that now shows the notice.
    expect(events[3]?.claimReview).toEqual(approvedReview)
    expect((await d.t.request(`/api/public/verdicts/${first.claimId}`)).status).toBe(410)
    for (const g of r.got) {
      expect(
        verifies(SECRET, g.headers['x-counterclaim-signature'] as string, g.body, d.clock.now() / 1000),
      ).toBe(true)
    }
  })

  it('sends each webhook only the events it subscribed to', async () => {
    const d = await desk()
    const onPublish = await receiver()
    const onWithdraw = await receiver()
    await register(d, onPublish.url, ['verdict.published'])
    await register(d, onWithdraw.url, ['verdict.withdrawn'])
    const { claimId, version } = await published(d)
    await withdrawn(d, claimId, await corrected(d, claimId, version))
    await d.t.webhooks.tick()
    expect(onPublish.got.map((g) => g.headers['x-counterclaim-event'])).toEqual(['verdict.published'])
    expect(onWithdraw.got.map((g) => g.headers['x-counterclaim-event'])).toEqual(['verdict.withdrawn'])
  })

  it('a receiver that fails twice and then answers: three attempts, delivered, never sent again', async () => {
    const d = await desk()
    const r = await receiver(fails)
    const hook = await register(d, r.url)
    await published(d)
    await d.t.webhooks.tick()
    let [delivery] = await deliveriesOf(d, hook.id)
    expect(delivery).toMatchObject({
      status: 'retrying',
      attempts: 1,
      responseStatus: 500,
      responseBody: 'we are down',
    })
    expect(delivery?.error).toMatch(/500/)
    // Not due yet: nothing is sent.
    await d.t.webhooks.tick()
    expect(r.got).toHaveLength(1)

    r.answer = cutOff
    setClock(d, Date.parse(delivery?.nextAttemptAt ?? ''))
    await d.t.webhooks.tick()
    ;[delivery] = await deliveriesOf(d, hook.id)
    expect(delivery).toMatchObject({
      status: 'retrying',
      attempts: 2,
      responseStatus: null,
      responseBody: null,
    })
    expect(delivery?.error).toMatch(/Could not reach/)

    r.answer = ok
    setClock(d, Date.parse(delivery?.nextAttemptAt ?? ''))
    await d.t.webhooks.tick()
    ;[delivery] = await deliveriesOf(d, hook.id)
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200, error: null })
    // Every attempt carried the same body and delivery id, each signed afresh.
    expect(new Set(r.got.map((g) => g.body)).size).toBe(1)
    expect(new Set(r.got.map((g) => g.headers['x-counterclaim-delivery']))).toEqual(new Set([delivery?.id]))
    for (let i = 0; i < 5; i++) {
      d.clock.advance(2 * HOUR)
      await d.t.webhooks.tick()
    }
    expect(r.got).toHaveLength(3)
  })

  it('a receiver that always fails: the waits grow to two hours, and after a day it is given up', async () => {
    const d = await desk()
    const r = await receiver(fails)
    const hook = await register(d, r.url)
    await published(d)
    const created = d.clock.now()
    const waits: number[] = []
    let delivery: WebhookDelivery | undefined
    // Sessions lapse over a simulated day: each look is a fresh sign-in.
    const look = async () => (await deliveriesOf(d, hook.id, await signIn(d.t.request, 'admin')))[0]
    for (let i = 0; i < 40; i++) {
      await d.t.webhooks.tick()
      delivery = await look()
      if (delivery?.status !== 'retrying') break
      const next = Date.parse(delivery.nextAttemptAt ?? '')
      waits.push(next - d.clock.now())
      setClock(d, next)
    }
    expect(delivery?.status).toBe('failed')
    expect(delivery?.nextAttemptAt).toBeNull()
    expect(Date.parse(delivery?.lastAttemptAt ?? '') - created).toBeGreaterThan(24 * HOUR)
    expect(r.got).toHaveLength(delivery?.attempts ?? -1)
    waits.forEach((wait, i) => {
      const base = Math.min(MINUTE * 2 ** i, 2 * HOUR)
      expect(wait, `wait ${i + 1}`).toBeGreaterThanOrEqual(base)
      expect(wait, `wait ${i + 1}`).toBeLessThanOrEqual(base * 1.1)
    })
    expect(waits.slice(0, 7).every((w, i) => i === 0 || w > (waits[i - 1] ?? 0))).toBe(true)
    // Given up: later ticks send nothing.
    d.clock.advance(5 * HOUR)
    await d.t.webhooks.tick()
    expect(r.got).toHaveLength(delivery?.attempts ?? -1)

    // An admin may try a failed delivery again: it is sent at once and the answer is the delivery.
    r.answer = ok
    const cookie = await signIn(d.t.request, 'admin')
    const retried = await d.t.request(`/api/webhooks/${hook.id}/deliveries/${delivery?.id}/retry`, {
      method: 'POST',
      cookie,
    })
    expect(retried.status, await retried.clone().text()).toBe(200)
    expect(await exact(retried, WebhookDeliverySchema)).toMatchObject({
      status: 'delivered',
      attempts: (delivery?.attempts ?? 0) + 1,
      responseStatus: 200,
    })
    const again = await d.t.request(`/api/webhooks/${hook.id}/deliveries/${delivery?.id}/retry`, {
      method: 'POST',
      cookie,
    })
    await expectError(again, 'conflict')
    await expectError(
      await d.t.request(`/api/webhooks/${hook.id}/deliveries/no-such-delivery/retry`, {
        method: 'POST',
        cookie,
      }),
      'not_found',
    )
  })

  it('checks the address again when sending: one that is private now is refused and retried later', async () => {
    const d = await desk()
    const r = await receiver()
    const hook = await register(d, r.url)
    // The same database, served with private targets off.
    const strict = await makeTestApp({ database: d.t.database, env: {}, now: d.clock.now })
    const { claimId, version } = await inReview(d)
    const res = await strict.request(`/api/claims/${claimId}/verdict/publish`, {
      method: 'POST',
      cookie: await strict.login('admin'),
      headers: ifMatch(version),
    })
    expect(res.status).toBe(200)
    await strict.webhooks.tick()
    expect(r.got).toHaveLength(0)
    const [delivery] = await deliveriesOf(d, hook.id)
    expect(delivery).toMatchObject({ status: 'retrying', attempts: 1, responseStatus: null })
    expect(delivery?.error).toMatch(/loopback/)
  })

  it('lists deliveries newest first, a page at a time', async () => {
    const d = await desk()
    const r = await receiver()
    const hook = await register(d, r.url)
    const { claimId, version } = await published(d)
    d.clock.advance(MINUTE)
    await corrected(d, claimId, version)
    const all = await deliveriesOf(d, hook.id)
    expect(all.map((x) => x.event)).toEqual(['verdict.corrected', 'verdict.published'])
    const first = await exact(
      await d.t.request(`/api/webhooks/${hook.id}/deliveries?limit=1`, { cookie: d.admin }),
      WebhookDeliveryListSchema,
    )
    expect(first.items).toEqual(all.slice(0, 1))
    const second = await exact(
      await d.t.request(`/api/webhooks/${hook.id}/deliveries?limit=1&cursor=${first.nextCursor}`, {
        cookie: d.admin,
      }),
      WebhookDeliveryListSchema,
    )
    expect(second.items).toEqual(all.slice(1))
    expect(second.nextCursor).toBeNull()
    await expectError(await d.t.request('/api/webhooks/nope/deliveries', { cookie: d.admin }), 'not_found')
  })
})

// ---- The outbox's guarantees ---------------------------------------------------------------------------

describe('the outbox', () => {
  it('a publication that is refused or rolled back writes no delivery', async () => {
    const d = await desk()
    const r = await receiver()
    await register(d, r.url)
    const count = async () =>
      Number((await rawQuery<{ n: number }>(d.t.db, 'select count(*) as n from webhook_deliveries'))[0]?.n)
    // Refused: a stale version (checked inside the publication's transaction), and a checker's attempt.
    const { claimId, version } = await inReview(d)
    const stale = await step(d, claimId, 'publish', version - 1)
    await expectError(stale, 'precondition_failed')
    const own = await d.t.request(`/api/claims/${claimId}/verdict/publish`, {
      method: 'POST',
      cookie: await d.t.login('checker'),
      headers: ifMatch(version),
    })
    await expectError(own, 'forbidden')
    expect(await count()).toBe(0)
    // Written, then the transaction fails: the rows go with it.
    const ok = await published(d)
    expect(await count()).toBe(1)
    const ctx = {
      db: d.t.db,
      actor: { id: 'nobody', name: 'Nobody', email: 'n@example.org', role: 'admin' as const },
      now: new Date(d.clock.now()).toISOString(),
      publishing: {
        org: { name: 'Desk', url: 'https://desk.example', logo: null },
        baseUrl: 'https://desk.example',
      },
    }
    await expect(
      transaction(d.t.db, async (tx) => {
        expect(await enqueueWebhooks(tx, ctx as never, 'verdict.corrected', ok.claimId)).toBe(1)
        throw new Error('something later in the transaction failed')
      }),
    ).rejects.toThrow('something later')
    expect(await count()).toBe(1)
    await d.t.webhooks.tick()
    expect(r.got.map((g) => g.headers['x-counterclaim-event'])).toEqual(['verdict.published'])
  })

  it('DELETE stops deliveries: those waiting are marked failed, and nothing more is sent', async () => {
    const d = await desk()
    const r = await receiver()
    const hook = await register(d, r.url)
    const kept = await register(d, (await receiver()).url)
    await published(d)
    await expectError(
      await d.t.request(`/api/webhooks/${hook.id}`, { method: 'DELETE', cookie: d.admin }),
      'precondition_required',
    )
    const removed = await d.t.request(`/api/webhooks/${hook.id}`, {
      method: 'DELETE',
      cookie: d.admin,
      headers: ifMatch(hook.version),
    })
    const archived = await record(removed, 200, WebhookSchema)
    expect(archived).toMatchObject({ archived: true, version: hook.version + 1 })
    await expectError(
      await d.t.request(`/api/webhooks/${hook.id}`, {
        method: 'DELETE',
        cookie: d.admin,
        headers: ifMatch(archived.version),
      }),
      'conflict',
    )
    const [failed] = await deliveriesOf(d, hook.id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 0, nextAttemptAt: null })
    expect(failed?.error).toMatch(/removed/)
    const list = await exact(await d.t.request('/api/webhooks', { cookie: d.admin }), WebhookListSchema)
    expect(list.items.map((h) => h.id)).toEqual([kept.id])

    const { claimId, version } = await published(d)
    await corrected(d, claimId, version)
    await d.t.webhooks.tick()
    expect(r.got).toHaveLength(0)
    expect(await deliveriesOf(d, hook.id)).toHaveLength(1)
    await expectError(
      await d.t.request(`/api/webhooks/${hook.id}/deliveries/${failed?.id}/retry`, {
        method: 'POST',
        cookie: d.admin,
      }),
      'conflict',
    )
    const history = await rawQuery<{ action: string }>(
      d.t.db,
      `select action from history_events where entity = 'webhook' and entity_id = $1 order by seq`,
      [hook.id],
    )
    expect(history.map((h) => h.action)).toEqual(['created', 'archived'])
  })

  it('survives a restart: what was not acknowledged is sent by the next process, once per event', async () => {
    const d = await desk()
    const r = await receiver(cutOff)
    const hook = await register(d, r.url)
    const { claimId, version } = await published(d)
    await withdrawn(d, claimId, await corrected(d, claimId, version))
    await d.t.webhooks.tick()
    expect(r.got).toHaveLength(3)
    await d.t.webhooks.stop()
    // Closed under the handle (SQLite's closeDb would keep the connection's turn, and the file's
    // clean-up closes every handle again).
    if (testEngine() === 'sqlite') sqliteClient(d.t.db).close()
    else await closeDb(d.t.db)

    r.answer = ok
    const next = await makeTestApp({ database: d.t.database, env: PRIVATE_ON, now: d.clock.now })
    await next.webhooks.tick()
    expect(r.got).toHaveLength(3)
    d.clock.advance(2 * MINUTE)
    await next.webhooks.tick()
    d.clock.advance(2 * HOUR)
    await next.webhooks.tick()
    const acknowledged = r.got.filter((g) => g.acknowledged)
    expect(acknowledged.map((g) => g.headers['x-counterclaim-event']).sort()).toEqual([...ALL_EVENTS].sort())
    expect(new Set(acknowledged.map((g) => g.headers['x-counterclaim-delivery'])).size).toBe(3)
    const cookie = await next.login('admin')
    const rows = (
      await exact(
        await next.request(`/api/webhooks/${hook.id}/deliveries`, { cookie }),
        WebhookDeliveryListSchema,
      )
    ).items
    expect(rows.map((x) => [x.status, x.attempts])).toEqual([
      ['delivered', 2],
      ['delivered', 2],
      ['delivered', 2],
    ])
  })

  it('a lease left by a process that died runs out, and another process takes the delivery', async () => {
    const d = await desk()
    const r = await receiver()
    const hook = await register(d, r.url)
    await published(d)
    const [delivery] = await deliveriesOf(d, hook.id)
    // What a process that leased it and then died leaves behind.
    const leasedUntil = new Date(d.clock.now() + MINUTE).toISOString()
    await rawQuery(d.t.db, 'update webhook_deliveries set leased_until = $1 where id = $2', [
      leasedUntil,
      delivery?.id,
    ])
    expect((await d.t.webhooks.tick()).attempted).toEqual([])
    expect(r.got).toHaveLength(0)
    setClock(d, Date.parse(leasedUntil))
    expect((await d.t.webhooks.tick()).attempted).toEqual([delivery?.id])
    expect(r.got).toHaveLength(1)
  })

  it('two processes on one database ticking at once send each delivery exactly once', async () => {
    const d = await desk()
    const hooks: Receiver[] = []
    for (let i = 0; i < 3; i++) {
      const r = await receiver()
      hooks.push(r)
      await register(d, r.url)
    }
    for (let i = 0; i < 3; i++) await published(d)
    const other = await makeTestApp({ database: d.t.database, env: PRIVATE_ON, now: d.clock.now })
    const [mine, theirs] = await Promise.all([d.t.webhooks.tick(), other.webhooks.tick()])
    const attempted = [...mine.attempted, ...theirs.attempted]
    expect(attempted).toHaveLength(9)
    expect(new Set(attempted).size).toBe(9)
    const ids = hooks.flatMap((r) => r.got.map((g) => g.headers['x-counterclaim-delivery']))
    expect(ids).toHaveLength(9)
    expect(new Set(ids).size).toBe(9)
    d.clock.advance(3 * HOUR)
    await Promise.all([d.t.webhooks.tick(), other.webhooks.tick()])
    expect(hooks.flatMap((r) => r.got)).toHaveLength(9)
  })
})
