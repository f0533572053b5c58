import type { StanceValue } from '@counterclaim/shared'
import { type OriginGroup, type OriginItem, originGroupKey, originGroups } from './origins.ts'

export interface StanceCell {
  evidenceId: string
  claimId: string
  stance: StanceValue | null
}

export interface Diagnosticity {
  /** 2: supports one claim and contradicts another; 1: bears differently on the claims; 0: separates none. */
  tier: 0 | 1 | 2
  /** How many of the claims it supports. */
  supports: number
  /** How many of the claims it contradicts. */
  contradicts: number
}

/**
 * How well one evidence item, or the items of one origin taken together (copies of one source weigh as
 * one), tells the given claims apart. Items of one origin bear on a claim as each of them does.
 */
export function diagnosticity(
  evidenceIds: string | readonly string[],
  claimIds: readonly string[],
  stances: readonly StanceCell[],
) {
  const members = new Set(typeof evidenceIds === 'string' ? [evidenceIds] : evidenceIds)
  const byClaim = new Map<string, Set<StanceValue>>()
  for (const s of stances) {
    // Context says nothing for or against, so for telling claims apart it counts as no stance.
    if (!members.has(s.evidenceId) || s.stance === null || s.stance === 'context') continue
    const set = byClaim.get(s.claimId) ?? new Set<StanceValue>()
    set.add(s.stance)
    byClaim.set(s.claimId, set)
  }
  let supports = 0
  let contradicts = 0
  const seen = new Set<string>()
  for (const claimId of claimIds) {
    const set = byClaim.get(claimId)
    if (set?.has('supports')) supports += 1
    if (set?.has('contradicts')) contradicts += 1
    seen.add([...(set ?? [])].sort().join('+'))
  }
  const tier = supports > 0 && contradicts > 0 ? 2 : seen.size > 1 ? 1 : 0
  return { tier, supports, contradicts } satisfies Diagnosticity
}

/**
 * Evidence grouped by origin, the groups ordered by how well they separate the claims: what supports one
 * claim and contradicts another first (more such pairs first), then what bears on some claims and not
 * others, then the rest; ties keep the order of each group's first item. An origin counts once however
 * many items repeat it.
 */
export function orderOriginGroups<T extends OriginItem>(
  evidence: readonly T[],
  claimIds: readonly string[],
  stances: readonly StanceCell[],
): OriginGroup<T>[] {
  const scored = originGroups(evidence).map((group, index) => ({
    group,
    index,
    d: diagnosticity(
      group.items.map((item) => item.id),
      claimIds,
      stances,
    ),
  }))
  scored.sort(
    (a, b) =>
      b.d.tier - a.d.tier ||
      b.d.supports * b.d.contradicts - a.d.supports * a.d.contradicts ||
      b.d.supports + b.d.contradicts - (a.d.supports + a.d.contradicts) ||
      a.index - b.index,
  )
  return scored.map((s) => s.group)
}

/** Evidence ordered as orderOriginGroups orders its groups, the items of one origin side by side. */
export function orderByDiagnosticity<T extends OriginItem>(
  evidence: readonly T[],
  claimIds: readonly string[],
  stances: readonly StanceCell[],
): T[] {
  return orderOriginGroups(evidence, claimIds, stances).flatMap((group) => group.items)
}

/** How many independent origins support and contradict one claim: five copies of one press release count once. */
export function originTally(
  claimId: string,
  evidence: readonly OriginItem[],
  stances: readonly StanceCell[],
): { supports: number; contradicts: number } {
  const keyOf = new Map(evidence.map((item) => [item.id, originGroupKey(item)]))
  const supports = new Set<string>()
  const contradicts = new Set<string>()
  for (const s of stances) {
    const key = keyOf.get(s.evidenceId)
    if (s.claimId !== claimId || key === undefined) continue
    if (s.stance === 'supports') supports.add(key)
    if (s.stance === 'contradicts') contradicts.add(key)
  }
  return { supports: supports.size, contradicts: contradicts.size }
}
