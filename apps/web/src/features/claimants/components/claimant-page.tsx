import { type ClaimantDetail, type Rating, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { formatDay } from '../../../components/dates.ts'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { RatingBadge, VerdictStatusBadge } from '../../../components/verdict-badges.tsx'
import { ApiError } from '../../../lib/api-client.ts'
import { claimantDetailQuery } from '../api/claimants.ts'
import { ClaimantEditForm } from './claimant-edit-form.tsx'
import { ClaimantMerge } from './claimant-merge.tsx'
import { RatingChart } from './rating-chart.tsx'
import '../../../components/data-table.css'
import './claimants.css'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'

/**
 * One claimant's track record: every claim it made, the verdicts on them, and a chart of those verdicts;
 * its names and profile, which anyone may edit, and merging it into another claimant, for editors.
 */
export function ClaimantPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation('claimants')
  const { id = '' } = useParams()
  const claimant = useQuery(claimantDetailQuery(id))

  return (
    <section aria-labelledby="claimant-heading" className="page">
      <title>{t('page.documentTitle', { name: claimant.data?.name ?? t('page.claimant') })}</title>
      <p className="back-link">
        <Link to="/claimants">{t('page.all')}</Link>
      </p>
      {claimant.isPending ? (
        <>
          <h1 id="claimant-heading">{t('page.claimant')}</h1>
          <LoadingMessage>{t('page.loading')}</LoadingMessage>
        </>
      ) : null}
      {claimant.error ? (
        <>
          <h1 id="claimant-heading">{t('page.claimant')}</h1>
          <ErrorMessage
            title={t('page.loadFailed')}
            error={claimant.error}
            onRetry={
              claimant.error instanceof ApiError && claimant.error.status === 404
                ? undefined
                : () => claimant.refetch()
            }
          />
        </>
      ) : null}
      {claimant.data ? (
        <TrackRecord
          // A new record (another claimant, or this one after a merge) starts with its forms closed.
          key={claimant.data.id}
          claimant={claimant.data}
          mayMerge={roleAtLeast(user.role, 'editor')}
        />
      ) : null}
    </section>
  )
}

