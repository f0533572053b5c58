import { joinWords, verdictPublishGaps } from '@counterclaim/domain'
import type { DeskSettings, Evidence, Verdict } from '@counterclaim/shared'

/**
 * Why an editor cannot publish a verdict in review, in a sentence or two, or null when they can: what the
 * verdict lacks (the server's own checks), and, when the desk keeps the two-person rule, that this editor
 * wrote or edited it. `evidence` is the dispute's live evidence.
 */
export function whyNotPublish(
  verdict: Verdict,
  evidence: readonly Evidence[],
  userId: string,
  desk: DeskSettings,
): string | null {
  const cited = evidence.filter((e) => verdict.citedEvidenceIds.includes(e.id)).map((e) => e.url)
  const gaps = verdictPublishGaps(verdict, cited)
  const reasons: string[] = []
  if (gaps.length) reasons.push(`It needs ${joinWords(gaps)} before it can be published.`)
  if (desk.twoPersonRule && verdict.contributors.some((person) => person.id === userId))
    reasons.push('You wrote or edited this verdict: another editor must publish it.')
  return reasons.length ? reasons.join(' ') : null
}
