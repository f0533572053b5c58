import { describe, expect, it } from 'vitest'
import {
  diagnosticity,
  orderByDiagnosticity,
  orderOriginGroups,
  originTally,
  type StanceCell,
} from './diagnosticity.ts'

const claims = ['mod', 'governor', 'mayor']
const cell = (evidenceId: string, claimId: string, stance: StanceCell['stance']): StanceCell => ({
  evidenceId,
  claimId,
  stance,
})

describe('diagnosticity', () => {
  it('puts evidence that supports one claim and contradicts another in the top tier', () => {
    const stances = [cell('photos', 'mod', 'contradicts'), cell('photos', 'governor', 'supports')]
    expect(diagnosticity('photos', claims, stances)).toEqual({ tier: 2, supports: 1, contradicts: 1 })
  })

  it('ranks evidence that bears on some claims only in the middle tier', () => {
    expect(diagnosticity('statement', claims, [cell('statement', 'mod', 'supports')]).tier).toBe(1)
  })

  it('gives no weight to evidence that bears the same way on every claim, or only as context', () => {
    const same = claims.map((c) => cell('map', c, 'supports'))
    expect(diagnosticity('map', claims, same).tier).toBe(0)
    expect(diagnosticity('bg', claims, [cell('bg', 'mod', 'context')]).tier).toBe(0)
    expect(diagnosticity('none', claims, []).tier).toBe(0)
  })

  it('ignores stances on claims outside the given ones', () => {
    const stances = [cell('e', 'archived', 'contradicts'), cell('e', 'mod', 'supports')]
    expect(diagnosticity('e', claims, stances)).toEqual({ tier: 1, supports: 1, contradicts: 0 })
  })
})

describe('orderByDiagnosticity', () => {
  it('orders the most separating evidence first and keeps the given order on ties', () => {
    const evidence = [
      { id: 'statement' },
      { id: 'background' },
      { id: 'photos' },
      { id: 'list' },
      { id: 'other' },
    ]
    const stances = [
      cell('statement', 'mod', 'supports'),
      cell('background', 'mod', 'context'),
      cell('photos', 'mod', 'contradicts'),
      cell('photos', 'governor', 'supports'),
      cell('list', 'mod', 'contradicts'),
      cell('list', 'governor', 'supports'),
      cell('list', 'mayor', 'supports'),
    ]
    expect(orderByDiagnosticity(evidence, claims, stances).map((e) => e.id)).toEqual([
      'list',
      'photos',
      'statement',
      'background',
      'other',
    ])
  })
})

describe('diagnosticity counts origins, not copies', () => {
  const wire = (id: string) => ({ id, origin: 'Reuters wire, 10 June' })

  it('weighs the items of one origin together, as one', () => {
    const stances = [cell('copy1', 'mod', 'contradicts'), cell('copy2', 'governor', 'supports')]
    expect(diagnosticity(['copy1', 'copy2'], claims, stances)).toEqual({
      tier: 2,
      supports: 1,
      contradicts: 1,
    })
  })

  it('keeps the copies of one origin side by side and ranks the origin once', () => {
    const evidence = [
      { id: 'statement', origin: null },
      wire('copy1'),
      { id: 'photos', origin: null },
      { id: 'copy2', origin: '  reuters WIRE, 10 june ' },
    ]
    const stances = [
      cell('statement', 'mod', 'supports'),
      cell('copy1', 'mod', 'contradicts'),
      cell('copy2', 'governor', 'supports'),
    ]
    const groups = orderOriginGroups(evidence, claims, stances)
    expect(groups.map((g) => g.items.map((e) => e.id))).toEqual([
      ['copy1', 'copy2'],
      ['statement'],
      ['photos'],
    ])
    expect(groups[0]?.label).toBe('Reuters wire, 10 June')
    expect(orderByDiagnosticity(evidence, claims, stances).map((e) => e.id)).toEqual([
      'copy1',
      'copy2',
      'statement',
      'photos',
    ])
  })

  it('counts five copies of one press release supporting a claim once', () => {
    const evidence: { id: string; origin: string | null }[] = [1, 2, 3, 4, 5].map((n) => ({
      id: `copy${n}`,
      origin: 'Ministry press release',
    }))
    evidence.push({ id: 'photos', origin: null })
    const stances = [
      ...evidence.slice(0, 5).map((e) => cell(e.id, 'mod', 'supports')),
      cell('photos', 'mod', 'contradicts'),
      cell('photos', 'governor', 'supports'),
    ]
    expect(originTally('mod', evidence, stances)).toEqual({ supports: 1, contradicts: 1 })
    expect(originTally('governor', evidence, stances)).toEqual({ supports: 1, contradicts: 0 })
    expect(originTally('mayor', evidence, stances)).toEqual({ supports: 0, contradicts: 0 })
  })
})
