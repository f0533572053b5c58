// The live event stream of a dispute (docs/decisions/0013): its events are its history rows, read by
// seq. One broker per server process keeps, for each dispute someone watches, the last seq it has
// delivered; a signal (NOTIFY, the SQLite emitter, the fallback poll) makes it read the new rows once
// and hand them to every subscriber in seq order. It also keeps who has each dispute open.
import { randomUUID } from 'node:crypto'
import {
  and,
  announceViewers,
  asc,
  type Db,
  desc,
  eq,
  gt,
  gte,
  listenForChanges,
  lt,
  lte,
  tables,
  transaction,
} from '@counterclaim/db'
import type { DisputeEvent, DisputeViewers, SessionUser } from '@counterclaim/shared'
import { nowIso } from './context.ts'
import type { Clock } from './throttle.ts'
import type { WriteGate } from './write-gate.ts'

/** What a subscriber is sent: a change (an SSE message with its seq as id), or who has the dispute open. */
export type StreamItem =
  | { kind: 'change'; event: DisputeEvent }
  | { kind: 'viewers'; viewers: DisputeViewers }

// Rows read at a time, for a catch-up or a burst of changes.
const PAGE = 500
// A subscriber that lets this many items pile up unread is dropped: it resumes from its Last-Event-ID.
const MAX_PENDING = 10_000
/** How often a process stamps its viewers as still there, and after how long an unstamped one is gone. */
export const PRESENCE_REFRESH_MS = 30_000
export const PRESENCE_EXPIRY_MS = 90_000
/** How often disputes with subscribers are read again without a signal. */
export const FALLBACK_POLL_MS = 1000

/** One open event stream: the items waiting to be written to it, in order. */
export class Subscription {
  readonly connectionId = randomUUID()
  /** The seq of the last change queued for it. */
  after = 0
  closed = false
  private queue: StreamItem[] = []
  private wake: (() => void) | null = null

  constructor(
    readonly disputeId: string,
    readonly user: SessionUser,
    private readonly onClose: (sub: Subscription) => void,
  ) {}

  push(item: StreamItem): void {
    if (this.closed) return
    this.queue.push(item)
    if (this.queue.length > MAX_PENDING) this.close()
    this.wake?.()
  }

  /** The items waiting, or, when none, those that arrive within `ms` (none after a close or a timeout). */
  async next(ms: number): Promise<StreamItem[]> {
    if (this.queue.length === 0 && !this.closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms)
        function done() {
          clearTimeout(timer)
          resolve()
        }
        this.wake = done
      })
      this.wake = null
    }
    const items = this.queue
    this.queue = []
    return this.closed ? [] : items
  }

  /** Ends the subscription (the stream closes); the broker forgets it. Closing twice does nothing. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.queue = []
    this.wake?.()
    this.onClose(this)
  }
}

/** What the broker knows of one dispute someone watches. */
interface Watched {
  id: string
  /** The last seq read and handed out; null until first read. */
  lastSeq: number | null
  subs: Set<Subscription>
  joining: number
  /** The one chain of reads of this dispute: never two at once. */
  tail: Promise<void>
  changeQueued: boolean
  viewersQueued: boolean
  viewersJson: string | null
}

export interface DisputeEventsOptions {
  db: Db
  /** The app's write gate: presence rows wait while a claim-log import holds the database. */
  gate: WriteGate
  /** The clock presence is stamped and expired by; the wall clock when absent. */
  now?: Clock
  /** Where failures are logged; console.error when absent. */
  log?: (line: string) => void
}

/** The event streams of one server process: started by server.ts, stopped on shutdown. */
export class DisputeEvents {
  /** This process's mark on its presence rows. */
  readonly processId = randomUUID()
  private readonly db: Db
  private readonly gate: WriteGate
  private readonly now: Clock
  private readonly log: (line: string) => void
  private readonly watched = new Map<string, Watched>()
  private readonly presenceWrites = new Set<Promise<void>>()
  private stopListening: (() => Promise<void>) | null = null
  private timers: Array<ReturnType<typeof setInterval>> = []
  private stopping = false

