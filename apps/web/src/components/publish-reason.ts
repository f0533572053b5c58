import { twoSourceShortfall, verdictGaps } from '@counterclaim/domain'
import type { DeskSettings, Verdict, WorkbenchEvidence } from '@counterclaim/shared'
import { i18n } from '../i18n/i18n.ts'
import { formatList } from './dates.ts'

/** The two-source rule's shortfall as a sentence in the interface's language. */
function shortfallWords(shortfall: NonNullable<ReturnType<typeof twoSourceShortfall>>): string {
  const { only } = shortfall
  if (!only) return i18n.t('common:publish.noOrigin')
  if (only.items > 1 && only.label)
    return i18n.t('common:publish.oneOriginRepeated', { origin: only.label, count: only.items })
  const origin =
    only.label ??
    (only.title
      ? i18n.t('common:publish.loneItem', { title: only.title })
      : i18n.t('common:publish.singleItem'))
  return i18n.t('common:publish.oneOrigin', { origin })
}

/**
 * Why an editor cannot publish a verdict in review, in a sentence or two, or null when they can: what the
 * verdict lacks (the server's own checks), and, when the desk keeps the two-person rule, that this editor
 * wrote or edited it. `evidence` is the dispute's live evidence.
 */
export function whyNotPublish(
  verdict: Verdict,
  evidence: readonly WorkbenchEvidence[],
  userId: string,
  desk: DeskSettings,
): string | null {
  const citedItems = evidence.filter((e) => verdict.citedEvidenceIds.includes(e.id))
  const gaps = verdictGaps(
    verdict,
    citedItems.map((e) => e.url),
  )
  const reasons: string[] = []
  if (gaps.length)
    reasons.push(
      i18n.t('common:publish.needs', {
        gaps: formatList(gaps.map((gap) => i18n.t(`common:publish.gap.${gap}`))),
      }),
    )
  if (desk.twoPersonRule && verdict.contributors.some((person) => person.id === userId))
    reasons.push(i18n.t('common:publish.ownVerdict'))
  const shortfall = desk.twoSourceRule && citedItems.length ? twoSourceShortfall(citedItems) : null
  if (shortfall) reasons.push(i18n.t('common:publish.twoSource', { shortfall: shortfallWords(shortfall) }))
  return reasons.length ? reasons.join(' ') : null
}
