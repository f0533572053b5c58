import {
  RATING_SCALE,
  type Rating,
  type Verdict,
  VerdictSchema,
  type WorkbenchEvidence,
} from '@counterclaim/shared'
import type { ConflictField } from '../../../components/record-conflict.tsx'
import { i18n } from '../../../i18n/i18n.ts'

/** What a verdict's forms hold of it: its fields as typed, the cited evidence by id, sorted. */
export function verdictValues(verdict: Verdict | null) {
  return {
    rating: (verdict?.rating ?? '') as Rating | '',
    summary: verdict?.summary ?? '',
    rationale: verdict?.rationale ?? '',
    cited: [...(verdict?.citedEvidenceIds ?? [])].sort(),
  }
}
export type VerdictValues = ReturnType<typeof verdictValues>

/** A 412's details as the verdict they carry. */
export const parseVerdict = (details: unknown): Verdict | null =>
  VerdictSchema.safeParse(details).data ?? null

/** The verdict's fields as a conflict names and shows them; cited evidence by title. */
export function verdictFields(
  evidence: readonly WorkbenchEvidence[],
): readonly ConflictField<VerdictValues>[] {
  return [
    {
      key: 'rating',
      label: i18n.t('verdicts:field.rating'),
      show: (r) =>
        RATING_SCALE.some((x) => x.rating === r)
          ? i18n.t(`domain:rating.${r as Rating}`)
          : i18n.t('verdicts:notRatedYet'),
    },
    { key: 'summary', label: i18n.t('verdicts:field.summary') },
    { key: 'rationale', label: i18n.t('verdicts:field.rationale') },
    {
      key: 'cited',
      label: i18n.t('domain:field.citedEvidenceIds'),
      show: (ids) => {
        const cited = new Set(Array.isArray(ids) ? ids : [])
        const titles = evidence.filter((e) => cited.has(e.id)).map((e) => e.title)
        return titles.length ? titles.join('; ') : i18n.t('verdicts:noneCited')
      },
    },
  ]
}