  constructor(options: DisputeEventsOptions) {
    this.db = options.db
    this.gate = options.gate
    this.now = options.now ?? Date.now
    this.log = options.log ?? ((line) => console.error(line))
  }

  /**
   * Listens for changes (LISTEN on PostgreSQL, the local emitter on SQLite), clears presence rows gone
   * stale, and, unless set to 0, polls watched disputes every `pollMs` and stamps presence every
   * `presenceMs`.
   */
  async start(options: { pollMs?: number; presenceMs?: number } = {}): Promise<void> {
    if (this.stopListening) return
    this.stopping = false
    this.stopListening = await listenForChanges(this.db, {
      change: (id) => this.signal(id),
      viewers: (id) => this.signalViewers(id),
      resync: () => {
        for (const id of this.watched.keys()) {
          this.signal(id)
          this.signalViewers(id)
        }
      },
      log: this.log,
    })
    await this.refreshPresence().catch((error) => this.log(`live updates: ${describe(error)}`))
    const pollMs = options.pollMs ?? FALLBACK_POLL_MS
    const presenceMs = options.presenceMs ?? PRESENCE_REFRESH_MS
    if (pollMs > 0) this.every(pollMs, () => this.poll())
    if (presenceMs > 0) this.every(presenceMs, () => this.refreshPresence())
  }

  /** Ends every stream, stops listening and removes this process's presence rows. */
  async stop(): Promise<void> {
    this.stopping = true
    for (const w of [...this.watched.values()]) for (const sub of [...w.subs]) sub.close()
    for (const timer of this.timers) clearInterval(timer)
    this.timers = []
    const stop = this.stopListening
    this.stopListening = null
    await stop?.()
    await Promise.allSettled(this.presenceWrites)
    await Promise.allSettled([...this.watched.values()].map((w) => w.tail))
    await this.gate
      .run(async () => {
        const mine = eq(tables.disputeViewers.processId, this.processId)
        await transaction(this.db, async (tx) => {
          const rows = await tx
            .selectDistinct({ disputeId: tables.disputeViewers.disputeId })
            .from(tables.disputeViewers)
            .where(mine)
          await tx.delete(tables.disputeViewers).where(mine)
          for (const r of rows) await announceViewers(tx, r.disputeId)
        })
      })
      .catch((error) => this.log(`live updates: presence not cleared on stop: ${describe(error)}`))
  }

  /**
   * Opens a subscription to a dispute. With `lastEventId` it is first given every event after that
   * seq, then the live ones, with no gap and no repeat; without, it starts at the dispute's last event.
   */
  async subscribe(disputeId: string, user: SessionUser, lastEventId: number | null): Promise<Subscription> {
    const w = this.watch(disputeId)
    const sub = new Subscription(disputeId, user, (s) => this.leave(s))
    let joined = false
    w.joining++
    try {
      await this.inTurn(w, async () => {
        if (w.lastSeq === null) w.lastSeq = await this.lastSeqOf(disputeId)
        sub.after = lastEventId ?? w.lastSeq
        if (sub.after < w.lastSeq) await this.read(w, sub.after, w.lastSeq, [sub])
        joined = true
        if (sub.closed) return
        w.subs.add(sub)
        await this.readViewers(w, sub)
      })
    } finally {
      w.joining--
    }
    // A catch-up that failed (the database away) is an error the client retries, not a silent stream.
    if (!joined) {
      sub.close()
      throw new Error(`the events of dispute ${disputeId} could not be read`)
    }
    if (this.stopping) sub.close()
    if (!sub.closed) this.presence(sub, 'arrive')
    return sub
  }

