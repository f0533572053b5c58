import { foldText } from './words.ts'

/** What origins are read from: an evidence item and where it comes from (null or blank: its own origin). */
export interface OriginItem {
  id: string
  origin?: string | null
  /** The item's title, when a message names a lone item. */
  title?: string
}

/** Evidence items that count as one independent source. */
export interface OriginGroup<T extends OriginItem> {
  /** The group's key: the folded origin, or `item:<id>` for an item that is its own origin. */
  key: string
  /** The origin as the group's first item spells it; null for an item without one. */
  label: string | null
  items: T[]
}

/**
 * The key two origins share when they name the same source: folded (case and accents), without spacing
 * ("Reuters wire, 10 June", "reuters  wire,10 june" → one key); null when the item names no origin.
 */
export function originKey(origin: string | null | undefined): string | null {
  const key = foldText(origin ?? '').replace(/\s+/g, '')
  return key === '' ? null : key
}

/** The key of the origin group an item belongs to. */
export function originGroupKey(item: OriginItem): string {
  return originKey(item.origin) ?? `item:${item.id}`
}

/**
 * Items grouped by origin, in the order each group's first item comes; inside a group the items keep their
 * order. An item without an origin is a group of its own.
 */
export function originGroups<T extends OriginItem>(items: readonly T[]): OriginGroup<T>[] {
  const groups = new Map<string, OriginGroup<T>>()
  for (const item of items) {
    const key = originGroupKey(item)
    const group = groups.get(key)
    if (group) group.items.push(item)
    else
      groups.set(key, {
        key,
        label: originKey(item.origin) ? (item.origin?.trim() ?? null) : null,
        items: [item],
      })
  }
  return [...groups.values()]
}

/** How many independent origins the items come from: copies of one source count once. */
export function independentOrigins(items: readonly OriginItem[]): number {
  return new Set(items.map(originGroupKey)).size
}

/** The distinct origins the items name, each once as first spelled: what a datalist offers. */
export function knownOrigins(items: readonly OriginItem[]): string[] {
  return originGroups(items).flatMap((g) => (g.label ? [g.label] : []))
}

const lone = (item: OriginItem | undefined) => (item?.title ? `“${item.title}”` : 'a single item')

/** Publishing wants a verdict's cited evidence to come from at least this many independent origins. */
export const TWO_SOURCE_MINIMUM = 2

/**
 * When a verdict's cited evidence (non-archived items only) comes from fewer than two independent
 * origins: the count and a sentence saying so ("The cited evidence comes from one origin: Reuters wire,
 * 10 June."); null when it comes from two or more. One home for the two-source rule: the API refuses with
 * it when the rule is on, the web app warns with it before publishing.
 */
export function twoSourceShortfall(cited: readonly OriginItem[]): {
  origins: number
  message: string
  /** The one origin, for a message in another language: its label (null when the item names none), how many items repeat it, and the lone item's title. */
  only: { label: string | null; items: number; title: string | null } | null
} | null {
  const groups = originGroups(cited)
  if (groups.length >= TWO_SOURCE_MINIMUM) return null
  const [only] = groups
  const message = !only
    ? 'The cited evidence comes from no origin: cite at least two independent sources.'
    : only.items.length > 1 && only.label
      ? `The cited evidence comes from one origin: ${only.label} (${only.items.length} items repeat it).`
      : `The cited evidence comes from one origin: ${only.label ?? lone(only.items[0])}.`
  return {
    origins: groups.length,
    message,
    only: only ? { label: only.label, items: only.items.length, title: only.items[0]?.title ?? null } : null,
  }
}
