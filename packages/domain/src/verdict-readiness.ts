import type { Rating } from '@counterclaim/shared'

/** The verdict fields the workflow's checks read. */
export interface VerdictFields {
  rating: Rating | null
  summary: string
  rationale: string
}

/** What a verdict can lack before publishing, by what is missing: the words for each are the reader's. */
export type VerdictGap = 'rating' | 'summary' | 'rationale' | 'citedUrl'

/** A verdict's publishing gaps as keys, in the order verdictPublishGaps says them; empty when it is complete. */
export function verdictGaps(verdict: VerdictFields, citedUrls: ReadonlyArray<string | null>): VerdictGap[] {
  const gaps: VerdictGap[] = []
  if (!verdict.rating) gaps.push('rating')
  if (!verdict.summary.trim()) gaps.push('summary')
  if (!verdict.rationale.trim()) gaps.push('rationale')
  if (!citedUrls.some((url) => url !== null)) gaps.push('citedUrl')
  return gaps
}

const GAP_WORDS: Readonly<Record<VerdictGap, string>> = {
  rating: 'a rating',
  summary: 'a summary',
  rationale: 'a rationale',
  citedUrl: 'at least one cited evidence item with a URL',
}

/**
 * What a verdict lacks before it can be published, in the words the API's refusal uses ("a rating",
 * "at least one cited evidence item with a URL"); empty when it is complete. `citedUrls` holds the URL
 * of each cited evidence item that is still in the dispute (null for one without a URL).
 */
export function verdictPublishGaps(
  verdict: VerdictFields,
  citedUrls: ReadonlyArray<string | null>,
): string[] {
  return verdictGaps(verdict, citedUrls).map((gap) => GAP_WORDS[gap])
}

/** What a dispute's conclusion lacks before it can be published, by field; empty when it is complete. */
export function conclusionPublishGaps(conclusion: {
  finding: string
  rationale: string
}): Array<'finding' | 'rationale'> {
  const gaps: Array<'finding' | 'rationale'> = []
  if (!conclusion.finding.trim()) gaps.push('finding')
  if (!conclusion.rationale.trim()) gaps.push('rationale')
  return gaps
}

/** Whether a draft has nothing to review yet: neither a rating nor a summary. */
export function isEmptyDraft(verdict: Pick<VerdictFields, 'rating' | 'summary'>): boolean {
  return !verdict.rating && !verdict.summary.trim()
}

/** A list in prose: "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}
