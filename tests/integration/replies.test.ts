import { randomUUID } from 'node:crypto'
import { ReplyAttemptListSchema, ReplyAttemptSchema, type WorkbenchClaim } from '@counterclaim/shared'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { backfillSnapshots } from '../../apps/api/src/services/snapshots.ts'
import { rawQuery, tables } from '../../packages/db/src/index.ts'
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
let checker: string
let checkerId: string
let editor: string

beforeAll(async () => {
  t = await makeTestApp()
  checker = await t.login('checker')
  checkerId = (await whoAmI(t, checker)).id
  editor = await t.login('editor')
})

const MINISTRY = "the ministry's press office"
const GOVERNOR = "the governor's office"

/** A dispute of the test's own: one claim by the ministry, its verdict as far as `state`. */
function ownDispute(state: 'draft' | 'in_review' | 'published' = 'draft'): Promise<OwnDispute> {
  return createDispute(t.request, {
    title: 'Strikes of 10 June',
    question: `What did the strikes hit (${randomUUID().slice(0, 8)})?`,
    evidence: [{ title: 'Photos of the hospital', kind: 'photo', url: 'https://example.org/photos' }],
    stances: [{ evidence: 'Photos of the hospital', claimant: 'Ministry of Defence', stance: 'contradicts' }],
    claims: [
      {
        claimant: { name: 'Ministry of Defence', kind: 'military' },
        text: 'All designated objects were hit.',
        verdict: {
          state,
          rating: 'misleading',
          summary: 'A hospital was hit too.',
          rationale: 'Photos show the maternity hospital.',
          cites: ['Photos of the hospital'],
        },
      },
    ],
  })
}

const asked = {
  askedOn: '2025-06-10',
  channel: 'email',
  contact: MINISTRY,
  question: 'Which facilities did the strikes hit?',
  replyBy: '2025-06-11',
}

const post = (claimId: string, json: unknown, cookie = checker) =>
  t.request(`/api/claims/${claimId}/replies`, { method: 'POST', json, cookie })

