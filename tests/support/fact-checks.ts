// Other desks' fact-checks written straight into the table, as an import would leave them (the search and
// matching indexes follow through the table's triggers on SQLite, its generated columns on PostgreSQL), for
// tests and the bench that need fact-checks on the desk without going through an import. No Vitest here.
import { randomUUID } from 'node:crypto'
import { type Db, tables } from '../../packages/db/src/index.ts'
import type { Rating } from '../../packages/shared/src/index.ts'

export interface FactCheckPlan {
  claimReviewed: string
  publisherName?: string
  url?: string
  language?: string | null
  reviewDate?: string | null
  ratingLabel?: string | null
  ratingNormalized?: Rating | null
}

/** Inserts fact-checks and returns their ids, in the order given. */
export async function insertFactChecks(
  db: Db,
  plans: readonly FactCheckPlan[],
  at = new Date().toISOString(),
): Promise<string[]> {
  const rows = plans.map((plan) => {
    const id = randomUUID()
    return {
      id,
      url: plan.url ?? `https://factcheck.example.org/${id}`,
      publisherName: plan.publisherName ?? 'Example Fact Check',
      publisherUrl: 'https://factcheck.example.org/',
      claimReviewed: plan.claimReviewed,
      language: plan.language ?? null,
      reviewDate: plan.reviewDate ?? at.slice(0, 10),
      appearanceUrls: [],
      ratingLabel: plan.ratingLabel ?? 'False',
      ratingNormalized: plan.ratingNormalized === undefined ? 'false' : plan.ratingNormalized,
      createdAt: at,
      updatedAt: at,
    }
  })
  if (rows.length) await db.insert(tables.factChecks).values(rows)
  return rows.map((row) => row.id)
}
