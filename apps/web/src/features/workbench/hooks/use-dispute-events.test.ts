import type { DisputeEvent } from '@counterclaim/shared'
import { describe, expect, it } from 'vitest'
import { describeChange } from './use-dispute-events.ts'

const ana = { id: 'u1', name: 'Ana Petrenko' }
const event = (fields: Partial<DisputeEvent>): DisputeEvent => ({
  seq: 1,
  entity: 'stance',
  id: 's1',
  version: 2,
  action: 'updated',
  actor: ana,
  at: '2025-06-10T10:00:00.000Z',
  claimId: 'c1',
  evidenceId: 'e1',
  ...fields,
})
const names = (id: string) => (id === 'c1' ? "Oleg Kiper's claim" : null)

describe('a colleague’s change in words', () => {
  it('names who did what, and on which claim', () => {
    expect(describeChange(event({}), names)).toBe("Ana Petrenko set a stance on Oleg Kiper's claim")
    expect(describeChange(event({ entity: 'verdict', action: 'published' }), names)).toBe(
      "Ana Petrenko published a verdict on Oleg Kiper's claim",
    )
    expect(describeChange(event({ entity: 'evidence', action: 'created', claimId: null }), names)).toBe(
      'Ana Petrenko added evidence',
    )
  })

  it('lets a claim name itself, and says something plain of what it does not know', () => {
    expect(describeChange(event({ entity: 'claim', id: 'c1' }), names)).toBe(
      "Ana Petrenko changed Oleg Kiper's claim",
    )
    expect(
      describeChange(event({ entity: 'claim', id: 'c9', action: 'created', claimId: 'c9' }), names),
    ).toBe('Ana Petrenko added a claim')
    expect(describeChange(event({ entity: 'something_new', action: 'renamed', actor: null }), names)).toBe(
      "Someone made a change on Oleg Kiper's claim",
    )
  })
})
