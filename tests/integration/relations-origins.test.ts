import { randomUUID } from 'node:crypto'
import {
  ClaimRelationSchema,
  EvidenceSchema,
  HistoryEventSchema,
  VerdictSchema,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
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
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let strict: TestApp
let checker: string
let editor: string
let checkerId: string

beforeAll(async () => {
  t = await makeTestApp()
  strict = await makeTestApp({ env: { COUNTERCLAIM_TWO_SOURCE_RULE: 'on' } })
  checker = await t.login('checker')
  editor = await t.login('editor')
  checkerId = (await whoAmI(t, checker)).id
})

const URL_A = 'https://example.org/wire'

/** A dispute of three claims and evidence of the given origins (all with URLs). */
function threeClaims(app: TestApp, evidence: Array<{ title: string; origin?: string | null }> = []) {
  const claimant = (name: string) => ({ name: `${name} ${randomUUID().slice(0, 6)}`, kind: 'government' })
  return createDispute(app.request, {
    title: `Relations ${randomUUID()}`,
    question: 'What was hit?',
    claims: [
      { claimant: claimant('Ministry'), text: 'All designated objects were hit.' },
      { claimant: claimant('Governor'), text: 'A maternity hospital was hit.' },
      { claimant: claimant('Mayor'), text: 'Seven districts were hit.' },
    ],
    evidence: evidence.map((e) => ({ kind: 'news_report', url: URL_A, ...e })),
  })
}

const putRelation = (json: unknown, headers: Record<string, string> = {}, app = t, cookie = checker) =>
  app.request('/api/claim-relations', { method: 'PUT', json, headers, cookie })

async function workbenchOf(id: string, app = t, cookie = checker) {
  return exact(await app.request(`/api/disputes/${id}`, { cookie }), WorkbenchSchema)
}

describe('PUT /api/claim-relations', () => {
  let d: OwnDispute
  let a: string
  let b: string
  let c: string
  beforeAll(async () => {
    d = await threeClaims(t)
    ;[a, b, c] = d.workbench.claims.map((claim) => claim.id) as [string, string, string]
  })

  it('sets a pair for the first time without If-Match: 201, stored with the smaller id first, one event', async () => {
    const [low, high] = [a, b].sort() as [string, string]
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim_relation', action: 'created' },
      async () =>
        record(
          await putRelation({ claimId: high, otherClaimId: low, kind: 'compatible', note: 'Both can hold.' }),
          201,
          ClaimRelationSchema,
        ),
    )
    expect(result).toMatchObject({
      disputeId: d.id,
      claimId: low,
      otherClaimId: high,
      kind: 'compatible',
      note: 'Both can hold.',
      version: 1,
    })
    expect(event).toMatchObject({ entityId: result.id, disputeId: d.id, before: null, after: result })
    const wb = await workbenchOf(d.id)
    expect(wb.relations).toEqual([result])
  })

  it('names the same relation in either order: a change needs If-Match (428 absent, 412 stale)', async () => {
    const current = (await workbenchOf(d.id)).relations[0]
    if (!current) throw new Error('the relation was not set')
    const body = { claimId: a, otherClaimId: b, kind: 'contradicts' }
    await unchanged(t, async () => expectError(await putRelation(body), 'precondition_required'))
    const stale = await unchanged(t, async () =>
      expectError(await putRelation(body, ifMatch(current.version + 5)), 'precondition_failed'),
    )
    expect(ClaimRelationSchema.parse(stale.details)).toEqual(current)
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim_relation', action: 'updated' },
      async () => record(await putRelation(body, ifMatch(current.version)), 200, ClaimRelationSchema),
    )
    expect(result).toMatchObject({ id: current.id, kind: 'contradicts', note: 'Both can hold.', version: 2 })
    expect(event.before).toEqual(current)
  })

  it('clears with kind null: the row stays (in the workbench too, kind null) and its version counts', async () => {
    const current = (await workbenchOf(d.id)).relations[0]
    if (!current) throw new Error('the relation was not set')
    const { result } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim_relation', action: 'cleared' },
      async () =>
        record(
          await putRelation({ claimId: b, otherClaimId: a, kind: null }, ifMatch(current.version)),
          200,
          ClaimRelationSchema,
        ),
    )
    expect(result).toMatchObject({ id: current.id, kind: null, version: current.version + 1 })
    expect((await workbenchOf(d.id)).relations).toEqual([result])
    // Set again later: a change of the same record, so If-Match of the cleared one.
    const again = await record(
      await putRelation({ claimId: a, otherClaimId: b, kind: 'same_claim' }, ifMatch(result.version)),
      200,
      ClaimRelationSchema,
    )
    expect(again).toMatchObject({ id: current.id, kind: 'same_claim' })
  })

  it('is in the dispute history, and in the history of the relation itself', async () => {
    const relation = await record(
      await putRelation({ claimId: b, otherClaimId: c, kind: 'different_scope' }),
      201,
      ClaimRelationSchema,
    )
    const Page = z.object({ items: z.array(HistoryEventSchema), nextCursor: z.string().nullable() })
    const ofDispute = await exact(
      await t.request(`/api/history?entity=dispute&id=${d.id}`, { cookie: checker }),
      Page,
    )
    expect(ofDispute.items[0]).toMatchObject({
      entity: 'claim_relation',
      entityId: relation.id,
      action: 'created',
    })
    const own = await exact(
      await t.request(`/api/history?entity=claim_relation&id=${relation.id}`, { cookie: checker }),
      Page,
    )
    expect(own.items.map((e) => e.action)).toEqual(['created'])
  })

  it('refuses a claim related to itself, unknown or archived claims, claims of two disputes: 400 naming the field', async () => {
    const other = await threeClaims(t)
    const elsewhere = other.workbench.claims[0]?.id ?? ''
    const cases: Array<[unknown, string]> = [
      [{ claimId: a, otherClaimId: a, kind: 'compatible' }, 'otherClaimId'],
      [{ claimId: randomUUID(), otherClaimId: a, kind: 'compatible' }, 'claimId'],
      [{ claimId: a, otherClaimId: randomUUID(), kind: 'compatible' }, 'otherClaimId'],
      [{ claimId: a, otherClaimId: elsewhere, kind: 'compatible' }, 'otherClaimId'],
      [{ claimId: a, otherClaimId: c, kind: 'opposite' }, 'kind'],
      [{ claimId: a, otherClaimId: c }, 'kind'],
      [{ claimId: a, otherClaimId: c, kind: 'compatible', note: chars(1001) }, 'note'],
      [{ claimId: 'not-an-id', otherClaimId: c, kind: 'compatible' }, 'claimId'],
    ]
    for (const [body, path] of cases) {
      const error = await unchanged(t, async () => expectInvalid(await putRelation(body), path))
      expect(error.message).not.toMatch(/otherClaimId|claimId/)
    }
    const archived = other.workbench.claims[1]
    if (!archived) throw new Error('no second claim')
    await record(
      await t.request(`/api/claims/${archived.id}`, {
        method: 'PATCH',
        json: { archived: true },
        headers: ifMatch(archived.version),
        cookie: checker,
      }),
      200,
      z.object({ version: z.number() }).loose(),
    )
    const error = await unchanged(t, async () =>
      expectInvalid(
        await putRelation({ claimId: elsewhere, otherClaimId: archived.id, kind: 'compatible' }),
        'otherClaimId',
      ),
    )
    expect(error.message).toMatch(/archived/)
  })

  it('needs a session', async () => {
    const res = await t.request('/api/claim-relations', {
      method: 'PUT',
      json: { claimId: a, otherClaimId: c, kind: 'compatible' },
    })
    await expectError(res, 'unauthenticated')
  })
})