  /** Something in the dispute changed: read its new rows (once, however many signals come meanwhile). */
  signal(disputeId: string): void {
    const w = this.watched.get(disputeId)
    if (!w || w.changeQueued) return
    w.changeQueued = true
    void this.inTurn(w, async () => {
      w.changeQueued = false
      if (w.lastSeq === null) w.lastSeq = await this.lastSeqOf(w.id)
      await this.read(w, w.lastSeq, null, null)
    })
  }

  /** Who has the dispute open changed: read the viewers again and tell every subscriber if it differs. */
  signalViewers(disputeId: string): void {
    const w = this.watched.get(disputeId)
    if (!w || w.viewersQueued) return
    w.viewersQueued = true
    void this.inTurn(w, async () => {
      w.viewersQueued = false
      await this.readViewers(w, null)
    })
  }

  /** The fallback poll: every watched dispute read again (writes no signal reaches: the SQLite import). */
  async poll(): Promise<void> {
    for (const id of this.watched.keys()) this.signal(id)
    await Promise.allSettled([...this.watched.values()].map((w) => w.tail))
  }

  /** How many subscriptions are open (all disputes). */
  get subscriberCount(): number {
    let n = 0
    for (const w of this.watched.values()) n += w.subs.size
    return n
  }

  /**
   * Stamps this process's presence rows as seen now, and removes every process's rows not stamped for
   * PRESENCE_EXPIRY_MS (a process that died), telling their disputes' viewers.
   */
  async refreshPresence(): Promise<void> {
    const now = this.now()
    const at = new Date(now).toISOString()
    const cutoff = new Date(now - PRESENCE_EXPIRY_MS).toISOString()
    const v = tables.disputeViewers
    await this.gate.run(() =>
      transaction(this.db, async (tx) => {
        await tx.update(v).set({ seenAt: at }).where(eq(v.processId, this.processId))
        const stale = await tx.selectDistinct({ disputeId: v.disputeId }).from(v).where(lt(v.seenAt, cutoff))
        if (stale.length === 0) return
        await tx.delete(v).where(lt(v.seenAt, cutoff))
        for (const r of stale) await announceViewers(tx, r.disputeId)
      }),
    )
  }

  private watch(disputeId: string): Watched {
    let w = this.watched.get(disputeId)
    if (!w) {
      w = {
        id: disputeId,
        lastSeq: null,
        subs: new Set(),
        joining: 0,
        tail: Promise.resolve(),
        changeQueued: false,
        viewersQueued: false,
        viewersJson: null,
      }
      this.watched.set(disputeId, w)
    }
    return w
  }

  private leave(sub: Subscription): void {
    const w = this.watched.get(sub.disputeId)
    if (w) {
      w.subs.delete(sub)
      if (w.subs.size === 0 && w.joining === 0) this.watched.delete(sub.disputeId)
    }
    this.presence(sub, 'leave')
  }

  /** Runs fn after the reads of this dispute already queued: one at a time, in order. */
  private inTurn(w: Watched, fn: () => Promise<void>): Promise<void> {
    const next = w.tail.then(fn).catch((error) => {
      this.log(`live updates: reading dispute ${w.id} failed: ${describe(error)}`)
    })
    w.tail = next
    return next
  }

  private async lastSeqOf(disputeId: string): Promise<number> {
    const h = tables.historyEvents
    const [row] = await this.db
      .select({ seq: h.seq })
      .from(h)
      .where(eq(h.disputeId, disputeId))
      .orderBy(desc(h.seq))
      .limit(1)
    return row?.seq ?? 0
  }

