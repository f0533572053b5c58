import { type ClaimantDetail, type Rating, roleAtLeast, type SessionUser } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { claimantKindLabel } from '../../../components/claimant-kind.ts'
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

/**
 * One claimant's track record: every claim it made, the verdicts on them, and a chart of those verdicts;
 * its names and profile, which anyone may edit, and merging it into another claimant, for editors.
 */
export function ClaimantPage({ user }: { user: SessionUser }) {
  const { id = '' } = useParams()
  const claimant = useQuery(claimantDetailQuery(id))

  return (
    <section aria-labelledby="claimant-heading" className="page">
      <title>{`${claimant.data?.name ?? 'Claimant'} · Claimants · Counterclaim`}</title>
      <p className="back-link">
        <Link to="/claimants">All claimants</Link>
      </p>
      {claimant.isPending ? (
        <>
          <h1 id="claimant-heading">Claimant</h1>
          <LoadingMessage>Loading the claimant’s track record…</LoadingMessage>
        </>
      ) : null}
      {claimant.error ? (
        <>
          <h1 id="claimant-heading">Claimant</h1>
          <ErrorMessage
            title="This claimant could not be loaded."
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
        <h1 id="claimant-heading">{claimant.name}</h1>
        <p className="claimant-meta">
          <span>{claimantKindLabel(claimant.kind)}</span>
          <span className="muted">
            {plural(claimant.claims.length, 'claim')} in {plural(disputes, 'dispute')}
          </span>
        </p>
        {claimant.mergedIntoId ? <MergedInto id={claimant.mergedIntoId} /> : null}
        {claimant.jobTitle || claimant.affiliation ? (
          <p className="claimant-role">
            {[claimant.jobTitle, claimant.affiliation].filter(Boolean).join(', ')}
          </p>
        ) : null}
        {claimant.aliases.length ? (
          <p className="claimant-aliases">
            <span className="muted">Also known as </span>
            {claimant.aliases.join(' · ')}
          </p>
        ) : null}
        {claimant.description ? <p className="about">{claimant.description}</p> : null}
        {claimant.url || claimant.sameAs.length > 0 ? (
          <ul className="claimant-links" aria-label="Elsewhere on the web">
            {[claimant.url, ...claimant.sameAs]
              .filter((u): u is string => Boolean(u))
              .map((u) => (
                <li key={u}>
                  <a href={u} rel="noreferrer noopener" target="_blank">
                    {hostOf(u)}
                    <span className="visually-hidden"> (opens in a new tab)</span>
                  </a>
                </li>
              ))}
          </ul>
        ) : null}
        {claimant.archived || open ? null : (
          <div className="actions claimant-actions">
            <button type="button" onClick={() => setOpen('edit')}>
              Edit
            </button>
            {mayMerge ? (
              <button type="button" onClick={() => setOpen('merge')}>
                Merge into another claimant…
              </button>
            ) : null}
          </div>
        )}
      </header>
      {open === 'edit' ? <ClaimantEditForm claimant={claimant} onDone={() => setOpen(null)} /> : null}
      {open === 'merge' ? <ClaimantMerge claimant={claimant} onDone={() => setOpen(null)} /> : null}

      <div className="track-record">
        <section className="panel" aria-labelledby="chart-heading">
          <h2 id="chart-heading">Verdicts by rating</h2>
          {published.length > 0 ? (
            <RatingChart
              ratings={published}
              title={`${plural(published.length, 'published verdict')} on this claimant’s claims`}
            />
          ) : (
            <EmptyMessage>No verdict on this claimant’s claims has been published yet.</EmptyMessage>
          )}
          {unpublished > 0 || unjudged > 0 ? (
            <p className="muted note">
              Only published verdicts count here.
              {unpublished > 0 ? ` ${plural(unpublished, 'verdict')} in draft or review.` : ''}
              {unjudged > 0 ? ` ${plural(unjudged, 'claim')} without a verdict.` : ''}
            </p>
          ) : null}
        </section>

        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the claims' table scrolls sideways in here, by keyboard too */}
        <section aria-labelledby="claims-heading" className="table-scroll" tabIndex={0}>
          <h2 id="claims-heading" className="section-heading">
            Claims
          </h2>
          {claimant.claims.length === 0 ? (
            <EmptyMessage>This claimant has no claims on record.</EmptyMessage>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Claim</th>
                  <th scope="col">Stated</th>
                  <th scope="col">Rating</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Published</th>
                </tr>
              </thead>
              <tbody>
                {claimant.claims.map((claim) => (
                  <tr key={claim.id}>
                    <td className="claim-cell">
                      <Link to={`/disputes/${encodeURIComponent(claim.disputeId)}`}>
                        {claim.shortText || clip(claim.text, 140)}
                      </Link>
                      <span className="claim-text muted">In “{claim.disputeTitle}”</span>
                    </td>
                    <td>{formatDay(claim.statedOn) || <span className="muted">Unknown</span>}</td>
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
  const into = useQuery(claimantDetailQuery(id))
  return (
    <p className="state-message state-warning merged-into">
      Merged into{' '}
      <Link to={`/claimants/${encodeURIComponent(id)}`}>{into.data?.name ?? 'another claimant'}</Link>: its
      claims and names are there now.
    </p>
  )
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`
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
