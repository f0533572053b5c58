import { compareClaimQuantities, describeQuantity, QUANTITY_VERDICT_LABELS } from '@counterclaim/domain'
import type { WorkbenchClaim } from '@counterclaim/shared'
import { useState } from 'react'

const SHOWN = 4

/** Every two claims' numbers compared like with like, each verdict with its reasons. */
export function QuantityComparisons({
  claims,
  label,
}: {
  claims: readonly WorkbenchClaim[]
  label: (claim: WorkbenchClaim) => string
}) {
  const [all, setAll] = useState(false)
  const byId = new Map(claims.map((c) => [c.id, c]))
  const name = (id: string) => {
    const claim = byId.get(id)
    return claim ? label(claim) : ''
  }
  const comparisons = compareClaimQuantities(claims).flatMap((pair) => pair.comparisons)
  if (comparisons.length === 0) return null
  // Conflicts first: they are what a checker has to resolve.
  const ordered = [...comparisons].sort(
    (x, y) =>
      Number(y.result.verdict === 'cannot_both_be_true') - Number(x.result.verdict === 'cannot_both_be_true'),
  )
  const shown = all ? ordered : ordered.slice(0, SHOWN)
  return (
    <section className="quantities" aria-labelledby="quantities-heading">
      <h3 id="quantities-heading" className="quantities-heading">
        Numbers compared
      </h3>
      <ul>
        {shown.map(({ a, b, result }) => (
          <li
            key={`${a.claimId}:${a.index}:${b.claimId}:${b.index}`}
            className={`quantity-${result.verdict.replaceAll('_', '-')}`}
          >
            <strong>{QUANTITY_VERDICT_LABELS[result.verdict]}</strong>
            <span>
              {name(a.claimId)}: {describeQuantity(a.quantity)} · {name(b.claimId)}:{' '}
              {describeQuantity(b.quantity)}
            </span>
            <ul className="quantity-reasons">
              {result.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {comparisons.length > SHOWN ? (
        <button type="button" className="link-button small" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer comparisons' : `Show all ${comparisons.length} comparisons`}
        </button>
      ) : null}
    </section>
  )
}
