import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MATCH_QUERY_TERMS, matchQueries } from './match-queries.ts'
import { ftsQuery, tsQuery } from './search.ts'

describe('matchQueries', () => {
  it('asks for the telling words, each also by its stem, numbers first, then the longest words', () => {
    expect(matchQueries('Russia launched 479 drones at the port', 'sqlite')).toEqual({
      terms: [
        '"479"',
        '("launched" OR "launch"*)',
        '("Russia" OR "russia"*)',
        '("drones" OR "drone"*)',
        '("port" OR "port"*)',
      ],
      words: ['"479"', '"launched"', '"Russia"', '"drones"', '"port"'],
      similar: [null, '"launch"', '"russi"', '"drone"', '"port"'],
    })
    expect(matchQueries('Russia launched 479 drones at the port', 'postgres')).toEqual({
      terms: [
        "'479'",
        "('launched' | 'launch':*)",
        "('Russia' | 'russia':*)",
        "('drones' | 'drone':*)",
        "('port' | 'port':*)",
      ],
      words: ["'479'", "'launched'", "'Russia'", "'drones'", "'port'"],
      similar: [null, 'launched', 'russia', 'drones', 'port'],
    })
  })

  it('writes each word as the search queries write it', () => {
    for (const word of ['hospitals', 'Ударов', 'යනු', 'Cafés']) {
      expect(matchQueries(word, 'sqlite').terms).toEqual([ftsQuery(word)])
      expect(matchQueries(word, 'postgres').terms).toEqual([tsQuery(word)])
    }
  })

  it('asks for a number in every way the word indexes may hold it', () => {
    expect(matchQueries('10,000 ballots', 'sqlite').terms[0]).toBe('("10000" OR "10 000")')
    expect(matchQueries('10 000 ballots', 'postgres').terms[0]).toBe("('10000' | '10' <-> '000')")
    expect(matchQueries('9,1 %', 'sqlite').terms).toEqual(['"9 1"'])
    expect(matchQueries('1.234.567', 'sqlite').terms).toEqual(['("1234567" OR "1 234 567")'])
    expect(matchQueries('১০ জনের', 'sqlite').terms).toEqual(['("10" OR "১০")', '"জনের"'])
  })

  it('leaves out stop words and words said twice, and gives nothing without a telling word', () => {
    expect(matchQueries('The drones and the drone', 'sqlite').terms).toEqual(['("drones" OR "drone"*)'])
    expect(matchQueries('the and of', 'sqlite')).toEqual({ terms: [], words: [], similar: [] })
    expect(matchQueries('  ,.  ', 'postgres')).toEqual({ terms: [], words: [], similar: [] })
  })

  it('keeps at most the longest words of a long text', () => {
    const words = Array.from(
      { length: 30 },
      (_, i) => 'w'.repeat(i % 7 === 0 ? 9 : 3) + String.fromCharCode(97 + i),
    )
    const { terms } = matchQueries(`${words.join(' ')} 2024`, 'postgres')
    expect(terms).toHaveLength(MATCH_QUERY_TERMS)
    expect(terms[0]).toBe("('2024' | '2' <-> '024')")
    expect(terms.slice(1, 6).every((term) => term.includes('wwwwwwwww'))).toBe(true)
  })

  it('gives the trigram read the start of each longer word, as the text writes it', () => {
    expect(matchQueries('Самолёт сбит над Курском', 'sqlite').similar).toEqual([
      '"самолё"',
      '"курско"',
      '"сбит"',
    ])
    expect(matchQueries('Самолёт сбит над Курском', 'postgres').similar).toEqual([
      'самолёт',
      'курском',
      'сбит',
    ])
    expect(matchQueries('MH17 hit', 'sqlite').similar).toEqual(['"mh17"', null])
  })

  it('writes only quoted words, numbers and operators, whatever the text', () => {
    const sqliteTerm = /^(?:\("[^"]+"(?: OR "[^"]+"\*?)+\)|"[^"]+")$/u
    const pgTerm =
      /^(?:\('[^']+'(?: <-> '[^']+')*(?: \| '[^']+'(?: <-> '[^']+')*(?::\*)?)+\)|'[^']+'(?: <-> '[^']+')*)$/u
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const sqlite = matchQueries(text, 'sqlite')
        const pg = matchQueries(text, 'postgres')
        expect(sqlite.terms.length).toBe(pg.terms.length)
        expect(sqlite.terms.length).toBeLessThanOrEqual(MATCH_QUERY_TERMS)
        for (const term of sqlite.terms) expect(term).toMatch(sqliteTerm)
        for (const term of pg.terms) expect(term).toMatch(pgTerm)
        for (const similar of sqlite.similar) if (similar !== null) expect(similar).toMatch(/^"[^"\s]{4,}"$/u)
        for (const similar of pg.similar) if (similar !== null) expect(similar).not.toMatch(/\s/u)
      }),
    )
  })
})
