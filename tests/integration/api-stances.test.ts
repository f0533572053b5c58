import { randomUUID } from 'node:crypto'
import { placedStanceCells } from '@counterclaim/domain'
import {
  ClaimantSchema,
  ClaimSchema,
  DisputeSchema,
  EvidenceSchema,
  StanceSchema,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  chars,
  expectError,
  expectInvalid,
  ifMatch,
  oneEvent,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let checkerId: string
let claimantId: string

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checkerId = (await whoAmI(t, cookie)).id
  claimantId = (
    await record(
      await t.request('/api/claimants', {
        method: 'POST',
        json: { name: 'Speaker', kind: 'person' },
        cookie,
      }),
      201,
      ClaimantSchema,
    )
  ).id
})

/** A dispute with one claim and one evidence item. */
async function matrix() {
  const dispute = await record(
    await t.request('/api/disputes', { method: 'POST', json: { title: 'Matrix', question: 'Q?' }, cookie }),
    201,
    DisputeSchema,
  )
  const claim = await record(
    await t.request(`/api/disputes/${dispute.id}/claims`, {
      method: 'POST',
      json: { claimantId, text: 'A claim' },
      cookie,
    }),
    201,
    ClaimSchema,
  )
  const evidence = await record(
    await t.request(`/api/disputes/${dispute.id}/evidence`, {
      method: 'POST',
      json: { title: 'An item', kind: 'document' },
      cookie,
    }),
    201,
    EvidenceSchema,
  )
  return { dispute, claim, evidence }
}

const put = (json: unknown, headers: Record<string, string> = {}) =>
  t.request('/api/stances', { method: 'PUT', json, headers, cookie })

