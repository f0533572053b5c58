import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TextPart } from './matching.ts'
import {
  ftsQuery,
  fullTextQuery,
  type SnippetSource,
  searchSnippet,
  searchTerms,
  tsQuery,
  wordTerm,
} from './search.ts'

// One query term as each engine writes it: a word, a prefix, or a word or its stem as a prefix.
const QUOTED = String.raw`[\p{L}\p{N}\p{M}_\u200C\u200D]+`
const FTS_TERM = `(?:"${QUOTED}"\\*?|\\("${QUOTED}" OR "${QUOTED}"\\*\\))`
const TS_TERM = `(?:'${QUOTED}'(?::\\*)?|\\('${QUOTED}' \\| '${QUOTED}':\\*\\))`
const FTS_QUERY = new RegExp(`^${FTS_TERM}(?: AND ${FTS_TERM})*$`, 'u')
const TS_QUERY = new RegExp(`^${TS_TERM}(?: & ${TS_TERM})*$`, 'u')

describe('ftsQuery', () => {
  it('quotes every word, so FTS5 syntax is only text', () => {
    expect(ftsQuery('AND OR NOT')).toBe('"AND" AND "OR" AND "NOT"')
    expect(ftsQuery('"unbalanced')).toBe('("unbalanced" OR "unbalanc"*)')
    expect(ftsQuery('title: (drones) NEAR/2 -x*')).toBe(
      '("title" OR "titl"*) AND ("drones" OR "drone"*) AND ("NEAR" OR "near"*) AND "2" AND "x"*',
    )
    expect(ftsQuery('Київ пологовий')).toBe('("Київ" OR "київ"*) AND ("пологовий" OR "пологов"*)')
  })

  it('asks for each word or its stem as a prefix, so inflections match both ways', () => {
    expect(ftsQuery('drone')).toBe('("drone" OR "drone"*)')
    expect(ftsQuery('drones')).toBe('("drones" OR "drone"*)')
    expect(ftsQuery('hospitals')).toBe('("hospitals" OR "hospit"*)')
    expect(ftsQuery('hospital')).toBe('("hospital" OR "hospit"*)')
    expect(ftsQuery('удар')).toBe('("удар" OR "удар"*)')
    expect(ftsQuery('Ударов')).toBe('("Ударов" OR "удар"*)')
    expect(ftsQuery('happy')).toBe('("happy" OR "happi"*)')
  })

  it('asks for the stem as the index writes it, ё and accents included', () => {
    expect(ftsQuery('самолёты')).toBe('("самолёты" OR "самолёт"*)')
    expect(ftsQuery('Cafés')).toBe('("Cafés" OR "café"*)')
  })

  it('asks for stop words, short stems, words with digits and other scripts exactly', () => {
    expect(ftsQuery('the drones')).toBe('"the" AND ("drones" OR "drone"*)')
    expect(ftsQuery('киев')).toBe('"киев"')
    expect(ftsQuery('F16 2024')).toBe('"F16" AND "2024"')
    expect(ftsQuery('Ωμέγα')).toBe('"Ωμέγα"')
  })

  it('keeps words of scripts with vowel signs whole: යන is no prefix of යනු', () => {
    expect(ftsQuery('යන')).toBe('"යන"')
    expect(ftsQuery('යනු')).toBe('"යනු"')
    expect(ftsQuery('ශ්‍රී ලංකා')).toBe('"ශ්‍රී" AND "ලංකා"')
    expect(ftsQuery('हिन्दी தமிழ் বাংলা')).toBe('"हिन्दी" AND "தமிழ்" AND "বাংলা"')
  })

  it('makes the last word a prefix only when a * ends it', () => {
    expect(ftsQuery('matern*')).toBe('"matern"*')
    expect(ftsQuery('Київ полог** ')).toBe('("Київ" OR "київ"*) AND "полог"*')
    expect(ftsQuery('matern* hospital')).toBe('("matern" OR "matern"*) AND ("hospital" OR "hospit"*)')
    expect(ftsQuery('matern *')).toBe('("matern" OR "matern"*)')
  })

  it('gives nothing for text without words', () => {
    expect(ftsQuery('')).toBeNull()
    expect(ftsQuery('  "" ** () ')).toBeNull()
  })

  it('only ever writes quoted words, alone or with a quoted stem, joined by AND', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (input) => {
        const q = ftsQuery(input)
        if (q !== null) expect(q).toMatch(FTS_QUERY)
      }),
    )
  })
})

describe('tsQuery', () => {
  it('quotes every word and requires them all, so tsquery syntax is only text', () => {
    expect(tsQuery('maternity hospital')).toBe("('maternity' | 'matern':*) & ('hospital' | 'hospit':*)")
    expect(tsQuery("it's a & b | !c <-> (d) :* \\")).toBe("'it' & 's' & 'a' & 'b' & 'c' & 'd'")
    expect(tsQuery('Київ пологовий')).toBe("('Київ' | 'київ':*) & ('пологовий' | 'пологов':*)")
  })

  it('asks for the same words and stems as the FTS5 query, the last as a prefix when a * ends it', () => {
    expect(tsQuery('drones')).toBe("('drones' | 'drone':*)")
    expect(tsQuery('ударов')).toBe("('ударов' | 'удар':*)")
    expect(tsQuery('යන')).toBe("'යන'")
    expect(tsQuery('matern*')).toBe("'matern':*")
    expect(tsQuery('Київ полог** ')).toBe("('Київ' | 'київ':*) & 'полог':*")
    expect(tsQuery('  "" ** () ')).toBeNull()
    expect(fullTextQuery('drones', 'postgres')).toBe(tsQuery('drones'))
    expect(fullTextQuery('drones', 'sqlite')).toBe(ftsQuery('drones'))
  })

  it('only ever writes the terms FTS5 gets, in tsquery syntax', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (input) => {
        const q = tsQuery(input)
        const fts = ftsQuery(input)
        expect(q === null).toBe(fts === null)
        if (q === null || fts === null) return
        expect(q).toMatch(TS_QUERY)
        const asFts = q
          .split(' & ')
          .map((term) => term.replaceAll("'", '"').replace(' | ', ' OR ').replaceAll(':*', '*'))
          .join(' AND ')
        expect(asFts).toBe(fts)
        const words = q.split(' & ').map((term) => /^\(?'([^']+)'/u.exec(term)?.[1])
        expect(words).toEqual(searchTerms(input)?.words)
      }),
    )
  })
})

