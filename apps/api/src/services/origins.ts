import { and, asc, eq, inArray, isNull, type Tx, tables } from '@counterclaim/db'
import { twoSourceShortfall } from '@counterclaim/domain'
import { AppError } from '@counterclaim/shared'
import type { ServiceContext } from './context.ts'

const NUMBER_WORDS = ['no', 'one']

/**
 * The two-source rule (COUNTERCLAIM_TWO_SOURCE_RULE): with it on, a verdict is not published (nor
 * corrected to cite) evidence that comes from fewer than two independent origins. Archived items do not
 * count. With the rule off it does nothing: the web app warns beforehand from the same domain rule.
 */
export async function assertTwoSources(
  tx: Tx,
  ctx: ServiceContext,
  cited: { verdictId: string } | { evidenceIds: readonly string[] },
): Promise<void> {
  if (!ctx.twoSourceRule) return
  const e = tables.evidence
  const items =
    'verdictId' in cited
      ? await tx
          .select({ id: e.id, origin: e.origin, title: e.title })
          .from(tables.verdictCitations)
          .innerJoin(e, eq(e.id, tables.verdictCitations.evidenceId))
          .where(and(eq(tables.verdictCitations.verdictId, cited.verdictId), isNull(e.archivedAt)))
          .orderBy(asc(tables.verdictCitations.position))
      : cited.evidenceIds.length
        ? // In the order cited, so the message names the origin as the first cited item spells it.
          (
            await tx
              .select({ id: e.id, origin: e.origin, title: e.title })
              .from(e)
              .where(and(inArray(e.id, [...cited.evidenceIds]), isNull(e.archivedAt)))
          ).sort((a, b) => cited.evidenceIds.indexOf(a.id) - cited.evidenceIds.indexOf(b.id))
        : []
  const shortfall = twoSourceShortfall(items)
  if (!shortfall) return
  const count = NUMBER_WORDS[shortfall.origins] ?? String(shortfall.origins)
  throw new AppError(
    'validation_failed',
    `${shortfall.message} The two-source rule needs the cited evidence to come from at least two independent origins.`,
    [
      {
        path: 'citedEvidenceIds',
        message: `comes from ${count} independent origin${shortfall.origins === 1 ? '' : 's'}; cite evidence from at least two`,
      },
    ],
  )
}

/** Whether a correction names cited evidence other than the verdict cites now (order aside). */
export function citationsChanged(
  next: readonly string[] | undefined,
  current: readonly string[] | undefined,
): next is readonly string[] {
  if (!next) return false
  const now = new Set(current ?? [])
  return next.length !== now.size || next.some((id) => !now.has(id))
}
