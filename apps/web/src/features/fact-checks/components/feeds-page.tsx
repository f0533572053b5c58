import {
  type FactCheckFeed,
  FEED_INTERVAL,
  LIMITS,
  roleAtLeast,
  type SessionUser,
} from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { formatMoment, formatNumber } from '../../../components/dates.ts'
import { Field, Form } from '../../../components/field.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import { feedListQuery, useFetchFeedNow, useRemoveFeed, useSubscribeFeed } from '../api/feeds.ts'
import { safeHref, TECH } from './fact-check-words.ts'
import '../../../components/data-table.css'
import './fact-checks.css'

/** The intervals offered, in minutes, each within the contract's bounds. */
const INTERVALS: readonly number[] = [15, 30, 60, 180, 360, 720, 1440, 10_080].filter(
  (minutes) => minutes >= FEED_INTERVAL.min && minutes <= FEED_INTERVAL.max,
)

/** An offered interval as the "Fetch it every" choice reads it: "15 minutes", "hour", "day". */
function intervalLabel(minutes: number): string {
  if (minutes === 60) return i18n.t('factChecks:feeds.interval.hour')
  if (minutes === 1440) return i18n.t('factChecks:feeds.interval.day')
  if (minutes === 10_080) return i18n.t('factChecks:feeds.interval.week')
  return minutes % 60 === 0
    ? i18n.t('factChecks:feeds.interval.hours', { count: minutes / 60 })
    : i18n.t('factChecks:feeds.interval.minutes', { count: minutes })
}

/** "every hour", "every 3 hours", "every 45 minutes" (a feed made elsewhere may have any interval). */
export function intervalWords(minutes: number): string {
  if (minutes === 60) return i18n.t('factChecks:feeds.every.hour')
  if (minutes === 1440 && INTERVALS.includes(minutes)) return i18n.t('factChecks:feeds.every.day')
  if (minutes === 10_080 && INTERVALS.includes(minutes)) return i18n.t('factChecks:feeds.every.week')
  return minutes % 60 === 0
    ? i18n.t('factChecks:feeds.every.hours', { count: minutes / 60 })
    : i18n.t('factChecks:feeds.every.minutes', { count: minutes })
}

/** The feeds of other desks' fact-checks that the desk polls (admins): subscribe, fetch now, remove. */
export function FeedsPage({ user, onFetched }: { user: SessionUser; onFetched: () => void }) {
  const { t } = useTranslation('factChecks')
  return (
    <section aria-labelledby="feeds-heading" className="page fc-page fc-feeds">
      <title>{t('feeds.documentTitle')}</title>
      <p className="back-link">
        <Link to="/fact-checks">← {t('list.heading')}</Link>
      </p>
      <h1 id="feeds-heading">{t('feeds.heading')}</h1>
      {roleAtLeast(user.role, 'admin') ? (
        <Feeds onFetched={onFetched} />
      ) : (
        <EmptyMessage>{t('feeds.adminsOnly')}</EmptyMessage>
      )}
    </section>
  )
}

function Feeds({ onFetched }: { onFetched: () => void }) {
  const { t } = useTranslation('factChecks')
  const feeds = useInfiniteQuery(feedListQuery())
  const items = feeds.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <>
      <p className="muted page-intro">
        <Trans t={t} i18nKey="feeds.intro" components={TECH} />
      </p>
      <SubscribeForm />
      <h2 className="fc-feeds-heading">{t('feeds.subscribed')}</h2>
      {feeds.isPending ? <LoadingMessage>{t('feeds.loading')}</LoadingMessage> : null}
      {feeds.error ? (
        <ErrorMessage title={t('feeds.loadFailed')} error={feeds.error} onRetry={() => feeds.refetch()} />
      ) : null}
      {feeds.isSuccess && items.length === 0 ? <EmptyMessage>{t('feeds.empty')}</EmptyMessage> : null}
      {items.length > 0 ? (
        // Wide on a phone: the table scrolls inside its own box, which the keyboard can reach.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll area must take focus so the keyboard can scroll it
        <section className="table-scroll" aria-label={t('feeds.scrollable')} tabIndex={0}>
          <table className="data-table fc-feed-table">
            <thead>
              <tr>
                <th scope="col">{t('feeds.column.feed')}</th>
                <th scope="col">{t('feeds.column.howOften')}</th>
                <th scope="col">{t('feeds.column.lastFetched')}</th>
                <th scope="col">{t('feeds.column.status')}</th>
                <th scope="col" className="num">
                  {t('feeds.column.items')}
                </th>
                <th scope="col">{t('feeds.column.nextFetch')}</th>
                <th scope="col">{t('feeds.column.actions')}</th>
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
            {feeds.isFetchingNextPage ? t('loadingMore') : t('loadMore')}
          </button>
        </p>
      ) : null}
    </>
  )
}

