import { compareQuantities, describeQuantity } from '@counterclaim/domain'
import type { WorkbenchClaim } from '@counterclaim/shared'

/** For every two claims with quantities in the same unit: can both be true? */
export function QuantityComparisons({ claims }: { claims: readonly WorkbenchClaim[] }) {
  const numeric = claims.filter((c) => c.quantity)
  const pairs = numeric.flatMap((a, i) =>
    numeric.slice(i + 1).flatMap((b) => {
      if (!a.quantity || !b.quantity) return []
      const result = compareQuantities(a.quantity, b.quantity)
      return result.kind === 'incomparable' ? [] : [{ a, b, result, qa: a.quantity, qb: b.quantity }]
    }),
  )
  if (pairs.length === 0) return null
  return (
    <section className="quantities" aria-label="Numbers compared">
      <h2 className="visually-hidden">Numbers compared</h2>
      <ul>
        {pairs.map(({ a, b, result, qa, qb }) => (
          <li key={`${a.id}:${b.id}`} className={`quantity-${result.kind}`}>
            <strong>{result.kind === 'compatible' ? 'Can both be true:' : 'Cannot both be true:'}</strong>{' '}
            {a.claimant.name} says {describeQuantity(qa)}; {b.claimant.name} says {describeQuantity(qb)}.
          </li>
        ))}
      </ul>
    </section>
  )
}
