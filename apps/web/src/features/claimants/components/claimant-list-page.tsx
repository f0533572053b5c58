import { useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { claimantKindLabel } from '../../../components/claimant-kind.ts'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { claimantListQuery } from '../api/claimants.ts'
import '../../../components/data-table.css'

/** Everyone who has made a claim, searchable by name or alias; the search is kept in the address. */
export function ClaimantListPage() {
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const [draft, setDraft] = useState(q)
  const searchId = useId()

  // Back and forward change the address: the field follows it.
  useEffect(() => setDraft((d) => (d.trim() === q ? d : q)), [q])

  // Typing updates the address a moment after the last key, so history is not one entry per letter.
  useEffect(() => {
    if (draft.trim() === q) return
    const timer = setTimeout(() => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          if (draft.trim()) next.set('q', draft.trim())
          else next.delete('q')
          return next
        },
        { replace: true },
      )
    }, 250)
    return () => clearTimeout(timer)
  }, [draft, q, setParams])

  const claimants = useInfiniteQuery(claimantListQuery(q))
  const items = claimants.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <section aria-labelledby="claimants-heading" className="page">
      <title>Claimants · Counterclaim</title>
      <h1 id="claimants-heading">Claimants</h1>
      <p className="muted page-intro">
        People and organisations whose claims the desk has checked, and their record.
      </p>
      <search className="page-toolbar">
        <form onSubmit={(e) => e.preventDefault()} className="field">
          <label htmlFor={searchId}>Search by name or alias</label>
          <input
            id={searchId}
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            autoComplete="off"
            size={32}
          />
        </form>
      </search>
      {claimants.isPending ? <LoadingMessage>Loading claimants…</LoadingMessage> : null}
      {claimants.error && !claimants.isFetchNextPageError ? (
        <ErrorMessage
          title="The claimants could not be loaded."
          error={claimants.error}
          onRetry={() => claimants.refetch()}
        />
      ) : null}
      {claimants.isSuccess && items.length === 0 ? (
        <EmptyMessage>
          {q ? `No claimant’s name or alias contains “${q}”.` : 'No claimants yet.'}
        </EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">
            Claimants{q ? ` whose name or alias contains “${q}”` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">About</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/claimants/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                  {c.aliases.length ? (
                    <span className="aliases muted">also {c.aliases.join(', ')}</span>
                  ) : null}
                </th>
                <td>{claimantKindLabel(c.kind)}</td>
                <td className="muted">{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {claimants.isFetchNextPageError ? (
        <ErrorMessage
          title="More claimants could not be loaded."
          error={claimants.error}
          onRetry={() => claimants.fetchNextPage()}
        />
      ) : null}
      {claimants.hasNextPage ? (
        <p className="more-row">
          <button
            type="button"
            onClick={() => claimants.fetchNextPage()}
            disabled={claimants.isFetchingNextPage}
          >
            {claimants.isFetchingNextPage ? 'Loading more…' : 'Show more claimants'}
          </button>
        </p>
      ) : null}
    </section>
  )
}
