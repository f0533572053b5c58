import { RATING_SCALE, type Rating, RatingSchema } from '@counterclaim/shared'
import { describe, expect, it } from 'vitest'
import {
  type LabelLanguage,
  normalizeLabelText,
  normalizeRating,
  RATING_LABELS,
  ratingForLabel,
  ratingForPosition,
} from './rating-labels.ts'

const LANGUAGES: LabelLanguage[] = ['en', 'es', 'pt', 'fr', 'de', 'it', 'uk', 'ru']
const byLabel = (label: string) => normalizeRating({ label, value: null, best: null, worst: null })

describe('the label table', () => {
  it('names its sources for every group of words', () => {
    for (const group of RATING_LABELS) {
      expect(group.source.trim(), `${group.language} ${group.rating}`).not.toBe('')
      expect(group.phrases.length).toBeGreaterThan(0)
    }
  })

  it('covers every rating of our scale in each of its languages', () => {
    for (const language of LANGUAGES) {
      const ratings = new Set(RATING_LABELS.filter((g) => g.language === language).map((g) => g.rating))
      expect([...ratings].sort(), language).toEqual([...RatingSchema.options].sort())
    }
  })

  it('never gives the same words two ratings', () => {
    const seen = new Map<string, Rating>()
    for (const group of RATING_LABELS) {
      for (const phrase of group.phrases) {
        const key = normalizeLabelText(phrase)
        expect(seen.get(key) ?? group.rating, `"${phrase}" (${group.language})`).toBe(group.rating)
        seen.set(key, group.rating)
      }
    }
  })

  it('reads every phrase back as its rating, alone and at the head of a sentence', () => {
    for (const group of RATING_LABELS) {
      for (const phrase of group.phrases) {
        expect(ratingForLabel(phrase), phrase).toBe(group.rating)
        expect(ratingForLabel(`${phrase}. 2019.`), `${phrase} in a sentence`).toBe(group.rating)
      }
    }
  })

  it("reads our own scale's labels, so our own feed maps back", () => {
    for (const definition of RATING_SCALE) expect(ratingForLabel(definition.label)).toBe(definition.rating)
  })
})

