import { createHmac } from 'node:crypto'
import { and, asc, type Db, eq, inArray, isNull, lte, or, tables } from '@counterclaim/db'
import { AppError, type WebhookDelivery } from '@counterclaim/shared'
import { nowIso } from './context.ts'
import { fetchOutbound, OutboundError, type OutboundPolicy } from './outbound-fetch.ts'
import { describeFailure, Ticker, type WorkerOptions } from './ticker.ts'
import {
  type DeliveryRow,
  getDeliveryRow,
  getWebhookRow,
  toWebhookDelivery,
  WEBHOOK_REMOVED,
  type WebhookRow,
  webhookRemoved,
} from './webhooks.ts'
import type { WriteGate } from './write-gate.ts'

// Sends the outbox's deliveries (webhook-outbox.ts writes them): one deliverer per server process,
// started by server.ts and woken after a verdict step commits; tests build one without its timer and
// call tick() themselves. Several processes on one PostgreSQL database share the outbox: each takes a
// delivery with a conditional UPDATE that leases it before sending, so no two send one delivery at once,
// and a lease left by a process that died runs out and lets another take the delivery.

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000
/** Failed deliveries are tried again until this long after they were written, then given up. */
export const RETRY_WINDOW_MS = 24 * 3_600_000
/** The wait after the first failure; it doubles after each failure up to MAX_RETRY_MS. */
export const FIRST_RETRY_MS = 60_000
export const MAX_RETRY_MS = 2 * 3_600_000
/** A wait is lengthened by up to this fraction at random, so receivers that failed together do not all return together. */
export const RETRY_JITTER = 0.1
/** The most of a receiver's answer kept on the delivery. */
export const RESPONSE_KEPT = 2048
/** What receivers see as User-Agent. */
export const WEBHOOK_USER_AGENT = 'Counterclaim-Webhooks/1.0'

// A lease outlasts the longest exchange by a wide margin, so it never runs out while a send is under way.
const LEASE_MS = 6 * WEBHOOK_TIMEOUT_MS
const DUE_BATCH = 50

/**
 * The X-Counterclaim-Signature header of a body sent at `unixSeconds`:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${mac}`
}

/** The wait before the next attempt after `attempts` attempts that failed; `random` is in [0, 1). */
export function retryDelayMs(attempts: number, random: number, firstRetryMs = FIRST_RETRY_MS): number {
  const base = Math.min(firstRetryMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS)
  return Math.round(base * (1 + RETRY_JITTER * random))
}

/** Its clock (`now`) also dates the signatures. */
export interface WebhookDelivererOptions extends WorkerOptions {
  /** The address rules (outbound-fetch.ts); the timeout, redirects and size are the deliverer's own. */
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddress'>
  /** Where the jitter of retry waits comes from; Math.random when absent. */
  random?: () => number
  /** The wait after the first failure; FIRST_RETRY_MS when absent (config.webhookFirstRetryMs). */
  firstRetryMs?: number
  /** Deliveries sent at the same time in one tick. */
  concurrency?: number
}

/** What a tick did: the deliveries this process sent (or found it could not). */
export interface DeliveryTickReport {
  attempted: string[]
}

/** What one attempt came to. */
interface Outcome {
  delivered: boolean
  responseStatus: number | null
  responseBody: string | null
  error: string | null
}

/** Why sends under way end when the deliverer stops. */
class DelivererStopped extends Error {}

/** Sends due webhook deliveries, and one at once when an admin asks. */
export class WebhookDeliverer {
  private readonly db: Db
  private readonly gate: WriteGate
  private readonly policy: OutboundPolicy
  private readonly now: () => number
  private readonly random: () => number
  private readonly firstRetryMs: number
  private readonly concurrency: number
  private readonly log: (line: string) => void
  private readonly stopping = new AbortController()
  private readonly ticker: Ticker<DeliveryTickReport>
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(options: WebhookDelivererOptions) {
    this.db = options.db
    this.gate = options.gate
    this.policy = {
      allowPrivate: options.policy.allowPrivate,
      ...(options.policy.allowAddress ? { allowAddress: options.policy.allowAddress } : {}),
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      maxBytes: 1024 * 1024,
      // A receiver answers where it was registered: a redirect is an answer, not a new address to post to.
      maxRedirects: 0,
    }
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
    this.firstRetryMs = options.firstRetryMs ?? FIRST_RETRY_MS
    this.concurrency = options.concurrency ?? 4
    this.log = options.log ?? ((line) => console.error(line))
    this.ticker = new Ticker({
      run: () => this.runTick(),
      onError: (error) => this.log(`webhook deliverer: a tick failed: ${describeFailure(error)}`),
      beatsFollowUp: true,
    })
  }