  /**
   * Reads the dispute's events after `after` (up to `upTo` when given), a page at a time, and queues
   * each for `targets` (every subscriber when null) that has not had it; moves the dispute's last seq
   * on when reading for everyone.
   */
  private async read(w: Watched, after: number, upTo: number | null, targets: Subscription[] | null) {
    const h = tables.historyEvents
    for (let from = after; ; ) {
      const rows = await this.db
        .select({
          seq: h.seq,
          entity: h.entity,
          entityId: h.entityId,
          action: h.action,
          at: h.at,
          after: h.after,
          claimId: h.claimId,
          actorId: h.actorId,
          actorName: tables.users.name,
        })
        .from(h)
        .leftJoin(tables.users, eq(tables.users.id, h.actorId))
        .where(and(eq(h.disputeId, w.id), gt(h.seq, from), upTo === null ? undefined : lte(h.seq, upTo)))
        .orderBy(asc(h.seq))
        .limit(PAGE)
      for (const row of rows) {
        const item: StreamItem = { kind: 'change', event: toEvent(row) }
        for (const sub of targets ?? w.subs) {
          if (row.seq <= sub.after) continue
          sub.after = row.seq
          sub.push(item)
        }
      }
      const last = rows.at(-1)
      if (last) from = last.seq
      if (targets === null) w.lastSeq = Math.max(w.lastSeq ?? 0, from)
      if (rows.length < PAGE) return
    }
  }

  /**
   * Reads who has the dispute open (distinct people, by name, rows not stamped for PRESENCE_EXPIRY_MS
   * left out): everyone is told when it changed; `joiner` is told in any case.
   */
  private async readViewers(w: Watched, joiner: Subscription | null): Promise<void> {
    const v = tables.disputeViewers
    const cutoff = new Date(this.now() - PRESENCE_EXPIRY_MS).toISOString()
    const rows = await this.db
      .selectDistinct({ id: tables.users.id, name: tables.users.name })
      .from(v)
      .innerJoin(tables.users, eq(tables.users.id, v.userId))
      .where(and(eq(v.disputeId, w.id), gte(v.seenAt, cutoff)))
    const viewers = rows.sort(
      (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    const json = JSON.stringify(viewers)
    const item: StreamItem = { kind: 'viewers', viewers: { viewers } }
    if (json !== w.viewersJson) {
      w.viewersJson = json
      for (const sub of w.subs) sub.push(item)
    } else joiner?.push(item)
  }

  /** Writes a subscription's presence row (or removes it), then tells the dispute's viewers everywhere. */
  private presence(sub: Subscription, what: 'arrive' | 'leave'): void {
    const v = tables.disputeViewers
    const write = this.gate
      .run(() =>
        transaction(this.db, async (tx) => {
          if (what === 'arrive') {
            await tx.insert(v).values({
              connectionId: sub.connectionId,
              disputeId: sub.disputeId,
              userId: sub.user.id,
              processId: this.processId,
              seenAt: nowIso(this.now),
            })
          } else {
            await tx.delete(v).where(eq(v.connectionId, sub.connectionId))
          }
          await announceViewers(tx, sub.disputeId)
        }),
      )
      .catch((error) => this.log(`live updates: presence not written: ${describe(error)}`))
      .finally(() => this.presenceWrites.delete(write))
    this.presenceWrites.add(write)
  }

  private every(ms: number, fn: () => Promise<void>): void {
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      fn()
        .catch((error) => this.log(`live updates: ${describe(error)}`))
        .finally(() => {
          running = false
        })
    }, ms)
    timer.unref()
    this.timers.push(timer)
  }
}

function toEvent(row: {
  seq: number
  entity: string
  entityId: string
  action: string
  at: string
  after: unknown
  claimId: string | null
  actorId: string | null
  actorName: string | null
}): DisputeEvent {
  const after = row.after as { version?: unknown; evidenceId?: unknown } | null
  const version = after?.version
  return {
    seq: row.seq,
    entity: row.entity,
    id: row.entityId,
    version: typeof version === 'number' ? version : null,
    action: row.action,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? 'unknown' } : null,
    at: row.at,
    claimId: row.claimId,
    // The record's own words: a stance and a comment name their evidence item.
    evidenceId: typeof after?.evidenceId === 'string' ? after.evidenceId : null,
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