describe('evidence origins', () => {
  it('takes an origin on create and patch: trimmed, empty is none, at most 300 characters', async () => {
    const d = await threeClaims(t)
    const post = (json: unknown) =>
      t.request(`/api/disputes/${d.id}/evidence`, { method: 'POST', json, cookie: checker })
    const wire = await record(
      await post({ title: 'Wire story', kind: 'news_report', origin: '  Reuters wire, 10 June  ' }),
      201,
      EvidenceSchema,
    )
    expect(wire.origin).toBe('Reuters wire, 10 June')
    const own = await record(await post({ title: 'Photos', kind: 'photo', origin: '' }), 201, EvidenceSchema)
    expect(own.origin).toBeNull()
    await unchanged(t, async () =>
      expectInvalid(await post({ title: 'Too long', kind: 'other', origin: chars(301) }), 'origin'),
    )
    const patch = (e: { id: string; version: number }, json: unknown) =>
      t.request(`/api/evidence/${e.id}`, {
        method: 'PATCH',
        json,
        headers: ifMatch(e.version),
        cookie: checker,
      })
    const copied = await record(await patch(own, { origin: 'reuters WIRE, 10 June' }), 200, EvidenceSchema)
    expect(copied.origin).toBe('reuters WIRE, 10 June')
    const cleared = await record(await patch(copied, { origin: '   ' }), 200, EvidenceSchema)
    expect(cleared.origin).toBeNull()
    // A retried create with the same id and body is the same record, origin and all.
    const id = randomUUID()
    const body = { id, title: 'Retried', kind: 'document', origin: '' }
    await record(await post(body), 201, EvidenceSchema)
    expect((await record(await post(body), 200, EvidenceSchema)).origin).toBeNull()
  })
})

