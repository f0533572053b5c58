import type { CorrectedFields, Rating } from '@counterclaim/shared'
import { i18n } from '../i18n/i18n.ts'

/** A rating in words, "Not rated" for none: for sentences such as "Mostly false → False". */
export function ratingWords(rating: string | null | undefined): string {
  return rating ? i18n.t(`domain:rating.${rating as Rating}`) : i18n.t('domain:notRated')
}

/** What a correction can change besides the rating. */
export type CorrectedField = 'summary' | 'rationale' | 'citedEvidence'

/** What a correction changes besides the rating, as keys (for decisions that must not depend on the words). */
export function correctedFieldKeys(before: CorrectedFields, after: CorrectedFields): CorrectedField[] {
  const keys: CorrectedField[] = []
  if (before.summary !== after.summary) keys.push('summary')
  if (before.rationale !== after.rationale) keys.push('rationale')
  if ((before.citedEvidenceIds ?? []).join(' ') !== (after.citedEvidenceIds ?? []).join(' '))
    keys.push('citedEvidence')
  return keys
}

/** What a correction changes besides the rating, in words: "the summary", "the cited evidence". */
export function otherCorrectedFields(before: CorrectedFields, after: CorrectedFields): string[] {
  return correctedFieldKeys(before, after).map((key) => i18n.t(`common:corrected.${key}`))
}
