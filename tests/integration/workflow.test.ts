import { beforeAll, describe, expect, it } from 'vitest'
import { copyOfSeeded, createDispute } from '../support/own-dispute.ts'
import { currentVerdict, seededClaims } from '../support/seeded-verdicts.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

const STRIKES = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'

let t: TestApp
let seeded: Awaited<ReturnType<typeof seededClaims>>

beforeAll(async () => {
  t = await makeTestApp()
  seeded = await seededClaims(t)
})

type Step = 'submit' | 'return' | 'publish' | 'correct'

/** One workflow step; no body means no content type at all, as a plain client would send it. */
async function step(
  claimId: string,
  name: Step,
  options: { as: 'admin' | 'editor' | 'checker'; version?: number | string; json?: unknown },
) {
  const cookie = await t.login(options.as)
  const headers: Record<string, string> = {}
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`
  return t.request(`/api/claims/${claimId}/verdict/${name}`, {
    method: 'POST',
    cookie,
    headers,
    ...(options.json === undefined ? {} : { json: options.json }),
  })
}

async function draft(claimId: string, as: 'editor' | 'checker' | 'admin', body: unknown, version?: number) {
  const cookie = await t.login(as)
  return t.request(`/api/claims/${claimId}/verdict`, {
    method: 'PUT',
    cookie,
    json: body,
    ...(version === undefined ? {} : { headers: { 'if-match': `"${version}"` } }),
  })
}

/** A dispute of this test's own with one claim and one linked evidence item, ready for a verdict. */
async function freshClaim(text: string, app: TestApp = t) {
  const own = await createDispute(app.request, {
    title: `Petrol station: ${text}`,
    question: `Is it true that ${text.replace(/\.$/, '')}?`,
    claims: [
      { claimant: { name: 'Regional authorities', kind: 'government' }, text, statedOn: '2025-06-10' },
    ],
    evidence: [{ title: `Report on: ${text}`, kind: 'news_report', url: 'https://example.org/report' }],
  })
  return {
    disputeId: own.id,
    claimId: own.claimBy('Regional authorities').id,
    evidenceId: own.evidenceTitled(`Report on: ${text}`).id,
  }
}

const complete = (evidenceId: string) => ({
  rating: 'mostly_true',
  summary: 'Confirmed by regional reporting.',
  rationale: 'Two independent reports agree.',
  citedEvidenceIds: [evidenceId],
})

describe('roles', () => {
  it("refuses a checker's publish with 403 and changes nothing", async () => {
    const before = await currentVerdict(t, seeded.strikesDisputeId, seeded.inReview.id)
    const res = await step(seeded.inReview.id, 'publish', { as: 'checker', version: before.version })
    expect(res.status).toBe(403)
    expect((await res.json()).error.code).toBe('forbidden')
    const after = await currentVerdict(t, seeded.strikesDisputeId, seeded.inReview.id)
    expect(after.status).toBe('in_review')
    expect(after.version).toBe(before.version)
  })

  it("refuses a checker's return and correction with 403", async () => {
    const inReview = await currentVerdict(t, seeded.strikesDisputeId, seeded.inReview.id)
    const ret = await step(seeded.inReview.id, 'return', {
      as: 'checker',
      version: inReview.version,
      json: { note: 'Please check the source.' },
    })
    expect(ret.status).toBe(403)
    const published = await currentVerdict(t, seeded.strikesDisputeId, seeded.published.id)
    const corr = await step(seeded.published.id, 'correct', {
      as: 'checker',
      version: published.version,
      json: { summary: 'Changed by a checker.', correctionNote: 'Not allowed.' },
    })
    expect(corr.status).toBe(403)
  })

  it('refuses every step signed out with 401', async () => {
    for (const name of ['submit', 'return', 'publish', 'correct'] as const) {
      const res = await t.request(`/api/claims/${seeded.inReview.id}/verdict/${name}`, {
        method: 'POST',
        headers: { 'if-match': '"1"' },
      })
      expect(res.status, name).toBe(401)
    }
  })
})

describe('If-Match and states', () => {
  it('needs If-Match on every step: 428 without it, 412 with a stale one', async () => {
    const cases: Array<[string, Step, unknown]> = [
      [seeded.draft.id, 'submit', undefined],
      [seeded.inReview.id, 'return', { note: 'A note.' }],
      [seeded.inReview.id, 'publish', undefined],
      [seeded.published.id, 'correct', { summary: 'New summary.', correctionNote: 'A note.' }],
    ]
    for (const [claimId, name, json] of cases) {
      const missing = await step(claimId, name, { as: 'admin', json })
      expect(missing.status, name).toBe(428)
      expect((await missing.json()).error.code).toBe('precondition_required')
      const stale = await step(claimId, name, { as: 'admin', json, version: 999 })
      expect(stale.status, name).toBe(412)
      const body = await stale.json()
      expect(body.error.code).toBe('precondition_failed')
      expect(body.error.details.claimId).toBe(claimId)
    }
  })

  it('answers 409 conflict when the verdict is not in the state the step starts from', async () => {
    const published = await currentVerdict(t, seeded.strikesDisputeId, seeded.published.id)
    const inReview = await currentVerdict(t, seeded.strikesDisputeId, seeded.inReview.id)
    const draftV = await currentVerdict(t, seeded.strikesDisputeId, seeded.draft.id)
    const cases: Array<[string, Step, number, unknown]> = [
      [seeded.published.id, 'submit', published.version, undefined],
      [seeded.published.id, 'return', published.version, { note: 'A note.' }],
      [seeded.published.id, 'publish', published.version, undefined],
      [seeded.inReview.id, 'submit', inReview.version, undefined],
      [seeded.inReview.id, 'correct', inReview.version, { summary: 'x', correctionNote: 'y' }],
      [seeded.draft.id, 'return', draftV.version, { note: 'A note.' }],
      [seeded.draft.id, 'publish', draftV.version, undefined],
      [seeded.draft.id, 'correct', draftV.version, { summary: 'x', correctionNote: 'y' }],
    ]
    for (const [claimId, name, version, json] of cases) {
      const res = await step(claimId, name, { as: 'admin', version, json })
      expect(res.status, `${name} on ${claimId}`).toBe(409)
      expect((await res.json()).error.code).toBe('conflict')
    }
    expect((await currentVerdict(t, seeded.strikesDisputeId, seeded.published.id)).version).toBe(
      published.version,
    )
  })

  it('answers 404 for a claim without a verdict or no claim at all', async () => {
    const none = await step(seeded.unjudged.id, 'submit', { as: 'checker', version: 1 })
    expect(none.status).toBe(404)
    const unknown = await step('8f0c2c57-3a55-4a53-9b55-2a7f3f1f0a99', 'submit', {
      as: 'checker',
      version: 1,
    })
    expect(unknown.status).toBe(404)
  })

  it('takes JSON or no body at all, and refuses any other body with 415', async () => {
    const { claimId, evidenceId } = await freshClaim('A body-less submit works.')
    const created = await (await draft(claimId, 'checker', complete(evidenceId))).json()
    const cookie = await t.login('checker')
    const text = await t.request(`/api/claims/${claimId}/verdict/submit`, {
      method: 'POST',
      cookie,
      headers: { 'if-match': `"${created.version}"`, 'content-type': 'text/plain' },
      body: 'submit',
    })
    expect(text.status).toBe(415)
    const json = await step(claimId, 'submit', { as: 'checker', version: created.version, json: {} })
    expect(json.status).toBe(200)
  })
})

describe('return', () => {
  it('is 400 without a note, and sends the draft back with the note', async () => {
    const { claimId, evidenceId } = await freshClaim('A claim that goes back for more work.')
    let v = await (await draft(claimId, 'checker', complete(evidenceId))).json()
    v = await (await step(claimId, 'submit', { as: 'checker', version: v.version })).json()
    expect(v.status).toBe('in_review')

    for (const json of [undefined, {}, { note: '   ' }]) {
      const res = await step(claimId, 'return', { as: 'editor', version: v.version, json })
      expect(res.status, JSON.stringify(json)).toBe(400)
      const body = await res.json()
      expect(body.error.code).toBe('validation_failed')
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain('note')
    }

    const res = await step(claimId, 'return', {
      as: 'editor',
      version: v.version,
      json: { note: 'Which report? Add the second source.' },
    })
    expect(res.status).toBe(200)
    const returned = await res.json()
    expect(res.headers.get('etag')).toBe(`"${returned.version}"`)
    expect(returned.status).toBe('draft')
    expect(returned.returnNote).toBe('Which report? Add the second source.')

    // The author can change it again and send it back.
    const edited = await draft(claimId, 'checker', { summary: 'Now with two sources.' }, returned.version)
    expect(edited.status).toBe(200)
    const again = await step(claimId, 'submit', { as: 'checker', version: (await edited.json()).version })
    expect(again.status).toBe(200)
    expect((await again.json()).returnNote).toBeNull()
  })
})

describe('publish', () => {
  it('is refused naming what is missing: rating, rationale and a cited source with a link', async () => {
    // A copy of the seeded dispute: the mayor's verdict is a draft with a summary only.
    const own = await copyOfSeeded(t.request, STRIKES)
    const mayor = own.claimBy('Vitali Klitschko')
    const v = await currentVerdict(t, own.id, mayor.id)
    const submitted = await step(mayor.id, 'submit', { as: 'checker', version: v.version })
    expect(submitted.status).toBe(200)
    const { version } = await submitted.json()
    const res = await step(mayor.id, 'publish', { as: 'editor', version })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.message).toContain('a rating')
    expect(body.error.message).toContain('a rationale')
    expect(body.error.message).toContain('at least one cited evidence item with a URL')
    expect(body.error.message).not.toContain('a summary')
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'citedEvidenceIds',
      'rating',
      'rationale',
    ])
    expect((await currentVerdict(t, own.id, mayor.id)).status).toBe('in_review')
  })

  it('does not count cited evidence without a link', async () => {
    const { claimId, disputeId } = await freshClaim('Cited, but only an eyewitness without a link.')
    const cookie = await t.login('checker')
    const eyewitness = await (
      await t.request(`/api/disputes/${disputeId}/evidence`, {
        method: 'POST',
        cookie,
        json: { title: 'A neighbour saw it', kind: 'eyewitness' },
      })
    ).json()
    let v = await (await draft(claimId, 'checker', complete(eyewitness.id))).json()
    v = await (await step(claimId, 'submit', { as: 'checker', version: v.version })).json()
    const res = await step(claimId, 'publish', { as: 'editor', version: v.version })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.details).toEqual([
      { path: 'citedEvidenceIds', message: 'needs at least one cited evidence item with a URL' },
    ])
  })

  it("refuses an editor's publish of a verdict they wrote while the two-person rule is on", async () => {
    const { claimId, evidenceId } = await freshClaim('An editor drafts this one.')
    let v = await (await draft(claimId, 'editor', complete(evidenceId))).json()
    v = await (await step(claimId, 'submit', { as: 'editor', version: v.version })).json()
    const own = await step(claimId, 'publish', { as: 'editor', version: v.version })
    expect(own.status).toBe(403)
    const body = await own.json()
    expect(body.error.code).toBe('forbidden')
    expect(body.error.message).toContain('two-person rule')
    const other = await step(claimId, 'publish', { as: 'admin', version: v.version })
    expect(other.status).toBe(200)
    expect((await other.json()).status).toBe('published')
  })

  it("also refuses an editor who changed someone else's draft", async () => {
    const { claimId, evidenceId } = await freshClaim('A checker drafts, an editor rewrites.')
    let v = await (await draft(claimId, 'checker', complete(evidenceId))).json()
    v = await (await draft(claimId, 'editor', { summary: 'Rewritten by the editor.' }, v.version)).json()
    v = await (await step(claimId, 'submit', { as: 'checker', version: v.version })).json()
    const res = await step(claimId, 'publish', { as: 'editor', version: v.version })
    expect(res.status).toBe(403)
  })

  it('lets an editor publish a verdict they wrote when COUNTERCLAIM_TWO_PERSON_RULE=off', async () => {
    const solo = await makeTestApp({ env: { COUNTERCLAIM_TWO_PERSON_RULE: 'off' } })
    const cookie = await solo.login('editor')
    const { claimId, evidenceId } = await freshClaim('A claim the editor checks alone.', solo)
    let res = await solo.request(`/api/claims/${claimId}/verdict`, {
      method: 'PUT',
      cookie,
      json: complete(evidenceId),
    })
    expect(res.status).toBe(201)
    const send = (name: Step, version: number) =>
      solo.request(`/api/claims/${claimId}/verdict/${name}`, {
        method: 'POST',
        cookie,
        headers: { 'if-match': `"${version}"` },
      })
    res = await send('submit', (await res.json()).version)
    expect(res.status).toBe(200)
    res = await send('publish', (await res.json()).version)
    expect(res.status).toBe(200)
    const published = await res.json()
    expect(published.status).toBe('published')
    expect(published.publishedAt).toBeTruthy()
    expect(published.reviewer.id).toBe(published.author.id)
  })
})

describe('the whole way: draft, submit, publish, correct', () => {
  it('publishes, corrects with a note, keeps the earlier text, and records each step in history', async () => {
    const { claimId, evidenceId, disputeId } = await freshClaim('One person was killed at a petrol station.')
    const drafted = await draft(claimId, 'checker', complete(evidenceId))
    expect(drafted.status).toBe(201)
    let v = await drafted.json()

    let res = await step(claimId, 'submit', { as: 'checker', version: v.version })
    expect(res.status).toBe(200)
    v = await res.json()
    expect(res.headers.get('etag')).toBe(`"${v.version}"`)
    expect(v.status).toBe('in_review')
    expect(v.submittedAt).toBeTruthy()

    res = await step(claimId, 'publish', { as: 'editor', version: v.version })
    expect(res.status).toBe(200)
    v = await res.json()
    expect(res.headers.get('etag')).toBe(`"${v.version}"`)
    expect(v.status).toBe('published')
    expect(v.reviewer.name).toBeTruthy()
    expect(v.modifiedAt).toBeNull()
    const publishedAt = v.publishedAt as string

    // A correction needs a note, and must change something.
    res = await step(claimId, 'correct', { as: 'editor', version: v.version, json: { rating: 'false' } })
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.map((d: { path: string }) => d.path)).toContain('correctionNote')
    res = await step(claimId, 'correct', {
      as: 'editor',
      version: v.version,
      json: { rating: 'mostly_true', correctionNote: 'Nothing changes.' },
    })
    expect(res.status).toBe(400)

    // A change of rating waits for a second editor (two-person rule).
    res = await step(claimId, 'correct', {
      as: 'editor',
      version: v.version,
      json: { rating: 'mixed', correctionNote: 'A second report disputes the location.' },
    })
    expect(res.status).toBe(202)
    const pending = await res.json()
    expect(pending).toMatchObject({ status: 'pending', note: 'A second report disputes the location.' })
    v = await currentVerdict(t, disputeId, claimId)
    expect(v.rating).toBe('mostly_true')
    expect(v.pendingCorrection.id).toBe(pending.id)
    res = await t.request(`/api/claims/${claimId}/verdict/corrections/${pending.id}/approve`, {
      method: 'POST',
      cookie: await t.login('admin'),
      headers: { 'if-match': `"${v.version}"` },
    })
    expect(res.status).toBe(200)
    v = await res.json()
    expect(v.pendingCorrection).toBeNull()
    expect(v.status).toBe('published')
    expect(v.rating).toBe('mixed')
    expect(v.publishedAt).toBe(publishedAt)
    expect(v.modifiedAt > publishedAt).toBe(true)
    expect(v.corrections).toHaveLength(1)
    expect(v.corrections[0]).toMatchObject({
      note: 'A second report disputes the location.',
      before: { rating: 'mostly_true', summary: 'Confirmed by regional reporting.' },
      after: { rating: 'mixed', summary: 'Confirmed by regional reporting.' },
    })

    res = await step(claimId, 'correct', {
      as: 'admin',
      version: v.version,
      json: { summary: 'Partly confirmed.', correctionNote: 'Summary brought in line with the rating.' },
    })
    expect(res.status).toBe(200)
    const corrected = await res.json()
    expect(corrected.corrections.map((c: { note: string }) => c.note)).toEqual([
      'A second report disputes the location.',
      'Summary brought in line with the rating.',
    ])
    expect(corrected.modifiedAt >= v.modifiedAt).toBe(true)

    const cookie = await t.login('checker')
    const history = await (
      await t.request(`/api/history?entity=verdict&id=${corrected.id}`, { cookie })
    ).json()
    const events = history.items as Array<{
      action: string
      at: string
      actor: { id: string; name: string } | null
    }>
    expect(events.map((e) => e.action)).toEqual([
      'corrected',
      'corrected',
      'correction_proposed',
      'published',
      'submitted',
      'drafted',
    ])
    const names = async (role: 'checker' | 'editor' | 'admin') =>
      (await (await t.request('/api/auth/me', { cookie: await t.login(role) })).json()).user.name
    expect(events.map((e) => e.actor?.name)).toEqual([
      await names('admin'),
      await names('admin'),
      await names('editor'),
      await names('editor'),
      await names('checker'),
      await names('checker'),
    ])
    for (const e of events) expect(Number.isNaN(Date.parse(e.at))).toBe(false)

    // The claim's own history carries the same verdict events.
    const claimHistory = await (await t.request(`/api/history?entity=claim&id=${claimId}`, { cookie })).json()
    const claimActions = claimHistory.items.map((e: { action: string }) => e.action)
    for (const action of ['drafted', 'submitted', 'published', 'corrected'])
      expect(claimActions).toContain(action)
  })

  it('keeps the claim log in step with the workflow', async () => {
    const { claimId, evidenceId, disputeId } = await freshClaim('The claim log follows the verdict.')
    let v = await (await draft(claimId, 'checker', complete(evidenceId))).json()
    v = await (await step(claimId, 'submit', { as: 'checker', version: v.version })).json()
    v = await (await step(claimId, 'publish', { as: 'editor', version: v.version })).json()
    const pending = await (
      await step(claimId, 'correct', {
        as: 'editor',
        version: v.version,
        json: { rating: 'false', correctionNote: 'Wrong rating.' },
      })
    ).json()
    v = await currentVerdict(t, disputeId, claimId)
    const approved = await t.request(`/api/claims/${claimId}/verdict/corrections/${pending.id}/approve`, {
      method: 'POST',
      cookie: await t.login('admin'),
      headers: { 'if-match': `"${v.version}"` },
    })
    expect(approved.status).toBe(200)
    const cookie = await t.login('editor')
    const wb = await (await t.request(`/api/disputes/${disputeId}`, { cookie })).json()
    const claim = wb.claims.find((c: { id: string }) => c.id === claimId)
    expect(claim.verdict).toMatchObject({ status: 'published', rating: 'false' })
  })
})

describe('the OpenAPI document', () => {
  it('describes the workflow and the public routes', async () => {
    const doc = await (await t.request('/api/openapi.json')).json()
    for (const name of ['submit', 'return', 'publish', 'correct']) {
      const op = doc.paths[`/api/claims/{id}/verdict/${name}`]?.post
      expect(op?.operationId, name).toBeTruthy()
      expect(op.security).toEqual([{ session: [] }, { bearer: [] }])
      expect(op.responses['200']).toBeDefined()
      expect(op.responses['409']).toBeDefined()
      expect(op.responses['428']).toBeDefined()
    }
    for (const path of ['/api/public/verdicts', '/api/public/verdicts/{claimId}']) {
      const op = doc.paths[path]?.get
      expect(op?.operationId, path).toBeTruthy()
      expect(op.security).toEqual([])
      expect(op.responses['200'].content['application/ld+json']).toBeDefined()
    }
  })
})
