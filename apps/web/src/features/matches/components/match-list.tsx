import type {
  ClaimLink,
  ClaimLinkCreate,
  ClaimLinkKind,
  ClaimMatch,
  ExternalRating,
  FactCheckMatch,
  Matches,
} from '@counterclaim/shared'
import { type ReactNode, useId } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { MarkedText } from '../../../components/marked-text.tsx'
import { RatingBadge } from '../../../components/verdict-badges.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import './matches.css'
import { ClaimantName, claimantLabel } from '../../../components/claimant-name.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'

/** Something a claim can be linked to, as the screens name it. */
export interface MatchTarget {
  /** The same for a match and for a link to the same thing: "claim:<id>", "fact-check:<id>". */
  key: string
  kind: ClaimLinkKind
  body: ClaimLinkCreate
  /** The one button's words: "Same claim as this", "Checked by Full Fact". */
  action: string
  /** What it is, for names read out with buttons: "the claim by Oleg Kiper in “Strikes on Odesa”". */
  name: string
  /** What a link to it says, short: "Same claim as: “The Russians hit…”", "Checked by Full Fact". */
  linkWords: string
}

const CLIPPED = 90
const clip = (text: string) => (text.length > CLIPPED ? `${text.slice(0, CLIPPED - 1).trimEnd()}…` : text)

export function claimTarget(m: ClaimMatch): MatchTarget {
  return {
    key: `claim:${m.claim.id}`,
    kind: 'same_claim',
    body: { linkedClaimId: m.claim.id },
    action: i18n.t('matches:target.sameClaimAction'),
    name: i18n.t('matches:target.claimName', {
      claimant: claimantLabel(m.claimant),
      dispute: m.dispute.title,
    }),
    linkWords: i18n.t('matches:sameClaimAs', { text: clip(m.claim.text) }),
  }
}

export function factCheckTarget(m: FactCheckMatch): MatchTarget {
  const publisher = m.factCheck.publisher.name
  return {
    key: `fact-check:${m.factCheck.id}`,
    kind: 'checked_by',
    body: { factCheckId: m.factCheck.id },
    action: i18n.t('matches:checkedBy', { publisher }),
    name: i18n.t('matches:target.factCheckName', { publisher, claim: clip(m.factCheck.claimReviewed) }),
    linkWords: i18n.t('matches:checkedBy', { publisher }),
  }
}

/** The key a link shares with the match it was made from. */
export function linkKey(link: ClaimLink): string {
  return link.linkedClaim ? `claim:${link.linkedClaim.id}` : `fact-check:${link.factCheck?.id ?? link.id}`
}

/** A publisher's own rating label, then where it sits on our scale when it maps onto it. */
export function ExternalRatingWords({ rating }: { rating: ExternalRating }) {
  const { t } = useTranslation('matches')
  return (
    <>
      {rating.label ? (
        <Trans t={t} i18nKey="rated" values={{ label: rating.label }} components={SENTENCE_TAGS} />
      ) : (
        t('noRating')
      )}
      {rating.normalized ? (
        <>
          {' '}
          <span className="visually-hidden">{t('onOurScaleOpen')}</span>
          <RatingBadge rating={rating.normalized} />
          <span className="visually-hidden">{t('onOurScaleClose')}</span>
        </>
      ) : null}
    </>
  )
}

type Heading = 'h3' | 'h4'

/**
 * A claim's or a draft's matches in two parts, "Similar claims on this desk" and "Already checked
 * elsewhere", best first, each with its matched words marked and the one action `actionFor` gives it.
 */
export function MatchSections({
  matches,
  heading: H,
  about,
  actionFor,
}: {
  matches: Matches
  heading: Heading
  /** Whose matches, for their names when several claims show theirs: "of Oleg Kiper's claim". */
  about?: ReactNode
  actionFor: (target: MatchTarget) => ReactNode
}) {
  const { t } = useTranslation('matches')
  const ids = { claims: useId(), checks: useId() }
  const whose = about ? <span className="visually-hidden"> {about}</span> : null
  return (
    <div className="match-sections">
      <section className="match-section" aria-labelledby={ids.claims}>
        <H id={ids.claims} className="match-heading">
          {t('similarHere')}
          {whose}
        </H>
        {matches.claims.length === 0 ? (
          <p className="muted small match-none">{t('noSimilar')}</p>
        ) : (
          <ol className="match-list">
            {matches.claims.map((m) => (
              <li key={m.claim.id} className="match-item">
                <p className="match-text" lang={m.claim.language ?? undefined} dir="auto">
                  “<MarkedText parts={m.marked} />”
                </p>
                <p className="match-source small">
                  <ClaimantName claimant={m.claimant} /> ·{' '}
                  <Link to={`/disputes/${encodeURIComponent(m.dispute.id)}`} dir="auto">
                    {m.dispute.title}
                  </Link>
                </p>
                {actionFor(claimTarget(m))}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="match-section" aria-labelledby={ids.checks}>
        <H id={ids.checks} className="match-heading">
          {t('checkedElsewhere')}
          {whose}
        </H>
        {matches.factChecks.length === 0 ? (
          <p className="muted small match-none">{t('noFactChecks')}</p>
        ) : (
          <ol className="match-list">
            {matches.factChecks.map((m) => (
              <li key={m.factCheck.id} className="match-item">
                <p className="match-text" lang={m.factCheck.language ?? undefined} dir="auto">
                  “<MarkedText parts={m.marked} />”
                </p>
                <p className="match-source small">
                  <span dir="auto">{m.factCheck.publisher.name}</span>{' '}
                  <ExternalRatingWords rating={m.factCheck.rating} /> ·{' '}
                  <a href={m.factCheck.url} target="_blank" rel="noopener noreferrer">
                    {t('factCheck')}
                    <span className="visually-hidden">
                      {' '}
                      <Trans
                        t={t}
                        i18nKey="byPublisher"
                        values={{ publisher: m.factCheck.publisher.name }}
                        components={SENTENCE_TAGS}
                      />
                    </span>
                  </a>
                </p>
                {actionFor(factCheckTarget(m))}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}

/** "2 similar claims on this desk, 1 fact-check elsewhere.", or that none were found. */
export function matchesSummary(matches: Matches): string {
  const claims = matches.claims.length
  const checks = matches.factChecks.length
  if (claims === 0 && checks === 0) return i18n.t('matches:noSimilar')
  return i18n.t('matches:summary', {
    claims: i18n.t('matches:similarClaims', { count: claims }),
    checks: i18n.t('matches:factChecksElsewhere', { count: checks }),
  })
}
