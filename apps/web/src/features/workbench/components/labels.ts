import {
  type ClaimRelationKind,
  ClaimRelationKindSchema,
  type EvidenceKind,
  EvidenceKindSchema,
  type StanceValue,
  StanceValueSchema,
} from '@counterclaim/shared'
import { i18n } from '../../../i18n/i18n.ts'

/**
 * A label map read from the domain catalogue (`domain:<group>.<value>`) at each use, so it always speaks
 * the interface's language now.
 */
function domainWords<K extends string>(
  group: 'evidenceKind' | 'stance' | 'relation',
  values: readonly K[],
): Readonly<Record<K, string>> {
  const words = {} as Record<K, string>
  for (const value of values) {
    Object.defineProperty(words, value, {
      enumerable: true,
      get: () => i18n.t(`${group}.${value}` as never, { ns: 'domain' }) as string,
    })
  }
  return words
}

export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = domainWords(
  'evidenceKind',
  EvidenceKindSchema.options,
)

/** The choices of a cell's stance menu, in their order; null is "none". */
export const STANCE_CHOICES: readonly (StanceValue | null)[] = ['supports', 'contradicts', 'context', null]

export const STANCE_MARKS: Record<StanceValue, string> = { supports: '✔', contradicts: '✖', context: '◦' }

export const STANCE_LABELS: Readonly<Record<StanceValue, string>> = domainWords(
  'stance',
  StanceValueSchema.options,
)

/** The Admiralty grade, "B2"; '' when ungraded. */
export function admiraltyGrade(reliability: string | null, credibility: number | null): string {
  if (!reliability && !credibility) return ''
  return `${reliability ?? '?'}${credibility ?? '?'}`
}

/** The choices of a relation's menu between two claims, in their order; null is "none". */
export const RELATION_CHOICES: readonly (ClaimRelationKind | null)[] = [
  'contradicts',
  'compatible',
  'different_scope',
  'same_claim',
  null,
]

export const RELATION_LABELS: Readonly<Record<ClaimRelationKind, string>> = domainWords(
  'relation',
  ClaimRelationKindSchema.options,
)
