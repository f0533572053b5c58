import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  byCodePoint,
  count,
  type Db,
  eq,
  forUpdate,
  gt,
  isNull,
  lte,
  or,
  type SQL,
  type Tx,
  tables,
  transaction,
} from '@counterclaim/db'
import { AppError, type FactCheckFeed, type FactCheckFeedCreate } from '@counterclaim/shared'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { recordHistory } from './history.ts'
import { toFactCheckFeed } from './mappers.ts'
import { assertVersion, found } from './versioning.ts'

// A feed's subscription (url, interval) is what an admin edits: it has a version, and its create and
// archive write history. What the poller writes (lastFetchedAt, lastStatus, lastError, itemCount,
// nextFetchAt, the validators) is the feed's state, not an edit: it changes neither version nor
// updatedAt and writes no history, so a poll never makes an admin's If-Match stale.

type FeedRow = typeof tables.factCheckFeeds.$inferSelect

const minutes = (n: number) => n * 60_000

/** The time `intervalMinutes` after `at` (an ISO timestamp). */
export function afterInterval(at: string, intervalMinutes: number): string {
  return new Date(Date.parse(at) + minutes(intervalMinutes)).toISOString()
}

export async function getFeedRow(db: Db, id: string): Promise<FeedRow> {
  const [row] = await db.select().from(tables.factCheckFeeds).where(eq(tables.factCheckFeeds.id, id))
  return found(row, 'Feed')
}

export async function getFeed(db: Db, id: string): Promise<FactCheckFeed> {
  return toFactCheckFeed(await getFeedRow(db, id))
}

