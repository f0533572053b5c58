import type { Person } from '@counterclaim/shared'
import type { LiveNotice } from '../hooks/use-dispute-events.ts'

/**
 * Who else has the dispute open, near its title. The region is always there (empty when no one is), so a
 * screen reader hears people come and go without being interrupted.
 */
export function AlsoHere({ viewers }: { viewers: readonly Person[] }) {
  return (
    <p className="also-here small" role="status">
      {viewers.length > 0 ? (
        <>
          <span className="also-here-label">Also here:</span>{' '}
          {viewers.map((p, i) => (
            <span key={p.id} className="also-here-person">
              <span className="avatar" aria-hidden="true">
                {initials(p.name)}
              </span>
              {p.name}
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
  return (
    <div className="live-notices" role="status" aria-label="Changes by colleagues">
      {notices.map((n) => (
        <p key={n.key} className="live-notice">
          {n.text}
        </p>
      ))}
    </div>
  )
}
