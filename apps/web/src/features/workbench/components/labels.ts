import type { EvidenceKind, StanceValue } from '@counterclaim/shared'

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

/** The order a click walks through: none → supports → contradicts → context → none. */
export const STANCE_CYCLE: readonly (StanceValue | null)[] = [null, 'supports', 'contradicts', 'context']

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