const patch = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/replies/${id}`, { method: 'PATCH', json, headers, cookie: checker })

async function log(claimId: string, query = '') {
  const res = await t.request(`/api/claims/${claimId}/replies${query}`, { cookie: checker })
  expect(res.status).toBe(200)
  return (await exact(res, ReplyAttemptListSchema)).items
}

describe('POST /api/claims/{id}/replies', () => {
  it('logs an attempt: 201 with the entry, ETag "1", one history event with the dispute and the claim', async () => {
    const own = await ownDispute()
    const claim = own.claimBy('Ministry of Defence')
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'reply_attempt', action: 'created' },
      async () => record(await post(claim.id, asked), 201, ReplyAttemptSchema),
    )
    expect(result).toMatchObject({
      ...asked,
      claimId: claim.id,
      disputeId: own.id,
      answer: null,
      answeredOn: null,
      archived: false,
      version: 1,
      createdBy: { id: checkerId },
    })
    expect(event).toMatchObject({ entityId: result.id, disputeId: own.id, claimId: claim.id, before: null })
  })

  it('lists the log in the order the desk asked, whatever order it was logged in', async () => {
    const claim = (await ownDispute()).claimBy('Ministry of Defence')
    await record(
      await post(claim.id, { ...asked, askedOn: '2025-06-12', replyBy: null, contact: GOVERNOR }),
      201,
      ReplyAttemptSchema,
    )
    await record(await post(claim.id, asked), 201, ReplyAttemptSchema)
    expect((await log(claim.id)).map((e) => [e.askedOn, e.contact])).toEqual([
      ['2025-06-10', MINISTRY],
      ['2025-06-12', GOVERNOR],
    ])
  })

  it('refuses, in words and naming the field, a deadline or an answer before the question, an answer without its day and a day without its answer', async () => {
    const claim = (await ownDispute()).claimBy('Ministry of Defence')
    // The message names the field as the form does; the problem itself is in the details, under its field.
    const cases: Array<[Record<string, unknown>, string, string, string]> = [
      [{ replyBy: '2025-06-09' }, 'replyBy', 'Reply by', 'cannot be before the day you asked'],
      [
        { answer: 'We hit military targets.', answeredOn: '2025-06-01' },
        'answeredOn',
        'Replied on',
        'cannot be before the day you asked',
      ],
      [{ answer: 'We hit military targets.' }, 'answeredOn', 'Replied on', 'is needed with the reply'],
      [{ answeredOn: '2025-06-11' }, 'answer', 'Reply', 'is needed with a reply date'],
    ]
    for (const [change, path, field, problem] of cases) {
      const error = await unchanged(t, async () =>
        expectInvalid(await post(claim.id, { ...asked, ...change }), path),
      )
      expect(error.message).toBe(`Some fields are missing or not valid: ${field}.`)
      expect(error.details).toEqual([{ path, message: problem }])
    }
    await unchanged(t, async () =>
      expectInvalid(await post(claim.id, { ...asked, contact: chars(301) }), 'contact'),
    )
    await unchanged(t, async () =>
      expectInvalid(await post(claim.id, { ...asked, question: chars(5001) }), 'question'),
    )
    await unchanged(t, async () =>
      expectInvalid(await post(claim.id, { ...asked, channel: 'pigeon' }), 'channel'),
    )
    await unchanged(t, async () =>
      expectInvalid(await post(claim.id, { ...asked, askedOn: '2025-02-30' }), 'askedOn'),
    )
    // At the limits it is taken.
    await record(
      await post(claim.id, { ...asked, contact: chars(300), question: chars(5000), replyBy: '2025-06-10' }),
      201,
      ReplyAttemptSchema,
    )
  })

  it('answers a retried create with its id with the first entry, and 409 for other content under that id', async () => {
    const claim = (await ownDispute()).claimBy('Ministry of Defence')
    const id = randomUUID()
    const first = await record(await post(claim.id, { ...asked, id }), 201, ReplyAttemptSchema)
    const again = await unchanged(t, async () =>
      record(await post(claim.id, { ...asked, id }), 200, ReplyAttemptSchema),
    )
    expect(again).toEqual(first)
    await unchanged(t, async () =>
      expectError(await post(claim.id, { ...asked, id, contact: GOVERNOR }), 'conflict'),
    )
  })

  it('is 404 for an unknown claim, 401 signed out, and 409 on an archived claim', async () => {
    await expectError(await post(randomUUID(), asked), 'not_found')
    expect((await t.request(`/api/claims/${randomUUID()}/replies`, { cookie: checker })).status).toBe(404)
    const claim = (await ownDispute()).claimBy('Ministry of Defence')
    await expectError(
      await t.request(`/api/claims/${claim.id}/replies`, { method: 'POST', json: asked }),
      'unauthenticated',
    )
    await expectError(await t.request(`/api/claims/${claim.id}/replies`), 'unauthenticated')
    const archived = await t.request(`/api/claims/${claim.id}`, {
      method: 'PATCH',
      json: { archived: true },
      headers: ifMatch(claim.version),
      cookie: checker,
    })
    expect(archived.status).toBe(200)
    await unchanged(t, async () => expectError(await post(claim.id, asked), 'conflict'))
  })
})

describe('PATCH /api/replies/{id}', () => {
  it('records the reply with If-Match: 428 without, 412 stale with the current entry, then 200 and an "answered" event', async () => {
    const claim = (await ownDispute()).claimBy('Ministry of Defence')
    const entry = await record(await post(claim.id, asked), 201, ReplyAttemptSchema)
    const reply = { answer: 'All targets were military.', answeredOn: '2025-06-11' }
    await unchanged(t, async () => expectError(await patch(entry.id, reply), 'precondition_required'))
    const stale = await unchanged(t, async () =>
      expectError(await patch(entry.id, reply, ifMatch(7)), 'precondition_failed'),
    )
    expect(stale.details).toEqual(entry)
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'reply_attempt', action: 'answered' },
      async () => record(await patch(entry.id, reply, ifMatch(entry.version)), 200, ReplyAttemptSchema),
    )
    expect(result).toMatchObject({ ...reply, version: 2 })
    expect(event).toMatchObject({ before: entry, after: result, claimId: claim.id })
  })

  it('checks the rules across fields against the entry as it would stand', async () => {
    const claim = (await ownDispute()).claimBy('Ministry of Defence')
    const entry = await record(await post(claim.id, asked), 201, ReplyAttemptSchema)
    await unchanged(t, async () =>
      expectInvalid(await patch(entry.id, { answeredOn: '2025-06-11' }, ifMatch(entry.version)), 'answer'),
    )
    await unchanged(t, async () =>
      expectInvalid(await patch(entry.id, { askedOn: '2025-06-12' }, ifMatch(entry.version)), 'replyBy'),
    )
    await unchanged(t, async () => expectInvalid(await patch(entry.id, {}, ifMatch(entry.version))))
    // Moving the deadline with the question's day holds together.
    const moved = await record(
      await patch(entry.id, { askedOn: '2025-06-12', replyBy: '2025-06-13' }, ifMatch(entry.version)),
      200,
      ReplyAttemptSchema,
    )
    expect(moved).toMatchObject({ askedOn: '2025-06-12', replyBy: '2025-06-13' })
  })

  it('takes a mistaken entry off the log and puts it back; an entry off the log takes no other change', async () => {
    const claim = (await ownDispute()).claimBy('Ministry of Defence')
    const entry = await record(await post(claim.id, asked), 201, ReplyAttemptSchema)
    const { result: off } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'reply_attempt', action: 'archived' },
      async () =>
        record(await patch(entry.id, { archived: true }, ifMatch(entry.version)), 200, ReplyAttemptSchema),
    )
    expect(off.archived).toBe(true)
    expect(await log(claim.id)).toEqual([])
    expect((await log(claim.id, '?archived=1')).map((e) => e.id)).toEqual([entry.id])
    await unchanged(t, async () =>
      expectError(await patch(entry.id, { contact: GOVERNOR }, ifMatch(off.version)), 'conflict'),
    )
    const { result: back } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'reply_attempt', action: 'restored' },
      async () =>
        record(await patch(entry.id, { archived: false }, ifMatch(off.version)), 200, ReplyAttemptSchema),
    )
    expect(back.archived).toBe(false)
    expect((await log(claim.id)).map((e) => e.id)).toEqual([entry.id])
  })

  it('is 404 for an unknown entry', async () => {
    await expectError(await patch(randomUUID(), { archived: true }, ifMatch(1)), 'not_found')
  })
})

describe('the reply log in the published record', () => {
  async function workbenchClaim(disputeId: string, claimId: string): Promise<WorkbenchClaim> {
    const res = await t.request(`/api/disputes/${disputeId}`, { cookie: checker })
    const body = (await res.json()) as { claims: WorkbenchClaim[] }
    const claim = body.claims.find((c) => c.id === claimId)
    if (!claim) throw new Error('the claim is not on the workbench')
    return claim
  }

  it('is frozen at publishing with the sources’ stances; later changes show on /v/ only after a correction, and the workbench names them', async () => {
    const own = await ownDispute('in_review')
    const claim = own.claimBy('Ministry of Defence')
    const ministry = await record(await post(claim.id, asked), 201, ReplyAttemptSchema)
    const mistaken = await record(
      await post(claim.id, { ...asked, contact: 'a wrong address', replyBy: null }),
      201,
      ReplyAttemptSchema,
    )
    await record(
      await patch(mistaken.id, { archived: true }, ifMatch(mistaken.version)),
      200,
      ReplyAttemptSchema,
    )
    const verdict = claim.verdict
    if (!verdict) throw new Error('no verdict')
    const published = await t.request(`/api/claims/${claim.id}/verdict/publish`, {
      method: 'POST',
      cookie: editor,
      headers: ifMatch(verdict.version),
    })
    expect(published.status, await published.clone().text()).toBe(200)

    const page = await (await t.request(`/v/${claim.id}`)).text()
    expect(page).toContain(`We asked <span dir="auto">${MINISTRY.replace("'", '&#39;')}</span> on`)
    expect(page).toContain('(by email)')
    expect(page).toContain('Which facilities did the strikes hit?')
    // The deadline has passed by the test's clock (the wall clock, after June 2025).
    expect(page).toContain('They did not reply by <time datetime="2025-06-11">11 June 2025</time>.')
    expect(page).not.toContain('a wrong address')
    expect(page).toContain(`href="/d/${own.id}"`)
    expect(page).toContain('See all claims about this question')
    expect((await workbenchClaim(own.id, claim.id)).publicationChanges).toEqual([])

    // The set-based backfill (for verdicts published before snapshots) writes the very text publishing wrote.
    const stored = () =>
      rawQuery<{ content: string }>(
        t.db,
        'select s.content from verdicts v join verdict_snapshots s on s.id = v.snapshot_id where v.id = $1',
        [verdict.id],
      )
    const atPublication = await stored()
    expect(JSON.parse(atPublication[0]?.content ?? '{}')).toMatchObject({
      citedEvidence: [{ title: 'Photos of the hospital', stance: 'contradicts', origin: null }],
      replies: [{ contact: MINISTRY, channel: 'email', answer: null }],
      quantities: [],
    })
    await t.db.update(tables.verdicts).set({ snapshotId: null }).where(eq(tables.verdicts.id, verdict.id))
    expect(await backfillSnapshots(t.db, new Date().toISOString())).toBe(1)
    expect(await stored()).toEqual(atPublication)

    // The answer comes in after publication: the public page keeps the published log until a correction.
    await record(
      await patch(
        ministry.id,
        { answer: 'All designated objects were military.', answeredOn: '2025-06-11' },
        ifMatch(ministry.version),
      ),
      200,
      ReplyAttemptSchema,
    )
    expect(await (await t.request(`/v/${claim.id}`)).text()).not.toContain(
      'All designated objects were military.',
    )
    const changes = (await workbenchClaim(own.id, claim.id)).publicationChanges ?? []
    expect(changes).toEqual([
      {
        part: 'claim',
        label: `Right of reply: ${MINISTRY}, asked 2025-06-10`,
        published: expect.stringContaining('no reply yet; asked to reply by 2025-06-11'),
        current: expect.stringContaining('replied on 2025-06-11: “All designated objects were military.”'),
      },
    ])

    // A stance changed after publication is named as a change to the source.
    const cell = await t.request('/api/stances', {
      method: 'PUT',
      cookie: checker,
      json: {
        evidenceId: own.evidenceTitled('Photos of the hospital').id,
        claimId: claim.id,
        stance: 'context',
      },
      headers: ifMatch(own.cellOf('Photos of the hospital', 'Ministry of Defence').version),
    })
    expect(cell.status).toBe(200)
    const labels = ((await workbenchClaim(own.id, claim.id)).publicationChanges ?? []).map((c) => [
      c.label,
      c.published,
      c.current,
    ])
    expect(labels).toContainEqual([
      'Source stance of “Photos of the hospital”',
      'contradicts the claim',
      'gives context',
    ])

    const current = await workbenchClaim(own.id, claim.id)
    const corrected = await t.request(`/api/claims/${claim.id}/verdict/correct`, {
      method: 'POST',
      cookie: editor,
      json: { correctionNote: 'The ministry replied.' },
      headers: ifMatch(current.verdict?.version ?? 0),
    })
    expect(corrected.status, await corrected.clone().text()).toBe(200)
    const after = await (await t.request(`/v/${claim.id}`)).text()
    expect(after).toContain('They replied on')
    expect(after).toContain('All designated objects were military.')
    expect((await workbenchClaim(own.id, claim.id)).publicationChanges).toEqual([])
  })
})
