import { describeChanges } from '@counterclaim/domain'
import type { PublicationChange } from '@counterclaim/shared'
import { useId } from 'react'

/**
 * On a published claim whose live records differ from what the public sees: what changed, in one line,
 * with the differences one disclosure away, and (for editors) the way to publish them as a correction.
 */
export function PublicationChanges({
  changes,
  claimLabel,
  canCorrect,
  onCorrect,
}: {
  changes: readonly PublicationChange[]
  claimLabel: string
  /** An editor, and no correction is waiting: "Publish a correction" is offered. */
  canCorrect: boolean
  onCorrect: () => void
}) {
  const headingId = useId()
  if (changes.length === 0) return null
  return (
    <section className="publication-changes small" aria-labelledby={headingId}>
      <p id={headingId}>
        <strong>Changed since publication:</strong> {describeChanges([...changes])}
        <span className="visually-hidden"> ({claimLabel})</span>
      </p>
      <p className="muted">
        The public page still shows what was published, until a correction is published.
      </p>
      <details className="change-details">
        <summary>
          Show the differences<span className="visually-hidden"> on {claimLabel}</span>
        </summary>
        <ul>
          {changes.map((change) => (
            <li key={`${change.part}:${change.label}`}>
              <span className="change-label">{change.label}</span>
              <span className="change-was">
                <span className="change-tag">Published:</span> {change.published ?? <em>none</em>}
              </span>
              <span className="change-now">
                <span className="change-tag">Now:</span> {change.current ?? <em>none</em>}
              </span>
            </li>
          ))}
        </ul>
      </details>
      {canCorrect ? (
        <div className="actions compact">
          <button type="button" onClick={onCorrect}>
            Publish a correction<span className="visually-hidden"> on {claimLabel}</span>
          </button>
        </div>
      ) : null}
    </section>
  )
}
