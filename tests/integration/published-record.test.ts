import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { backfillSnapshots } from '../../apps/api/src/services/snapshots.ts'
import { rawQuery, tables } from '../../packages/db/src/index.ts'
import { seededClaims } from '../support/seeded-verdicts.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let disputeId: string
let claimantId: string

beforeAll(async () => {
  t = await makeTestApp()
  const admin = await t.login('admin')
  const claimant = await (
    await t.request('/api/claimants', {
      method: 'POST',
      cookie: admin,
      json: { name: 'Regional governor', kind: 'government' },
    })
  ).json()
  claimantId = claimant.id
  const dispute = await (
    await t.request('/api/disputes', {
      method: 'POST',
      cookie: admin,
      json: { title: 'Hospital strike', question: 'Was the maternity hospital hit?' },
    })
  ).json()
  disputeId = dispute.id
})

type Role = 'admin' | 'editor' | 'checker'

async function send(role: Role, method: string, path: string, json?: unknown, version?: number) {
  return t.request(path, {
    method,
    cookie: await t.login(role),
    ...(json === undefined ? {} : { json }),
    ...(version === undefined ? {} : { headers: { 'if-match': `"${version}"` } }),
  })
}

/** A correction of a claim's published verdict, sent as `role`. */
const correct = (role: Role, claimId: string, body: Record<string, unknown>, version: number) =>
  send(role, 'POST', `/api/claims/${claimId}/verdict/correct`, body, version)

/** A withdrawal of a claim's published verdict, sent as `role`. */
const withdraw = (role: Role, claimId: string, body: Record<string, unknown>, version: number) =>
  send(role, 'POST', `/api/claims/${claimId}/verdict/withdraw`, body, version)

async function ok(res: Response | Promise<Response>, status = 200) {
  const answer = await res
  const body = await answer.json()
  expect(answer.status, JSON.stringify(body)).toBe(status)
  return body
}

/** A claim with two cited sources and its verdict, drafted by the checker and published by the editor. */
async function published(text: string) {
  const claim = await ok(
    send('checker', 'POST', `/api/disputes/${disputeId}/claims`, {
      text,
      claimantId,
      statedOn: '2025-06-10',
      appearanceUrl: 'https://example.org/said',
    }),
    201,
  )
  const source = (title: string, url: string) =>
    ok(
      send('checker', 'POST', `/api/disputes/${disputeId}/evidence`, { title, kind: 'news_report', url }),
      201,
    )
  const first = await source('Hospital photos', 'https://example.org/photos')
  const second = await source('Ward casualty list', 'https://example.org/list')
  let verdict = await ok(
    send('checker', 'PUT', `/api/claims/${claim.id}/verdict`, {
      rating: 'true',
      summary: 'The hospital was hit.',
      rationale: 'Photos and the casualty list agree.',
      citedEvidenceIds: [first.id, second.id],
    }),
    201,
  )
  verdict = await ok(
    send('checker', 'POST', `/api/claims/${claim.id}/verdict/submit`, undefined, verdict.version),
  )
  verdict = await ok(
    send('editor', 'POST', `/api/claims/${claim.id}/verdict/publish`, undefined, verdict.version),
  )
  return { claim, first, second, verdict }
}

/** What the public sees of a claim: the page, its JSON answer and the whole feed, as bytes. */
async function publicView(claimId: string) {
  const page = await t.request(`/v/${claimId}`)
  const json = await t.request(`/api/public/verdicts/${claimId}`)
  const feed = await t.request('/api/public/verdicts?limit=500')
  return {
    pageStatus: page.status,
    page: await page.text(),
    jsonStatus: json.status,
    json: await json.text(),
    feed: await feed.text(),
  }
}

async function workbenchClaim(claimId: string) {
  const wb = await ok(send('checker', 'GET', `/api/disputes/${disputeId}`))
  return wb.claims.find((c: { id: string }) => c.id === claimId)
}

