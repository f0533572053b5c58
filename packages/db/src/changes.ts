// What tells a server process that a dispute changed (docs/decisions/0013): on PostgreSQL, NOTIFY
// inside the writing transaction (delivered at commit, in commit order, dropped on rollback) and one
// LISTEN connection per process; on SQLite, where one process serves the file, a process-local emitter
// run after commit. The events themselves are the dispute's history rows, read by seq.
import { EventEmitter } from 'node:events'
import type pg from 'pg'
import { connectClient, isPostgres, pgPool, pgQueryable } from './postgres.ts'
import { afterSqliteCommit, isSqlite } from './sqlite.ts'

const CHANGES = 'counterclaim_changes'
const VIEWERS = 'counterclaim_viewers'
// The advisory locks of dispute streams live in their own namespace of keys.
const LOCK_NAMESPACE = 'counterclaim.dispute-stream:'

const local = new EventEmitter()
local.setMaxListeners(0)

// What a transaction has locked and announced already, so repeated history rows cost nothing more.
const lockedIn = new WeakMap<object, Set<string>>()
const announcedIn = new WeakMap<object, Set<string>>()

function fresh(seen: WeakMap<object, Set<string>>, tx: object, ids: readonly string[]): string[] {
  let set = seen.get(tx)
  if (!set) {
    set = new Set()
    seen.set(tx, set)
  }
  const out: string[] = []
  for (const id of new Set(ids)) {
    if (set.has(id)) continue
    set.add(id)
    out.push(id)
  }
  return out.sort()
}

// The key of every dispute's stream at once: a writer holds it shared before its disputes' own keys; a bulk
// load holds it alone, exclusively (lockEveryDisputeStream).
const EVERY_STREAM = 'counterclaim.dispute-streams'
// Transactions that hold EVERY_STREAM exclusively.
const holdingEvery = new WeakSet<object>()

/**
 * Before a transaction inserts history rows of these disputes: on PostgreSQL, takes a transaction-
 * scoped advisory lock per dispute (sorted, in one statement), so two transactions writing one
 * dispute's history commit in the order their seq numbers were taken; before its first, the key of
 * every stream, shared. Nothing on SQLite, whose one writer commits in seq order already.
 */
export async function lockDisputeStreams(tx: object, disputeIds: readonly string[]): Promise<void> {
  if (!isPostgres(tx) || disputeIds.length === 0 || holdingEvery.has(tx)) return
  const ids = fresh(lockedIn, tx, disputeIds)
  if (ids.length === 0) return
  // One round trip: every row of the join needs the CTE's row, so the shared key is taken before the
  // first dispute's (taking it again later in the transaction adds no lock).
  await pgQueryable(tx).query(
    `WITH every_stream AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(hashtext($3)))
     SELECT pg_advisory_xact_lock(hashtext($2 || t.id))
       FROM every_stream, unnest($1::text[]) WITH ORDINALITY AS t(id, n) ORDER BY t.n`,
    [ids, LOCK_NAMESPACE, EVERY_STREAM],
  )
}

/**
 * For a transaction that writes history to any number of disputes (the claim-log import): on PostgreSQL,
 * the key of every dispute's stream, exclusively, in place of a lock per dispute. PostgreSQL's lock table
 * holds a few thousand locks across all transactions (max_locks_per_transaction × max_connections), so a
 * load into more disputes than that would fail with "out of shared memory"; this one lock orders it before
 * or after every other writer, as SQLite's write lock does. Call it before the transaction's first history row.
 */
export async function lockEveryDisputeStream(tx: object): Promise<void> {
  if (!isPostgres(tx) || holdingEvery.has(tx)) return
  await pgQueryable(tx).query('SELECT pg_advisory_xact_lock(hashtext($1))', [EVERY_STREAM])
  holdingEvery.add(tx)
}

/**
 * Says, once the transaction commits, that these disputes changed: PostgreSQL's NOTIFY (to every
 * process listening), or SQLite's local emitter after COMMIT. Nothing is said on a rollback. A SQLite
 * write outside this process's transactions (the import worker's connection) says nothing: the
 * listeners' fallback poll finds it.
 */
