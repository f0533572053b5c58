import {
  type FactCheckFeed,
  FEED_INTERVAL,
  LIMITS,
  roleAtLeast,
  type SessionUser,
} from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { feedListQuery, useFetchFeedNow, useRemoveFeed, useSubscribeFeed } from '../api/feeds.ts'
import { safeHref } from './fact-check-words.ts'
import '../../../components/data-table.css'
import './fact-checks.css'

/** The intervals offered, in minutes, each within the contract's bounds. */
const INTERVALS: ReadonlyArray<{ minutes: number; label: string }> = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 30, label: '30 minutes' },
  { minutes: 60, label: 'hour' },
  { minutes: 180, label: '3 hours' },
  { minutes: 360, label: '6 hours' },
  { minutes: 720, label: '12 hours' },
  { minutes: 1440, label: 'day' },
  { minutes: 10_080, label: 'week' },
].filter((i) => i.minutes >= FEED_INTERVAL.min && i.minutes <= FEED_INTERVAL.max)

/** "every hour", "every 3 hours", "every 45 minutes" (a feed made elsewhere may have any interval). */
export function intervalWords(minutes: number): string {
  const offered = INTERVALS.find((i) => i.minutes === minutes)
  if (offered) return `every ${offered.label}`
  return minutes % 60 === 0 ? `every ${minutes / 60} hours` : `every ${minutes} minutes`
}

/** The feeds of other desks' fact-checks that the desk polls (admins): subscribe, fetch now, remove. */
export function FeedsPage({ user, onFetched }: { user: SessionUser; onFetched: () => void }) {
  return (
    <section aria-labelledby="feeds-heading" className="page fc-page fc-feeds">
      <title>Feeds · Fact-checks · Counterclaim</title>
      <p className="back-link">
        <Link to="/fact-checks">← Fact-checks from other desks</Link>
      </p>
      <h1 id="feeds-heading">Feeds of fact-checks</h1>
      {roleAtLeast(user.role, 'admin') ? (
        <Feeds onFetched={onFetched} />
      ) : (
        <EmptyMessage>Only admins manage feeds. Ask an admin to subscribe to one.</EmptyMessage>
      )}
    </section>
  )
}