function TrackRecord({ claimant, mayMerge }: { claimant: ClaimantDetail; mayMerge: boolean }) {
  const { t } = useTranslation(['claimants', 'domain'])
  const [open, setOpen] = useState<'edit' | 'merge' | null>(null)
  const published: Rating[] = []
  let unpublished = 0
  for (const claim of claimant.claims) {
    if (claim.verdict?.status === 'published' && claim.verdict.rating) published.push(claim.verdict.rating)
    else if (claim.verdict) unpublished += 1
  }
  const disputes = new Set(claimant.claims.map((c) => c.disputeId)).size
  const unjudged = claimant.claims.length - published.length - unpublished

  return (
    <>
      <header className="claimant-header">
        <h1 id="claimant-heading" dir="auto">
          {claimant.name}
        </h1>
        <p className="claimant-meta">
          <span>{t(`domain:claimantKind.${claimant.kind}`)}</span>
          <span className="muted">
            {t('claimants:page.claimsInDisputes', {
              count: claimant.claims.length,
              disputes: t('claimants:page.disputes', { count: disputes }),
            })}
          </span>
        </p>
        {claimant.mergedIntoId ? <MergedInto id={claimant.mergedIntoId} /> : null}
        {claimant.jobTitle || claimant.affiliation ? (
          <p className="claimant-role" dir="auto">
            {[claimant.jobTitle, claimant.affiliation].filter(Boolean).join(', ')}
          </p>
        ) : null}
        {claimant.aliases.length ? (
          <p className="claimant-aliases">
            <span className="muted">{t('claimants:page.alsoKnownAs')} </span>
            <span dir="auto">{claimant.aliases.join(' · ')}</span>
          </p>
        ) : null}
        {claimant.description ? (
          <p className="about" dir="auto">
            {claimant.description}
          </p>
        ) : null}
        {claimant.url || claimant.sameAs.length > 0 ? (
          <ul className="claimant-links" aria-label={t('claimants:page.elsewhere')}>
            {[claimant.url, ...claimant.sameAs]
              .filter((u): u is string => Boolean(u))
              .map((u) => (
                <li key={u}>
                  <a href={u} rel="noreferrer noopener" target="_blank">
                    <span dir="auto">{hostOf(u)}</span>
                    <span className="visually-hidden"> {t('claimants:page.newTab')}</span>
                  </a>
                </li>
              ))}
          </ul>
        ) : null}
        {claimant.archived || open ? null : (
          <div className="actions claimant-actions">
            <button type="button" onClick={() => setOpen('edit')}>
              {t('claimants:page.edit')}
            </button>
            {mayMerge ? (
              <button type="button" onClick={() => setOpen('merge')}>
                {t('claimants:page.merge')}
              </button>
            ) : null}
          </div>
        )}
      </header>
      {open === 'edit' ? <ClaimantEditForm claimant={claimant} onDone={() => setOpen(null)} /> : null}
      {open === 'merge' ? <ClaimantMerge claimant={claimant} onDone={() => setOpen(null)} /> : null}

      <div className="track-record">
        <section className="panel" aria-labelledby="chart-heading">
          <h2 id="chart-heading">{t('claimants:page.byRating')}</h2>
          {published.length > 0 ? (
            <RatingChart
              ratings={published}
              title={t('claimants:page.chartTitle', { count: published.length })}
            />
          ) : (
            <EmptyMessage>{t('claimants:page.noPublished')}</EmptyMessage>
          )}
          {unpublished > 0 || unjudged > 0 ? (
            <p className="muted note">
              {t('claimants:page.onlyPublished')}
              {unpublished > 0 ? ` ${t('claimants:page.unpublished', { count: unpublished })}` : ''}
              {unjudged > 0 ? ` ${t('claimants:page.unjudged', { count: unjudged })}` : ''}
            </p>
          ) : null}
        </section>

        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the claims' table scrolls sideways in here, by keyboard too */}
        <section aria-labelledby="claims-heading" className="table-scroll" tabIndex={0}>
          <h2 id="claims-heading" className="section-heading">
            {t('claimants:page.claimsHeading')}
          </h2>
          {claimant.claims.length === 0 ? (
            <EmptyMessage>{t('claimants:page.noClaims')}</EmptyMessage>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('claimants:page.column.claim')}</th>
                  <th scope="col">{t('claimants:page.column.stated')}</th>
                  <th scope="col">{t('claimants:page.column.rating')}</th>
                  <th scope="col">{t('claimants:page.column.verdict')}</th>
                  <th scope="col">{t('claimants:page.column.published')}</th>
                </tr>
              </thead>
              <tbody>
                {claimant.claims.map((claim) => (
                  <tr key={claim.id}>
                    <td className="claim-cell">
                      <Link to={`/disputes/${encodeURIComponent(claim.disputeId)}`} dir="auto">
                        {claim.shortText || clip(claim.text, 140)}
                      </Link>
                      <span className="claim-text muted">
                        <Trans
                          t={t}
                          i18nKey="claimants:page.inDispute"
                          values={{ title: claim.disputeTitle }}
                          components={SENTENCE_TAGS}
                        />
                      </span>
                    </td>
                    <td>
                      {formatDay(claim.statedOn) || (
                        <span className="muted">{t('claimants:page.unknown')}</span>
                      )}
                    </td>
                    <td>
                      <RatingBadge rating={claim.verdict?.rating} />
                    </td>
                    <td>
                      <VerdictStatusBadge status={claim.verdict?.status} />
                    </td>
                    <td>{formatDay(claim.verdict?.publishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  )
}

/** Where a merged claimant's claims went, with a link there. */
function MergedInto({ id }: { id: string }) {
  const { t } = useTranslation('claimants')
  const into = useQuery(claimantDetailQuery(id))
  return (
    <p className="state-message state-warning merged-into">
      <Trans
        t={t}
        i18nKey="page.mergedInto"
        values={{ name: into.data?.name ?? t('page.anotherClaimant') }}
        components={{
          into: <Link to={`/claimants/${encodeURIComponent(id)}`} dir={into.data ? 'auto' : undefined} />,
        }}
      />
    </p>
  )
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '')
  } catch {
    return url
  }
}
