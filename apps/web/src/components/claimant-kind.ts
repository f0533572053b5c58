import type { ClaimantKind } from '@counterclaim/shared'

const KIND_LABELS: Record<ClaimantKind, string> = {
  person: 'Person',
  government: 'Government',
  military: 'Military',
  media: 'Media',
  ngo: 'NGO',
  other: 'Other',
}

/** The words for a kind of claimant. */
export function claimantKindLabel(kind: ClaimantKind): string {
  return KIND_LABELS[kind]
}
