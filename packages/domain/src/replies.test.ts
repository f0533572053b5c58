import type { PublishedReply } from '@counterclaim/shared'
import { describe, expect, it } from 'vitest'
import { byAskedOn, replyLine, replyProblems, replyState } from './replies.ts'

const asked: PublishedReply = {
  askedOn: '2025-06-10',
  channel: 'email',
  contact: "the ministry's press office",
  question: 'Which facilities were hit?',
  replyBy: '2025-06-11',
  answer: null,
  answeredOn: null,
}

describe('replyProblems', () => {
  it('accepts an entry that holds together, a deadline on the day asked included', () => {
    expect(replyProblems(asked)).toEqual([])
    expect(replyProblems({ ...asked, replyBy: '2025-06-10' })).toEqual([])
    expect(replyProblems({ ...asked, answer: 'Yes.', answeredOn: '2025-06-10' })).toEqual([])
  })
  it('names each field that does not hold together', () => {
    expect(replyProblems({ ...asked, replyBy: '2025-06-09' })).toEqual([
      { path: 'replyBy', message: 'cannot be before the day you asked' },
    ])
    expect(replyProblems({ ...asked, answer: 'Yes.', answeredOn: '2025-06-01' }).map((p) => p.path)).toEqual([
      'answeredOn',
    ])
    expect(replyProblems({ ...asked, answer: 'Yes.' }).map((p) => p.path)).toEqual(['answeredOn'])
    expect(replyProblems({ ...asked, answeredOn: '2025-06-11' }).map((p) => p.path)).toEqual(['answer'])
  })
})

describe('replyState and replyLine', () => {
  it('says where an entry stands, in words', () => {
    expect(replyState(asked, '2025-06-11')).toBe('waiting')
    expect(replyState(asked, '2025-06-12')).toBe('no_reply_by_deadline')
    expect(replyState({ ...asked, answer: 'No.', answeredOn: '2025-06-13' }, '2025-06-20')).toBe('answered')
    expect(replyLine(asked)).toBe(
      "Asked the ministry's press office by email on 2025-06-10: “Which facilities were hit?” — no reply yet; asked to reply by 2025-06-11",
    )
    expect(replyLine(asked, (d) => d, '2025-06-12')).toMatch(/— no reply by 2025-06-11$/)
    expect(replyLine({ ...asked, answer: 'Military ones.', answeredOn: '2025-06-11' })).toMatch(
      /— replied on 2025-06-11: “Military ones\.”$/,
    )
  })
  it('orders the log by the day asked, keeping the given order within a day', () => {
    const a = { ...asked, askedOn: '2025-06-12', contact: 'a' }
    const b = { ...asked, contact: 'b' }
    const c = { ...asked, contact: 'c' }
    expect(byAskedOn([a, b, c]).map((r) => r.contact)).toEqual(['b', 'c', 'a'])
  })
})