export async function announceChange(tx: object, disputeIds: readonly string[]): Promise<void> {
  if (disputeIds.length === 0) return
  if (isSqlite(tx)) {
    const ids = [...new Set(disputeIds)]
    afterSqliteCommit(tx, () => {
      for (const id of ids) local.emit('change', id)
    })
    return
  }
  const ids = fresh(announcedIn, tx, disputeIds)
  if (ids.length === 0) return
  await pgQueryable(tx).query(`SELECT pg_notify($2, t.id) FROM unnest($1::text[]) AS t(id)`, [ids, CHANGES])
}

/** Says that who has a dispute open changed (a viewer came or went), to every process serving it. */
export async function announceViewers(db: object, disputeId: string): Promise<void> {
  if (isSqlite(db)) {
    if (!afterSqliteCommit(db, () => local.emit('viewers', disputeId))) local.emit('viewers', disputeId)
    return
  }
  await pgQueryable(db).query('SELECT pg_notify($1, $2)', [VIEWERS, disputeId])
}

/** What a listener is told. */
export interface ChangeHandlers {
  /** A dispute's history has new rows (or may have). */
  change: (disputeId: string) => void
  /** Who has a dispute open changed. */
  viewers: (disputeId: string) => void
  /** Signals may have been missed (the connection dropped and came back): look at everything watched. */
  resync: () => void
  /** Where a lost connection is reported. */
  log?: (line: string) => void
}

const BACKOFF_MS = [250, 500, 1000, 2000, 5000, 10_000]

/**
 * Listens for the signals of announceChange and announceViewers. On PostgreSQL it holds one connection
 * of its own with LISTEN, opened again (with backoff) after it fails, then asks for a resync; the
 * promise resolves once the first LISTEN is in place, or once the first attempt failed (it goes on
 * trying). On SQLite it subscribes to the local emitter. The function returned stops it.
 */
export async function listenForChanges(db: object, handlers: ChangeHandlers): Promise<() => Promise<void>> {
  if (isSqlite(db)) {
    local.on('change', handlers.change)
    local.on('viewers', handlers.viewers)
    return async () => {
      local.off('change', handlers.change)
      local.off('viewers', handlers.viewers)
    }
  }
  const url = pgPool(db).options.connectionString ?? ''
  let stopped = false
  let client: pg.Client | null = null
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  const onNotification = (message: pg.Notification) => {
    if (!message.payload) return
    if (message.channel === CHANGES) handlers.change(message.payload)
    else if (message.channel === VIEWERS) handlers.viewers(message.payload)
  }

  const connect = async (): Promise<void> => {
    timer = null
    if (stopped) return
    try {
      const next = await connectClient(url)
      if (stopped) {
        await next.end().catch(() => {})
        return
      }
      let lost = false
      const onLost = (error?: Error) => {
        if (lost) return
        lost = true
        next.removeAllListeners('notification')
        next.end().catch(() => {})
        if (client === next) client = null
        if (stopped) return
        handlers.log?.(
          `live updates: the listening connection was lost (${error?.message ?? 'closed'}); reconnecting`,
        )
        schedule()
      }
      next.on('error', onLost)
      next.on('end', () => onLost())
      next.on('notification', onNotification)
      await next.query(`LISTEN ${CHANGES}; LISTEN ${VIEWERS}`)
      client = next
      // Anything committed while no connection listened is found by a read of every watched dispute.
      if (attempt > 0) handlers.resync()
      attempt = 0
    } catch (error) {
      handlers.log?.(
        `live updates: cannot listen for changes (${error instanceof Error ? error.message : error}); trying again`,
      )
      schedule()
    }
  }
  const schedule = () => {
    if (stopped || timer) return
    const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 10_000
    attempt++
    timer = setTimeout(() => void connect(), wait)
    timer.unref()
  }

  await connect()
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    timer = null
    const open = client
    client = null
    if (open) {
      open.removeAllListeners('notification')
      await open.end().catch(() => {})
    }
  }
}
