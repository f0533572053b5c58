import { type Evidence, RATING_SCALE, type Rating, type Verdict, VerdictSchema } from '@counterclaim/shared'
import type { ConflictField } from '../../../components/record-conflict.tsx'

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
export function verdictFields(evidence: readonly Evidence[]): readonly ConflictField<VerdictValues>[] {
  return [
    {
      key: 'rating',
      label: 'Rating',
      show: (r) => RATING_SCALE.find((x) => x.rating === r)?.label ?? 'Not rated yet',
    },
    { key: 'summary', label: 'Summary' },
    { key: 'rationale', label: 'Rationale' },
    {
      key: 'cited',
      label: 'Cited evidence',
      show: (ids) => {
        const cited = new Set(Array.isArray(ids) ? ids : [])
        const titles = evidence.filter((e) => cited.has(e.id)).map((e) => e.title)
        return titles.length ? titles.join('; ') : '(none)'
      },
    },
  ]
}
