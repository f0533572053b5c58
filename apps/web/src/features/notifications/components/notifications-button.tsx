import type { Notification } from '@counterclaim/shared'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { QueryMessages } from '../../../components/status-messages.tsx'
import { notificationListQuery, unreadCountQuery, useMarkRead } from '../api/notifications.ts'
import { NotificationItems } from './notification-items.tsx'
import './notifications.css'

/**
 * The header's notifications: a button with the unread count (read every 30 s and when the window gets the
 * focus back) that opens a panel of the latest ones, with "Mark all read" and a link to all of them.
 */
export function NotificationsButton() {
  const unread = useQuery(unreadCountQuery())
  const { t } = useTranslation('notifications')
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const headingId = useId()
  const wrapper = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const { pathname } = useLocation()
  const count = unread.data
  const shown = count ? (count > 99 ? '99+' : String(count)) : null

  // Another screen closes the panel; so do Escape and a click elsewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on each change of screen
  useEffect(() => setOpen(false), [pathname])
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setOpen(false)
      button.current?.focus()
    }
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof Node && !wrapper.current?.contains(e.target)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  return (
    <div className="notifications" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="quiet-on-dark notifications-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={
          count === undefined
            ? t('button')
            : shown
              ? t('buttonLabel', { shown, count })
              : t('buttonLabelNone')
        }
        onClick={() => setOpen((o) => !o)}
      >
        {t('button')} {shown ? <span className="unread-count">{shown}</span> : null}
      </button>
      <section id={panelId} className="notifications-panel" aria-labelledby={headingId} hidden={!open}>
        {open ? <NotificationsPanel headingId={headingId} onClose={() => setOpen(false)} /> : null}
      </section>
    </div>
  )
}

function NotificationsPanel({ headingId, onClose }: { headingId: string; onClose: () => void }) {
  const list = useInfiniteQuery(notificationListQuery())
  const { t } = useTranslation('notifications')
  const markRead = useMarkRead()
  const unread = useQuery(unreadCountQuery())
  const items = list.data?.pages[0]?.items.slice(0, 10) ?? []
  const open = (n: Notification) => {
    if (n.readAt === null) markRead.mutate({ ids: [n.id] })
    onClose()
  }
  return (
    <>
      <div className="notifications-head">
        <h2 id={headingId}>{t('heading')}</h2>
        <button
          type="button"
          className="small-button"
          disabled={markRead.isPending || !unread.data}
          onClick={() => markRead.mutate({ all: true })}
        >
          {t('markAll')}
        </button>
      </div>
      <QueryMessages query={list} what={t('what')} isEmpty={items.length === 0} empty={t('emptyPanel')} />
      <NotificationItems items={items} onOpen={open} />
      <ActionError error={markRead.error} action={t('markFailed')} />
      <p className="small notifications-all">
        <Link to="/notifications" onClick={onClose}>
          {t('all')}
        </Link>
      </p>
    </>
  )
}
