import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { workbenchQuery } from '../api/workbench.ts'

/** One dispute: its claims side by side, the evidence under them, verdicts. */
export function WorkbenchPage() {
  const { id = '' } = useParams()
  const workbench = useQuery(workbenchQuery(id))
  if (workbench.isPending) return <p role="status">Loading the dispute…</p>
  if (workbench.error) {
    return (
      <p role="alert" className="error">
        {workbench.error.message}
      </p>
    )
  }
  const dispute = workbench.data
  return (
    <section aria-labelledby="dispute-heading" className="page">
      <h1 id="dispute-heading">{dispute.question}</h1>
      <ul>
        {dispute.claims.map((claim) => (
          <li key={claim.id}>
            {claim.claimant.name}: {claim.text}
          </li>
        ))}
      </ul>
    </section>
  )
}
