import { compareQuantities, describeQuantity } from '@counterclaim/domain'
import type { WorkbenchClaim } from '@counterclaim/shared'
import { useState } from 'react'

const SHOWN = 4

/** For every two claims with quantities in the same unit: can both be true? */
export function QuantityComparisons({
  claims,
  label,
}: {
  claims: readonly WorkbenchClaim[]
  label: (claim: WorkbenchClaim) => string
}) {
  const [all, setAll] = useState(false)
  const numeric = claims.filter((c) => c.quantity)
  const pairs = numeric.flatMap((a, i) =>
    numeric.slice(i + 1).flatMap((b) => {
      if (!a.quantity || !b.quantity) return []
      const result = compareQuantities(a.quantity, b.quantity)
      return result.kind === 'incomparable' ? [] : [{ a, b, result, qa: a.quantity, qb: b.quantity }]
    }),
  )
  if (pairs.length === 0) return null
  // Conflicts first: they are what a checker has to resolve.
  const ordered = [...pairs].sort(
    (x, y) => Number(y.result.kind === 'conflict') - Number(x.result.kind === 'conflict'),
  )
  const shown = all ? ordered : ordered.slice(0, SHOWN)
  return (
    <section className="quantities" aria-labelledby="quantities-heading">
      <h3 id="quantities-heading" className="quantities-heading">
        Numbers compared
      </h3>
      <ul>
        {shown.map(({ a, b, result, qa, qb }) => (
          <li key={`${a.id}:${b.id}`} className={`quantity-${result.kind}`}>
            <strong>{result.kind === 'compatible' ? 'Can both be true' : 'Cannot both be true'}</strong>
            <span>
              {label(a)}: {describeQuantity(qa)} · {label(b)}: {describeQuantity(qb)}
            </span>
          </li>
        ))}
      </ul>
      {pairs.length > SHOWN ? (
        <button type="button" className="link-button small" onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer comparisons' : `Show all ${pairs.length} comparisons`}
        </button>
      ) : null}
    </section>
  )
}
