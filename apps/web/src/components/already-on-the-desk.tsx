import { type Claimant, ClaimantConflictSchema } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../lib/api-client.ts'
import { claimantKindLabel } from './claimant-kind.ts'
import './status-messages.css'

/** The claimants a 409 says already have the name or an alias that was sent; empty for any other failure. */
export function claimantMatchesOf(error: Error | null): Claimant[] {
  if (!(error instanceof ApiError) || error.status !== 409) return []
  const parsed = ClaimantConflictSchema.safeParse(error.details)
  return parsed.success ? parsed.data.matches : []
}

/**
 * The claimants already on the desk under a name that was about to be added: each with a button to use it
 * instead (when the form can), or a link to its page, and one button to go ahead all the same.
 */
export function AlreadyOnTheDesk({
  matches,
  onUse,
  anywayLabel,
  onAnyway,
  pending = false,
}: {
  matches: Claimant[]
  onUse?: (claimant: Claimant) => void
  anywayLabel: string
  onAnyway: () => void
  pending?: boolean
}) {
  const { t } = useTranslation('common')
  return (
    <div role="alert" className="state-message state-warning already-on-desk">
      <p>
        <strong>{t('alreadyOnDesk.title')}</strong>
      </p>
      <ul>
        {matches.map((m) => (
          <li key={m.id}>
            {onUse ? (
              <span className="match-name" dir="auto">
                {m.name}
              </span>
            ) : (
              <Link to={`/claimants/${encodeURIComponent(m.id)}`} dir="auto">
                {m.name}
              </Link>
            )}
            <span className="muted">
              {' '}
              · {claimantKindLabel(m.kind)}
              {m.aliases.length ? (
                <>
                  {' · '}
                  {t('alreadyOnDesk.alsoKnownAs')} <span dir="auto">{m.aliases.join(', ')}</span>
                </>
              ) : null}
            </span>
            {onUse ? (
              <>
                {' '}
                {/* One text with the claimant's name in it: the button's own direction follows its words. */}
                <button type="button" className="small-button" dir="auto" onClick={() => onUse(m)}>
                  {t('alreadyOnDesk.use', { name: m.name })}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <button type="button" onClick={onAnyway} disabled={pending}>
          {anywayLabel}
        </button>
      </p>
    </div>
  )
}