function Feeds({ onFetched }: { onFetched: () => void }) {
  const feeds = useInfiniteQuery(feedListQuery())
  const items = feeds.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <>
      <p className="muted page-intro">
        The server reads each feed on its schedule (a DataFeed such as another desk’s published verdicts, or a
        page with ClaimReview in it), asks only for what changed, and follows its next pages.
      </p>
      <SubscribeForm />
      <h2 className="fc-feeds-heading">Subscribed feeds</h2>
      {feeds.isPending ? <LoadingMessage>Loading feeds…</LoadingMessage> : null}
      {feeds.error ? (
        <ErrorMessage
          title="The feeds could not be loaded."
          error={feeds.error}
          onRetry={() => feeds.refetch()}
        />
      ) : null}
      {feeds.isSuccess && items.length === 0 ? (
        <EmptyMessage>No feeds yet. Subscribe to one above.</EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        // Wide on a phone: the table scrolls inside its own box, which the keyboard can reach.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll area must take focus so the keyboard can scroll it
        <section className="table-scroll" aria-label="Subscribed feeds, scrollable" tabIndex={0}>
          <table className="data-table fc-feed-table">
            <thead>
              <tr>
                <th scope="col">Feed</th>
                <th scope="col">How often</th>
                <th scope="col">Last fetched</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col">Next fetch</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((feed) => (
                <FeedRow key={feed.id} feed={feed} onFetched={onFetched} onReload={() => feeds.refetch()} />
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {feeds.hasNextPage ? (
        <p className="more-row">
          <button type="button" onClick={() => feeds.fetchNextPage()} disabled={feeds.isFetchingNextPage}>
            {feeds.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </button>
        </p>
      ) : null}
    </>
  )
}

function SubscribeForm() {
  const subscribe = useSubscribeFeed()
  const headingId = useId()
  const [url, setUrl] = useState('')
  const [minutes, setMinutes] = useState<number>(FEED_INTERVAL.default)
  const [done, setDone] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setDone('')
    subscribe.mutate(
      { url: url.trim(), intervalMinutes: minutes },
      {
        onSuccess: (feed) => {
          setDone(`Subscribed to ${feed.url}. Its first fetch is due now.`)
          setUrl('')
        },
      },
    )
  }

  return (
    <Form className="panel form-grid fc-subscribe" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>Subscribe to a feed</h2>
      <Field
        label="Feed address"
        path="url"
        error={subscribe.error}
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
        maxLength={LIMITS.url}
        hint="http or https: a JSON-LD DataFeed, a list of ClaimReviews, or a page holding them."
      />
      <Field
        as="select"
        label="Fetch it every"
        path="intervalMinutes"
        error={subscribe.error}
        value={String(minutes)}
        onChange={(e) => setMinutes(Number(e.target.value))}
      >
        {INTERVALS.map((i) => (
          <option key={i.minutes} value={String(i.minutes)}>
            {i.label}
          </option>
        ))}
      </Field>
      <ActionError error={subscribe.error} action="The feed was not added." />
      <div className="actions">
        <button type="submit" className="primary" disabled={subscribe.isPending}>
          {subscribe.isPending ? 'Subscribing…' : 'Subscribe'}
        </button>
      </div>
      <p role="status" className="fc-done">
        {done}
      </p>
    </Form>
  )
}

/** One feed: what its last fetch came to, "Fetch now", and "Remove" after a confirmation. */
function FeedRow({
  feed,
  onFetched,
  onReload,
}: {
  feed: FactCheckFeed
  onFetched: () => void
  onReload: () => void
}) {
  const fetchNow = useFetchFeedNow(onFetched)
  const remove = useRemoveFeed()
  const [confirming, setConfirming] = useState(false)
  const removeButton = useRef<HTMLButtonElement>(null)
  const cancelButton = useRef<HTMLButtonElement>(null)
  const confirmId = useId()
  const href = safeHref(feed.url)
  const failed = feed.lastError !== null || (feed.lastStatus?.startsWith('failed') ?? false)

  useEffect(() => {
    if (confirming) cancelButton.current?.focus()
  }, [confirming])

  const cancel = () => {
    setConfirming(false)
    remove.reset()
    requestAnimationFrame(() => removeButton.current?.focus())
  }

  return (
    <tr>
      <th scope="row" className="fc-feed-url">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {feed.url}
          </a>
        ) : (
          feed.url
        )}
      </th>
      <td>{intervalWords(feed.intervalMinutes)}</td>
      <td>{feed.lastFetchedAt ? formatMoment(feed.lastFetchedAt) : 'Not yet'}</td>
      <td className={failed ? 'fc-feed-status error' : 'fc-feed-status'}>
        {feed.lastStatus ?? 'Not fetched yet'}
      </td>
      <td className="num">{feed.itemCount}</td>
      <td>{formatMoment(feed.nextFetchAt)}</td>
      <td className="fc-feed-actions">
        {confirming ? (
          <div className="fc-confirm">
            <p id={confirmId}>Stop fetching this feed? The fact-checks it brought stay.</p>
            <div className="actions compact">
              <button
                type="button"
                className="danger"
                aria-describedby={confirmId}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: feed.id, version: feed.version })}
              >
                {remove.isPending ? 'Removing…' : 'Remove feed'}
              </button>
              <button type="button" ref={cancelButton} onClick={cancel}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="actions compact">
            <button type="button" disabled={fetchNow.isPending} onClick={() => fetchNow.mutate(feed.id)}>
              {fetchNow.isPending ? 'Fetching…' : 'Fetch now'}
              <span className="visually-hidden"> {feed.url}</span>
            </button>
            <button
              type="button"
              ref={removeButton}
              onClick={() => {
                fetchNow.reset()
                setConfirming(true)
              }}
            >
              Remove<span className="visually-hidden"> {feed.url}</span>
            </button>
          </div>
        )}
        <ActionError error={fetchNow.error} action="The feed was not fetched." />
        <ActionError
          error={remove.error}
          action="The feed was not removed."
          onReload={() => {
            cancel()
            onReload()
          }}
        />
      </td>
    </tr>
  )
}
