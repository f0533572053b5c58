import type { Person } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import type { LiveNotice } from '../hooks/use-dispute-events.ts'

/**
 * Who else has the dispute open, near its title. The region is always there (empty when no one is), so a
 * screen reader hears people come and go without being interrupted.
 */
export function AlsoHere({ viewers }: { viewers: readonly Person[] }) {
  const { t } = useTranslation('workbench')
  return (
    <p className="also-here small" role="status">
      {viewers.length > 0 ? (
        <>
          <span className="also-here-label">{t('presence.alsoHere')}</span>{' '}
          {viewers.map((p, i) => (
            <span key={p.id} className="also-here-person">
              <span className="avatar" aria-hidden="true">
                {initials(p.name)}
              </span>
              <span dir="auto">{p.name}</span>
              {i < viewers.length - 1 ? <span className="visually-hidden">,</span> : null}
            </span>
          ))}
        </>
      ) : null}
    </p>
  )
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('')

/** Colleagues' changes as they arrive: small notices, said politely, that go by themselves. */
export function LiveNotices({ notices }: { notices: readonly LiveNotice[] }) {
  const { t } = useTranslation('workbench')
  return (
    <div className="live-notices" role="status" aria-label={t('presence.changes')}>
      {notices.map((n) => (
        <p key={n.key} className="live-notice">
          {n.text}
        </p>
      ))}
    </div>
  )
}
