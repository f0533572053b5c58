import type { DisputeListItem } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { RatingBadge, VerdictStatusBadge } from '../../../components/verdict-badges.tsx'
import { type DisputeFilters, disputeListQuery } from '../api/disputes.ts'
import { DisputeCreateForm } from './dispute-create-form.tsx'

function filtersFrom(params: URLSearchParams): DisputeFilters {
  const status = params.get('status')
  return {
    q: params.get('q') || undefined,
    status: status === 'open' || status === 'closed' ? status : undefined,
    tag: params.get('tag') || undefined,
  }
}

function DisputeRow({ dispute }: { dispute: DisputeListItem }) {
  return (
    <li className="dispute-row">
      <div className="dispute-main">
        <h2>
          <Link to={`/disputes/${dispute.id}`}>{dispute.question}</Link>
        </h2>
        <p className="muted small">
          {dispute.title} ·{' '}
          <span className={`dispute-status status-word-${dispute.status}`}>{dispute.status}</span>
          {dispute.tags.map((t) => (
            <span key={t}>
              {' · '}
              <Link to={`/?tag=${encodeURIComponent(t)}`} className="tag">
                #{t}
              </Link>
            </span>
          ))}
        </p>
      </div>
      {dispute.claims.length === 0 ? (
        <p className="muted small">No claims yet.</p>
      ) : (
        <ul className="claim-states" aria-label="Claims and their verdicts">
          {dispute.claims.map((c) => (
            <li key={c.id}>
              <span className="claimant-name">{c.claimant.name}</span>
              <span className="claim-short-text">{c.shortText ?? ''}</span>
              <span className="badges">
                {c.verdictStatus ? <RatingBadge rating={c.rating} /> : null}{' '}
                <VerdictStatusBadge status={c.verdictStatus} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/** The disputes the desk is working on, filtered by words, status and tag (all kept in the URL). */
export function DisputeListPage() {
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const filters = filtersFrom(params)
  const disputes = useInfiniteQuery(disputeListQuery(filters))
  const items = disputes.data?.pages.flatMap((p) => p.items) ?? []
  const [creating, setCreating] = useState(false)
  const [q, setQ] = useState(filters.q ?? '')
  const [tag, setTag] = useState(filters.tag ?? '')
  const ids = { q: useId(), status: useId(), tag: useId() }
  // The URL is the truth: a tag link or the back button changes the fields too.
  useEffect(() => {
    setQ(filters.q ?? '')
    setTag(filters.tag ?? '')
  }, [filters.q, filters.tag])

  const apply = (next: DisputeFilters) => {
    const p = new URLSearchParams()
    if (next.q) p.set('q', next.q)
    if (next.status) p.set('status', next.status)
    if (next.tag) p.set('tag', next.tag)
    setParams(p)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    apply({ ...filters, q: q.trim() || undefined, tag: tag.trim().replace(/^#/, '') || undefined })
  }
  const filtered = Boolean(filters.q || filters.status || filters.tag)

  return (
    <section aria-labelledby="disputes-heading" className="page">
      <title>Disputes · Counterclaim</title>
      <div className="page-head">
        <h1 id="disputes-heading">Disputes</h1>
        {creating ? null : (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New dispute
          </button>
        )}
      </div>
      {creating ? (
        <DisputeCreateForm
          onCreated={(id) => navigate(`/disputes/${id}`)}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      <form className="filters" aria-label="Filter disputes" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.q}>Search disputes</label>
          <input id={ids.q} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            value={filters.status ?? ''}
            onChange={(e) => {
              const v = e.target.value
              apply({ ...filters, status: v === 'open' || v === 'closed' ? v : undefined })
            }}
          >
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.tag}>Tag</label>
          <input id={ids.tag} value={tag} onChange={(e) => setTag(e.target.value)} />
        </div>
        <button type="submit">Apply filters</button>
        {filtered ? (
          <button
            type="button"
            onClick={() => {
              setQ('')
              setTag('')
              apply({})
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>
      {disputes.isPending ? <LoadingMessage>Loading disputes…</LoadingMessage> : null}
      {disputes.error ? (
        <ErrorMessage
          title="The disputes could not be loaded."
          error={disputes.error}
          onRetry={() => disputes.refetch()}
        />
      ) : null}
      {disputes.data && items.length === 0 ? (
        <EmptyMessage>
          {filtered
            ? 'No dispute matches these filters.'
            : 'No disputes yet. Create the first one with “New dispute”.'}
        </EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <ul className="dispute-list" aria-label="Disputes">
          {items.map((d) => (
            <DisputeRow key={d.id} dispute={d} />
          ))}
        </ul>
      ) : null}
      {disputes.hasNextPage ? (
        <p>
          <button
            type="button"
            onClick={() => disputes.fetchNextPage()}
            disabled={disputes.isFetchingNextPage}
          >
            {disputes.isFetchingNextPage ? 'Loading more…' : 'Show more disputes'}
          </button>
        </p>
      ) : null}
    </section>
  )
}
