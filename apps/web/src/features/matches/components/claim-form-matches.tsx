import { useQuery } from '@tanstack/react-query'
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../lib/api-client.ts'
import { enoughToMatch, matchableText } from '../api/match-text.ts'
import { textMatchesQuery, useLinkClaim } from '../api/matches.ts'
import { useDebouncedValue } from '../hooks/use-debounced-value.ts'
import { MatchSections, type MatchTarget, matchesSummary } from './match-list.tsx'

/** How long typing pauses before the matches are asked for. */
const PAUSE_MS = 300

interface Failure {
  target: MatchTarget
  error: Error
}

/**
 * Beside the text of a claim being added: the claims on this desk and other desks' fact-checks like it, as
 * the checker types (once typing pauses, and once there are a few words), each with one button that chooses
 * it to be linked. Nothing is linked before the claim exists: once it is saved (`savedClaimId`), the chosen
 * links are made, and `onLinked` is called when they all are (or when the checker leaves the failed ones).
 * The answer's arrival is said politely; focus never moves.
 */
export function ClaimFormMatches({
  text,
  language,
  savedClaimId,
  onLinked,
}: {
  text: string
  language: string
  savedClaimId: string | null
  onLinked: () => void
}) {
  const { t } = useTranslation('matches')
  const settledText = useDebouncedValue(matchableText(text), PAUSE_MS)
  const settledLanguage = useDebouncedValue(language.trim(), PAUSE_MS)
  const enough = enoughToMatch(settledText)
  const matches = useQuery({ ...textMatchesQuery(settledText, settledLanguage), enabled: enough })
  const [chosen, setChosen] = useState<MatchTarget[]>([])
  const [linking, setLinking] = useState(false)
  const [failures, setFailures] = useState<Failure[]>([])
  const link = useLinkClaim()
  const chosenHeading = useId()

  const linkAll = async (claimId: string, targets: MatchTarget[]) => {
    setLinking(true)
    setFailures([])
    const results = await Promise.allSettled(
      targets.map((target) => link.mutateAsync({ claimId, json: target.body })),
    )
    setLinking(false)
    const failed = results.flatMap((result, i) => {
      const target = targets[i]
      // 409: the link is there already, which is what was asked for.
      if (result.status === 'fulfilled' || !target) return []
      const error = result.reason instanceof Error ? result.reason : new Error(String(result.reason))
      return error instanceof ApiError && error.status === 409 ? [] : [{ target, error }]
    })
    if (failed.length === 0) onLinked()
    else setFailures(failed)
  }

  // Once per saved claim, whatever renders follow (React may run an effect twice while developing).
  const linkedFor = useRef<string | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the claim is saved, with the choice as it stands then
  useEffect(() => {
    if (!savedClaimId || linkedFor.current === savedClaimId) return
    linkedFor.current = savedClaimId
    void linkAll(savedClaimId, chosen)
  }, [savedClaimId])

  const isChosen = (target: MatchTarget) => chosen.some((c) => c.key === target.key)
  const toggle = (target: MatchTarget) =>
    setChosen((list) => (isChosen(target) ? list.filter((c) => c.key !== target.key) : [...list, target]))

  const status = !enough
    ? t('form.needWords')
    : matches.isFetching
      ? t('looking')
      : matches.data
        ? matchesSummary(matches.data)
        : ''

  return (
    <div className="match-panel">
      <p role="status" className={`match-status small${matches.isFetching ? ' busy' : ''}`}>
        {status}
      </p>
      {matches.error && enough ? (
        <p className="error small">
          {t('matchesFailed')} {matches.error.message}
        </p>
      ) : null}
      {enough && matches.data ? (
        <div aria-busy={matches.isFetching}>
          <MatchSections
            matches={matches.data}
            heading="h3"
            actionFor={(target) => (
              <button
                type="button"
                className="small-button"
                aria-pressed={isChosen(target)}
                disabled={savedClaimId !== null}
                onClick={() => toggle(target)}
              >
                {target.action}
                <span className="visually-hidden">
                  : <span dir="auto">{target.name}</span>
                </span>
              </button>
            )}
          />
        </div>
      ) : null}
      {chosen.length > 0 ? (
        <section className="match-chosen" aria-labelledby={chosenHeading}>
          <h3 id={chosenHeading} className="match-heading">
            {t('form.chosen')}
          </h3>
          <ul className="link-list">
            {chosen.map((target) => (
              <li key={target.key}>
                <span className="link-words" dir="auto">
                  {target.linkWords}
                </span>{' '}
                <button
                  type="button"
                  className="link-button"
                  disabled={savedClaimId !== null}
                  onClick={() => toggle(target)}
                >
                  {t('form.remove')}
                  <span className="visually-hidden">
                    {' '}
                    {t('form.theLinkTo')} <span dir="auto">{target.name}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {linking ? (
        <p role="status" className="small">
          {t('form.linking')}
        </p>
      ) : null}
      {failures.length > 0 && savedClaimId ? (
        <div role="alert" className="state-message state-error">
          <p>
            <strong>{t('form.notEveryLink')}</strong>
          </p>
          <ul>
            {failures.map(({ target, error }) => (
              <li key={target.key}>
                <span dir="auto">{target.linkWords}</span>: {error.message}
              </li>
            ))}
          </ul>
          <div className="actions compact">
            <button
              type="button"
              onClick={() =>
                void linkAll(
                  savedClaimId,
                  failures.map((f) => f.target),
                )
              }
            >
              {t('form.tryAgain')}
            </button>
            <button type="button" onClick={onLinked}>
              {t('form.closeWithout')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
