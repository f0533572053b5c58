// Fact-check feeds through the real routes and the real poller, on the file's engine. The feeds are served
// by a local HTTP server started here; the poller's clock is moved by hand, and tick() is called when a test
// wants a poll. No request leaves this machine.
import type { ServerResponse } from 'node:http'
import {
  type FactCheck,
  type FactCheckFeed,
  FactCheckFeedListSchema,
  FactCheckFeedSchema,
  FactCheckListSchema,
} from '@counterclaim/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FeedPoller } from '../../apps/api/src/services/feed-poller.ts'
import { DEFAULT_OUTBOUND } from '../../apps/api/src/services/outbound-fetch.ts'
import { WriteGate } from '../../apps/api/src/services/write-gate.ts'
import {
  eventsSince,
  exact,
  expectError,
  expectInvalid,
  ifMatch,
  lastSeq,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { type LocalServer, localServer } from '../support/local-server.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'
import { openTestDatabase, testEngine } from '../support/test-db.ts'

const PRIVATE_ON = { COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: 'on' }
const MINUTE = 60_000

/** One ClaimReview at an address under `site`. */
const review = (site: string, n: number, extra: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: `https://${site}/fact-checks/${n}`,
  claimReviewed: `Claim number ${n} from ${site}`,
  author: { '@type': 'Organization', name: site, url: `https://${site}/` },
  datePublished: `2025-06-${String(10 + (n % 18)).padStart(2, '0')}`,
  reviewRating: { '@type': 'Rating', alternateName: 'False' },
  ...extra,
})
const dataFeed = (items: unknown[]) =>
  JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'DataFeed',
    dataFeedElement: items.map((item) => ({ '@type': 'DataFeedItem', item })),
  })

// What the local server serves, by path: a test sets the answer of each path it uses.
type Answer = (res: ServerResponse, headers: Record<string, string | string[] | undefined>) => void
const answers = new Map<string, Answer>()
let site: LocalServer

beforeAll(async () => {
  site = await localServer((req, res) => {
    const answer = answers.get(req.url ?? '')
    if (answer) answer(res, req.headers)
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed')
  })
})
afterAll(() => site.close())

const requestsTo = (path: string) => site.received.filter((r) => r.path === path)

/** A JSON-LD answer with an ETag and Last-Modified: 304 when the client names them. */
function versioned(body: string, etag: string, lastModified = 'Wed, 11 Jun 2025 08:00:00 GMT'): Answer {
  return (res, headers) => {
    if (headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end()
      return
    }
    res
      .writeHead(200, { 'content-type': 'application/ld+json', etag, 'last-modified': lastModified })
      .end(body)
  }
}
const json =
  (body: string, headers: Record<string, string> = {}): Answer =>
  (res) =>
    res.writeHead(200, { 'content-type': 'application/ld+json', ...headers }).end(body)

interface Desk {
  t: TestApp
  admin: string
  clock: ReturnType<typeof manualClock>
}

async function desk(options: Parameters<typeof makeTestApp>[0] = {}): Promise<Desk> {
  const clock = manualClock()
  const t = await makeTestApp({ env: PRIVATE_ON, now: clock.now, ...options })
  return { t, admin: await t.login('admin'), clock }
}

async function subscribe(d: Desk, path: string, intervalMinutes = 60): Promise<FactCheckFeed> {
  const res = await d.t.request('/api/fact-check-feeds', {
    method: 'POST',
    json: { url: site.url(path), intervalMinutes },
    cookie: d.admin,
  })
  return record(res, 201, FactCheckFeedSchema)
}

async function feedsOf(d: Desk): Promise<FactCheckFeed[]> {
  const res = await d.t.request('/api/fact-check-feeds?limit=500', { cookie: d.admin })
  return (await exact(res, FactCheckFeedListSchema)).items
}
async function feedOf(d: Desk, id: string): Promise<FactCheckFeed> {
  const feed = (await feedsOf(d)).find((f) => f.id === id)
  if (!feed) throw new Error(`feed ${id} is not listed`)
  return feed
}
async function factChecksOf(d: Desk): Promise<FactCheck[]> {
  const res = await d.t.request('/api/fact-checks?limit=500', { cookie: d.admin })
  return (await exact(res, FactCheckListSchema)).items
}

