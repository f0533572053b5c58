import { getTableName, is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { copyPlan } from './copy.ts'
import * as pgSchema from './schema-pg.ts'

const pgTables = (Object.values(pgSchema) as unknown[]).filter((value): value is PgTable =>
  is(value, PgTable),
)

describe('the plan of db:copy', () => {
  const plan = copyPlan()

  it('takes every table of the schema, once', () => {
    expect(plan.map((t) => t.name).sort()).toEqual(pgTables.map((t) => getTableName(t)).sort())
  })

  it('places every table after the tables its foreign keys point to', () => {
    const position = new Map(plan.map((t, i) => [t.name, i]))
    for (const table of pgTables) {
      const config = getTableConfig(table)
      for (const fk of config.foreignKeys) {
        const parent = getTableName(fk.reference().foreignTable)
        expect(position.get(parent), `${parent} before ${config.name}`).toBeLessThan(
          position.get(config.name) ?? -1,
        )
      }
    }
  })

  it("writes every column, and knows history's seq is an identity whose sequence must move on", () => {
    const history = plan.find((t) => t.name === 'history_events')
    expect(history?.columns.map((c) => c.name)).toEqual(
      getTableConfig(pgSchema.historyEvents).columns.map((c) => c.name),
    )
    expect(history?.columns.filter((c) => c.identity).map((c) => c.name)).toEqual(['seq'])
    expect(history?.overriding).toBe(false)
  })
})
