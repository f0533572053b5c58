import { describeChanges } from '@counterclaim/domain'
import type { PublicationChange } from '@counterclaim/shared'
import { useId } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'

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
  const { t } = useTranslation('verdicts')
  const headingId = useId()
  if (changes.length === 0) return null
  const named = { t, values: { claim: claimLabel }, components: SENTENCE_TAGS }
  return (
    <section className="publication-changes small" aria-labelledby={headingId}>
      <p id={headingId}>
        <Trans
          i18nKey="changes.heading"
          {...named}
          values={{ claim: claimLabel, changes: describeChanges([...changes]) }}
        />
      </p>
      <p className="muted">{t('changes.stillPublished')}</p>
      <details className="change-details">
        <summary>
          <Trans i18nKey="changes.show" {...named} />
        </summary>
        <ul>
          {changes.map((change) => (
            <li key={`${change.part}:${change.label}`}>
              <span className="change-label">{change.label}</span>
              <span className="change-was">
                <span className="change-tag">{t('changes.published')}</span>{' '}
                {change.published === null ? (
                  <em>{t('changes.none')}</em>
                ) : (
                  <span dir="auto">{change.published}</span>
                )}
              </span>
              <span className="change-now">
                <span className="change-tag">{t('changes.now')}</span>{' '}
                {change.current === null ? (
                  <em>{t('changes.none')}</em>
                ) : (
                  <span dir="auto">{change.current}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      </details>
      {canCorrect ? (
        <div className="actions compact">
          <button type="button" onClick={onCorrect}>
            <Trans i18nKey="changes.correct" {...named} />
          </button>
        </div>
      ) : null}
    </section>
  )
}
