// Other desks' fact-checks: the one filter drizzle has no operator for, full text over the search index of
// each engine (SQLite: FTS5's search_index through search_refs, drizzle/0007; PostgreSQL: the generated
// fact_checks.search_vector, drizzle-pg/0004). Both index the publisher's name and the claim reviewed.
import { type SQL, sql } from 'drizzle-orm'
import { currentEngine, tables } from './client.ts'

/**
 * Fact-checks whose publisher or claim matches `fts`, the engine's full-text query (packages/domain's
 * fullTextQuery), as a condition on `tables.factChecks` for a select from that table.
 */
export function factCheckTextMatch(fts: string): SQL {
  if (currentEngine() === 'postgres') {
    return sql`${sql.identifier('fact_checks')}.search_vector @@ to_tsquery('cc', ${fts})`
  }
  return sql`${tables.factChecks.id} in (select r.ref_id from search_refs r
    where r.kind = 'fact_check' and r.id in (select rowid from search_index where search_index match ${fts}))`
}