const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE).toISOString()

describe('GET, POST /api/fact-check-feeds; DELETE /api/fact-check-feeds/:id', () => {
  let d: Desk
  beforeAll(async () => {
    d = await desk()
  })

  it('subscribes: 201 with the feed, its first fetch due at once, one history event', async () => {
    const seq = await lastSeq(d.t.db)
    const feed = await subscribe(d, '/crud/one', 30)
    const now = new Date(d.clock.now()).toISOString()
    expect(feed).toMatchObject({
      url: site.url('/crud/one'),
      intervalMinutes: 30,
      lastFetchedAt: null,
      lastStatus: null,
      lastError: null,
      itemCount: 0,
      nextFetchAt: now,
      archived: false,
      version: 1,
    })
    const adminId = (await whoAmI(d.t, d.admin)).id
    expect(await eventsSince(d.t.db, seq)).toMatchObject([
      {
        actorId: adminId,
        entity: 'fact_check_feed',
        entityId: feed.id,
        action: 'created',
        before: null,
        after: feed,
      },
    ])
    expect((await feedsOf(d)).map((f) => f.id)).toContain(feed.id)
    // The interval defaults to an hour.
    const hourly = await record(
      await d.t.request('/api/fact-check-feeds', {
        method: 'POST',
        json: { url: site.url('/crud/hourly') },
        cookie: d.admin,
      }),
      201,
      FactCheckFeedSchema,
    )
    expect(hourly.intervalMinutes).toBe(60)
  })

  it('refuses a url already subscribed (409 with that feed), a bad url or interval (400), non-admins (403)', async () => {
    const feed = await subscribe(d, '/crud/twice')
    await unchanged(d.t, async () => {
      const post = (json: unknown, cookie = d.admin) =>
        d.t.request('/api/fact-check-feeds', { method: 'POST', json, cookie })
      const conflict = await expectError(await post({ url: feed.url }), 'conflict')
      expect(conflict.details).toEqual(feed)
      await expectInvalid(await post({ url: 'ftp://example.org/feed' }), 'url')
      await expectInvalid(await post({ url: site.url('/x'), intervalMinutes: 5 }), 'intervalMinutes')
      await expectInvalid(await post({ url: site.url('/x'), intervalMinutes: 10_081 }), 'intervalMinutes')
      for (const role of ['editor', 'checker'] as const) {
        const cookie = await d.t.login(role)
        await expectError(await post({ url: site.url('/x') }, cookie), 'forbidden')
        await expectError(await d.t.request('/api/fact-check-feeds', { cookie }), 'forbidden')
      }
    })
  })

  it('unsubscribes with If-Match: 428 without, 412 stale, then 200 with the archived feed, gone from the list', async () => {
    const feed = await subscribe(d, '/crud/archive')
    const del = (headers: Record<string, string> = {}) =>
      d.t.request(`/api/fact-check-feeds/${feed.id}`, { method: 'DELETE', headers, cookie: d.admin })
    await unchanged(d.t, async () => {
      await expectError(await del(), 'precondition_required')
      const stale = await expectError(await del(ifMatch(7)), 'precondition_failed')
      expect(stale.details).toEqual(feed)
    })
    const seq = await lastSeq(d.t.db)
    const archived = await record(await del(ifMatch(1)), 200, FactCheckFeedSchema)
    expect(archived).toMatchObject({ id: feed.id, archived: true, version: 2 })
    expect(await eventsSince(d.t.db, seq)).toMatchObject([
      { entity: 'fact_check_feed', entityId: feed.id, action: 'archived', before: feed, after: archived },
    ])
    expect((await feedsOf(d)).map((f) => f.id)).not.toContain(feed.id)
    await unchanged(d.t, async () => {
      await expectError(await del(ifMatch(2)), 'conflict')
      await expectError(
        await d.t.request(`/api/fact-check-feeds/${feed.id}/fetch`, { method: 'POST', cookie: d.admin }),
        'conflict',
      )
    })
    // The same url can be subscribed again.
    expect((await subscribe(d, '/crud/archive')).id).not.toBe(feed.id)
    await expectError(
      await d.t.request('/api/fact-check-feeds/00000000-0000-4000-8000-000000000000', {
        method: 'DELETE',
        headers: ifMatch(1),
        cookie: d.admin,
      }),
      'not_found',
    )
  })
})

