import { randomBytes } from 'node:crypto'
import { type Db, eq, tables } from '@counterclaim/db'

/**
 * A server key kept in the database under a name: made at random the first time it is asked for,
 * then the same across restarts (and for every process sharing the file). A second process racing
 * the first insert keeps the key that landed first.
 */
export async function appSecret(db: Db, name: string, at: string): Promise<Buffer> {
  const read = async () =>
    (
      await db
        .select({ value: tables.appSecrets.value })
        .from(tables.appSecrets)
        .where(eq(tables.appSecrets.name, name))
        .limit(1)
    )[0]
  const existing = await read()
  if (existing) return Buffer.from(existing.value, 'base64')
  await db
    .insert(tables.appSecrets)
    .values({ name, value: randomBytes(32).toString('base64'), createdAt: at })
    .onConflictDoNothing()
  const stored = await read()
  if (!stored) throw new Error(`the server key ${name} could not be stored`)
  return Buffer.from(stored.value, 'base64')
}
