import { randomUUID } from 'node:crypto'
import {
  and,
  asc,
  byCodePoint,
  claimantIndexMatches,
  containsText,
  type Db,
  desc,
  descNullsLast,
  eq,
  forUpdate,
  gt,
  inArray,
  isNull,
  keyContains,
  keyEquals,
  or,
  readTransaction,
  type Tx,
  tables,
  transaction,
  zeroWhen,
} from '@counterclaim/db'
import {
  type ClaimantNames,
  claimantKey,
  claimantKeysOf,
  nameWithKeyIn,
  tidyAliases,
} from '@counterclaim/domain'
import {
  AppError,
  type Claimant,
  type ClaimantConflict,
  type ClaimantCreateSchema,
  type ClaimantDetail,
  type ClaimantListQuerySchema,
  type ClaimantPatchSchema,
} from '@counterclaim/shared'
import type { z } from 'zod'
import { textQuery } from './claim-log-filters.ts'
import type { ServiceContext } from './context.ts'
import { decodeCursor, toPage } from './cursor.ts'
import { type HistoryInput, recordHistory } from './history.ts'
import { replayOrConflict } from './idempotency.ts'
import { toClaim, toClaimant } from './mappers.ts'
import { loadVerdicts } from './verdicts.ts'
import { assertVersion, found } from './versioning.ts'

type CreateInput = z.infer<typeof ClaimantCreateSchema>
type PatchInput = z.infer<typeof ClaimantPatchSchema>

export async function getClaimant(db: Db, id: string): Promise<Claimant> {
  const [row] = await db.select().from(tables.claimants).where(eq(tables.claimants.id, id))
  return toClaimant(found(row, 'Claimant'))
}

/**
 * A claimant with its track record: every claim it made, with the verdicts. The reads run in one
 * read transaction, so they agree with each other.
 */
export async function getClaimantDetail(db: Db, id: string): Promise<ClaimantDetail> {
  return readTransaction(db, async (tx) => {
    const claimant = await getClaimant(tx, id)
    const rows = await tx
      .select({ claim: tables.claims, disputeTitle: tables.disputes.title })
      .from(tables.claims)
      .innerJoin(tables.disputes, eq(tables.disputes.id, tables.claims.disputeId))
      .where(and(eq(tables.claims.claimantId, id), isNull(tables.claims.archivedAt)))
      .orderBy(descNullsLast(tables.claims.statedOn), desc(tables.claims.createdAt))
    const verdicts = await loadVerdicts(
      tx,
      rows.map((r) => r.claim.id),
    )
    return {
      ...claimant,
      claims: rows.map((r) => ({
        ...toClaim(r.claim),
        disputeTitle: r.disputeTitle,
        verdict: verdicts.get(r.claim.id) ?? null,
      })),
    }
  })
}

/**
 * Claimants by name, merged ones left out unless `archived=1`. `q` finds a claimant whose name or an
 * alias contains it by claimantKey (case, hyphens, dots and spacing aside; accents too on PostgreSQL), or
 * whose words the search index finds; those whose name or alias is exactly `q` by key come first, so a
 * picker offers the claimant already on the desk before the others.
 */
export async function listClaimants(db: Db, query: z.infer<typeof ClaimantListQuerySchema>) {
  const c = tables.claimants
  const cursor = decodeCursor(query.cursor)
  const conditions = []
  if (query.archived !== '1') conditions.push(isNull(c.archivedAt))
  const q = query.q?.trim() ?? ''
  const key = claimantKey(q)
  const fts = q ? textQuery(db, q) : null
  if (q) {
    conditions.push(
      or(
        containsText(c.name, q),
        ...(key ? [keyContains(c.name, key), keyContains(c.aliases, key)] : []),
        ...(fts ? [claimantIndexMatches(c.id, fts)] : []),
      ),
    )
  }
  // Exact matches first: the order is (rank, name, id), the cursor's key the rank's digit and the name.
  const exact = key ? or(keyEquals(c.name, key), keyEquals(c.aliases, key, { list: true })) : undefined
  const rank = zeroWhen(exact)
  if (cursor) {
    const [sortKey, id] = cursor
    const [after, name] = [sortKey.startsWith('1') ? 1 : 0, sortKey.slice(1)]
    const byName = or(gt(byCodePoint(c.name), name), and(eq(c.name, name), gt(c.id, id)))
    conditions.push(exact ? or(gt(rank, after), and(eq(rank, after), byName)) : byName)
  }
  const rows = await db
    .select({ claimant: c, rank })
    .from(c)
    .where(and(...conditions))
    .orderBy(...(exact ? [asc(rank)] : []), asc(byCodePoint(c.name)), asc(c.id))
    .limit(query.limit + 1)
  const page = toPage(rows, query.limit, (r) => [`${r.rank}${r.claimant.name}`, r.claimant.id])
  return { items: page.items.map((r) => toClaimant(r.claimant)), nextCursor: page.nextCursor }
}