describe('the poller', () => {
  it('fetches a due feed, then asks with its ETag and Last-Modified: 304 is "not modified"', async () => {
    const d = await desk()
    const path = '/poll/etag'
    answers.set(path, versioned(dataFeed([review('one.example', 1), review('one.example', 2)]), '"v1"'))
    const feed = await subscribe(d, path, 30)

    expect((await d.t.feeds.tick()).fetched).toEqual([feed.id])
    const first = requestsTo(path)
    expect(first).toHaveLength(1)
    expect(first[0]?.headers['if-none-match']).toBeUndefined()
    expect(first[0]?.headers.accept).toMatch(/^application\/ld\+json/)
    const fetchedAt = new Date(d.clock.now()).toISOString()
    const afterFirst = await feedOf(d, feed.id)
    expect(afterFirst).toEqual({
      ...feed,
      lastFetchedAt: fetchedAt,
      lastStatus: 'ok: 2 new, 0 updated',
      lastError: null,
      itemCount: 2,
      nextFetchAt: later(fetchedAt, 30),
    })
    expect((await factChecksOf(d)).filter((f) => f.feedId === feed.id)).toHaveLength(2)

    // Not due yet: nothing is fetched.
    d.clock.advance(29 * MINUTE)
    expect((await d.t.feeds.tick()).fetched).toEqual([])
    expect(requestsTo(path)).toHaveLength(1)

    d.clock.advance(MINUTE)
    expect((await d.t.feeds.tick()).fetched).toEqual([feed.id])
    const second = requestsTo(path)[1]
    expect(second?.headers['if-none-match']).toBe('"v1"')
    expect(second?.headers['if-modified-since']).toBe('Wed, 11 Jun 2025 08:00:00 GMT')
    const afterSecond = await feedOf(d, feed.id)
    expect(afterSecond).toMatchObject({ lastStatus: 'not modified', itemCount: 2, version: 1 })
    expect(afterSecond.nextFetchAt).toBe(later(new Date(d.clock.now()).toISOString(), 30))

    // A new version of the feed: one more, one changed, one the same.
    d.clock.advance(30 * MINUTE)
    answers.set(
      path,
      versioned(
        dataFeed([
          review('one.example', 1),
          review('one.example', 2, { claimReviewed: 'Changed' }),
          review('one.example', 3),
        ]),
        '"v2"',
      ),
    )
    const seq = await lastSeq(d.t.db)
    await d.t.feeds.tick()
    expect(await feedOf(d, feed.id)).toMatchObject({
      lastStatus: 'ok: 1 new, 1 updated, 1 unchanged',
      itemCount: 3,
      version: 1,
    })
    const events = await eventsSince(d.t.db, seq)
    expect(events.map((e) => [e.entity, e.action, e.actorId])).toEqual([
      ['fact_check', 'updated', null],
      ['fact_check', 'created', null],
    ])
  })

  it('follows Link rel="next" page by page, each page imported, up to its page cap', async () => {
    const d = await desk()
    for (const n of [1, 2, 3]) {
      const next: Record<string, string> =
        n < 3 ? { link: `<${site.url(`/poll/pages/${n + 1}`)}>; rel="next"` } : {}
      answers.set(`/poll/pages/${n}`, json(dataFeed([review('pages.example', n)]), next))
    }
    const feed = await subscribe(d, '/poll/pages/1')
    await d.t.feeds.tick()
    expect(await feedOf(d, feed.id)).toMatchObject({
      lastStatus: 'ok: 3 new, 0 updated, from 3 pages',
      itemCount: 3,
    })
    expect([1, 2, 3].map((n) => requestsTo(`/poll/pages/${n}`).length)).toEqual([1, 1, 1])

    // A feed whose pages never end is read to the cap and no further; a page that links to itself ends it.
    answers.set('/poll/endless', (res) => res.writeHead(404).end())
    for (let n = 0; n < 30; n++) {
      answers.set(
        `/poll/endless/${n}`,
        json(dataFeed([review('endless.example', n)]), {
          link: `<${site.url(`/poll/endless/${n + 1}`)}>; rel="next"`,
        }),
      )
    }
    const endless = await subscribe(d, '/poll/endless/0')
    answers.set(
      '/poll/loop',
      json(dataFeed([review('loop.example', 1)]), { link: '</poll/loop>; rel="next"' }),
    )
    const loop = await subscribe(d, '/poll/loop')
    await d.t.feeds.tick()
    expect(await feedOf(d, endless.id)).toMatchObject({
      lastStatus: 'ok: 20 new, 0 updated, from 20 pages; stopped after 20 pages, the most one fetch reads',
      itemCount: 20,
    })
    expect(requestsTo('/poll/endless/20')).toEqual([])
    expect(await feedOf(d, loop.id)).toMatchObject({ lastStatus: 'ok: 1 new, 0 updated', itemCount: 1 })
    expect(requestsTo('/poll/loop')).toHaveLength(1)
  })

  it('reads an HTML page by its content type; an empty feed is ok; other answers fail in words', async () => {
    const d = await desk()
    answers.set('/poll/page', (res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<html lang="en"><head><script type="application/ld+json">${JSON.stringify(review('page.example', 1, { url: '/fc/1' }))}</script></head></html>`,
        ),
    )
    answers.set('/poll/empty', json(dataFeed([])))
    answers.set('/poll/text', (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'))
    answers.set('/poll/broken', json('{"@type": "DataFeed", '))
    const page = await subscribe(d, '/poll/page')
    const empty = await subscribe(d, '/poll/empty')
    const text = await subscribe(d, '/poll/text')
    const broken = await subscribe(d, '/poll/broken')
    const missing = await subscribe(d, '/poll/missing')
    await d.t.feeds.tick()
    expect(await feedOf(d, page.id)).toMatchObject({ lastStatus: 'ok: 1 new, 0 updated', itemCount: 1 })
    expect((await factChecksOf(d)).map((f) => f.url)).toContain(`${site.url('/fc/1')}`)
    expect(await feedOf(d, empty.id)).toMatchObject({ lastStatus: 'ok: 0 new, 0 updated', lastError: null })
    const host = new URL(site.url()).host
    expect(await feedOf(d, text.id)).toMatchObject({
      lastStatus: `failed: ${host} answered with text/plain, which is neither JSON nor an HTML page.`,
    })
    expect(await feedOf(d, broken.id)).toMatchObject({
      lastStatus: 'failed: the answer could not be read: The body is not valid JSON.',
      lastError: 'the answer could not be read: The body is not valid JSON.',
    })
    expect(await feedOf(d, missing.id)).toMatchObject({
      lastStatus: `failed: ${host} answered 404 Not Found: there is no feed at this address.`,
      itemCount: 0,
    })
  })

  it('a failing feed and a healthy one in one tick: each records its own outcome, the failing one tries again at its next time', async () => {
    const d = await desk()
    answers.set('/poll/healthy', json(dataFeed([review('healthy.example', 1)])))
    answers.set('/poll/failing', (res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down'))
    const failing = await subscribe(d, '/poll/failing', 15)
    const healthy = await subscribe(d, '/poll/healthy', 15)
    const report = await d.t.feeds.tick()
    expect(report.fetched.sort()).toEqual([failing.id, healthy.id].sort())
    const now = new Date(d.clock.now()).toISOString()
    expect(await feedOf(d, healthy.id)).toMatchObject({ lastStatus: 'ok: 1 new, 0 updated', itemCount: 1 })
    const failed = await feedOf(d, failing.id)
    const host = new URL(site.url()).host
    expect(failed).toMatchObject({
      lastFetchedAt: now,
      lastStatus: `failed: ${host} answered 503 Service Unavailable.`,
      lastError: `${host} answered 503 Service Unavailable.`,
      nextFetchAt: later(now, 15),
      version: 1,
    })
    // It recovers at its next time.
    answers.set('/poll/failing', json(dataFeed([review('failing.example', 1)])))
    d.clock.advance(15 * MINUTE)
    await d.t.feeds.tick()
    expect(await feedOf(d, failing.id)).toMatchObject({ lastStatus: 'ok: 1 new, 0 updated', lastError: null })
  })

  it('POST /api/fact-check-feeds/:id/fetch fetches at once and answers the feed with its new status', async () => {
    const d = await desk()
    answers.set('/poll/now', json(dataFeed([review('now.example', 1), review('now.example', 2)])))
    const feed = await subscribe(d, '/poll/now', 120)
    d.clock.advance(5 * MINUTE)
    const fetchNow = () =>
      d.t.request(`/api/fact-check-feeds/${feed.id}/fetch`, { method: 'POST', cookie: d.admin })
    const fetched = await record(await fetchNow(), 200, FactCheckFeedSchema)
    const now = new Date(d.clock.now()).toISOString()
    expect(fetched).toMatchObject({
      lastFetchedAt: now,
      lastStatus: 'ok: 2 new, 0 updated',
      itemCount: 2,
      nextFetchAt: later(now, 120),
      version: 1,
    })
    // Not due again: the poller leaves it alone.
    expect((await d.t.feeds.tick()).fetched).toEqual([])
    expect((await record(await fetchNow(), 200, FactCheckFeedSchema)).lastStatus).toBe(
      'ok: 0 new, 0 updated, 2 unchanged',
    )
    for (const role of ['editor', 'checker'] as const) {
      await expectError(
        await d.t.request(`/api/fact-check-feeds/${feed.id}/fetch`, {
          method: 'POST',
          cookie: await d.t.login(role),
        }),
        'forbidden',
      )
    }
  })
})

describe('outbound rules', () => {
  it('with private targets off, a loopback feed is refused and the refusal is its status; nothing is sent', async () => {
    const d = await desk({ env: {} })
    answers.set('/poll/private', json(dataFeed([review('private.example', 1)])))
    const feed = await subscribe(d, '/poll/private')
    await d.t.feeds.tick()
    const status = (await feedOf(d, feed.id)).lastStatus
    expect(status).toBe(
      'failed: The address 127.0.0.1 is a loopback address (this machine itself); feeds and webhooks may only reach public addresses unless COUNTERCLAIM_ALLOW_PRIVATE_TARGETS=on.',
    )
    expect(requestsTo('/poll/private')).toEqual([])
  })

  it('a redirect to a refused address is not followed, and says where it led', async () => {
    // The flag is off; only the test's own server is let through.
    const d = await desk({ env: {}, outbound: { allowAddress: (ip) => ip === '127.0.0.1' } })
    answers.set('/poll/redirect', (res) => res.writeHead(302, { location: 'http://10.0.0.5/feed' }).end())
    const feed = await subscribe(d, '/poll/redirect')
    await d.t.feeds.tick()
    expect(await feedOf(d, feed.id)).toMatchObject({
      lastStatus:
        'failed: The address 10.0.0.5 is a private network address; feeds and webhooks may only reach public addresses unless COUNTERCLAIM_ALLOW_PRIVATE_TARGETS=on.',
      itemCount: 0,
    })
    expect(requestsTo('/poll/redirect')).toHaveLength(1)
  })
})

describe('two pollers on one database', () => {
  it('never fetch one feed twice: each due feed is claimed by one of them', async () => {
    const d = await desk()
    const paths = Array.from({ length: 8 }, (_, n) => `/poll/shared/${n}`)
    for (const [n, path] of paths.entries()) answers.set(path, json(dataFeed([review('shared.example', n)])))
    const feeds = await Promise.all(paths.map((path) => subscribe(d, path)))
    // On PostgreSQL the second poller has a connection pool of its own, as a second server would.
    const db = testEngine() === 'postgres' ? openTestDatabase(d.t.database) : d.t.db
    const second = new FeedPoller({
      db,
      gate: new WriteGate(),
      policy: { ...DEFAULT_OUTBOUND, allowPrivate: true },
      now: d.clock.now,
      log: () => {},
    })
    const [a, b] = await Promise.all([d.t.feeds.tick(), second.tick()])
    expect([...a.fetched, ...b.fetched].sort()).toEqual(feeds.map((f) => f.id).sort())
    expect(a.fetched.filter((id) => b.fetched.includes(id))).toEqual([])
    for (const path of paths) expect(requestsTo(path), path).toHaveLength(1)
    for (const feed of feeds)
      expect(await feedOf(d, feed.id)).toMatchObject({ lastStatus: 'ok: 1 new, 0 updated', itemCount: 1 })
  })
})
