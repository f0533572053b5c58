import type { Quantity } from '@counterclaim/shared'
import { domainWords } from '@counterclaim/shared'
import { describe, expect, it } from 'vitest'
import { compareQuantities, describeQuantity, describeValue } from './quantities.ts'
import { replyLine } from './replies.ts'

const uk = domainWords('uk')

const q = (over: Partial<Quantity>): Quantity => ({
  measure: 'drones launched',
  value: 300,
  valueMax: null,
  qualifier: 'exact',
  unit: 'drones',
  periodFrom: null,
  periodTo: null,
  place: null,
  ...over,
})

describe('the domain’s sentences in another language', () => {
  it('writes quantities, periods and numbers in Ukrainian, people’s words as typed', () => {
    expect(describeValue(q({ value: 2700, qualifier: 'approx' }), uk)).toBe('близько 2\u00a0700')
    expect(
      describeQuantity(
        q({ qualifier: 'at_least', periodFrom: '2025-06-09', periodTo: '2025-06-10', place: 'Україна' }),
        uk,
      ),
    ).toBe('щонайменше 300 drones launched уночі 9–10 червня 2025 р. (місце: Україна)')
  })

  it('gives the same verdict in every language, with its reasons in that language', () => {
    const a = q({ periodFrom: '2025-06-09', periodTo: '2025-06-10' })
    const b = q({ value: 479, periodFrom: '2025-06-08', periodTo: '2025-06-09' })
    const english = compareQuantities(a, b)
    const ukrainian = compareQuantities(a, b, uk)
    expect(ukrainian.verdict).toBe(english.verdict)
    expect(english.reasons).toEqual(['different nights: 9–10 June vs 8–9 June'])
    expect(ukrainian.reasons).toEqual(['різні ночі: 9–10 червня і 8–9 червня'])
  })

  it('writes a reply line in Ukrainian', () => {
    const line = replyLine(
      {
        contact: 'пресслужба',
        channel: 'email',
        askedOn: '2025-06-10',
        question: 'Що влучили?',
        replyBy: null,
        answer: null,
        answeredOn: null,
      },
      (d) => d,
      undefined,
      uk,
    )
    expect(line).toBe(
      'Запитали: пресслужба, електронною поштою, 2025-06-10: «Що влучили?» — відповіді ще немає',
    )
  })

  it('formats numbers as each language writes them and reads the domain’s words', () => {
    expect(uk.number(1234.567)).toBe('1\u00a0234,57')
    expect(domainWords('en').number(1234.567)).toBe('1,234.57')
    expect(uk.t('rating.false')).toBe('Неправда')
  })
})
