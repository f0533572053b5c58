import { claimantKey } from './words.ts'

/** A claimant's names: the one it goes by and its aliases. */
export interface ClaimantNames {
  name: string
  aliases: readonly string[]
}

/**
 * Aliases as a claimant keeps them: trimmed, each name once by its claimantKey (the first spelling
 * kept), never the claimant's own name, never one with nothing left to compare (only dots or hyphens).
 */
export function tidyAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([claimantKey(name)])
  const kept: string[] = []
  for (const raw of aliases) {
    const alias = raw.trim()
    const key = claimantKey(alias)
    if (!key || seen.has(key)) continue
    seen.add(key)
    kept.push(alias)
  }
  return kept
}

/** The claimantKey of each of a claimant's names. */
export function claimantKeysOf(names: ClaimantNames): Set<string> {
  return new Set([names.name, ...names.aliases].map(claimantKey).filter(Boolean))
}

/** The first of `names` (name, then aliases) whose key is among `keys`, or null. */
export function nameWithKeyIn(names: ClaimantNames, keys: ReadonlySet<string>): string | null {
  return [names.name, ...names.aliases].find((n) => keys.has(claimantKey(n))) ?? null
}

/** A claimant as claimantsByKey() reads it: merged ones name the claimant they were merged into. */
export interface KeyedClaimant extends ClaimantNames {
  id: string
  mergedIntoId: string | null
  createdAt: string
}

/**
 * Which claimant each name key stands for, as an import resolves a name: a live claimant's name first,
 * then a live claimant's alias (the oldest claimant first in each), then a merged claimant's names, which
 * lead to the claimant it was merged into (following later merges too).
 */
export function claimantsByKey(claimants: readonly KeyedClaimant[]): Map<string, string> {
  const byId = new Map(claimants.map((c) => [c.id, c]))
  const survivor = (c: KeyedClaimant): string => {
    let at = c
    for (let hops = 0; at.mergedIntoId && hops < claimants.length; hops++) {
      const next = byId.get(at.mergedIntoId)
      if (!next) break
      at = next
    }
    return at.id
  }
  const ordered = [...claimants].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  )
  const live = ordered.filter((c) => !c.mergedIntoId)
  const merged = ordered.filter((c) => c.mergedIntoId)
  const index = new Map<string, string>()
  const add = (name: string, id: string) => {
    const key = claimantKey(name)
    if (key && !index.has(key)) index.set(key, id)
  }
  for (const c of live) add(c.name, c.id)
  for (const c of live) for (const alias of c.aliases) add(alias, c.id)
  for (const c of merged) for (const name of [c.name, ...c.aliases]) add(name, survivor(c))
  return index
}
