import { describe, expect, it } from 'vitest'
import { independentOrigins, knownOrigins, originGroups, originKey, twoSourceShortfall } from './origins.ts'

describe('originKey', () => {
  it('ignores case, spacing and accents', () => {
    const key = originKey('Reuters wire, 10 June')
    expect(originKey('  reuters  WIRE,10 june ')).toBe(key)
    expect(originKey('Agence France-Presse')).toBe(originKey('agence france-presse'))
    expect(originKey('Ukrinform, Dnipró')).toBe(originKey('UKRINFORM, Dnipro'))
    expect(originKey('Reuters wire, 11 June')).not.toBe(key)
  })

  it('reads a blank or missing origin as none', () => {
    expect(originKey(null)).toBeNull()
    expect(originKey(undefined)).toBeNull()
    expect(originKey('   ')).toBeNull()
  })
})

describe('originGroups and independentOrigins', () => {
  const items = [
    { id: 'a', origin: 'Reuters wire, 10 June' },
    { id: 'b', origin: null },
    { id: 'c', origin: 'reuters wire, 10 june' },
    { id: 'd', origin: '' },
    { id: 'e', origin: 'Ministry press release' },
  ]

  it('groups items of one origin in the order they first come; an item without origin is its own', () => {
    const groups = originGroups(items)
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([['a', 'c'], ['b'], ['d'], ['e']])
    expect(groups.map((g) => g.label)).toEqual([
      'Reuters wire, 10 June',
      null,
      null,
      'Ministry press release',
    ])
  })

  it('counts independent origins: copies once, items without origin each', () => {
    expect(independentOrigins(items)).toBe(4)
    expect(independentOrigins([])).toBe(0)
  })

  it('lists the known origins once each, as first spelled', () => {
    expect(knownOrigins(items)).toEqual(['Reuters wire, 10 June', 'Ministry press release'])
  })
})

describe('twoSourceShortfall', () => {
  it('is null when the cited evidence comes from two independent origins', () => {
    expect(twoSourceShortfall([{ id: 'a', origin: 'Wire' }, { id: 'b' }])).toBeNull()
    expect(twoSourceShortfall([{ id: 'a' }, { id: 'b' }])).toBeNull()
  })

  it('names the one origin that copies repeat', () => {
    expect(
      twoSourceShortfall([
        { id: 'a', origin: 'Reuters wire, 10 June' },
        { id: 'b', origin: 'REUTERS WIRE, 10 June' },
      ]),
    ).toEqual({
      origins: 1,
      message: 'The cited evidence comes from one origin: Reuters wire, 10 June (2 items repeat it).',
      only: { label: 'Reuters wire, 10 June', items: 2, title: null },
    })
  })

  it('names a lone item by its title, and says when nothing is cited', () => {
    expect(twoSourceShortfall([{ id: 'a', origin: null, title: 'Ministry statement' }])?.message).toBe(
      'The cited evidence comes from one origin: “Ministry statement”.',
    )
    expect(twoSourceShortfall([])?.origins).toBe(0)
  })
})
