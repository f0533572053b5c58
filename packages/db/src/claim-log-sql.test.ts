import { describe, expect, it } from 'vitest'
import { numbered } from './claim-log-pg.ts'
import { claimLogSql, FILTER_KEYS } from './claim-log-sql.ts'

const PARAMS = {
  disputeId: 'd',
  claimantId: 'c',
  rating: 'false',
  status: 'draft',
  from: '2024-01-01',
  to: '2024-12-31',
  tag: 'x',
  fts: "'x'",
  cursorAt: '9999',
  cursorId: '',
  limit: 50,
}

describe('numbered', () => {
  it('numbers named parameters in order of first use, once each, and leaves @@ alone', () => {
    expect(numbered('a = @a AND v @@ f(@b) AND c = @a', { a: 1, b: 'x' })).toEqual({
      text: 'a = $1 AND v @@ f($2) AND c = $1',
      values: [1, 'x'],
    })
  })

  it('refuses a statement with a parameter it has no value for', () => {
    expect(() => numbered('a = @missing', {})).toThrow(/@missing/)
  })
})

describe("the claim log's PostgreSQL statements", () => {
  it('hold none of SQLite’s syntax, under every filter and page', () => {
    for (const key of FILTER_KEYS) {
      for (const cursor of [false, true]) {
        const { text, values } = numbered(
          claimLogSql(new Set([key]), { cursor, limit: true }, 'postgres'),
          PARAMS,
        )
        expect(text, key).not.toMatch(/CROSS JOIN|MATCH|search_index|search_refs|\+c\.|char\(|(?<!@)@(?!@)/)
        expect(text, key).toContain('ORDER BY c.activity_at DESC, c.id DESC')
        expect(text, key).toContain('d.tags::text')
        expect(values.length, key).toBe(new Set(text.match(/\$\d+/g)).size)
      }
    }
  })

  it('select the same columns as SQLite’s, in the same order', () => {
    // PostgreSQL reads a json column's text and the first quantity's fields with its own operators.
    const pgOnly: [string, string][] = [
      ['d.tags::text', 'd.tags'],
      ["(c.quantities->0->>'value')::float8", "json_extract(c.quantities, '$[0].value')"],
      ["c.quantities->0->>'unit'", "json_extract(c.quantities, '$[0].unit')"],
      ["c.quantities->0->>'qualifier'", "json_extract(c.quantities, '$[0].qualifier')"],
      ['c.quantities::text', 'c.quantities'],
    ]
    const columns = (sql: string) =>
      pgOnly.reduce((text, [pg, sqlite]) => text.replace(pg, sqlite), sql.slice(0, sql.indexOf('\nFROM')))
    expect(columns(claimLogSql(new Set(), { cursor: false, limit: false }, 'postgres'))).toBe(
      columns(claimLogSql(new Set(), { cursor: false, limit: false }, 'sqlite')),
    )
  })
})
