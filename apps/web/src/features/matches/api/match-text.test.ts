import { describe, expect, it } from 'vitest'
import { enoughToMatch, MAX_ENCODED_TEXT, matchableText } from './match-text.ts'

describe('enoughToMatch', () => {
  it('waits for a dozen characters and three words', () => {
    expect(enoughToMatch('Two grain')).toBe(false)
    expect(enoughToMatch('Extraordinarily long')).toBe(false)
    expect(enoughToMatch('a b c d e f')).toBe(false)
    expect(enoughToMatch('  Two grain silos  ')).toBe(true)
    expect(enoughToMatch('Дроны ударили по Одессе')).toBe(true)
  })

  it('counts the words of a script written without spaces', () => {
    expect(enoughToMatch('俄罗斯无人机袭击了敖德萨港口的粮食码头')).toBe(true)
  })
})

describe('matchableText', () => {
  it('sends a claim of usual length whole, trimmed', () => {
    expect(matchableText('  Russia launched a record 479 drones.  ')).toBe(
      'Russia launched a record 479 drones.',
    )
  })

  it('cuts a long text at a word, within the address limit, in any script', () => {
    for (const word of ['drones', 'дроны', 'ड्रोन', '🚁🚁']) {
      const text = `${word} `.repeat(3000)
      const sent = matchableText(text)
      expect(encodeURIComponent(sent).length).toBeLessThanOrEqual(MAX_ENCODED_TEXT)
      expect(encodeURIComponent(sent).length).toBeGreaterThan(MAX_ENCODED_TEXT - 100)
      expect(sent.endsWith(word)).toBe(true)
    }
  })

  it('cuts a text without spaces where the limit falls, never inside a character', () => {
    const sent = matchableText('🚁'.repeat(2000))
    expect(sent).toBe('🚁'.repeat(MAX_ENCODED_TEXT / 12))
  })
})