describe('ratingForLabel, language by language', () => {
  const cases: Record<LabelLanguage, Array<[string, Rating | null]>> = {
    en: [
      ['False', 'false'],
      ['Pants on Fire!', 'false'],
      ['Mostly False', 'mostly_false'],
      ['Half True', 'mixed'],
      ['half-true', 'mixed'],
      ['Mixture', 'mixed'],
      ['Mostly True', 'mostly_true'],
      ['TRUE', 'true'],
      ['Correct', 'true'],
      ['Misleading', 'misleading'],
      ['Missing context', 'misleading'],
      ['Unproven', 'unverifiable'],
      ['Unverifiable', 'unverifiable'],
      ['Altered photo', 'false'],
      ['Fake', 'false'],
      ['Scam', 'false'],
      ['Hoax', 'false'],
      ['Exaggerated', 'mostly_false'],
      ['Not true', 'false'],
    ],
    es: [
      ['Falso', 'false'],
      ['Bulo', 'false'],
      ['Engañoso', 'misleading'],
      ['Falta contexto', 'misleading'],
      ['Verdad a medias', 'mixed'],
      ['En gran parte verdadero', 'mostly_true'],
      ['Verdadero, pero...', 'mostly_true'],
      ['Verdadero', 'true'],
      ['Correcto', 'true'],
      ['Exagerado', 'mostly_false'],
      ['Sin evidencia', 'unverifiable'],
      ['Inchequeable', 'unverifiable'],
    ],
    pt: [
      ['Falso', 'false'],
      ['Enganoso', 'misleading'],
      ['Sem provas', 'unverifiable'],
      ['Verdadeiro, mas', 'mostly_true'],
      ['Verdadeiro', 'true'],
      ['Exagerado', 'mostly_false'],
      ['Impreciso', 'mixed'],
      ['Distorcido', 'misleading'],
      ['Não é verdade', 'false'],
      ['Ainda é cedo para dizer', 'unverifiable'],
    ],
    fr: [
      ['Faux', 'false'],
      ['Trompeur', 'misleading'],
      ['Sans contexte', 'misleading'],
      ['Invérifiable', 'unverifiable'],
      ['Plutôt faux', 'mostly_false'],
      ['Plutôt vrai', 'mostly_true'],
      ['Vrai', 'true'],
      ["C'est plus compliqué", 'mixed'],
      ['Exagéré', 'mostly_false'],
    ],
    de: [
      ['Falsch', 'false'],
      ['Irreführend', 'misleading'],
      ['Fehlender Kontext', 'misleading'],
      ['Unbelegt', 'unverifiable'],
      ['Größtenteils falsch', 'mostly_false'],
      ['GRÖSSTENTEILS FALSCH', 'mostly_false'],
      ['Teilweise falsch', 'mixed'],
      ['Größtenteils richtig', 'mostly_true'],
      ['Richtig', 'true'],
      ['Stimmt nicht', 'false'],
      ['Stimmt', 'true'],
      ['Frei erfunden', 'false'],
      ['Manipuliert', 'false'],
    ],
    it: [
      ['Falso', 'false'],
      ['Fuorviante', 'misleading'],
      ['Non verificabile', 'unverifiable'],
      ['Vero', 'true'],
      ["C'eri quasi", 'mostly_true'],
      ['Nì', 'mixed'],
      ['Pinocchio andante', 'mostly_false'],
      ['Panzana pazzesca', 'false'],
      ['Contesto mancante', 'misleading'],
      ['Bufala', 'false'],
    ],
    uk: [
      ['Неправда', 'false'],
      ['Фейк', 'false'],
      ['Маніпуляція', 'misleading'],
      ['Неперевірено', 'unverifiable'],
      ['Напівправда', 'mixed'],
      ['Перебільшення', 'mostly_false'],
      ['Правда', 'true'],
    ],
    ru: [
      ['Неправда', 'false'],
      ['Ложь', 'false'],
      ['Манипуляция', 'misleading'],
      ['Скорее правда', 'mostly_true'],
      ['Скорее неправда', 'mostly_false'],
      ['Полуправда', 'mixed'],
      ['Правда', 'true'],
      ['Нет доказательств', 'unverifiable'],
      ['Враньё', 'false'],
    ],
  }
  for (const language of LANGUAGES) {
    it(`reads ${language}`, () => {
      for (const [label, rating] of cases[language]) expect(byLabel(label), label).toBe(rating)
    })
  }
})

describe('ratingForLabel, sentences and spelling', () => {
  it('maps a sentence by the label that starts it', () => {
    expect(ratingForLabel('False. The photo was taken in 2019')).toBe('false')
    expect(ratingForLabel('Falso: la foto es de 2019')).toBe('false')
    expect(ratingForLabel('This is misleading because the chart starts at 40%')).toBe('misleading')
    expect(ratingForLabel('Mostly false — the figure is from 2015')).toBe('mostly_false')
    expect(ratingForLabel('Verdict: this is false')).toBe('false')
    expect(ratingForLabel("It's missing context")).toBe('misleading')
    expect(ratingForLabel('Es falso que el gobierno haya subido el IVA')).toBe('false')
    expect(ratingForLabel("C'est faux : la loi n'a pas changé")).toBe('false')
    expect(ratingForLabel('Das ist irreführend, weil…')).toBe('misleading')
    expect(ratingForLabel('È falso: il video è del 2018')).toBe('false')
    expect(ratingForLabel('É enganoso. O vídeo é antigo')).toBe('misleading')
    expect(ratingForLabel('Это фейк: видео снято в 2015 году')).toBe('false')
    expect(ratingForLabel('Це маніпуляція')).toBe('misleading')
  })

  it('takes the longest phrase at the start', () => {
    expect(ratingForLabel('Mostly true, but the date is wrong')).toBe('mostly_true')
    expect(ratingForLabel('Not true at all')).toBe('false')
    expect(ratingForLabel('Verdad a medias: faltan datos')).toBe('mixed')
    expect(ratingForLabel('Stimmt nicht')).toBe('false')
  })

  it('never maps by a word further in', () => {
    expect(ratingForLabel('The photo is false')).toBeNull()
    expect(ratingForLabel('Experts say this is misleading')).toBeNull()
    expect(ratingForLabel('La foto es falsa')).toBeNull()
    expect(ratingForLabel('Verdict: the numbers were true')).toBeNull()
    expect(ratingForLabel('This is')).toBeNull()
  })

  it('ignores case, accents, punctuation and spacing, and keeps Cyrillic letters', () => {
    expect(ratingForLabel('  FALSO!!! ')).toBe('false')
    expect(ratingForLabel('Enganoso')).toBe('misleading')
    expect(ratingForLabel('irrefuhrend')).toBe('misleading')
    expect(ratingForLabel('«Неправда»')).toBe('false')
    expect(ratingForLabel('❌ Fake')).toBe('false')
    expect(normalizeLabelText("  C'est  PLUTÔT   vrai… ")).toBe('c est plutot vrai')
    expect(normalizeLabelText('Größtenteils')).toBe('grosstenteils')
    expect(normalizeLabelText('Маніпуляція!')).toBe('маніпуляція')
  })

  it('leaves what is not a rating of ours unmapped', () => {
    for (const label of [
      'Satire',
      'Labeled Satire',
      'Outdated',
      'Legend',
      'Research in progress',
      '',
      '???',
      '42',
    ]) {
      expect(byLabel(label), label).toBeNull()
    }
    expect(normalizeRating({ label: null, value: null, best: null, worst: null })).toBeNull()
  })
})