describe('the published record', () => {
  it("keeps the public page, its JSON-LD and the feed byte-identical through a checker's edits, until an editor publishes a correction", async () => {
    const { claim, first } = await published('A maternity hospital was hit in Odesa.')
    const before = await publicView(claim.id)
    expect(before.pageStatus).toBe(200)
    expect(before.page).toContain('A maternity hospital was hit in Odesa.')

    await ok(
      send(
        'checker',
        'PATCH',
        `/api/claims/${claim.id}`,
        { text: 'A maternity ward was hit in Odesa.' },
        claim.version,
      ),
    )
    await ok(
      send(
        'checker',
        'PATCH',
        `/api/evidence/${first.id}`,
        { url: 'https://example.org/other-photos' },
        first.version,
      ),
    )
    const claimant = await ok(send('checker', 'GET', `/api/claimants/${claimantId}`))
    await ok(
      send(
        'checker',
        'PATCH',
        `/api/claimants/${claimantId}`,
        { description: 'Head of the region' },
        claimant.version,
      ),
    )
    expect(await publicView(claim.id)).toEqual(before)

    const changed = await workbenchClaim(claim.id)
    const labels = changed.publicationChanges.map((c: { label: string }) => c.label)
    expect(labels).toEqual(['Claim text', 'Claimant description', 'Source URL of “Hospital photos”'])
    expect(changed.publicationChanges[0]).toEqual({
      part: 'claim',
      label: 'Claim text',
      published: 'A maternity hospital was hit in Odesa.',
      current: 'A maternity ward was hit in Odesa.',
    })

    // A checker may not publish the change; an editor's correction (wording only) applies at once.
    const verdict = changed.verdict
    const refused = await correct(
      'checker',
      claim.id,
      { correctionNote: 'Ward, not hospital.' },
      verdict.version,
    )
    expect(refused.status).toBe(403)
    expect(await publicView(claim.id)).toEqual(before)
    const corrected = await ok(
      correct(
        'editor',
        claim.id,
        { correctionNote: 'It was the maternity ward; the photo link moved.' },
        verdict.version,
      ),
    )
    expect(corrected.modifiedAt).toBeTruthy()
    expect(corrected.corrections.at(-1)).toMatchObject({
      note: 'It was the maternity ward; the photo link moved.',
      published: ['Claim text', 'Claimant description', 'Source URL of “Hospital photos”'],
    })
    const after = await publicView(claim.id)
    expect(after.page).toContain('A maternity ward was hit in Odesa.')
    expect(after.page).toContain('https://example.org/other-photos')
    expect(after.page).toContain('It was the maternity ward; the photo link moved.')
    const review = JSON.parse(after.json)
    expect(review.dateModified).toBe(corrected.modifiedAt)
    expect(review.citation.map((c: { url: string }) => c.url)).toContain('https://example.org/other-photos')
    expect(review.correction.at(-1).text).toBe('It was the maternity ward; the photo link moved.')
    expect(
      JSON.parse(after.feed).dataFeedElement.some(
        (e: { item: { url: string } }) => e.item.url === review.url,
      ),
    ).toBe(true)
    expect((await workbenchClaim(claim.id)).publicationChanges).toEqual([])
  })

  it('refuses a correction that changes nothing the public sees', async () => {
    const { claim, verdict } = await published('Nothing changed here.')
    const res = await correct('editor', claim.id, { correctionNote: 'Nothing to correct.' }, verdict.version)
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/changes nothing the public sees/)
    expect((await workbenchClaim(claim.id)).verdict.version).toBe(verdict.version)
  })

  it('lets a correction change which evidence is cited', async () => {
    const { claim, second, verdict } = await published('Two sources, then one.')
    const corrected = await ok(
      correct(
        'editor',
        claim.id,
        { citedEvidenceIds: [second.id], correctionNote: 'The photos were of another building.' },
        verdict.version,
      ),
    )
    expect(corrected.citedEvidenceIds).toEqual([second.id])
    const review = await ok(t.request(`/api/public/verdicts/${claim.id}`))
    expect(review.citation.map((c: { name: string }) => c.name)).toEqual(['Ward casualty list'])
  })

  it('keeps a cited source that was archived after publishing, and shows its removal as a change', async () => {
    const { claim, first } = await published('Archived sources stay published.')
    const before = await publicView(claim.id)
    await ok(send('checker', 'PATCH', `/api/evidence/${first.id}`, { archived: true }, first.version))
    expect(await publicView(claim.id)).toEqual(before)
    const changes = (await workbenchClaim(claim.id)).publicationChanges
    expect(changes).toEqual([
      { part: 'source', label: 'Source “Hospital photos”', published: 'Hospital photos', current: null },
    ])
  })

  it('takes a snapshot at start for a verdict published before snapshots existed', async () => {
    const { claim, verdict } = await published('Published before snapshots.')
    const before = await publicView(claim.id)
    const storedContent = async () =>
      rawQuery<{ content: string }>(
        t.db,
        'select s.content from verdicts v join verdict_snapshots s on s.id = v.snapshot_id where v.id = $1',
        [verdict.id],
      )
    const atPublication = await storedContent()
    expect(JSON.parse(atPublication[0]?.content ?? '{}').citedEvidence).toHaveLength(2)
    await t.db.update(tables.verdicts).set({ snapshotId: null }).where(eq(tables.verdicts.id, verdict.id))
    expect((await t.request(`/api/public/verdicts/${claim.id}`)).status).toBe(404)
    expect(await backfillSnapshots(t.db, new Date().toISOString())).toBe(1)
    // The statement writes the very text publishing wrote: the same keys, in the same order, as compact.
    expect(await storedContent()).toEqual(atPublication)
    expect(await publicView(claim.id)).toEqual(before)
    // The set-based backfill freezes exactly what publishing freezes: nothing shows as changed.
    expect((await workbenchClaim(claim.id)).publicationChanges).toEqual([])
  })
})

