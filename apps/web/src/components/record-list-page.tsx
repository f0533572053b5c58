import { roleAtLeast, type SessionUser } from '@counterclaim/shared'
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query'
import { type ReactNode, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyMessage, QueryMessages } from './status-messages.tsx'
import './record-list.css'

/** Says a change was made, in the page's status line, and puts the focus back on the page's New button. */
export type Announce = (message: string) => void

interface RecordListPageProps<T> {
  /** The page's heading, e.g. "Webhooks"; also what its records are called in its messages. */
  title: string
  /** The heading's id. */
  headingId: string
  /** The page's own class, next to "page". */
  className: string
  /** Above the heading (a breadcrumb). */
  before?: ReactNode
  /** Under the heading: what the records are. */
  intro: ReactNode
  /** The New button's label, e.g. "New webhook". */
  newLabel: string
  /** The form the New button opens; `done` closes it and announces what was made. */
  createForm: (done: Announce, cancel: () => void) => ReactNode
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>
  /** What shows when there are none. */
  empty: ReactNode
  /** One record as a list item; `announce` tells of a change made to it. */
  item: (record: T, announce: Announce) => ReactNode
}

/**
 * An admin screen of one kind of record (accounts, webhooks): its heading with a New button and the
 * form it opens, a status line saying what was done, and the records page by page.
 */
export function RecordListPage<T>(props: RecordListPageProps<T>) {
  const { title, query } = props
  const { t } = useTranslation('common')
  const noun = title.toLowerCase()
  const [creating, setCreating] = useState(false)
  const [done, setDone] = useState('')
  const newButton = useRef<HTMLButtonElement>(null)
  const items = query.data?.pages.flatMap((p) => p.items) ?? []
  const focusNew = () => requestAnimationFrame(() => newButton.current?.focus())
  const announce: Announce = (message) => {
    setDone(message)
    focusNew()
  }

  return (
    <section aria-labelledby={props.headingId} className={`page ${props.className}`}>
      <title>{t('pageTitle', { title })}</title>
      {props.before}
      <div className="page-head">
        <h1 id={props.headingId}>{title}</h1>
        {creating ? null : (
          <button
            type="button"
            className="primary"
            ref={newButton}
            onClick={() => {
              setDone('')
              setCreating(true)
            }}
          >
            {props.newLabel}
          </button>
        )}
      </div>
      <p className="muted page-intro">{props.intro}</p>
      <p role="status" className="done-message">
        {done}
      </p>
      {creating
        ? props.createForm(
            (message) => {
              setCreating(false)
              announce(message)
            },
            () => {
              setCreating(false)
              focusNew()
            },
          )
        : null}
      <QueryMessages query={query} what={noun} isEmpty={items.length === 0} empty={props.empty} />
      {items.length > 0 ? (
        <ul className="record-list">{items.map((record) => props.item(record, announce))}</ul>
      ) : null}
      {query.hasNextPage ? (
        <p>
          <button type="button" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? t('loadingMore') : t('showMoreWhat', { what: noun })}
          </button>
        </p>
      ) : null}
    </section>
  )
}

/** A screen only admins use: to anyone else, its heading and who to ask. */
export function AdminOnly({
  user,
  title,
  headingId,
  refusal,
  children,
}: {
  user: SessionUser
  title: string
  headingId: string
  refusal: ReactNode
  children: ReactNode
}) {
  if (roleAtLeast(user.role, 'admin')) return children
  return (
    <section aria-labelledby={headingId} className="page">
      <h1 id={headingId}>{title}</h1>
      <EmptyMessage>{refusal}</EmptyMessage>
    </section>
  )
}
