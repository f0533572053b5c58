import { describe, expect, it } from 'vitest'
import { findMentions, type Mentionable } from './mentions.ts'

const ana: Mentionable = { id: 'ana', name: 'Ana Kovalenko', email: 'ana.k@desk.example' }
const anaShort: Mentionable = { id: 'ana-s', name: 'Ana', email: 'ana@desk.example' }
const jose: Mentionable = { id: 'jose', name: 'José Álvarez', email: 'jalvarez@desk.example' }
const oleh: Mentionable = { id: 'oleh', name: 'Олег Кіпер', email: 'oleh@desk.example' }
const desk = [ana, anaShort, jose, oleh]

describe('findMentions', () => {
  it('finds @Full Name ignoring case and accents', () => {
    expect(findMentions('Thanks @jose alvarez, and @ОЛЕГ КІПЕР too', desk)).toEqual(['jose', 'oleh'])
    expect(findMentions('@José Álvarez: see the footage', desk)).toEqual(['jose'])
    // Decomposed accents read as the precomposed ones.
    expect(findMentions('@Jose\u0301 A\u0301lvarez', desk)).toEqual(['jose'])
  })

  it('lets the longest name win at one @', () => {
    expect(findMentions('@Ana Kovalenko, please check', desk)).toEqual(['ana'])
    expect(findMentions('@Ana, please check', desk)).toEqual(['ana-s'])
  })

  it('needs a name to end where no letter follows', () => {
    expect(findMentions('@Anatoly will do it', desk)).toEqual([])
    expect(findMentions('@Ana Kovalenkova', desk)).toEqual(['ana-s'])
    expect(findMentions('@Ana.', desk)).toEqual(['ana-s'])
    expect(findMentions("@Ana Kovalenko's draft", desk)).toEqual(['ana'])
  })

  it('finds @ and the local part of an e-mail address, not followed by a letter or digit', () => {
    expect(findMentions('ask @ana.k and @JAlvarez.', desk)).toEqual(['ana', 'jose'])
    expect(findMentions('ask @jalvarez2', desk)).toEqual([])
  })

  it('reads an @ inside a word (an e-mail address) as no mention', () => {
    expect(findMentions('write to ana@desk.example', desk)).toEqual([])
  })

  it('lists each person once, in the order first mentioned', () => {
    expect(findMentions('@Олег Кіпер @Ana Kovalenko @oleh @ana.k', desk)).toEqual(['oleh', 'ana'])
  })

  it('matches names across any run of white space', () => {
    expect(findMentions('@Ana   Kovalenko\nhere', desk)).toEqual(['ana'])
    expect(findMentions('@Ana\nKovalenko', desk)).toEqual(['ana'])
  })

  it('mentions no one in a text without a known name', () => {
    expect(findMentions('No mention here, @nobody and @ alone', desk)).toEqual([])
    expect(findMentions('@Ana', [])).toEqual([])
  })
})