/** The feeds subscribed to (archived ones left out), by url. */
export async function listFeeds(db: Db, query: { limit: number; cursor?: string | undefined }) {
  const feeds = tables.factCheckFeeds
  const cursor = decodeCursor(query.cursor)
  const conditions: Array<SQL | undefined> = [isNull(feeds.archivedAt)]
  if (cursor) {
    const [url, id] = cursor
    conditions.push(or(gt(byCodePoint(feeds.url), url), and(eq(feeds.url, url), gt(feeds.id, id))))
  }
  const rows = await db
    .select()
    .from(feeds)
    .where(and(...conditions))
    .orderBy(asc(byCodePoint(feeds.url)), asc(feeds.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [r.url, r.id])
  return { items: page.items.map(toFactCheckFeed), nextCursor: page.nextCursor }
}

/**
 * Subscribes to a feed: its first fetch is due at once. A url already subscribed is a 409 carrying that
 * feed, so a desk never polls one feed twice.
 */
export async function createFeed(ctx: ServiceContext, input: FactCheckFeedCreate): Promise<FactCheckFeed> {
  return transaction(ctx.db, async (tx) => {
    const feeds = tables.factCheckFeeds
    const [existing] = await tx
      .select()
      .from(feeds)
      .where(and(eq(feeds.url, input.url), isNull(feeds.archivedAt)))
      .limit(1)
    if (existing) {
      throw new AppError('conflict', 'This feed is already subscribed.', toFactCheckFeed(existing))
    }
    const id = randomUUID()
    const [row] = await tx
      .insert(feeds)
      .values({
        id,
        url: input.url,
        intervalMinutes: input.intervalMinutes,
        nextFetchAt: ctx.now,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = toFactCheckFeed(found(row, 'Feed'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'fact_check_feed',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
    })
    return record
  })
}

/** The 409 a write to an unsubscribed feed gets. */
export function feedUnsubscribed(): AppError {
  return new AppError('conflict', 'This feed was unsubscribed: subscribe to it again to fetch it.', {
    archived: 'fact_check_feed',
  })
}

/** Unsubscribed feeds take no writes and no fetches. */
export function assertFeedLive(row: { archivedAt: string | null }): void {
  if (row.archivedAt !== null) throw feedUnsubscribed()
}

/** Unsubscribes (archives) a feed: no longer polled or listed; the fact-checks it brought stay. */
export async function archiveFeed(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
): Promise<FactCheckFeed> {
  return transaction(ctx.db, async (tx) => {
    const feeds = tables.factCheckFeeds
    const [currentRow] = await forUpdate(tx.select().from(feeds).where(eq(feeds.id, id)))
    const current = found(currentRow, 'Feed')
    const before = toFactCheckFeed(current)
    assertVersion(expectedVersion, current, before)
    assertFeedLive(current)
    const [row] = await tx
      .update(feeds)
      .set({ archivedAt: ctx.now, updatedAt: ctx.now, version: current.version + 1 })
      .where(eq(feeds.id, id))
      .returning()
    const after = toFactCheckFeed(found(row, 'Feed'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'fact_check_feed',
      entityId: id,
      action: 'archived',
      before,
      after,
    })
    return after
  })
}

/** What one fetch of a feed came to, as the poller writes it on the feed. */
export interface FeedOutcome {
  fetchedAt: string
  status: string
  error: string | null
  /** The new validators; absent keeps those stored (a 304, or a fetch that failed). */
  validators?: { etag: string | null; lastModified: string | null }
}

/**
 * Writes what a fetch came to, with the count of fact-checks the feed has brought, and when it is due
 * next. Not an edit: version, updatedAt and history stay as they are.
 */
export async function recordFeedOutcome(db: Db, feed: FeedRow, outcome: FeedOutcome): Promise<FeedRow> {
  return transaction(db, async (tx: Tx) => {
    const [brought] = await tx
      .select({ n: count() })
      .from(tables.factChecks)
      .where(eq(tables.factChecks.feedId, feed.id))
    const [row] = await tx
      .update(tables.factCheckFeeds)
      .set({
        lastFetchedAt: outcome.fetchedAt,
        lastStatus: outcome.status,
        lastError: outcome.error,
        itemCount: brought?.n ?? 0,
        nextFetchAt: afterInterval(outcome.fetchedAt, feed.intervalMinutes),
        ...(outcome.validators ?? {}),
      })
      .where(eq(tables.factCheckFeeds.id, feed.id))
      .returning()
    return found(row, 'Feed')
  })
}

/**
 * Takes a due feed for this process: moves its nextFetchAt on by its interval, on the condition that
 * nobody moved it since it was read, so of two servers polling one database only one fetches it (on
 * PostgreSQL the second UPDATE waits for the first's row lock, then finds the condition false). Null when
 * another took it first or it was unsubscribed meanwhile.
 */
export async function claimDueFeed(db: Db, feed: FeedRow, now: string): Promise<FeedRow | null> {
  const feeds = tables.factCheckFeeds
  const [row] = await db
    .update(feeds)
    .set({ nextFetchAt: afterInterval(now, feed.intervalMinutes) })
    .where(and(eq(feeds.id, feed.id), eq(feeds.nextFetchAt, feed.nextFetchAt), isNull(feeds.archivedAt)))
    .returning()
  return row ?? null
}

/** Takes a feed for a fetch asked for now, whenever it was due; null when it was unsubscribed. */
export async function claimFeedNow(db: Db, feed: FeedRow, now: string): Promise<FeedRow | null> {
  const feeds = tables.factCheckFeeds
  const [row] = await db
    .update(feeds)
    .set({ nextFetchAt: afterInterval(now, feed.intervalMinutes) })
    .where(and(eq(feeds.id, feed.id), isNull(feeds.archivedAt)))
    .returning()
  return row ?? null
}

/** The feeds due at `now`, soonest first. */
export async function dueFeeds(db: Db, now: string, limit: number): Promise<FeedRow[]> {
  const feeds = tables.factCheckFeeds
  return db
    .select()
    .from(feeds)
    .where(and(isNull(feeds.archivedAt), lte(feeds.nextFetchAt, now)))
    .orderBy(asc(feeds.nextFetchAt), asc(feeds.id))
    .limit(limit)
}