/**
 * The live claimants (not merged) with a name or alias among `keys` (claimantKeys), by name. The names of
 * every live claimant are read and compared here rather than in SQL, so that the key is exactly the
 * domain's on both engines (thousands of claimants on a large desk: a few milliseconds).
 */
async function sameNamed(tx: Tx, keys: ReadonlySet<string>, exceptId?: string): Promise<Claimant[]> {
  if (keys.size === 0) return []
  const c = tables.claimants
  const live = await tx
    .select({ id: c.id, name: c.name, aliases: c.aliases })
    .from(c)
    .where(isNull(c.archivedAt))
  const ids = live.filter((r) => r.id !== exceptId && nameWithKeyIn(r, keys) !== null).map((r) => r.id)
  if (ids.length === 0) return []
  const rows = await tx
    .select()
    .from(c)
    .where(inArray(c.id, ids))
    .orderBy(asc(byCodePoint(c.name)), asc(c.id))
  return rows.map(toClaimant)
}

/**
 * The 409 for a claimant whose name or an alias another claimant already has: the message names them (with
 * the alias that matched, when it was not their name), the details list them.
 */
function alreadyOnTheDesk(names: ClaimantNames, matches: Claimant[]): AppError {
  const nameKey = new Set([claimantKey(names.name)])
  const byName = matches.some((m) => nameWithKeyIn(m, nameKey) !== null)
  const keys = claimantKeysOf(names)
  const who = matches
    .map((m) => {
      const shared = nameWithKeyIn(m, keys)
      return shared && claimantKey(shared) !== claimantKey(m.name)
        ? `${m.name} (also known as “${shared}”)`
        : m.name
    })
    .join('; ')
  const details: ClaimantConflict = { matches }
  return new AppError(
    'conflict',
    `A claimant with ${byName ? 'this name' : 'one of these aliases'} is already on the desk: ${who}. Use that claimant, or create this one anyway.`,
    details,
  )
}

