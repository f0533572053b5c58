import { describe, expect, it } from 'vitest'
import { ROLES, roleAtLeast } from './roles.ts'

describe('roleAtLeast', () => {
  it('ranks checker < editor < admin', () => {
    expect(roleAtLeast('checker', 'checker')).toBe(true)
    expect(roleAtLeast('checker', 'editor')).toBe(false)
    expect(roleAtLeast('editor', 'editor')).toBe(true)
    expect(roleAtLeast('editor', 'admin')).toBe(false)
    expect(roleAtLeast('admin', 'editor')).toBe(true)
    expect(roleAtLeast('admin', 'admin')).toBe(true)
  })
  it('every role reaches itself and the least one', () => {
    for (const role of ROLES) {
      expect(roleAtLeast(role, role)).toBe(true)
      expect(roleAtLeast(role, 'checker')).toBe(true)
    }
  })
})
