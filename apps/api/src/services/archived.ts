import { eq, type Tx, tables } from '@counterclaim/db'
import { AppError } from '@counterclaim/shared'

type Archivable = 'dispute' | 'claim' | 'evidence'

const THIS: Record<Archivable, string> = {
  dispute: 'This dispute',
  claim: 'This claim',
  evidence: 'This evidence item',
}

/**
 * Archived records take no writes: the one guard every write calls before it changes anything.
 * A change that restores the record itself (`restoring`) is the one write an archived record takes.
 */
export function assertNotArchived(
  kind: Archivable,
  row: { archivedAt: string | null },
  options: { restoring?: boolean; doing?: string } = {},
): void {
  if (row.archivedAt === null || options.restoring) return
  throw new AppError(
    'conflict',
    `${THIS[kind]} is archived: restore it before ${options.doing ?? 'changing it'}.`,
    { archived: kind },
  )
}

/** The dispute a write happens in must not be archived: nothing inside an archived dispute changes. */
export async function assertDisputeLive(
  tx: Tx,
  disputeId: string,
  doing = 'changing anything in it',
): Promise<void> {
  const [dispute] = await tx
    .select({ archivedAt: tables.disputes.archivedAt })
    .from(tables.disputes)
    .where(eq(tables.disputes.id, disputeId))
    .limit(1)
  if (dispute) assertNotArchived('dispute', dispute, { doing })
}