export async function createClaimant(
  ctx: ServiceContext,
  input: CreateInput,
): Promise<{ record: Claimant; created: boolean }> {
  return transaction(ctx.db, async (tx) => {
    const { allowDuplicate, ...fields } = input
    const aliases = tidyAliases(input.name, input.aliases ?? [])
    const replay = (existing: Claimant) =>
      replayOrConflict(input.aliases === undefined ? fields : { ...fields, aliases }, existing)
    if (input.id) {
      const [existing] = await tx.select().from(tables.claimants).where(eq(tables.claimants.id, input.id))
      if (existing) return { record: replay(toClaimant(existing)), created: false }
    }
    if (!allowDuplicate) {
      const names = { name: input.name, aliases }
      const matches = await sameNamed(tx, claimantKeysOf(names))
      // The same create retried at once (PostgreSQL): its twin committed between the two reads.
      const twin = matches.find((m) => m.id === input.id)
      if (twin) return { record: replay(twin), created: false }
      if (matches.length) throw alreadyOnTheDesk(names, matches)
    }
    const id = input.id ?? randomUUID()
    const [row] = await tx
      .insert(tables.claimants)
      .values({
        id,
        name: input.name,
        kind: input.kind,
        description: input.description ?? '',
        url: input.url ?? null,
        sameAs: input.sameAs ?? [],
        aliases,
        jobTitle: input.jobTitle ?? null,
        affiliation: input.affiliation ?? null,
        imageUrl: input.imageUrl ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
    const record = toClaimant(found(row, 'Claimant'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claimant',
      entityId: id,
      action: 'created',
      before: null,
      after: record,
    })
    return { record, created: true }
  })
}

/** A merged claimant takes no changes: its claims and names live on in the one it was merged into. */
function assertNotMerged(row: { archivedAt: string | null; mergedIntoId: string | null }, doing: string) {
  if (row.archivedAt === null) return
  throw new AppError('conflict', `This claimant was merged into another one: ${doing} that one instead.`, {
    mergedIntoId: row.mergedIntoId,
  })
}

export async function updateClaimant(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  input: PatchInput,
): Promise<Claimant> {
  return transaction(ctx.db, async (tx) => {
    const [currentRow] = await forUpdate(
      tx.select().from(tables.claimants).where(eq(tables.claimants.id, id)),
    )
    const current = found(currentRow, 'Claimant')
    const before = toClaimant(current)
    assertVersion(expectedVersion, current, before)
    assertNotMerged(current, 'change')
    const { allowDuplicate, ...change } = input
    if (change.name !== undefined || change.aliases !== undefined) {
      const names = { name: change.name ?? current.name, aliases: change.aliases ?? current.aliases }
      change.aliases = tidyAliases(names.name, names.aliases)
      // Only names new to this claimant are checked: one kept as a duplicate stays so through later edits.
      const had = claimantKeysOf(current)
      const added = new Set(
        [...claimantKeysOf({ ...names, aliases: change.aliases })].filter((k) => !had.has(k)),
      )
      if (!allowDuplicate) {
        const matches = await sameNamed(tx, added, id)
        if (matches.length) throw alreadyOnTheDesk(names, matches)
      }
    }
    const [row] = await tx
      .update(tables.claimants)
      .set({ ...change, updatedAt: ctx.now, version: current.version + 1 })
      .where(eq(tables.claimants.id, id))
      .returning()
    if (change.name !== undefined || change.kind !== undefined) {
      await tx.update(tables.claims).set({ activityAt: ctx.now }).where(eq(tables.claims.claimantId, id))
    }
    const after = toClaimant(found(row, 'Claimant'))
    await recordHistory(tx, {
      actorId: ctx.actor.id,
      at: ctx.now,
      entity: 'claimant',
      entityId: id,
      action: 'updated',
      before,
      after,
    })
    return after
  })
}

/**
 * Makes two claimants one: every claim of `id` (archived ones too) moves to `intoId` (each a new version
 * with its `updated` event), `id`'s name and aliases join `intoId`'s aliases, and `id` is archived as
 * merged into `intoId`. Published verdicts keep their snapshots: the public record changes by correction.
 */
export async function mergeClaimant(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number | null,
  intoId: string,
): Promise<Claimant> {
  return transaction(ctx.db, async (tx) => {
    const c = tables.claimants
    // Both locked, in one order whatever the direction, so two opposite merges wait rather than deadlock.
    const locked = await forUpdate(
      tx
        .select()
        .from(c)
        .where(inArray(c.id, [id, intoId]))
        .orderBy(asc(c.id)),
    )
    const source = found(
      locked.find((r) => r.id === id),
      'Claimant',
    )
    assertVersion(expectedVersion, source, toClaimant(source))
    if (id === intoId) throw new AppError('conflict', 'A claimant cannot be merged into itself.', { intoId })
    assertNotMerged(source, 'merge')
    const target = locked.find((r) => r.id === intoId)
    if (!target) throw new AppError('not_found', 'The claimant to merge into was not found.')
    if (target.archivedAt !== null) {
      throw new AppError(
        'conflict',
        `“${target.name}” was itself merged into another claimant: merge into that one.`,
        { mergedIntoId: target.mergedIntoId },
      )
    }
    const events: HistoryInput[] = []
    const event = (e: Omit<HistoryInput, 'actorId' | 'at'>) =>
      events.push({ actorId: ctx.actor.id, at: ctx.now, ...e })

    const claims = tables.claims
    for (const claim of await forUpdate(tx.select().from(claims).where(eq(claims.claimantId, id)))) {
      const [moved] = await tx
        .update(claims)
        .set({ claimantId: intoId, activityAt: ctx.now, updatedAt: ctx.now, version: claim.version + 1 })
        .where(eq(claims.id, claim.id))
        .returning()
      event({
        entity: 'claim',
        entityId: claim.id,
        action: 'updated',
        before: toClaim(claim),
        after: toClaim(found(moved, 'Claim')),
        disputeId: claim.disputeId,
        claimId: claim.id,
      })
    }

    const aliases = tidyAliases(target.name, [...target.aliases, source.name, ...source.aliases])
    const [survivorRow] = await tx
      .update(c)
      .set({ aliases, updatedAt: ctx.now, version: target.version + 1 })
      .where(eq(c.id, intoId))
      .returning()
    const survivor = toClaimant(found(survivorRow, 'Claimant'))
    event({
      entity: 'claimant',
      entityId: intoId,
      action: 'updated',
      before: toClaimant(target),
      after: survivor,
    })

    const [mergedRow] = await tx
      .update(c)
      .set({ archivedAt: ctx.now, mergedIntoId: intoId, updatedAt: ctx.now, version: source.version + 1 })
      .where(eq(c.id, id))
      .returning()
    event({
      entity: 'claimant',
      entityId: id,
      action: 'merged',
      before: toClaimant(source),
      after: toClaimant(found(mergedRow, 'Claimant')),
    })
    for (const e of events) await recordHistory(tx, e)
    return survivor
  })
}
