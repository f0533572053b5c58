import type { StanceValue } from '@counterclaim/shared'

export interface StanceCell {
  evidenceId: string
  claimId: string
  stance: StanceValue | null
}

export interface Diagnosticity {
  /** 2: supports one claim and contradicts another; 1: bears differently on the claims; 0: separates none. */
  tier: 0 | 1 | 2
  supports: number
  contradicts: number
}

/** How well one evidence item tells the given claims apart. */
export function diagnosticity(
  evidenceId: string,
  claimIds: readonly string[],
  stances: readonly StanceCell[],
) {
  const byClaim = new Map<string, StanceValue | null>()
  for (const s of stances) if (s.evidenceId === evidenceId) byClaim.set(s.claimId, s.stance)
  let supports = 0
  let contradicts = 0
  const seen = new Set<StanceValue | null>()
  for (const claimId of claimIds) {
    const stance = byClaim.get(claimId) ?? null
    if (stance === 'supports') supports += 1
    if (stance === 'contradicts') contradicts += 1
    // Context says nothing for or against, so for telling claims apart it counts as no stance.
    seen.add(stance === 'context' ? null : stance)
  }
  const tier = supports > 0 && contradicts > 0 ? 2 : seen.size > 1 ? 1 : 0
  return { tier, supports, contradicts } satisfies Diagnosticity
}

/**
 * Evidence ordered by how well it separates the claims: what supports one claim and contradicts another
 * first (more such pairs first), then what bears on some claims and not others, then the rest; ties keep
 * the given order.
 */
export function orderByDiagnosticity<T extends { id: string }>(
  evidence: readonly T[],
  claimIds: readonly string[],
  stances: readonly StanceCell[],
): T[] {
  const scored = evidence.map((item, index) => ({
    item,
    index,
    d: diagnosticity(item.id, claimIds, stances),
  }))
  scored.sort(
    (a, b) =>
      b.d.tier - a.d.tier ||
      b.d.supports * b.d.contradicts - a.d.supports * a.d.contradicts ||
      b.d.supports + b.d.contradicts - (a.d.supports + a.d.contradicts) ||
      a.index - b.index,
  )
  return scored.map((s) => s.item)
}