describe('wordTerm', () => {
  it('writes one word as ftsQuery and tsQuery write each of theirs', () => {
    expect(wordTerm('drones', 'sqlite')).toBe(ftsQuery('drones'))
    expect(wordTerm('drones', 'postgres')).toBe(tsQuery('drones'))
    expect(wordTerm('the', 'sqlite')).toBe('"the"')
  })
})

describe('searchSnippet', () => {
  const snippet = (q: string, source: Partial<SnippetSource>) =>
    searchSnippet(q, { title: '', body: '', markdown: false, ...source })
  const text = (parts: TextPart[]) => parts.map((p) => p.text).join('')
  const marked = (parts: TextPart[]) => parts.filter((p) => p.match).map((p) => p.text)

  it('marks the words the query matches: the word, or one beginning with its stem, case and accents aside', () => {
    const parts = snippet('maternity hospitals', { body: 'The Maternity hospital in Mariupol was hit.' })
    expect(parts).toEqual([
      { text: 'The ', match: false },
      { text: 'Maternity', match: true },
      { text: ' ', match: false },
      { text: 'hospital', match: true },
      { text: ' in Mariupol was hit.', match: false },
    ])
    expect(marked(snippet('cafebrucke удары', { body: 'Cafébrücke: ударов не было' }))).toEqual([
      'Cafébrücke',
      'ударов',
    ])
    expect(marked(snippet('matern*', { body: 'maternal and maternity wards' }))).toEqual([
      'maternal',
      'maternity',
    ])
  })

  it('shows a window of words from just before the first match, with … where the text is cut', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`)
    words[20] = 'drones'
    const parts = snippet('drone', { body: words.join(' ') })
    expect(text(parts)).toBe(`…${words.slice(16, 32).join(' ')}…`)
    expect(marked(parts)).toEqual(['drones'])
    // Near the start, nothing is cut before; near the end, nothing after.
    expect(text(snippet('w1', { body: words.join(' ') }))).toBe(`${words.slice(0, 16).join(' ')}…`)
    expect(text(snippet('w38', { body: words.join(' ') }))).toBe(`…${words.slice(24).join(' ')}`)
  })

  it('takes the title when only the title matches, and the beginning when nothing does', () => {
    expect(text(snippet('ledger', { title: 'Harbour ledger', body: 'Crates left at dawn.' }))).toBe(
      'Harbour ledger',
    )
    expect(text(snippet('ledger', { title: 'Harbour ledger', body: 'The ledger says so.' }))).toBe(
      'The ledger says so.',
    )
    expect(snippet('zzz', { title: 'A title', body: 'A body.' })).toEqual([{ text: 'A body.', match: false }])
    expect(snippet('zzz', { title: 'A title' })).toEqual([{ text: 'A title', match: false }])
  })

  it('gives a Markdown rationale as plain text: no emphasis, links, headings or code marks', () => {
    const rationale = [
      '# Findings',
      '',
      'The **satellite** images show [the depot](https://example.org/depot) intact; see `frame 12`.',
      '',
      '- one',
      '- two',
    ].join('\n')
    const parts = snippet('satellite depot', { body: rationale, markdown: true })
    expect(text(parts)).toBe('Findings The satellite images show the depot intact; see frame 12. one two')
    expect(marked(parts)).toEqual(['satellite', 'depot'])
    expect(text(parts)).not.toMatch(/[*#[\]`]|https?:/)
  })

  it('collapses whitespace to single spaces, and keeps the words of scripts with vowel signs whole', () => {
    expect(text(snippet('hit', { body: 'Drones\n\n  hit\tthe   port' }))).toBe('Drones hit the port')
    expect(marked(snippet('යනු', { body: 'ශ්\u200dරී ලංකාව යනු දූපතකි' }))).toEqual(['යනු'])
    expect(marked(snippet('යන', { body: 'ශ්\u200dරී ලංකාව යනු දූපතකි' }))).toEqual([])
  })

  it('keeps long texts short, and gives back the text it shows whole', () => {
    const long = `${'x'.repeat(600)} drones ${'y'.repeat(600)}`
    expect(text(snippet('drones', { body: long })).length).toBeLessThan(700)
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        (body, q) => {
          const parts = snippet(q, { body })
          expect(parts.every((p) => p.text !== '')).toBe(true)
          const shown = text(parts).replace(/^…|…$/g, '')
          expect(body.normalize('NFC').replace(/\s+/g, ' ')).toContain(shown)
        },
      ),
    )
  })
})
