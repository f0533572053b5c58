import { joinWords, twoSourceShortfall, verdictPublishGaps } from '@counterclaim/domain'
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
  const citedItems = evidence.filter((e) => verdict.citedEvidenceIds.includes(e.id))
  const gaps = verdictPublishGaps(
    verdict,
    citedItems.map((e) => e.url),
  )
  const reasons: string[] = []
  if (gaps.length) reasons.push(`It needs ${joinWords(gaps)} before it can be published.`)
  if (desk.twoPersonRule && verdict.contributors.some((person) => person.id === userId))
    reasons.push('You wrote or edited this verdict: another editor must publish it.')
  const shortfall = desk.twoSourceRule && citedItems.length ? twoSourceShortfall(citedItems) : null
  if (shortfall)
    reasons.push(`${shortfall.message} The desk’s two-source rule needs two independent origins.`)
  return reasons.length ? reasons.join(' ') : null
}