describe('the two-source rule', () => {
  /** A dispute whose first claim's verdict is in review, citing the evidence titled. */
  async function inReview(app: TestApp, cites: string[]) {
    const d = await createDispute(app.request, {
      title: `Sources ${randomUUID()}`,
      question: 'Who is right?',
      claims: [
        {
          claimant: { name: `Ministry ${randomUUID().slice(0, 6)}`, kind: 'military' },
          text: 'All designated objects were hit.',
          verdict: {
            state: 'in_review',
            rating: 'misleading',
            summary: 'Civilian sites were hit too.',
            rationale: 'The photos show a maternity hospital.',
            cites,
          },
        },
      ],
      evidence: [
        { title: 'Wire story', kind: 'news_report', url: URL_A, origin: 'Reuters wire, 10 June' },
        { title: 'Outlet copy', kind: 'news_report', url: URL_A, origin: 'REUTERS wire, 10 june' },
        { title: 'Photos', kind: 'photo', url: 'https://example.org/photos' },
      ],
    })
    return d
  }

  /** The claim's verdict as the workbench shows it. */
  const verdictOf = async (app: TestApp, d: OwnDispute, claimId: string, cookie: string) => {
    const verdict = (await workbenchOf(d.id, app, cookie)).claims.find((c) => c.id === claimId)?.verdict
    if (!verdict) throw new Error('no verdict')
    return verdict
  }

  const publish = async (app: TestApp, d: OwnDispute, claimId: string, cookie: string) => {
    const verdict = await verdictOf(app, d, claimId, cookie)
    return app.request(`/api/claims/${claimId}/verdict/publish`, {
      method: 'POST',
      headers: ifMatch(verdict.version),
      cookie,
    })
  }

  it('off (the default): a verdict citing one origin publishes', async () => {
    const d = await inReview(t, ['Wire story', 'Outlet copy'])
    const claim = d.workbench.claims[0]
    if (!claim) throw new Error('no claim')
    const published = await record(await publish(t, d, claim.id, editor), 200, VerdictSchema)
    expect(published.status).toBe('published')
  })

  it('on: refuses one origin with 400 naming the count, then publishes once a second origin is cited', async () => {
    const strictChecker = await strict.login('checker')
    const strictEditor = await strict.login('editor')
    const d = await inReview(strict, ['Wire story', 'Outlet copy'])
    const claim = d.workbench.claims[0]
    if (!claim) throw new Error('no claim')
    const error = await unchanged(strict, async () =>
      expectInvalid(await publish(strict, d, claim.id, strictEditor), 'citedEvidenceIds'),
    )
    expect(error.message).toContain('The cited evidence comes from one origin: Reuters wire, 10 June')
    expect(JSON.stringify(error.details)).toContain('one independent origin')
    // The author cites the photos too (back to draft, cite, submit), and it publishes.
    const inReviewVerdict = await verdictOf(strict, d, claim.id, strictEditor)
    const returned = await record(
      await strict.request(`/api/claims/${claim.id}/verdict/return`, {
        method: 'POST',
        json: { note: 'Cite a second source.' },
        headers: ifMatch(inReviewVerdict.version),
        cookie: strictEditor,
      }),
      200,
      VerdictSchema,
    )
    const ids = ['Wire story', 'Outlet copy', 'Photos'].map((title) => d.evidenceTitled(title).id)
    const draft = await record(
      await strict.request(`/api/claims/${claim.id}/verdict`, {
        method: 'PUT',
        json: { citedEvidenceIds: ids },
        headers: ifMatch(returned.version),
        cookie: strictChecker,
      }),
      200,
      VerdictSchema,
    )
    await record(
      await strict.request(`/api/claims/${claim.id}/verdict/submit`, {
        method: 'POST',
        headers: ifMatch(draft.version),
        cookie: strictChecker,
      }),
      200,
      VerdictSchema,
    )
    const published = await record(await publish(strict, d, claim.id, strictEditor), 200, VerdictSchema)
    expect(published.status).toBe('published')

    // A correction that cites one origin again is refused; one keeping two origins applies.
    const correct = (json: unknown, version: number) =>
      strict.request(`/api/claims/${claim.id}/verdict/correct`, {
        method: 'POST',
        json,
        headers: ifMatch(version),
        cookie: strictEditor,
      })
    await unchanged(strict, async () =>
      expectInvalid(
        await correct(
          { citedEvidenceIds: [ids[0], ids[1]], correctionNote: 'Only the wire.' },
          published.version,
        ),
        'citedEvidenceIds',
      ),
    )
    const corrected = await record(
      await correct(
        { citedEvidenceIds: [ids[0], ids[2]], correctionNote: 'One copy is enough.' },
        published.version,
      ),
      200,
      VerdictSchema,
    )
    expect(corrected.citedEvidenceIds).toEqual([ids[0], ids[2]])
  })

  it('on: archived evidence does not count as an origin', async () => {
    const strictEditor = await strict.login('editor')
    const strictChecker = await strict.login('checker')
    const d = await inReview(strict, ['Wire story', 'Photos'])
    const photos = d.evidenceTitled('Photos')
    await record(
      await strict.request(`/api/evidence/${photos.id}`, {
        method: 'PATCH',
        json: { archived: true },
        headers: ifMatch(photos.version),
        cookie: strictChecker,
      }),
      200,
      EvidenceSchema,
    )
    const claim = d.workbench.claims[0]
    if (!claim) throw new Error('no claim')
    const error = await expectInvalid(await publish(strict, d, claim.id, strictEditor), 'citedEvidenceIds')
    expect(error.message).toContain('one origin: Reuters wire, 10 June.')
  })
})
