import { useQuery } from '@tanstack/react-query'
import { disputeListQuery } from '../api/disputes.ts'

/** The disputes the desk is working on. */
export function DisputeListPage() {
  const disputes = useQuery(disputeListQuery({}))
  return (
    <section aria-labelledby="disputes-heading">
      <h1 id="disputes-heading">Disputes</h1>
      {disputes.isPending ? <p role="status">Loading disputes…</p> : null}
      {disputes.error ? (
        <p role="alert" className="error">
          {disputes.error.message}
        </p>
      ) : null}
      {disputes.data && disputes.data.items.length === 0 ? <p>No disputes yet.</p> : null}
      <ul className="dispute-list">
        {disputes.data?.items.map((d) => (
          <li key={d.id}>
            <h2>{d.question}</h2>
            <p className="muted">
              {d.status} · {d.tags.map((t) => `#${t}`).join(' ')}
            </p>
            <p>{d.claims.map((c) => c.claimant.name).join(' · ')}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
