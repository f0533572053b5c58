import type { Notification } from '@counterclaim/shared'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { QueryMessages } from '../../../components/status-messages.tsx'
import { notificationListQuery, unreadCountQuery, useMarkRead } from '../api/notifications.ts'
import { NotificationItems } from './notification-items.tsx'
import './notifications.css'

/** Every notification of the signed-in user, newest first, a page at a time. */
export function NotificationsPage() {
  const list = useInfiniteQuery(notificationListQuery())
  const { t } = useTranslation(['notifications', 'common'])
  const unread = useQuery(unreadCountQuery())
  const markRead = useMarkRead()
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate({ ids: [n.id] })
  }
  return (
    <section aria-labelledby="notifications-heading" className="page notifications-page">
      <title>{t('common:pageTitle', { title: t('heading') })}</title>
      <div className="page-head">
        <h1 id="notifications-heading">{t('heading')}</h1>
        <button
          type="button"
          disabled={markRead.isPending || !unread.data}
          onClick={() => markRead.mutate({ all: true })}
        >
          {t('markAll')}
        </button>
      </div>
      <p className="muted" role="status">
        {unread.data === undefined
          ? ''
          : unread.data === 0
            ? t('allRead')
            : t('unreadCount', { count: unread.data })}
      </p>
      <ActionError error={markRead.error} action={t('markFailed')} />
      <QueryMessages query={list} what={t('what')} isEmpty={items.length === 0} empty={t('emptyPage')} />
      {items.length > 0 ? (
        <div className="panel">
          <NotificationItems items={items} onOpen={open} />
        </div>
      ) : null}
      {list.hasNextPage ? (
        <p>
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? t('common:loadingMore') : t('showOlder')}
          </button>
        </p>
      ) : null}
    </section>
  )
}