describe('withdrawal', () => {
  it('keeps the page at its address with the notice, answers 410 in JSON, leaves the feed and records history', async () => {
    const { claim, verdict } = await published('A fact check that will be withdrawn.')
    const review = await ok(t.request(`/api/public/verdicts/${claim.id}`))

    // Archiving the claim while its verdict is published is refused: withdraw it first.
    const archive = await send(
      'checker',
      'PATCH',
      `/api/claims/${claim.id}`,
      { archived: true },
      claim.version,
    )
    expect(archive.status).toBe(409)
    expect((await archive.json()).error.message).toMatch(/withdraw it first/)
    const dispute = await ok(send('admin', 'GET', `/api/disputes/${disputeId}`))
    const archiveDispute = await send(
      'admin',
      'PATCH',
      `/api/disputes/${disputeId}`,
      { archived: true },
      dispute.version,
    )
    expect(archiveDispute.status).toBe(409)

    // Only editors withdraw, with a note.
    expect((await withdraw('checker', claim.id, { note: 'x' }, verdict.version)).status).toBe(403)
    expect((await withdraw('editor', claim.id, {}, verdict.version)).status).toBe(400)
    const withdrawn = await ok(
      withdraw('editor', claim.id, { note: 'The photos were of another city.' }, verdict.version),
    )
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      withdrawalNote: 'The photos were of another city.',
    })
    expect(withdrawn.withdrawnAt).toBeTruthy()

    const json = await t.request(`/api/public/verdicts/${claim.id}`)
    expect(json.status).toBe(410)
    const gone = await json.json()
    expect(gone.error.code).toBe('gone')
    expect(gone.error.details).toMatchObject({
      note: 'The photos were of another city.',
      withdrawnAt: withdrawn.withdrawnAt,
      publishedAt: withdrawn.publishedAt,
    })
    const page = await t.request(`/v/${claim.id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('This fact check was withdrawn')
    expect(html).toContain('The photos were of another city.')
    expect(html).toContain(`<time datetime="${withdrawn.withdrawnAt}">`)
    expect(html).not.toContain('application/ld+json')
    const feed = await ok(t.request('/api/public/verdicts?limit=500'))
    expect(feed.dataFeedElement.some((e: { item: { url: string } }) => e.item.url === review.url)).toBe(false)

    const history = await ok(send('checker', 'GET', `/api/history?entity=verdict&id=${verdict.id}`))
    expect(history.items[0]).toMatchObject({ action: 'withdrawn', after: { status: 'withdrawn' } })

    // Withdrawn is final for the verdict; the claim may now be archived, and its page still says why.
    expect((await withdraw('editor', claim.id, { note: 'Again.' }, withdrawn.version)).status).toBe(409)
    const current = await ok(send('checker', 'GET', `/api/disputes/${disputeId}`))
    const live = current.claims.find((c: { id: string }) => c.id === claim.id)
    await ok(send('checker', 'PATCH', `/api/claims/${claim.id}`, { archived: true }, live.version))
    expect((await t.request(`/v/${claim.id}`)).status).toBe(200)
    expect((await t.request(`/api/public/verdicts/${claim.id}`)).status).toBe(410)
    const log = await ok(send('checker', 'GET', `/api/claim-log?status=withdrawn&disputeId=${disputeId}`))
    expect(log.items).toEqual([])
  })
})

describe('corrections under the two-person rule', () => {
  it('holds a change of rating until a second editor approves it; wording applies at once', async () => {
    const { claim, verdict } = await published('A rating that will change.')
    const before = await publicView(claim.id)
    const pending = await ok(
      correct(
        'editor',
        claim.id,
        { rating: 'mostly_true', correctionNote: 'Only one ward was hit.' },
        verdict.version,
      ),
      202,
    )
    expect(pending).toMatchObject({
      status: 'pending',
      claimId: claim.id,
      note: 'Only one ward was hit.',
      before: { rating: 'true' },
      after: { rating: 'mostly_true' },
    })
    expect(await publicView(claim.id)).toEqual(before)
    const waiting = (await workbenchClaim(claim.id)).verdict
    expect(waiting.rating).toBe('true')
    expect(waiting.pendingCorrection).toMatchObject({ id: pending.id })

    // Editors find it in the review queue's list; checkers do not get that list.
    const queue = await ok(send('editor', 'GET', '/api/corrections/pending'))
    expect(queue.items.find((item: { id: string }) => item.id === pending.id)).toMatchObject({
      claimId: claim.id,
      disputeId,
      disputeTitle: 'Hospital strike',
      claimText: 'A rating that will change.',
      verdictVersion: waiting.version,
      proposedBy: { name: expect.any(String) },
    })
    expect((await send('checker', 'GET', '/api/corrections/pending')).status).toBe(403)

    // Another correction waits for this one; the proposer cannot approve it; a stale version is 412.
    const second = await correct(
      'admin',
      claim.id,
      { summary: 'Another wording.', correctionNote: 'x' },
      waiting.version,
    )
    expect(second.status).toBe(409)
    const approveAs = (role: Role, version: number) =>
      send(
        role,
        'POST',
        `/api/claims/${claim.id}/verdict/corrections/${pending.id}/approve`,
        undefined,
        version,
      )
    expect((await approveAs('editor', waiting.version)).status).toBe(403)
    expect((await approveAs('checker', waiting.version)).status).toBe(403)
    expect((await approveAs('admin', verdict.version)).status).toBe(412)
    const approved = await ok(approveAs('admin', waiting.version))
    expect(approved).toMatchObject({ rating: 'mostly_true', pendingCorrection: null })
    const after = await ok(send('editor', 'GET', '/api/corrections/pending'))
    expect(after.items.some((item: { id: string }) => item.id === pending.id)).toBe(false)
    expect(approved.corrections.at(-1)).toMatchObject({
      note: 'Only one ward was hit.',
      approver: { name: expect.any(String) },
    })
    const review = await ok(t.request(`/api/public/verdicts/${claim.id}`))
    expect(review.reviewRating.alternateName).toBe('Mostly true')
    expect(review.dateModified).toBe(approved.modifiedAt)

    const wording = await ok(
      correct(
        'editor',
        claim.id,
        { summary: 'One ward of the hospital was hit.', correctionNote: 'Summary matches the rating.' },
        approved.version,
      ),
    )
    expect(wording.summary).toBe('One ward of the hospital was hit.')

    const history = await ok(send('checker', 'GET', `/api/history?entity=verdict&id=${verdict.id}`))
    expect(history.items.slice(0, 3).map((e: { action: string }) => e.action)).toEqual([
      'corrected',
      'corrected',
      'correction_proposed',
    ])
  })

  it('lets an editor turn a proposal down with a note; nothing is published', async () => {
    const { claim, verdict } = await published('A proposal that is turned down.')
    const before = await publicView(claim.id)
    const pending = await ok(
      correct('editor', claim.id, { rating: 'false', correctionNote: 'Wrong.' }, verdict.version),
      202,
    )
    const path = `/api/claims/${claim.id}/verdict/corrections/${pending.id}/reject`
    expect((await send('admin', 'POST', path, {}, verdict.version + 1)).status).toBe(400)
    const rejected = await ok(
      send('admin', 'POST', path, { note: 'The rating stands.' }, verdict.version + 1),
    )
    expect(rejected).toMatchObject({ rating: 'true', pendingCorrection: null, corrections: [] })
    expect(await publicView(claim.id)).toEqual(before)
    expect((await send('admin', 'POST', path, { note: 'Again.' }, rejected.version)).status).toBe(404)
  })

  it('applies a change of rating at once when the rule is off', async () => {
    const solo = await makeTestApp({ env: { COUNTERCLAIM_TWO_PERSON_RULE: 'off' } })
    const cookie = await solo.login('editor')
    const claim = (await seededClaims(solo)).published
    const res = await solo.request(`/api/claims/${claim.id}/verdict/correct`, {
      method: 'POST',
      cookie,
      headers: { 'if-match': `"${claim.verdict?.version}"` },
      json: { rating: 'false', correctionNote: 'Rating lowered.' },
    })
    expect(res.status).toBe(200)
    expect((await res.json()).rating).toBe('false')
  })
})

describe('submitting for review', () => {
  it('refuses an empty draft, naming the rating and the summary', async () => {
    const claim = await ok(
      send('checker', 'POST', `/api/disputes/${disputeId}/claims`, { text: 'An empty draft.', claimantId }),
      201,
    )
    let draft = await ok(
      send('checker', 'PUT', `/api/claims/${claim.id}/verdict`, { rationale: 'Notes so far.' }),
      201,
    )
    const res = await send(
      'checker',
      'POST',
      `/api/claims/${claim.id}/verdict/submit`,
      undefined,
      draft.version,
    )
    expect(res.status).toBe(400)
    const error = (await res.json()).error
    expect(error.code).toBe('validation_failed')
    expect(error.details.map((d: { path: string }) => d.path)).toEqual(['rating', 'summary'])
    expect((await workbenchClaim(claim.id)).verdict.status).toBe('draft')
    draft = await ok(
      send('checker', 'PUT', `/api/claims/${claim.id}/verdict`, { summary: 'Looks false.' }, draft.version),
    )
    await ok(send('checker', 'POST', `/api/claims/${claim.id}/verdict/submit`, undefined, draft.version))
  })
})
