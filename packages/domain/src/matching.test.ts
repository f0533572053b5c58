import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MATCHING_PAIRS } from '../../../tests/fixtures/matching-pairs.ts'
import { evaluatePairs, MATCH_THRESHOLD, markMatches, matchScore, NUMBERS_DIFFER_CAP } from './matching.ts'
import { analyze } from './words.ts'

const score = (a: string, b: string) => matchScore(analyze(a), analyze(b))

describe('matchScore on the matching set', () => {
  it('tells the same claim from near misses with precision and recall of at least 0.9', () => {
    expect(MATCHING_PAIRS.length).toBeGreaterThanOrEqual(48)
    const result = evaluatePairs(MATCHING_PAIRS, score)
    expect(result.precision, JSON.stringify(result)).toBeGreaterThanOrEqual(0.9)
    expect(result.recall, JSON.stringify(result)).toBeGreaterThanOrEqual(0.9)
  })
})

describe('matchScore', () => {
  it('matches the same numbers and refuses different ones', () => {
    expect(score('479 drones', '479 drones')).toBe(1)
    expect(score('Russia launched 479 drones', '479 drones launched by Russia')).toBeGreaterThanOrEqual(
      MATCH_THRESHOLD,
    )
    expect(score('479 drones', '300 drones')).toBeLessThanOrEqual(NUMBERS_DIFFER_CAP)
    expect(score('1,000 ballots found', '1 000 ballots found')).toBe(1)
  })

  it('does not hold a number against a claim without one', () => {
    expect(
      score('Russia launched 479 drones at Kyiv', 'Russia launched drones at Kyiv'),
    ).toBeGreaterThanOrEqual(MATCH_THRESHOLD)
  })

  it('sees through word order, case, accents, punctuation and inflection', () => {
    expect(score('Drones hit the hospitals', 'a drone hit a HOSPITAL!')).toBe(1)
    expect(score('удары по больницам', 'Удар по больнице')).toBe(1)
    expect(score('Café crème', 'creme, CAFE')).toBe(1)
  })

  it('counts a typo or another inflection of a word it cannot stem', () => {
    expect(score('Zelensky bought a yacht', 'Zelenskyy bought a yatch')).toBeGreaterThanOrEqual(
      MATCH_THRESHOLD,
    )
    expect(score('удар по лікарні', 'удари по лікарнях')).toBeGreaterThanOrEqual(MATCH_THRESHOLD)
  })

  it('scores nothing without words', () => {
    expect(score('', 'drones')).toBe(0)
    expect(score('the and of', 'the and of')).toBe(0)
  })

  it('is a score from 0 to 1, the same both ways round', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = score(a, b)
        expect(ab).toBeGreaterThanOrEqual(0)
        expect(ab).toBeLessThanOrEqual(1)
        expect(ab).toBeCloseTo(score(b, a), 10)
      }),
    )
  })
})

describe('markMatches', () => {
  it('marks the words whose stem the query has, and its numbers', () => {
    expect(markMatches('Russia launched 1,000 drones at Kyiv', analyze('1000 drone'))).toEqual([
      { text: 'Russia launched ', match: false },
      { text: '1,000', match: true },
      { text: ' ', match: false },
      { text: 'drones', match: true },
      { text: ' at Kyiv', match: false },
    ])
  })

  it('marks Cyrillic inflections and whole words of other scripts', () => {
    expect(markMatches('Сотни ударов по городу', analyze('удар'))).toEqual([
      { text: 'Сотни ', match: false },
      { text: 'ударов', match: true },
      { text: ' по городу', match: false },
    ])
    expect(markMatches('යනු යන', analyze('යන'))).toEqual([
      { text: 'යනු ', match: false },
      { text: 'යන', match: true },
    ])
  })

  it('leaves stop words unmarked', () => {
    expect(markMatches('the drone', analyze('the drones'))).toEqual([
      { text: 'the ', match: false },
      { text: 'drone', match: true },
    ])
  })

  it('cuts the text into parts that give it back whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (text, query) => {
        const parts = markMatches(text, analyze(query))
        expect(parts.map((p) => p.text).join('')).toBe(text.normalize('NFC'))
        expect(parts.every((p) => p.text !== '')).toBe(true)
      }),
    )
  })
})

describe('evaluatePairs', () => {
  it('counts hits and misses at the threshold', () => {
    const pairs = [
      { a: 'x', b: 'x', match: true },
      { a: 'x', b: 'y', match: true },
      { a: 'x', b: 'x', match: false },
      { a: 'x', b: 'y', match: false },
    ]
    const same = (a: string, b: string) => (a === b ? 1 : 0)
    expect(evaluatePairs(pairs, same)).toEqual({ precision: 0.5, recall: 0.5, tp: 1, fp: 1, fn: 1, tn: 1 })
    expect(evaluatePairs([], same)).toEqual({ precision: 1, recall: 1, tp: 0, fp: 0, fn: 0, tn: 0 })
  })
})
