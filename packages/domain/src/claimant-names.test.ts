import { describe, expect, it } from 'vitest'
import { claimantKeysOf, claimantsByKey, nameWithKeyIn, tidyAliases } from './claimant-names.ts'

describe('tidyAliases', () => {
  it('trims, keeps each name once by its key (the first spelling), and never the claimant’s own name', () => {
    expect(
      tidyAliases('Donald Trump', [
        '  Donald J. Trump ',
        'donald-trump',
        'POTUS',
        'potus',
        'Dónald  Trump',
        'Donald J Trump',
        '45th president',
      ]),
    ).toEqual(['Donald J. Trump', 'POTUS', '45th president'])
  })

  it('drops an alias with nothing left to compare once hyphens and dots are gone', () => {
    expect(tidyAliases('Ministry of Defence', ['-', ' . ', 'MoD'])).toEqual(['MoD'])
  })
})

describe('claimantKeysOf and nameWithKeyIn', () => {
  it('collect the keys of name and aliases, and find which name of a claimant shares one', () => {
    const keys = claimantKeysOf({ name: 'donald-trump', aliases: ['The Donald'] })
    expect([...keys]).toEqual(['donaldtrump', 'thedonald'])
    expect(nameWithKeyIn({ name: 'Trump', aliases: ['Donald Trump'] }, keys)).toBe('Donald Trump')
    expect(nameWithKeyIn({ name: 'Someone else', aliases: [] }, keys)).toBeNull()
  })
})

describe('claimantsByKey', () => {
  const at = (n: number) => `2025-01-0${n}T00:00:00.000Z`
  it('resolves a name by a live name, then a live alias, then a merged claimant’s names to its survivor', () => {
    const index = claimantsByKey([
      { id: 'old', name: 'Old name', aliases: [], mergedIntoId: 'mid', createdAt: at(1) },
      { id: 'mid', name: 'Middle', aliases: ['Shared'], mergedIntoId: 'trump', createdAt: at(2) },
      {
        id: 'trump',
        name: 'Donald Trump',
        aliases: ['Middle', 'POTUS'],
        mergedIntoId: null,
        createdAt: at(3),
      },
      { id: 'potus', name: 'potus', aliases: [], mergedIntoId: null, createdAt: at(4) },
      { id: 'copy', name: 'Donald-Trump', aliases: [], mergedIntoId: null, createdAt: at(5) },
    ])
    expect(index.get('donaldtrump')).toBe('trump')
    // A name beats an alias, whatever their ages.
    expect(index.get('potus')).toBe('potus')
    expect(index.get('middle')).toBe('trump')
    // Merged twice over: the names lead to the last survivor.
    expect(index.get('oldname')).toBe('trump')
    expect(index.get('shared')).toBe('trump')
  })
})
