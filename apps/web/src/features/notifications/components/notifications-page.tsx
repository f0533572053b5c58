import type { Notification } from '@counterclaim/shared'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { ActionError } from '../../../components/action-error.tsx'
import { QueryMessages } from '../../../components/status-messages.tsx'
import { notificationListQuery, unreadCountQuery, useMarkRead } from '../api/notifications.ts'
import { NotificationItems } from './notification-items.tsx'
import './notifications.css'

/** Every notification of the signed-in user, newest first, a page at a time. */
export function NotificationsPage() {
  const list = useInfiniteQuery(notificationListQuery())
  const unread = useQuery(unreadCountQuery())
  const markRead = useMarkRead()
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate({ ids: [n.id] })
  }
  return (
    <section aria-labelledby="notifications-heading" className="page notifications-page">
      <title>Notifications · Counterclaim</title>
      <div className="page-head">
        <h1 id="notifications-heading">Notifications</h1>
        <button
          type="button"
          disabled={markRead.isPending || !unread.data}
          onClick={() => markRead.mutate({ all: true })}
        >
          Mark all read
        </button>
      </div>
      <p className="muted" role="status">
        {unread.data === undefined ? '' : unread.data === 0 ? 'All read.' : `${unread.data} unread.`}
      </p>
      <ActionError error={markRead.error} action="The notifications were not marked read." />
      <QueryMessages
        query={list}
        what="notifications"
        isEmpty={items.length === 0}
        empty="No notifications yet. You are told here when someone assigns you, mentions you or acts on your verdicts."
      />
      {items.length > 0 ? (
        <div className="panel">
          <NotificationItems items={items} onOpen={open} />
        </div>
      ) : null}
      {list.hasNextPage ? (
        <p>
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading more…' : 'Show older notifications'}
          </button>
        </p>
      ) : null}
    </section>
  )
}
