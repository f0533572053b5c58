import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ftsQuery,
  fullTextQuery,
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
  searchTerms,
  snippetParts,
  tsQuery,
} from './search.ts'

describe('ftsQuery', () => {
  it('quotes every word, so FTS5 syntax is only text', () => {
    expect(ftsQuery('AND OR NOT')).toBe('"AND" "OR" "NOT"')
    expect(ftsQuery('"unbalanced')).toBe('"unbalanced"')
    expect(ftsQuery('title: (drones) NEAR/2 -x*')).toBe('"title" "drones" "NEAR" "2" "x"*')
    expect(ftsQuery('Київ пологовий')).toBe('"Київ" "пологовий"')
  })

  it('matches words exactly, and the last as a prefix only when a * ends it', () => {
    expect(ftsQuery('maternity hospital')).toBe('"maternity" "hospital"')
    expect(ftsQuery('matern*')).toBe('"matern"*')
    expect(ftsQuery('Київ полог** ')).toBe('"Київ" "полог"*')
    expect(ftsQuery('matern* hospital')).toBe('"matern" "hospital"')
    expect(ftsQuery('matern *')).toBe('"matern"')
  })

  it('gives nothing for text without words', () => {
    expect(ftsQuery('')).toBeNull()
    expect(ftsQuery('  "" ** () ')).toBeNull()
  })

  it('only ever writes quoted words', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (input) => {
        const q = ftsQuery(input)
        if (q !== null) expect(q).toMatch(/^"[\p{L}\p{N}\p{M}_]+"( "[\p{L}\p{N}\p{M}_]+")*\*?$/u)
      }),
    )
  })
})

describe('tsQuery', () => {
  it('quotes every word and requires them all, so tsquery syntax is only text', () => {
    expect(tsQuery('maternity hospital')).toBe("'maternity' & 'hospital'")
    expect(tsQuery("it's a & b | !c <-> (d) :* \\")).toBe("'it' & 's' & 'a' & 'b' & 'c' & 'd'")
    expect(tsQuery('Київ пологовий')).toBe("'Київ' & 'пологовий'")
  })

  it('asks for the same words as the FTS5 query, the last as a prefix when a * ends it', () => {
    expect(tsQuery('matern*')).toBe("'matern':*")
    expect(tsQuery('Київ полог** ')).toBe("'Київ' & 'полог':*")
    expect(tsQuery('matern* hospital')).toBe("'matern' & 'hospital'")
    expect(tsQuery('  "" ** () ')).toBeNull()
    expect(fullTextQuery('matern*', 'postgres')).toBe(tsQuery('matern*'))
    expect(fullTextQuery('matern*', 'sqlite')).toBe(ftsQuery('matern*'))
  })

  it('only ever writes quoted words joined by &, from the terms FTS5 gets', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (input) => {
        const q = tsQuery(input)
        expect(q === null).toBe(ftsQuery(input) === null)
        if (q === null) return
        expect(q).toMatch(/^'[\p{L}\p{N}\p{M}_]+'( & '[\p{L}\p{N}\p{M}_]+')*(:\*)?$/u)
        const terms = searchTerms(input)
        expect(q.split(' & ').map((w) => w.replace(/^'|'(:\*)?$/g, ''))).toEqual(terms?.words)
        expect(q.endsWith(':*')).toBe(terms?.prefix)
      }),
    )
  })
})

describe('snippetParts', () => {
  it('cuts a marked snippet into plain and matching parts', () => {
    expect(snippetParts(`…the ${SNIPPET_OPEN}maternity${SNIPPET_CLOSE} hospital`)).toEqual([
      { text: '…the ', match: false },
      { text: 'maternity', match: true },
      { text: ' hospital', match: false },
    ])
    expect(snippetParts('no hits')).toEqual([{ text: 'no hits', match: false }])
  })
})