function SubscribeForm() {
  const { t } = useTranslation('factChecks')
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
          setDone(t('feeds.subscribedTo', { url: feed.url }))
          setUrl('')
        },
      },
    )
  }

  return (
    <Form className="panel form-grid fc-subscribe" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{t('feeds.subscribeHeading')}</h2>
      <Field
        label={t('feeds.address')}
        dir="auto"
        path="url"
        error={subscribe.error}
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
        maxLength={LIMITS.url}
        hint={<Trans t={t} i18nKey="feeds.addressHint" components={TECH} />}
      />
      <Field
        as="select"
        label={t('feeds.fetchEvery')}
        path="intervalMinutes"
        error={subscribe.error}
        value={String(minutes)}
        onChange={(e) => setMinutes(Number(e.target.value))}
      >
        {INTERVALS.map((minutes) => (
          <option key={minutes} value={String(minutes)}>
            {intervalLabel(minutes)}
          </option>
        ))}
      </Field>
      <ActionError error={subscribe.error} action={t('feeds.notAdded')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={subscribe.isPending}>
          {subscribe.isPending ? t('feeds.subscribing') : t('feeds.subscribe')}
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
  const { t } = useTranslation('factChecks')
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
      <th scope="row" className="fc-feed-url" dir="auto">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {feed.url}
          </a>
        ) : (
          feed.url
        )}
      </th>
      <td>{intervalWords(feed.intervalMinutes)}</td>
      <td>{feed.lastFetchedAt ? formatMoment(feed.lastFetchedAt) : t('feeds.notYet')}</td>
      <td className={failed ? 'fc-feed-status error' : 'fc-feed-status'}>
        {feed.lastStatus ? <span translate="no">{feed.lastStatus}</span> : t('feeds.notFetchedYet')}
      </td>
      <td className="num">{formatNumber(feed.itemCount)}</td>
      <td>{formatMoment(feed.nextFetchAt)}</td>
      <td className="fc-feed-actions">
        {confirming ? (
          <div className="fc-confirm">
            <p id={confirmId}>{t('feeds.confirmRemove')}</p>
            <div className="actions compact">
              <button
                type="button"
                className="danger"
                aria-describedby={confirmId}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: feed.id, version: feed.version })}
              >
                {remove.isPending ? t('feeds.removing') : t('feeds.removeFeed')}
              </button>
              <button type="button" ref={cancelButton} onClick={cancel}>
                {t('cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions compact">
            <button type="button" disabled={fetchNow.isPending} onClick={() => fetchNow.mutate(feed.id)}>
              {fetchNow.isPending ? t('feeds.fetching') : t('feeds.fetchNow')}
              <span className="visually-hidden">
                {' '}
                <span dir="auto">{feed.url}</span>
              </span>
            </button>
            <button
              type="button"
              ref={removeButton}
              onClick={() => {
                fetchNow.reset()
                setConfirming(true)
              }}
            >
              {t('feeds.remove')}
              <span className="visually-hidden">
                {' '}
                <span dir="auto">{feed.url}</span>
              </span>
            </button>
          </div>
        )}
        <ActionError error={fetchNow.error} action={t('feeds.notFetched')} />
        <ActionError
          error={remove.error}
          action={t('feeds.notRemoved')}
          onReload={() => {
            cancel()
            onReload()
          }}
        />
      </td>
    </tr>
  )
}