describe('ratingForPosition', () => {
  it("places a value on our five points, from the publisher's worst to its best", () => {
    expect([1, 2, 3, 4, 5].map((v) => ratingForPosition(v, 5, 1))).toEqual([
      'false',
      'mostly_false',
      'mixed',
      'mostly_true',
      'true',
    ])
    expect(ratingForPosition(7.5, 10, 0)).toBe('mostly_true')
    expect(ratingForPosition(4, 6, 1)).toBe('mixed')
    expect(ratingForPosition(6, 6, 1)).toBe('true')
  })

  it('reads a scale written best-low', () => {
    expect(ratingForPosition(1, 1, 5)).toBe('true')
    expect(ratingForPosition(5, 1, 5)).toBe('false')
  })

  it('breaks a tie toward the middle', () => {
    expect(ratingForPosition(1, 8, 0)).toBe('mostly_false')
    expect(ratingForPosition(7, 8, 0)).toBe('mostly_true')
  })

  it('needs all three numbers, two ends apart, and a value between them', () => {
    expect(ratingForPosition(3, 3, 3)).toBeNull()
    expect(ratingForPosition(9, 5, 1)).toBeNull()
    expect(ratingForPosition(0, 5, 1)).toBeNull()
    expect(ratingForPosition(null, 5, 1)).toBeNull()
    expect(ratingForPosition(3, null, 1)).toBeNull()
    expect(ratingForPosition(3, 5, null)).toBeNull()
  })
})

describe('normalizeRating', () => {
  it('goes by position when the numbers make a scale', () => {
    expect(normalizeRating({ label: 'Calificación 2', value: 2, best: 5, worst: 1 })).toBe('mostly_false')
    // Numbers win over words that say another place on the same line.
    expect(normalizeRating({ label: 'False', value: 5, best: 5, worst: 1 })).toBe('true')
  })

  it('lets words that no number can say win over the numbers', () => {
    expect(normalizeRating({ label: 'Misleading', value: 5, best: 5, worst: 1 })).toBe('misleading')
    expect(normalizeRating({ label: 'Missing context', value: 2, best: 5, worst: 1 })).toBe('misleading')
    expect(normalizeRating({ label: 'Unproven', value: 1, best: 5, worst: 1 })).toBe('unverifiable')
    expect(normalizeRating({ label: 'Маніпуляція', value: 3, best: 5, worst: 1 })).toBe('misleading')
  })

  it('falls back on the words when the numbers do not make a scale', () => {
    expect(normalizeRating({ label: 'Falso', value: 1, best: null, worst: null })).toBe('false')
    expect(normalizeRating({ label: 'Wahr', value: 9, best: 5, worst: 1 })).toBe('true')
    expect(normalizeRating({ label: 'Satire', value: 9, best: 5, worst: 1 })).toBeNull()
  })
})
