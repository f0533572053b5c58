import { describe, expect, it } from 'vitest'
import { diagnosticity, orderByDiagnosticity, type StanceCell } from './diagnosticity.ts'

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
