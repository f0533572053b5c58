import { describe, expect, it } from 'vitest'
import { isEmptyDraft, joinWords, verdictPublishGaps } from './verdict-readiness.ts'

const complete = { rating: 'false' as const, summary: 'Not so.', rationale: 'Because.' }

describe('verdictPublishGaps', () => {
  it('finds nothing missing in a complete verdict citing a source with a URL', () => {
    expect(verdictPublishGaps(complete, [null, 'https://example.org/a'])).toEqual([])
  })

  it('names each missing part, blank text counting as missing', () => {
    expect(verdictPublishGaps({ rating: null, summary: '  ', rationale: '\n' }, [])).toEqual([
      'a rating',
      'a summary',
      'a rationale',
      'at least one cited evidence item with a URL',
    ])
  })

  it('needs a cited source with a URL, not only cited sources', () => {
    expect(verdictPublishGaps(complete, [null, null])).toEqual([
      'at least one cited evidence item with a URL',
    ])
  })
})

describe('isEmptyDraft', () => {
  it('is empty with neither a rating nor a summary', () => {
    expect(isEmptyDraft({ rating: null, summary: ' ' })).toBe(true)
    expect(isEmptyDraft({ rating: 'mixed', summary: '' })).toBe(false)
    expect(isEmptyDraft({ rating: null, summary: 'Some words.' })).toBe(false)
  })
})

describe('joinWords', () => {
  it('joins with commas and a final "and"', () => {
    expect(joinWords([])).toBe('')
    expect(joinWords(['a rating'])).toBe('a rating')
    expect(joinWords(['a rating', 'a summary'])).toBe('a rating and a summary')
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})