  /** Ticks now and then every `everyMs`, until stop(). */
  start(everyMs = 5_000): void {
    this.ticker.start(everyMs)
  }

  /**
   * Looks for due deliveries now, when started (a verdict step has just committed some); a tick under
   * way is followed by another, so deliveries it did not see are not left for the next interval.
   */
  wake(): void {
    this.ticker.wake()
  }

  /** Stops the timer, cancels sends under way (each is recorded as cut off) and waits for them. */
  async stop(): Promise<void> {
    const ticker = this.ticker.stop()
    this.stopping.abort(new DelivererStopped('the server is shutting down'))
    await ticker
    await Promise.allSettled(this.inFlight)
  }

  /**
   * Sends every delivery due now (nextAttemptAt at or before the clock, not leased), a few at a time.
   * Each is leased first, so one another process took is left to it.
   */
  tick(): Promise<DeliveryTickReport> {
    return this.ticker.tick()
  }

  private async runTick(): Promise<DeliveryTickReport> {
    const attempted: string[] = []
    const d = tables.webhookDeliveries
    const now = nowIso(this.now)
    const due = await this.db
      .select({ id: d.id, webhookId: d.webhookId })
      .from(d)
      .where(and(inArray(d.status, ['pending', 'retrying']), lte(d.nextAttemptAt, now), leaseFree(now)))
      .orderBy(asc(d.nextAttemptAt), asc(d.createdAt), asc(d.id))
      .limit(DUE_BATCH)
    // One receiver's deliveries go one after another, in the order they were written; several
    // receivers are sent to at once.
    const byWebhook = new Map<string, string[]>()
    for (const row of due) byWebhook.set(row.webhookId, [...(byWebhook.get(row.webhookId) ?? []), row.id])
    const queues = [...byWebhook.values()]
    let next = 0
    const worker = async () => {
      for (let queue = queues[next++]; queue; queue = queues[next++]) {
        for (const id of queue) {
          if (this.stopping.signal.aborted) return
          const claimed = await this.gate.run(() => this.claim(id, false))
          if (!claimed) continue
          attempted.push(id)
          await this.track(this.attempt(claimed.row, claimed.lease)).catch((error) =>
            this.log(`webhook deliverer: delivery ${id} was not recorded: ${describeFailure(error)}`),
          )
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, worker))
    return { attempted }
  }

  /**
   * Sends one delivery now, whenever it was due (an admin's retry): a failed one too, which is given up
   * again if this attempt fails after its day of retries. Answers it after the attempt.
   */
  async retryNow(webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
    const current = await getDeliveryRow(this.db, webhookId, deliveryId)
    if (current.status === 'delivered') {
      throw new AppError('conflict', 'This delivery was acknowledged already; it is never sent twice.', {
        status: current.status,
      })
    }
    const hook = await getWebhookRow(this.db, webhookId)
    if (hook.archivedAt !== null) throw webhookRemoved()
    const claimed = await this.gate.run(() => this.claim(deliveryId, true))
    if (!claimed) {
      throw new AppError('conflict', 'This delivery is being sent right now; look again in a moment.', {
        status: current.status,
      })
    }
    return toWebhookDelivery(await this.track(this.attempt(claimed.row, claimed.lease)))
  }

  /**
   * Leases a delivery for this process: on the condition that it is still to be sent and no lease
   * holds it (on PostgreSQL a second UPDATE waits for the first's row lock, then finds the condition
   * false). `anyTime` takes it whenever it is due, and a failed one too. Null when it is not to be had.
   */
  private async claim(id: string, anyTime: boolean): Promise<{ row: DeliveryRow; lease: string } | null> {
    const d = tables.webhookDeliveries
    const now = nowIso(this.now)
    const lease = new Date(this.now() + LEASE_MS).toISOString()
    const [row] = await this.db
      .update(d)
      .set({ leasedUntil: lease })
      .where(
        and(
          eq(d.id, id),
          anyTime
            ? inArray(d.status, ['pending', 'retrying', 'failed'])
            : and(inArray(d.status, ['pending', 'retrying']), lte(d.nextAttemptAt, now)),
          leaseFree(now),
        ),
      )
      .returning()
    return row ? { row, lease } : null
  }

  /** One attempt at a leased delivery, and its outcome written on the row. */
  private async attempt(row: DeliveryRow, lease: string): Promise<DeliveryRow> {
    const hook = await getWebhookRow(this.db, row.webhookId)
    if (hook.archivedAt !== null) {
      return this.record(row, lease, null, {
        delivered: false,
        responseStatus: null,
        responseBody: null,
        error: WEBHOOK_REMOVED,
      })
    }
    const attemptedAt = this.now()
    const outcome = await this.send(hook, row, attemptedAt)
    return this.record(row, lease, attemptedAt, outcome)
  }

  private async send(hook: WebhookRow, row: DeliveryRow, at: number): Promise<Outcome> {
    const headers = {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      'x-counterclaim-event': row.event,
      'x-counterclaim-delivery': row.id,
      'x-counterclaim-signature': signatureHeader(hook.secret, Math.floor(at / 1000), row.payload),
    }
    try {
      const res = await fetchOutbound(hook.url, {
        policy: this.policy,
        method: 'POST',
        headers,
        body: row.payload,
        signal: this.stopping.signal,
      })
      const responseBody = res.body.slice(0, RESPONSE_KEPT).replaceAll('\u0000', '\uFFFD')
      const delivered = res.status >= 200 && res.status <= 299
      return {
        delivered,
        responseStatus: res.status,
        responseBody,
        error: delivered ? null : `The receiver answered ${res.status}${statusWords(res.status)}.`,
      }
    } catch (error) {
      return { delivered: false, responseStatus: null, responseBody: null, error: this.failureWords(error) }
    }
  }

  private failureWords(error: unknown): string {
    if (error instanceof OutboundError) {
      if (error.code === 'too_many_redirects') {
        return 'The receiver answered with a redirect; webhooks are not redirected: register the address it points to.'
      }
      return error.message
    }
    if (error instanceof DelivererStopped) return 'The server shut down before the receiver answered.'
    this.log(`webhook deliverer: sending failed: ${describeFailure(error)}`)
    return 'Something went wrong on our side while sending this. It has been logged.'
  }

  /**
   * Writes an attempt's outcome and gives the lease back, if this process still holds it: acknowledged
   * is 'delivered' for good; a failure is tried again after a growing wait, or given up ('failed') once
   * the delivery is more than a day old or its webhook was removed. `attemptedAt` null: nothing was sent.
   */
  private async record(
    row: DeliveryRow,
    lease: string,
    attemptedAt: number | null,
    outcome: Outcome,
  ): Promise<DeliveryRow> {
    const d = tables.webhookDeliveries
    return this.gate.run(async () => {
      const at = attemptedAt ?? this.now()
      const attempts = row.attempts + (attemptedAt === null ? 0 : 1)
      const removed = (await getWebhookRow(this.db, row.webhookId)).archivedAt !== null
      const givenUp = removed || at - Date.parse(row.createdAt) > RETRY_WINDOW_MS
      const status = outcome.delivered ? 'delivered' : givenUp ? 'failed' : 'retrying'
      const error =
        removed && !outcome.delivered && outcome.error !== WEBHOOK_REMOVED
          ? `${outcome.error ?? ''} ${WEBHOOK_REMOVED}`.trim()
          : outcome.error
      const [written] = await this.db
        .update(d)
        .set({
          status,
          attempts,
          leasedUntil: null,
          nextAttemptAt:
            status === 'retrying'
              ? new Date(at + retryDelayMs(attempts, this.random(), this.firstRetryMs)).toISOString()
              : null,
          ...(attemptedAt === null ? {} : { lastAttemptAt: new Date(attemptedAt).toISOString() }),
          deliveredAt: outcome.delivered ? new Date(at).toISOString() : null,
          responseStatus: outcome.responseStatus,
          responseBody: outcome.responseBody,
          error,
        })
        .where(and(eq(d.id, row.id), eq(d.leasedUntil, lease)))
        .returning()
      if (written) return written
      // The lease ran out and another process took the delivery over: its outcome is the one kept.
      this.log(`webhook deliverer: delivery ${row.id} was taken over before its outcome was written`)
      return getDeliveryRow(this.db, row.webhookId, row.id)
    })
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work)
    return work.finally(() => this.inFlight.delete(work))
  }
}

/** No process holds the delivery: never leased, or its lease ran out. */
function leaseFree(now: string) {
  const d = tables.webhookDeliveries
  return or(isNull(d.leasedUntil), lte(d.leasedUntil, now))
}

const STATUS_WORDS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found: nothing receives webhooks at this address',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

function statusWords(status: number): string {
  const words = STATUS_WORDS[status]
  return words ? ` ${words}` : ''
}
