import type { Db } from '@counterclaim/db'
import { AppError, type FactCheckFeed } from '@counterclaim/shared'
import { nowIso } from './context.ts'
import {
  assertFeedLive,
  claimDueFeed,
  claimFeedNow,
  dueFeeds,
  type FeedOutcome,
  feedUnsubscribed,
  getFeedRow,
  recordFeedOutcome,
} from './fact-check-feeds.ts'
import { type ImportFormat, importFactChecks, importFormatOf } from './fact-checks.ts'
import { toFactCheckFeed } from './mappers.ts'
import { fetchOutbound, nextLink, OutboundError, type OutboundPolicy } from './outbound-fetch.ts'
import { describeFailure, Ticker, type WorkerOptions } from './ticker.ts'
import type { WriteGate } from './write-gate.ts'

// The server polls the feeds admins subscribed to (API.md, "The desk network"): one poller per server
// process, started by server.ts; tests build one without its timer and call tick() themselves.

type FeedRow = Awaited<ReturnType<typeof getFeedRow>>

export interface FeedPollerOptions extends WorkerOptions {
  /** Address, size, time and redirect rules for every fetch (outbound-fetch.ts). */
  policy: OutboundPolicy
  /** The most pages one fetch follows through `Link: rel="next"`. */
  pageCap?: number
  /** Feeds fetched at the same time in one tick. */
  concurrency?: number
}

/** What a tick did: the feeds this process fetched (due ones another process took are not among them). */
export interface TickReport {
  fetched: string[]
}

export const DEFAULT_PAGE_CAP = 20
const DUE_BATCH = 100
// What feeds are asked for: JSON-LD first, then plain JSON, then a page with JSON-LD blocks.
const ACCEPT = 'application/ld+json, application/json;q=0.9, text/html;q=0.8, */*;q=0.1'

/** A fetch that went wrong in a way the feed's status should say in words. */
class FeedFailure extends Error {}
/** Why fetches under way end when the poller stops. */
class PollerStopped extends Error {}

interface Totals {
  created: number
  updated: number
  unchanged: number
  skipped: number
  pages: number
}

/** Polls the feeds that are due, and fetches one at once when an admin asks. */
export class FeedPoller {
  private readonly db: Db
  private readonly gate: WriteGate
  private readonly policy: OutboundPolicy
  private readonly now: () => number
  private readonly pageCap: number
  private readonly concurrency: number
  private readonly log: (line: string) => void
  private readonly inFlight = new Map<string, Promise<FeedRow>>()
  private readonly stopping = new AbortController()
  private readonly ticker: Ticker<TickReport>

  constructor(options: FeedPollerOptions) {
    this.db = options.db
    this.gate = options.gate
    this.policy = options.policy
    this.now = options.now ?? Date.now
    this.pageCap = options.pageCap ?? DEFAULT_PAGE_CAP
    this.concurrency = options.concurrency ?? 4
    this.log = options.log ?? ((line) => console.error(line))
    // A tick still under way (slow feeds) is not doubled.
    this.ticker = new Ticker({
      run: () => this.runTick(),
      onError: (error) => this.log(`feed poller: a tick failed: ${describeFailure(error)}`),
    })
  }

  /** Ticks now and then every `everyMs`, until stop(). */
  start(everyMs = 60_000): void {
    this.ticker.start(everyMs)
  }

  /** Stops the timer, cancels fetches under way and waits for the tick to end. */
  async stop(): Promise<void> {
    const ticker = this.ticker.stop()
    this.stopping.abort(new PollerStopped('the server is shutting down'))
    await ticker
    await Promise.allSettled(this.inFlight.values())
  }

  /**
   * Fetches every feed due now (nextFetchAt at or before the clock), a few at a time. Each is claimed
   * first, so a feed another process took is left to it; a feed that fails records its failure and is
   * tried again at its next time, and never stops the others.
   */
  tick(): Promise<TickReport> {
    return this.ticker.tick()
  }

  private async runTick(): Promise<TickReport> {
    const fetched: string[] = []
    const due = await dueFeeds(this.db, nowIso(this.now), DUE_BATCH)
    let next = 0
    const worker = async () => {
      for (let feed = due[next++]; feed; feed = due[next++]) {
        if (this.stopping.signal.aborted || this.inFlight.has(feed.id)) continue
        const claimed = await this.gate.run(() => claimDueFeed(this.db, feed, nowIso(this.now)))
        if (!claimed) continue
        fetched.push(claimed.id)
        // Its outcome is on the feed; only a failure to write that (the database gone) lands here.
        await this.track(claimed).catch((error) =>
          this.log(`feed poller: the outcome of ${feed.url} was not recorded: ${describeFailure(error)}`),
        )
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker))
    return { fetched }
  }

  /** Fetches one feed at once, whenever it was due; answers it with its new status. */
  async fetchNow(id: string): Promise<FactCheckFeed> {
    const running = this.inFlight.get(id)
    if (running) return toFactCheckFeed(await running)
    const feed = await getFeedRow(this.db, id)
    assertFeedLive(feed)
    const claimed = await this.gate.run(() => claimFeedNow(this.db, feed, nowIso(this.now)))
    // Unsubscribed since it was read: the same answer as above.
    if (!claimed) throw feedUnsubscribed()
    return toFactCheckFeed(await this.track(claimed))
  }

