import type { ClaimRelationKind, EvidenceKind, StanceValue } from '@counterclaim/shared'

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  official_statement: 'Official statement',
  news_report: 'News report',
  eyewitness: 'Eyewitness',
  photo: 'Photo',
  video: 'Video',
  satellite: 'Satellite',
  document: 'Document',
  dataset: 'Dataset',
  expert: 'Expert',
  fact_check: 'Fact-check by another desk',
  other: 'Other',
}

/** The choices of a cell's stance menu, in their order; null is "none". */
export const STANCE_CHOICES: readonly (StanceValue | null)[] = ['supports', 'contradicts', 'context', null]

export const STANCE_MARKS: Record<StanceValue, string> = { supports: '✔', contradicts: '✖', context: '◦' }

export const STANCE_LABELS: Record<StanceValue, string> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
  context: 'Context',
}

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

export const RELATION_LABELS: Record<ClaimRelationKind, string> = {
  contradicts: 'Contradicts',
  compatible: 'Compatible',
  different_scope: 'Different scope',
  same_claim: 'Same claim',
}