describe('PUT /api/stances', () => {
  it('sets a cell never set before without If-Match: 201 with the record, ETag "1", one event', async () => {
    const { dispute, claim, evidence } = await matrix()
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'stance', action: 'created' },
      () => put({ evidenceId: evidence.id, claimId: claim.id, stance: 'supports', note: 'Matches.' }),
    )
    const stance = await record(result, 201, StanceSchema)
    expect(stance).toMatchObject({
      evidenceId: evidence.id,
      claimId: claim.id,
      stance: 'supports',
      note: 'Matches.',
      version: 1,
    })
    expect(event).toMatchObject({
      entityId: stance.id,
      disputeId: dispute.id,
      claimId: claim.id,
      before: null,
      after: stance,
    })
    const wb = await record(await t.request(`/api/disputes/${dispute.id}`, { cookie }), 200, WorkbenchSchema)
    expect(placedStanceCells(wb)).toEqual([
      { evidenceId: evidence.id, claimId: claim.id, stance: 'supports', note: 'Matches.', version: 1 },
    ])
  })

  it('keeps each stance in its place in the workbench when one of them changes', async () => {
    const { dispute, claim, evidence } = await matrix()
    const more = async (title: string) =>
      record(
        await t.request(`/api/disputes/${dispute.id}/evidence`, {
          method: 'POST',
          json: { title, kind: 'document' },
          cookie,
        }),
        201,
        EvidenceSchema,
      )
    const items = [evidence]
    for (let i = 2; i <= 8; i++) items.push(await more(`Item ${i}`))
    // Notes as long as allowed: the rows fill the table's storage, so a changed row cannot stay where it
    // was (as PostgreSQL would otherwise keep it) and the answer's order must not follow the storage.
    const note = (i: number) => chars(1000, String.fromCharCode(97 + i))
    const set = []
    for (const [i, item] of items.entries())
      set.push(
        await record(
          await put({ evidenceId: item.id, claimId: claim.id, stance: 'context', note: note(i) }),
          201,
          StanceSchema,
        ),
      )
    const order = async () =>
      placedStanceCells(
        await record(await t.request(`/api/disputes/${dispute.id}`, { cookie }), 200, WorkbenchSchema),
      ).map((s) => `${s.evidenceId}:${s.note.charAt(0)}`)
    const before = await order()
    expect([...before].sort()).toEqual(set.map((s) => `${s.evidenceId}:${s.note.charAt(0)}`).sort())
    const first = set[0] as { evidenceId: string; version: number }
    await record(
      await put(
        { evidenceId: first.evidenceId, claimId: claim.id, stance: 'supports' },
        ifMatch(first.version),
      ),
      200,
      StanceSchema,
    )
    expect(await order()).toEqual(before)
  })

  it('changing a set cell needs If-Match: 428 without, 412 stale with the current record; then 200', async () => {
    const { claim, evidence } = await matrix()
    const cell = { evidenceId: evidence.id, claimId: claim.id }
    const first = await record(await put({ ...cell, stance: 'supports' }), 201, StanceSchema)
    await unchanged(t, async () => {
      await expectError(await put({ ...cell, stance: 'contradicts' }), 'precondition_required')
      const stale = await expectError(
        await put({ ...cell, stance: 'contradicts' }, ifMatch(5)),
        'precondition_failed',
      )
      expect(stale.details).toEqual(first)
    })
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'stance', action: 'updated' },
      () => put({ ...cell, stance: 'contradicts' }, ifMatch(1)),
    )
    const changed = await record(result, 200, StanceSchema)
    expect(changed).toMatchObject({ id: first.id, stance: 'contradicts', note: '', version: 2 })
    expect(event).toMatchObject({ before: first, after: changed })
  })

  it('clears a cell with null; the cell keeps counting versions and can be set again', async () => {
    const { dispute, claim, evidence } = await matrix()
    const cell = { evidenceId: evidence.id, claimId: claim.id }
    await record(await put({ ...cell, stance: 'context', note: 'Background' }), 201, StanceSchema)
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'stance', action: 'cleared' },
      () => put({ ...cell, stance: null }, ifMatch(1)),
    )
    const cleared = await record(result, 200, StanceSchema)
    expect(cleared).toMatchObject({ stance: null, note: 'Background', version: 2 })
    expect(event.after).toEqual(cleared)
    const wb = await record(await t.request(`/api/disputes/${dispute.id}`, { cookie }), 200, WorkbenchSchema)
    expect(placedStanceCells(wb)).toEqual([{ ...cell, stance: null, note: 'Background', version: 2 }])
    // Set again: still the same cell, so If-Match is needed.
    await unchanged(t, async () =>
      expectError(await put({ ...cell, stance: 'supports' }), 'precondition_required'),
    )
    expect(
      (await record(await put({ ...cell, stance: 'supports' }, ifMatch(2)), 200, StanceSchema)).version,
    ).toBe(3)
  })

  it('evidence and a claim of different disputes are 400, and nothing is written', async () => {
    const a = await matrix()
    const b = await matrix()
    await unchanged(t, async () =>
      expectInvalid(
        await put({ evidenceId: a.evidence.id, claimId: b.claim.id, stance: 'supports' }),
        'claimId',
      ),
    )
  })

  it('an evidence item or a claim that does not exist is 400 naming it, and nothing is written', async () => {
    const { claim, evidence } = await matrix()
    await unchanged(t, async () => {
      await expectInvalid(
        await put({ evidenceId: randomUUID(), claimId: claim.id, stance: 'supports' }),
        'evidenceId',
      )
      await expectInvalid(
        await put({ evidenceId: evidence.id, claimId: randomUUID(), stance: 'supports' }),
        'claimId',
      )
    })
  })

  it('is 400 for each kind of bad field, 401 signed out', async () => {
    const { claim, evidence } = await matrix()
    const cell = { evidenceId: evidence.id, claimId: claim.id }
    const cases: Array<[unknown, string]> = [
      [{ claimId: claim.id, stance: 'supports' }, 'evidenceId'],
      [{ ...cell }, 'stance'],
      [{ ...cell, stance: 'maybe' }, 'stance'],
      [{ ...cell, stance: 1 }, 'stance'],
      [{ ...cell, evidenceId: 'e1', stance: 'supports' }, 'evidenceId'],
      [{ ...cell, stance: 'supports', note: chars(1001) }, 'note'],
      [{ ...cell, stance: 'supports', weight: 2 }, '(body)'],
    ]
    await unchanged(t, async () => {
      for (const [body, path] of cases) await expectInvalid(await put(body), path)
      await expectError(
        await t.request('/api/stances', { method: 'PUT', json: { ...cell, stance: 'supports' } }),
        'unauthenticated',
      )
    })
  })
})
