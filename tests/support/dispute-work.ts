// A colleague's work inside a dispute, made through the API: what the live-event tests and the soak
// write while streams watch. No Vitest import here: the soak uses it too.
import { randomUUID } from 'node:crypto'
import type { Send } from './http.ts'

export interface WorkDispute {
  id: string
  /** A claimant of its own, to make claims with. */
  claimantId: string
}

async function send<T>(to: Send, method: string, path: string, cookie: string, json: unknown): Promise<T> {
  const res = await to(path, { method, json, cookie })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`${method} ${path} answered ${res.status}: ${text}`)
  return JSON.parse(text) as T
}

/** A new dispute and a claimant, made by `cookie`'s user. */
export async function newWorkDispute(to: Send, cookie: string): Promise<WorkDispute> {
  const dispute = await send<{ id: string }>(to, 'POST', '/api/disputes', cookie, {
    title: `Live ${randomUUID().slice(0, 8)}`,
    question: 'Who said what?',
  })
  const claimant = await send<{ id: string }>(to, 'POST', '/api/claimants', cookie, {
    name: `Speaker ${randomUUID().slice(0, 8)}`,
    kind: 'person',
    allowDuplicate: true,
  })
  return { id: dispute.id, claimantId: claimant.id }
}

/** `rounds` of work inside the dispute, one change after another: a claim, evidence, a stance, a verdict draft each. */
export async function workInDispute(to: Send, cookie: string, d: WorkDispute, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const claim = await send<{ id: string }>(to, 'POST', `/api/disputes/${d.id}/claims`, cookie, {
      claimantId: d.claimantId,
      text: `Claim ${i} ${randomUUID()}`,
    })
    const evidence = await send<{ id: string }>(to, 'POST', `/api/disputes/${d.id}/evidence`, cookie, {
      title: `Source ${i}`,
      kind: 'news_report',
    })
    await send(to, 'PUT', '/api/stances', cookie, {
      evidenceId: evidence.id,
      claimId: claim.id,
      stance: 'supports',
    })
    await send(to, 'PUT', `/api/claims/${claim.id}/verdict`, cookie, { summary: `Draft ${i}` })
  }
}

/** The changes a changes-list should hold after `after`: the dispute's history in seq order. */
export const DISPUTE_HISTORY_SQL =
  'SELECT seq, entity, entity_id, action FROM history_events WHERE dispute_id = $1 AND seq > $2 ORDER BY seq'