  private track(feed: FeedRow): Promise<FeedRow> {
    const work = this.fetchFeed(feed).finally(() => this.inFlight.delete(feed.id))
    this.inFlight.set(feed.id, work)
    return work
  }

  /**
   * One fetch of a feed: the first page asks with the stored ETag and Last-Modified, each page is
   * imported as it arrives, and `Link: rel="next"` is followed up to the page cap, every hop through
   * fetchOutbound's checks. The validators are kept only when every page came in, so a feed cut short
   * is read whole again next time.
   */
  private async fetchFeed(feed: FeedRow): Promise<FeedRow> {
    const totals: Totals = { created: 0, updated: 0, unchanged: 0, skipped: 0, pages: 0 }
    let outcome: Omit<FeedOutcome, 'fetchedAt'>
    try {
      outcome = await this.readPages(feed, totals)
    } catch (error) {
      const message = failureWords(error)
      if (message === null) this.log(`feed poller: fetching ${feed.url} failed: ${describeFailure(error)}`)
      const words = message ?? 'Something went wrong on our side while reading this feed. It has been logged.'
      const before = totals.pages > 0 ? ` (after ${pages(totals.pages)}: ${counted(totals)})` : ''
      outcome = { status: `failed: ${words}${before}`, error: words }
    }
    return this.gate.run(() => recordFeedOutcome(this.db, feed, { ...outcome, fetchedAt: nowIso(this.now) }))
  }

  private async readPages(feed: FeedRow, totals: Totals): Promise<Omit<FeedOutcome, 'fetchedAt'>> {
    let url: string | null = feed.url
    const seen = new Set<string>()
    let validators: FeedOutcome['validators']
    while (url !== null && totals.pages < this.pageCap) {
      const first = totals.pages === 0
      seen.add(url)
      const headers: Record<string, string> = { accept: ACCEPT }
      if (first && feed.etag) headers['if-none-match'] = feed.etag
      if (first && feed.lastModified) headers['if-modified-since'] = feed.lastModified
      const res = await fetchOutbound(url, { policy: this.policy, headers, signal: this.stopping.signal })
      if (res.notModified) {
        if (first) return { status: 'not modified', error: null }
        throw new FeedFailure(`${hostOf(res.url)} answered "not modified" to a page it was not asked about.`)
      }
      if (res.status < 200 || res.status > 299) {
        throw new FeedFailure(`${hostOf(res.url)} answered ${res.status} ${statusWords(res.status)}.`)
      }
      const format = formatOf(res.headers['content-type'], res.body)
      if (format === null) {
        throw new FeedFailure(
          `${hostOf(res.url)} answered with ${res.headers['content-type'] ?? 'no content type'}, which is neither JSON nor an HTML page.`,
        )
      }
      const result = await this.gate.run(() =>
        importFactChecks(
          this.db,
          { body: res.body, format, baseUrl: res.url },
          { actorId: null, feedId: feed.id, now: nowIso(this.now) },
        ),
      )
      totals.created += result.created
      totals.updated += result.updated
      totals.unchanged += result.unchanged
      totals.skipped += result.skipped.length
      totals.pages++
      if (first) {
        validators = { etag: res.headers.etag ?? null, lastModified: res.headers['last-modified'] ?? null }
      }
      const next = nextLink(res.headers.link, res.url)
      url = next !== null && !seen.has(next) ? next : null
    }
    const capped = url !== null ? `; stopped after ${pages(this.pageCap)}, the most one fetch reads` : ''
    return { status: `ok: ${counted(totals)}${capped}`, error: null, validators }
  }
}

/** The words a feed's status carries for a failure, or null for one of ours (logged instead). */
function failureWords(error: unknown): string | null {
  if (error instanceof OutboundError || error instanceof FeedFailure) return error.message
  // What the reader could not read at all: the import's 400, in words.
  if (error instanceof AppError && error.code === 'validation_failed')
    return `the answer could not be read: ${error.message}`
  if (error instanceof Error && error.message === 'the server is shutting down')
    return 'the server shut down mid-fetch.'
  return null
}

function counted(t: Totals): string {
  const parts = [`${t.created} new`, `${t.updated} updated`]
  if (t.unchanged) parts.push(`${t.unchanged} unchanged`)
  if (t.skipped) parts.push(`${t.skipped} skipped`)
  if (t.pages > 1) parts.push(`from ${pages(t.pages)}`)
  return parts.join(', ')
}

const pages = (n: number) => (n === 1 ? '1 page' : `${n} pages`)

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

const STATUS_WORDS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized: the feed needs a sign-in',
  403: 'Forbidden: the feed refuses us',
  404: 'Not Found: there is no feed at this address',
  410: 'Gone: the feed was taken down',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

function statusWords(status: number): string {
  return STATUS_WORDS[status] ?? (status >= 500 ? '(a server error)' : '(not a feed)')
}

/**
 * How an answer is read: by its content type (JSON and JSON-LD, or HTML); an answer with another or no
 * type is read by its first character (`{` or `[` JSON, `<` HTML); null when neither fits.
 */
function formatOf(contentType: string | undefined, body: string): ImportFormat | null {
  const named = importFormatOf(contentType)
  if (named) return named
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (/^application\/([\w.-]+\+)?json$/.test(mediaType)) return 'json'
  if (mediaType === 'application/xhtml+xml') return 'html'
  const start = body.trimStart().charAt(0)
  if (start === '{' || start === '[') return 'json'
  if (start === '<') return 'html'
  return null
}
