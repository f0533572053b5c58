import { randomUUID } from 'node:crypto'
import { ClaimantSchema, ClaimSchema, DisputeSchema, WorkbenchSchema } from '@counterclaim/shared'
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
let disputeId: string
let claimantId: string
beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checkerId = (await whoAmI(t, cookie)).id
  disputeId = (
    await record(
      await t.request('/api/disputes', { method: 'POST', json: { title: 'Claims', question: 'Q?' }, cookie }),
      201,
      DisputeSchema,
    )
  ).id
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

const post = (json: unknown, dispute = disputeId) =>
  t.request(`/api/disputes/${dispute}/claims`, { method: 'POST', json, cookie })
const patch = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/claims/${id}`, { method: 'PATCH', json, headers, cookie })
const create = async (json: Record<string, unknown>) =>
  record(await post({ claimantId, ...json }), 201, ClaimSchema)

describe('POST /api/disputes/:id/claims', () => {
  it('adds a claim: 201 with the record, ETag "1", one history event in the dispute and the claim', async () => {
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim', action: 'created' },
      () =>
        post({
          claimantId,
          text: ' Over 300 drones were launched. ',
          shortText: 'Over 300 drones',
          statedOn: '2025-06-10',
          appearanceUrl: 'https://example.org/post/1',
          archiveUrl: 'https://web.archive.org/web/2025/https://example.org/post/1',
          language: 'uk',
          quantity: { value: 300, unit: 'drones', qualifier: 'at_least' },
        }),
    )
    const claim = await record(result, 201, ClaimSchema)
    expect(claim).toMatchObject({
      disputeId,
      claimantId,
      text: 'Over 300 drones were launched.',
      shortText: 'Over 300 drones',
      statedOn: '2025-06-10',
      language: 'uk',
      quantity: { value: 300, unit: 'drones', qualifier: 'at_least' },
      archived: false,
      version: 1,
    })
    expect(event).toMatchObject({
      entityId: claim.id,
      disputeId,
      claimId: claim.id,
      before: null,
      after: claim,
    })
  })

  it('a claim heard on air may have no URL, an old one no date; claims line up in order', async () => {
    const a = await create({ text: 'Said on the radio.' })
    expect(a).toMatchObject({ shortText: null, statedOn: null, appearanceUrl: null, quantity: null })
    const b = await create({ text: 'Said later.', shortText: '' })
    expect(b.shortText).toBeNull()
    expect(b.position).toBeGreaterThan(a.position)
    const wb = await record(await t.request(`/api/disputes/${disputeId}`, { cookie }), 200, WorkbenchSchema)
    const ids = wb.claims.map((c) => c.id)
    expect(ids.indexOf(b.id)).toBeGreaterThan(ids.indexOf(a.id))
    expect(wb.claims.find((c) => c.id === a.id)?.claimant?.name).toBe('Speaker')
  })

  it('an unknown claimant is 400 naming claimantId, and nothing is written', async () => {
    await unchanged(t, async () =>
      expectInvalid(await post({ claimantId: randomUUID(), text: 'Orphan' }), 'claimantId'),
    )
  })

  it('is 400 for each kind of bad field', async () => {
    const good = { claimantId, text: 'T' }
    const cases: Array<[unknown, string]> = [
      [{ claimantId }, 'text'],
      // No claimantId is an unattributed claim (tests/integration/unattributed-claims.test.ts), not a bad field.
      [{ ...good, claimantId: 'abc' }, 'claimantId'],
      [{ ...good, text: chars(5001) }, 'text'],
      [{ ...good, text: 5 }, 'text'],
      [{ ...good, shortText: chars(76) }, 'shortText'],
      [{ ...good, statedOn: '2025-02-30' }, 'statedOn'],
      [{ ...good, statedOn: '10/06/2025' }, 'statedOn'],
      [{ ...good, appearanceUrl: 'javascript:alert(1)' }, 'appearanceUrl'],
      [{ ...good, archiveUrl: 'not a url' }, 'archiveUrl'],
      [{ ...good, language: 'english!' }, 'language'],
      [{ ...good, quantity: { value: '300', unit: 'drones', qualifier: 'exact' } }, 'quantity.value'],
      [{ ...good, quantity: { value: 300, unit: 'drones', qualifier: 'roughly' } }, 'quantity.qualifier'],
      [{ ...good, quantity: { value: 300, qualifier: 'exact' } }, 'quantity.unit'],
      [{ ...good, quantity: { value: 300, unit: 'drones', qualifier: 'exact', min: 1 } }, 'quantity'],
      [{ ...good, position: 3 }, '(body)'],
    ]
    for (const [body, path] of cases) await unchanged(t, async () => expectInvalid(await post(body), path))
    await create({ text: chars(5000), shortText: chars(75) })
  })

  it('is 404 for an unknown dispute, 401 signed out', async () => {
    await unchanged(t, async () => {
      await expectError(await post({ claimantId, text: 'T' }, randomUUID()), 'not_found')
      await expectError(
        await t.request(`/api/disputes/${disputeId}/claims`, {
          method: 'POST',
          json: { claimantId, text: 'T' },
        }),
        'unauthenticated',
      )
    })
  })

  it('a create with its own id, retried with the same body, is 200 with the same record; another body is 409', async () => {
    const body = {
      id: randomUUID(),
      claimantId,
      text: 'Retried claim',
      shortText: '',
      quantity: { value: 479, unit: 'drones', qualifier: 'exact' },
    }
    const first = await record(await post(body), 201, ClaimSchema)
    const again = await unchanged(t, () => post(body))
    expect(await record(again, 200, ClaimSchema)).toEqual(first)
    await unchanged(t, async () => {
      await expectError(await post({ ...body, text: 'Other text' }), 'conflict')
      await expectError(await post({ ...body, quantity: null }), 'conflict')
    })
  })
})

describe('PATCH /api/claims/:id', () => {
  it('changes fields with If-Match: 200, next version, ETag, one event with before and after', async () => {
    const claim = await create({
      text: 'First wording',
      quantity: { value: 7, unit: 'missiles', qualifier: 'exact' },
    })
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim', action: 'updated' },
      () =>
        patch(
          claim.id,
          { text: 'Second wording', quantity: { value: 6, unit: 'missiles', qualifier: 'approx' } },
          ifMatch(1),
        ),
    )
    const changed = await record(result, 200, ClaimSchema)
    expect(changed).toMatchObject({
      text: 'Second wording',
      quantity: { value: 6, unit: 'missiles', qualifier: 'approx' },
      version: 2,
    })
    expect(event).toMatchObject({
      entityId: claim.id,
      disputeId,
      claimId: claim.id,
      before: claim,
      after: changed,
    })
    const cleared = await record(
      await patch(claim.id, { quantity: null, statedOn: null }, ifMatch(2)),
      200,
      ClaimSchema,
    )
    expect(cleared.quantity).toBeNull()
    // A field left out stays as it was.
    expect(cleared.text).toBe('Second wording')
  })

  it('archives with {archived: true}: the claim leaves the workbench', async () => {
    const claim = await create({ text: 'To archive' })
    const { result } = await oneEvent(t, { actorId: checkerId, entity: 'claim', action: 'archived' }, () =>
      patch(claim.id, { archived: true }, ifMatch(1)),
    )
    expect((await record(result, 200, ClaimSchema)).archived).toBe(true)
    const wb = await record(await t.request(`/api/disputes/${disputeId}`, { cookie }), 200, WorkbenchSchema)
    expect(wb.claims.map((c) => c.id)).not.toContain(claim.id)
  })

  it('428 without If-Match, 412 stale with the current record, 404 unknown; nothing changes', async () => {
    const claim = await create({ text: 'Versioned' })
    await unchanged(t, async () => {
      await expectError(await patch(claim.id, { text: 'X' }), 'precondition_required')
      const stale = await expectError(await patch(claim.id, { text: 'X' }, ifMatch(9)), 'precondition_failed')
      expect(stale.details).toEqual(claim)
      await expectError(await patch(randomUUID(), { text: 'X' }, ifMatch(1)), 'not_found')
    })
  })

  it('an unknown claimant or a bad field is 400 and nothing changes', async () => {
    const claim = await create({ text: 'Strict' })
    await unchanged(t, async () => {
      await expectInvalid(await patch(claim.id, { claimantId: randomUUID() }, ifMatch(1)), 'claimantId')
      for (const [json, path] of [
        [{ text: '' }, 'text'],
        [{ shortText: chars(76) }, 'shortText'],
        [{ statedOn: '2025-13-01' }, 'statedOn'],
        [{ appearanceUrl: 'javascript:alert(1)' }, 'appearanceUrl'],
        [{ position: -1 }, 'position'],
        [{ disputeId: randomUUID() }, '(body)'],
      ] as const) {
        await expectInvalid(await patch(claim.id, json, ifMatch(1)), path)
      }
    })
  })
})

describe('quantities', () => {
  const launched = {
    measure: 'drones launched',
    value: 300,
    qualifier: 'at_least',
    unit: 'drones',
    periodFrom: '2025-06-09',
    periodTo: '2025-06-10',
    place: ' Ukraine ',
  }
  const missiles = { measure: 'missiles launched', value: 7, qualifier: 'exact', unit: 'missiles' }

  it('a claim takes a list: each one stored whole, left-out fields null, the first also in the older shape', async () => {
    const claim = await create({
      text: 'Over 300 drones and seven missiles',
      quantities: [launched, missiles],
    })
    expect(claim.quantities).toEqual([
      { ...launched, valueMax: null, place: 'Ukraine' },
      { ...missiles, valueMax: null, periodFrom: null, periodTo: null, place: null },
    ])
    expect(claim.quantity).toEqual({ value: 300, unit: 'drones', qualifier: 'at_least' })
    const read = await record(await t.request(`/api/disputes/${disputeId}`, { cookie }), 200, WorkbenchSchema)
    expect(read.claims.find((c) => c.id === claim.id)?.quantities).toEqual(claim.quantities)
  })

  it('the older single quantity is still taken: a one-item list whose measure is its unit', async () => {
    const claim = await create({
      text: 'Older client',
      quantity: { value: 479, unit: 'drones', qualifier: 'exact' },
    })
    expect(claim.quantities).toEqual([
      {
        measure: 'drones',
        value: 479,
        valueMax: null,
        qualifier: 'exact',
        unit: 'drones',
        periodFrom: null,
        periodTo: null,
        place: null,
      },
    ])
  })

  it('one PATCH replacing the list is one history event; an empty list clears it', async () => {
    const claim = await create({ text: 'Changing numbers', quantities: [launched] })
    const range = { ...launched, value: 300, valueMax: 350, qualifier: 'approx', place: null }
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim', action: 'updated' },
      () => patch(claim.id, { quantities: [range, missiles] }, ifMatch(1)),
    )
    const changed = await record(result, 200, ClaimSchema)
    expect(changed.quantities.map((q) => [q.measure, q.value, q.valueMax, q.qualifier])).toEqual([
      ['drones launched', 300, 350, 'approx'],
      ['missiles launched', 7, null, 'exact'],
    ])
    expect(event).toMatchObject({ before: claim, after: changed })
    const cleared = await record(await patch(claim.id, { quantities: [] }, ifMatch(2)), 200, ClaimSchema)
    expect(cleared).toMatchObject({ quantities: [], quantity: null })
  })

  it('a retried create with its own id compares the list', async () => {
    const body = { id: randomUUID(), claimantId, text: 'Retried numbers', quantities: [launched] }
    const first = await record(await post(body), 201, ClaimSchema)
    expect(await record(await unchanged(t, () => post(body)), 200, ClaimSchema)).toEqual(first)
    await unchanged(t, async () =>
      expectError(await post({ ...body, quantities: [{ ...launched, value: 301 }] }), 'conflict'),
    )
  })

  it('is 400 naming quantities.N.field for each kind of bad quantity, and for both shapes at once', async () => {
    const good = { claimantId, text: 'T' }
    const bad = (over: Record<string, unknown>) => ({
      ...good,
      quantities: [missiles, { ...launched, ...over }],
    })
    const cases: Array<[unknown, string, string]> = [
      [bad({ measure: '  ' }), 'quantities.1.measure', 'must not be empty'],
      [bad({ measure: chars(121) }), 'quantities.1.measure', 'must be at most 120 characters'],
      [bad({ value: '300' }), 'quantities.1.value', ''],
      [bad({ value: null }), 'quantities.1.value', ''],
      [bad({ valueMax: 200 }), 'quantities.1.valueMax', 'must not be less than the value it runs from'],
      [bad({ qualifier: 'roughly' }), 'quantities.1.qualifier', ''],
      [bad({ unit: '' }), 'quantities.1.unit', 'must not be empty'],
      [bad({ unit: chars(61) }), 'quantities.1.unit', 'must be at most 60 characters'],
      [bad({ periodFrom: '2025-02-30' }), 'quantities.1.periodFrom', 'must be a real calendar date'],
      [bad({ periodTo: '9 June' }), 'quantities.1.periodTo', 'must be a date as YYYY-MM-DD'],
      [
        bad({ periodFrom: '2025-06-10', periodTo: '2025-06-09' }),
        'quantities.1.periodTo',
        'must not be before',
      ],
      [bad({ place: chars(201) }), 'quantities.1.place', 'must be at most 200 characters'],
      [bad({ colour: 'red' }), 'quantities.1', ''],
      [{ ...good, quantities: Array.from({ length: 21 }, () => missiles) }, 'quantities', 'at most 20'],
      [{ ...good, quantities: missiles }, 'quantities', ''],
      [
        { ...good, quantities: [missiles], quantity: { value: 7, unit: 'missiles', qualifier: 'exact' } },
        'quantity',
        'not both',
      ],
    ]
    for (const [body, path, words] of cases) {
      await unchanged(t, async () => {
        const error = await expectInvalid(await post(body), path)
        expect(JSON.stringify(error.details)).toContain(words)
      })
    }
    const claim = await create({ text: 'Patch both', quantities: [] })
    await unchanged(t, async () =>
      expectInvalid(
        await patch(
          claim.id,
          { quantities: [], quantity: { value: 7, unit: 'missiles', qualifier: 'exact' } },
          ifMatch(1),
        ),
        'quantity',
      ),
    )
    await create({ text: 'Twenty', quantities: Array.from({ length: 20 }, () => missiles) })
  })
})
