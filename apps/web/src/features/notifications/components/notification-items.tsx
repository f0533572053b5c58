import { plainText, trimAtWord } from '@counterclaim/domain'
import type { Notification } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatMoment } from '../../../components/dates.ts'
import { workbenchHref } from '../../../components/work-links.ts'

/** Where a notification leads: its comment, its claim, or its dispute; nowhere when the dispute is gone. */
export function notificationHref(n: Notification): string | null {
  return n.dispute ? workbenchHref(n.dispute.id, { claimId: n.claimId, commentId: n.commentId }) : null
}

/**
 * Notifications, newest first: each says what happened in words, the note or the comment's start, when, and
 * whether it is unread (in words, not only by its look). Opening one marks it read.
 */
export function NotificationItems({
  items,
  onOpen,
}: {
  items: readonly Notification[]
  onOpen: (n: Notification) => void
}) {
  const { t } = useTranslation('notifications')
  return (
    <ul className="notification-items">
      {items.map((n) => {
        const href = notificationHref(n)
        const unread = n.readAt === null
        return (
          <li key={n.id} className={unread ? 'notification is-unread' : 'notification'}>
            <p className="notification-message">
              {unread ? <span className="unread-mark">{t('unreadMark')}</span> : null}{' '}
              {href ? (
                <Link to={href} onClick={() => onOpen(n)}>
                  {n.message}
                </Link>
              ) : (
                n.message
              )}
            </p>
            {n.note ? (
              <p className="notification-note small">
                “
                <span dir="auto">{trimAtWord(n.kind === 'mentioned' ? plainText(n.note) : n.note, 160)}</span>
                ”
              </p>
            ) : null}
            <p className="muted small">
              <time dateTime={n.createdAt}>{formatMoment(n.createdAt)}</time>
              {n.dispute ? (
                <>
                  {' · '}
                  <span dir="auto">{n.dispute.title}</span>
                </>
              ) : null}
            </p>
          </li>
        )
      })}
    </ul>
  )
}
