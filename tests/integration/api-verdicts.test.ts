import { randomUUID } from 'node:crypto'
import {
  ClaimantSchema,
  ClaimSchema,
  DisputeListItemSchema,
  DisputeSchema,
  EvidenceSchema,
  pageOf,
  VerdictSchema,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  chars,
  exact,
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
let checker: { id: string; email: string }
let claimantId: string

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checker = await whoAmI(t, cookie)
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

/** A dispute with one claim and two evidence items. */
async function setup() {
  const dispute = await record(
    await t.request('/api/disputes', { method: 'POST', json: { title: 'Verdicts', question: 'Q?' }, cookie }),
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
  const evidence = []
  for (const title of ['First item', 'Second item']) {
    evidence.push(
      await record(
        await t.request(`/api/disputes/${dispute.id}/evidence`, {
          method: 'POST',
          json: { title, kind: 'document' },
          cookie,
        }),
        201,
        EvidenceSchema,
      ),
    )
  }
  return { dispute, claim, evidence: evidence.map((e) => e.id) }
}

const put = (claimId: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/claims/${claimId}/verdict`, { method: 'PUT', json, headers, cookie })

describe('PUT /api/claims/:id/verdict', () => {
  it('creates the draft without If-Match: 201 with the verdict, ETag "1", the author, one event', async () => {
    const { dispute, claim, evidence } = await setup()
    const { result, event } = await oneEvent(
      t,
      { actorId: checker.id, entity: 'verdict', action: 'drafted' },
      () =>
        put(claim.id, {
          rating: 'mostly_false',
          summary: 'Mostly wrong.',
          rationale: 'Because **reasons**.',
          citedEvidenceIds: [evidence[1], evidence[0], evidence[1]],
        }),
    )
    const verdict = await record(result, 201, VerdictSchema)
    expect(verdict).toMatchObject({
      claimId: claim.id,
      rating: 'mostly_false',
      ratingLabel: 'Mostly false',
      summary: 'Mostly wrong.',
      rationale: 'Because **reasons**.',
      citedEvidenceIds: [evidence[1], evidence[0]],
      status: 'draft',
      author: { id: checker.id, name: 'Taras Bondar' },
      reviewer: null,
      publishedAt: null,
      corrections: [],
      version: 1,
    })
    expect(event).toMatchObject({
      entityId: verdict.id,
      disputeId: dispute.id,
      claimId: claim.id,
      before: null,
      after: verdict,
    })
    const wb = await record(await t.request(`/api/disputes/${dispute.id}`, { cookie }), 200, WorkbenchSchema)
    expect(wb.claims[0]?.verdict).toEqual(verdict)
    const listed = await exact(
      await t.request('/api/disputes?q=Verdicts', { cookie }),
      pageOf(DisputeListItemSchema),
    )
    const item = listed.items.find((d) => d.id === dispute.id)
    expect(item?.claims[0]).toMatchObject({ rating: 'mostly_false', verdictStatus: 'draft' })
  })

  it('a draft may be incomplete', async () => {
    const { claim } = await setup()
    const verdict = await record(await put(claim.id, {}), 201, VerdictSchema)
    expect(verdict).toMatchObject({
      rating: null,
      ratingLabel: null,
      summary: '',
      rationale: '',
      citedEvidenceIds: [],
    })
  })

  it('changes the draft with If-Match: 200, next version; 428 without, 412 stale; fields left out stay', async () => {
    const { claim, evidence } = await setup()
    const draft = await record(
      await put(claim.id, { rating: 'true', summary: 'S', citedEvidenceIds: [evidence[0]] }),
      201,
      VerdictSchema,
    )
    await unchanged(t, async () => {
      await expectError(await put(claim.id, { rating: 'false' }), 'precondition_required')
      const stale = await expectError(
        await put(claim.id, { rating: 'false' }, ifMatch(2)),
        'precondition_failed',
      )
      expect(stale.details).toEqual(draft)
    })
    const { result, event } = await oneEvent(
      t,
      { actorId: checker.id, entity: 'verdict', action: 'updated' },
      () => put(claim.id, { rating: 'false', citedEvidenceIds: [evidence[1]] }, ifMatch(1)),
    )
    const changed = await record(result, 200, VerdictSchema)
    expect(changed).toMatchObject({
      id: draft.id,
      rating: 'false',
      summary: 'S',
      citedEvidenceIds: [evidence[1]],
      version: 2,
    })
    expect(event).toMatchObject({ before: draft, after: changed })
    const uncited = await record(
      await put(claim.id, { citedEvidenceIds: [], rating: null }, ifMatch(2)),
      200,
      VerdictSchema,
    )
    expect(uncited).toMatchObject({ citedEvidenceIds: [], rating: null, version: 3 })
  })

  it('citing evidence of another dispute, unknown or archived evidence is 400 and nothing is written', async () => {
    const a = await setup()
    const b = await setup()
    const archived = a.evidence[1] as string
    expect(
      (
        await t.request(`/api/evidence/${archived}`, {
          method: 'PATCH',
          json: { archived: true },
          headers: ifMatch(1),
          cookie,
        })
      ).status,
    ).toBe(200)
    await unchanged(t, async () => {
      for (const ids of [[b.evidence[0]], [a.evidence[0], randomUUID()], [archived]]) {
        await expectInvalid(await put(a.claim.id, { citedEvidenceIds: ids }), 'citedEvidenceIds')
      }
    })
    await record(await put(a.claim.id, { citedEvidenceIds: [a.evidence[0]] }), 201, VerdictSchema)
    await unchanged(t, async () =>
      expectInvalid(
        await put(a.claim.id, { citedEvidenceIds: [b.evidence[0]] }, ifMatch(1)),
        'citedEvidenceIds',
      ),
    )
  })

  it('changing a verdict that is in review or published is 409, and nothing changes', async () => {
    const seeded = await record(
      await t.request(`/api/disputes/${await strikesId()}`, { cookie }),
      200,
      WorkbenchSchema,
    )
    for (const status of ['in_review', 'published'] as const) {
      const claim = seeded.claims.find((c) => c.verdict?.status === status)
      const version = claim?.verdict?.version ?? 0
      expect(version).toBeGreaterThan(0)
      const error = await unchanged(t, async () =>
        expectError(await put(claim?.id ?? '', { summary: 'Sneaky edit' }, ifMatch(version)), 'conflict'),
      )
      expect(error.details).toEqual({ status })
    }
  })

  it('is 400 for each kind of bad field', async () => {
    const { claim } = await setup()
    const cases: Array<[unknown, string]> = [
      [{ rating: 'pants_on_fire' }, 'rating'],
      [{ rating: 5 }, 'rating'],
      [{ summary: chars(301) }, 'summary'],
      [{ rationale: chars(50_001) }, 'rationale'],
      [{ citedEvidenceIds: 'abc' }, 'citedEvidenceIds'],
      [{ citedEvidenceIds: ['abc'] }, 'citedEvidenceIds.0'],
      [{ status: 'published' }, '(body)'],
    ]
    await unchanged(t, async () => {
      for (const [body, path] of cases) await expectInvalid(await put(claim.id, body), path)
    })
    await record(await put(claim.id, { summary: chars(300), rationale: chars(50_000) }), 201, VerdictSchema)
  })

  it('is 404 for an unknown claim, 409 for an archived one, 401 signed out', async () => {
    const { claim } = await setup()
    await record(
      await t.request(`/api/claims/${claim.id}`, {
        method: 'PATCH',
        json: { archived: true },
        headers: ifMatch(1),
        cookie,
      }),
      200,
      ClaimSchema,
    )
    await unchanged(t, async () => {
      await expectError(await put(randomUUID(), { summary: 'S' }), 'not_found')
      await expectError(await put(claim.id, { summary: 'S' }), 'conflict')
      await expectError(
        await t.request(`/api/claims/${claim.id}/verdict`, { method: 'PUT', json: { summary: 'S' } }),
        'unauthenticated',
      )
    })
  })
})

async function strikesId(): Promise<string> {
  const page = await exact(
    await t.request('/api/disputes?q=Kyiv%20and%20Odesa', { cookie }),
    pageOf(DisputeListItemSchema),
  )
  return page.items[0]?.id ?? ''
}
