import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  analyze,
  claimantKey,
  foldText,
  isNumberWord,
  isStopWord,
  numbersOf,
  stemLanguageOf,
  stemOf,
  tokensOf,
  wordsOf,
} from './words.ts'

describe('foldText', () => {
  it('folds case and the accents of Latin, Greek and Cyrillic letters', () => {
    expect(foldText('Dónald TRUMP, Ἀθῆναι, Ёлка, NAÏVE')).toBe('donald trump, αθηναι, елка, naive')
    expect(foldText('Cafe\u0301 уда\u0301ров')).toBe('cafe ударов')
  })

  it('keeps й, ї and ў, which are letters of their own', () => {
    expect(foldText('ЙОД Її Ўсё')).toBe('йод її ўсе')
  })

  it('keeps the vowel signs and viramas of other scripts', () => {
    for (const word of ['යනු', 'हिन्दी', 'தமிழ்', 'বাংলা']) expect(foldText(word)).toBe(word)
  })

  it('folds what it folded no further', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s))
      }),
    )
  })
})

describe('wordsOf', () => {
  it('keeps Sinhala, Devanagari, Tamil and Bengali words whole, vowel signs inside', () => {
    expect(wordsOf('යනු යන')).toEqual(['යනු', 'යන'])
    expect(wordsOf('ශ්‍රී ලංකාවේ විදුලි ගාස්තු')).toEqual(['ශ්‍රී', 'ලංකාවේ', 'විදුලි', 'ගාස්තු'])
    expect(wordsOf('हिन्दी समाचार, नमस्ते!')).toEqual(['हिन्दी', 'समाचार', 'नमस्ते'])
    expect(wordsOf('தமிழ் நாடு')).toEqual(['தமிழ்', 'நாடு'])
    expect(wordsOf('বাংলা ভাষা')).toEqual(['বাংলা', 'ভাষা'])
  })

  it('cuts at punctuation and spacing, and folds each word', () => {
    expect(wordsOf("Drones' strike: Kyiv—Львів, 3.5")).toEqual([
      'drones',
      'strike',
      'kyiv',
      'львів',
      '3',
      '5',
    ])
    expect(wordsOf(' … ')).toEqual([])
  })
})

describe('stemOf', () => {
  it('stems English words, whatever their case', () => {
    expect(stemOf('drones')).toBe(stemOf('drone'))
    expect(stemOf('Hospitals')).toBe(stemOf('hospital'))
    expect(stemOf('intercepted')).toBe('intercept')
  })

  it('stems Russian words, and Ukrainian ones with the Russian stemmer', () => {
    expect(stemOf('ударов')).toBe('удар')
    expect(stemOf('Удары')).toBe(stemOf('удар'))
    expect(stemOf('самолёты')).toBe(stemOf('самолет'))
    expect(stemOf('ракети')).toBe(stemOf('ракета'))
  })

  it('leaves words of other scripts and words with digits as they are, folded', () => {
    expect(stemOf('යනු')).toBe('යනු')
    expect(stemOf('MH17')).toBe('mh17')
    expect(stemOf('Ωμέγα')).toBe('ωμεγα')
  })
})

describe('stemLanguageOf', () => {
  it('chooses the stemmer by script', () => {
    expect(stemLanguageOf('Café')).toBe('english')
    expect(stemLanguageOf('Київ')).toBe('russian')
    expect(stemLanguageOf('हिन्दी')).toBeNull()
    expect(stemLanguageOf('covid19')).toBeNull()
    expect(stemLanguageOf('kyivКиїв')).toBeNull()
  })
})

describe('isStopWord', () => {
  it('knows the function words of the desks’ languages, in any case and with or without accents', () => {
    for (const word of ['The', 'and', 'los', 'não', 'nao', 'dans', 'und', 'della', 'та', 'що', 'и', 'это']) {
      expect(isStopWord(word), word).toBe(true)
    }
  })

  it('never takes another language’s content word for a stop word', () => {
    for (const word of ['war', 'die', 'man', 'son', 'sea', 'drones', 'удар'])
      expect(isStopWord(word), word).toBe(false)
  })
})

describe('numbersOf and tokensOf', () => {
  it('writes a number one way, however it was written', () => {
    for (const written of ['1,000', '1 000', '1000', '1.000', "1'000", '1\u00A0000', '१०००', '১০০০']) {
      expect(numbersOf(written), written).toEqual(['1000'])
    }
    expect(numbersOf('3.5')).toEqual(['3.5'])
    expect(numbersOf('3,5')).toEqual(['3.5'])
    expect(numbersOf('3,50')).toEqual(['3.5'])
    expect(numbersOf('1,000.50')).toEqual(['1000.5'])
    expect(numbersOf('1.000,5')).toEqual(['1000.5'])
    expect(numbersOf('0.500')).toEqual(['0.5'])
    expect(numbersOf('007')).toEqual(['7'])
  })

  it('reads runs that cannot be one number as several', () => {
    expect(numbersOf('2022 300')).toEqual(['2022', '300'])
    expect(tokensOf('in 2022 300 drones')).toEqual([
      { text: 'in', start: 0, numbers: null },
      { text: '2022', start: 3, numbers: ['2022'] },
      { text: '300', start: 8, numbers: ['300'] },
      { text: 'drones', start: 12, numbers: null },
    ])
  })

  it('keeps digits inside a word part of the word, and a unit after a number apart', () => {
    expect(tokensOf('MH17 3.5km F-16').map((t) => [t.text, t.numbers])).toEqual([
      ['MH17', null],
      ['3.5', ['3.5']],
      ['km', null],
      ['F', null],
      ['16', ['16']],
    ])
  })

  it('knows a word of digits', () => {
    expect(isNumberWord('479')).toBe(true)
    expect(isNumberWord('४७९')).toBe(true)
    expect(isNumberWord('f16')).toBe(false)
  })
})

describe('analyze', () => {
  it('gives the stems without stop words, each once, and the numbers written one way', () => {
    expect(analyze('The drones and the drone: 1,000 drones in 2024')).toEqual({
      stems: ['drone'],
      numbers: ['1000', '2024'],
      words: ['drones'],
    })
    expect(analyze('Росія запустила ४७९ дронів')).toEqual({
      stems: [stemOf('росія'), stemOf('запустила'), stemOf('дронів')],
      numbers: ['479'],
      words: ['росія', 'запустила', 'дронів'],
    })
  })
})

describe('claimantKey', () => {
  it('gives one key to the ways one name is written', () => {
    const keys = [
      'donald-trump',
      'Donald  Trump',
      'DONALD TRUMP',
      'Dónald Trump',
      'Donald\u00A0Trump',
      'Donald.Trump',
    ]
    expect(new Set(keys.map(claimantKey))).toEqual(new Set(['donaldtrump']))
    expect(claimantKey("O'Brien")).toBe(claimantKey('O’Brien'))
    expect(claimantKey('J. R. R. Tolkien')).toBe('jrrtolkien')
  })

  it('keeps other scripts as they are', () => {
    expect(claimantKey('Зеленський')).toBe('зеленський')
    expect(claimantKey('Володимир Зеленський')).toBe('володимирзеленський')
    expect(claimantKey('ශ්‍රී ලංකා')).toBe('ශ්‍රීලංකා')
  })

  it('tells different names apart', () => {
    expect(claimantKey('Donald Trump')).not.toBe(claimantKey('Donald Trump Jr'))
  })
})
