import { type CorrectedFields, ratingLabel } from '@counterclaim/shared'

/** A rating in words, "Not rated" for none: for sentences such as "Mostly false → False". */
export function ratingWords(rating: string | null | undefined): string {
  return ratingLabel(rating) || 'Not rated'
}

/** What a correction changes besides the rating, in words: "the summary", "the cited evidence". */
export function otherCorrectedFields(before: CorrectedFields, after: CorrectedFields): string[] {
  const parts: string[] = []
  if (before.summary !== after.summary) parts.push('the summary')
  if (before.rationale !== after.rationale) parts.push('the rationale')
  if ((before.citedEvidenceIds ?? []).join(' ') !== (after.citedEvidenceIds ?? []).join(' '))
    parts.push('the cited evidence')
  return parts
}
