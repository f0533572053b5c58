import { randomUUID } from 'node:crypto'
import {
  ConclusionSchema,
  NotificationListSchema,
  PendingConclusionCorrectionSchema,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishedConclusion } from '../../apps/api/src/services/conclusions.ts'
import { tables } from '../../packages/db/src/index.ts'
import type { TestRole } from '../support/accounts.ts'
import {
  eventsSince,
  exact,
  expectError,
  expectInvalid,
  ifMatch,
  lastSeq,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { createDispute } from '../support/own-dispute.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
const cookies = {} as Record<TestRole, string>
const ids = {} as Record<TestRole, string>

beforeAll(async () => {
  t = await makeTestApp()
  for (const role of ['admin', 'editor', 'checker'] as const) {
    cookies[role] = await t.login(role)
    ids[role] = (await whoAmI(t, cookies[role])).id
  }
})

const FINDING = 'Both hold: the ministry’s targets were hit, and so was a maternity hospital.'
const RATIONALE = 'The ministry’s list matches the damage; the hospital was hit too.'

/** A dispute of the test's own with two claims; the editor is assigned to it. */
async function ownDispute() {
  const title = `Port strikes ${randomUUID().slice(0, 8)}`
  const own = await createDispute(t.request, {
    title,
    question: 'What did the strikes on the port hit?',
    claims: [
      {
        claimant: { name: 'Ministry of Defence', kind: 'government' },
        text: 'Only military targets were hit.',
      },
      { claimant: { name: 'City council', kind: 'government' }, text: 'A maternity hospital was hit.' },
    ],
  })
  const res = await t.request(`/api/disputes/${own.id}`, {
    method: 'PATCH',
    cookie: cookies.admin,
    json: { assigneeIds: [ids.editor] },
    headers: ifMatch(own.workbench.version),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return { ...own, title }
}

const path = (disputeId: string, action?: string) =>
  `/api/disputes/${disputeId}/conclusion${action ? `/${action}` : ''}`

function put(disputeId: string, as: TestRole, json: unknown, version?: number) {
  return t.request(path(disputeId), {
    method: 'PUT',
    cookie: cookies[as],
    json,
    ...(version === undefined ? {} : { headers: ifMatch(version) }),
  })
}

function act(disputeId: string, action: string, as: TestRole, version?: number, json?: unknown) {
  return t.request(path(disputeId, action), {
    method: 'POST',
    cookie: cookies[as],
    ...(json === undefined ? {} : { json }),
    ...(version === undefined ? {} : { headers: ifMatch(version) }),
  })
}

/** A conclusion the checker wrote, moved on as far as asked (published by the admin). */
async function conclusionIn(state: 'draft' | 'in_review' | 'published') {
  const own = await ownDispute()
  let c = await record(
    await put(own.id, 'checker', { finding: FINDING, rationale: RATIONALE }),
    201,
    ConclusionSchema,
  )
  if (state !== 'draft')
    c = await record(await act(own.id, 'submit', 'checker', c.version), 200, ConclusionSchema)
  if (state === 'published')
    c = await record(await act(own.id, 'publish', 'admin', c.version), 200, ConclusionSchema)
  return { own, conclusion: c }
}

async function notificationsOf(role: TestRole) {
  const res = await t.request('/api/notifications?limit=100', { cookie: cookies[role] })
  return (await exact(res, NotificationListSchema)).items
}

describe('the workflow', () => {
  it('drafts, submits, returns, publishes, with history and notifications', async () => {
    const own = await ownDispute()
    const seq = await lastSeq(t.db)
    const empty = await exact(
      await t.request(`/api/disputes/${own.id}`, { cookie: cookies.checker }),
      WorkbenchSchema,
    )
    expect(empty.conclusion).toBeNull()

    let c = await record(await put(own.id, 'checker', { finding: 'Both hold.' }), 201, ConclusionSchema)
    expect(c).toMatchObject({
      status: 'draft',
      finding: 'Both hold.',
      rationale: '',
      author: { id: ids.checker },
    })
    await expectError(await put(own.id, 'checker', { rationale: RATIONALE }), 'precondition_required')
    const stale = await expectError(
      await put(own.id, 'checker', { rationale: RATIONALE }, 99),
      'precondition_failed',
    )
    expect(stale.details).toMatchObject({ id: c.id, version: c.version })
    c = await record(
      await put(own.id, 'checker', { finding: FINDING, rationale: RATIONALE }, c.version),
      200,
      ConclusionSchema,
    )
    expect(c.contributors.map((p) => p.id)).toEqual([ids.checker])

    c = await record(await act(own.id, 'submit', 'checker', c.version), 200, ConclusionSchema)
    expect(c.status).toBe('in_review')
    await expectError(await put(own.id, 'checker', { finding: 'x' }, c.version), 'conflict')
    await expectError(await act(own.id, 'return', 'checker', c.version, { note: 'Nope.' }), 'forbidden')
    c = await record(
      await act(own.id, 'return', 'editor', c.version, { note: 'Name the hospital.' }),
      200,
      ConclusionSchema,
    )
    expect(c).toMatchObject({
      status: 'draft',
      returnNote: 'Name the hospital.',
      reviewer: { id: ids.editor },
    })
    const returned = (await notificationsOf('checker')).find(
      (n) => n.kind === 'returned' && n.dispute?.id === own.id,
    )
    expect(returned?.message).toBe(
      `${returned?.actor?.name} returned the conclusion of “${own.title}” to you`,
    )
    expect(returned).toMatchObject({ note: 'Name the hospital.', claimId: null })

    c = await record(await act(own.id, 'submit', 'checker', c.version), 200, ConclusionSchema)
    expect(c.returnNote).toBeNull()
    c = await record(await act(own.id, 'publish', 'editor', c.version), 200, ConclusionSchema)
    expect(c).toMatchObject({ status: 'published', reviewer: { id: ids.editor } })
    expect(c.publishedAt).not.toBeNull()

    const published = await publishedConclusion(t.db, own.id)
    expect(published).toMatchObject({
      status: 'published',
      publishedAt: c.publishedAt,
      modifiedAt: null,
      corrections: [],
      published: {
        title: own.title,
        question: own.question,
        finding: FINDING,
        rationale: RATIONALE,
        relations: [],
      },
    })
    const told = (await notificationsOf('checker')).find(
      (n) => n.kind === 'published' && n.dispute?.id === own.id,
    )
    expect(told?.message).toContain(`published the conclusion of “${own.title}”`)

    const events = (await eventsSince(t.db, seq)).filter((e) => e.entity === 'conclusion')
    expect(events.map((e) => e.action)).toEqual([
      'drafted',
      'updated',
      'submitted',
      'returned',
      'submitted',
      'published',
    ])
    for (const e of events) expect(e).toMatchObject({ entityId: c.id, disputeId: own.id, claimId: null })

    const bench = await exact(
      await t.request(`/api/disputes/${own.id}`, { cookie: cookies.checker }),
      WorkbenchSchema,
    )
    expect(bench.conclusion).toEqual(c)
  })

  it('needs a finding to submit, and a finding and a rationale to publish', async () => {
    const own = await ownDispute()
    let c = await record(await put(own.id, 'checker', { rationale: RATIONALE }), 201, ConclusionSchema)
    await unchanged(t, async () =>
      expectInvalid(await act(own.id, 'submit', 'checker', c.version), 'finding'),
    )
    c = await record(
      await put(own.id, 'checker', { finding: FINDING, rationale: ' ' }, c.version),
      200,
      ConclusionSchema,
    )
    c = await record(await act(own.id, 'submit', 'checker', c.version), 200, ConclusionSchema)
    await unchanged(t, async () =>
      expectInvalid(await act(own.id, 'publish', 'admin', c.version), 'rationale'),
    )
  })

  it('answers 409 when the conclusion is not where the step starts, 428 and 412 on its If-Match', async () => {
    const draft = await conclusionIn('draft')
    const review = await conclusionIn('in_review')
    const live = await conclusionIn('published')
    const cases: Array<[typeof draft, string, unknown]> = [
      [draft, 'publish', undefined],
      [draft, 'return', { note: 'A note.' }],
      [draft, 'withdraw', { note: 'A note.' }],
      [review, 'submit', undefined],
      [review, 'correct', { rationale: 'New.', correctionNote: 'A note.' }],
      [live, 'submit', undefined],
      [live, 'publish', undefined],
    ]
    for (const [{ own, conclusion }, action, json] of cases) {
      await unchanged(t, async () => {
        await expectError(await act(own.id, action, 'admin', conclusion.version, json), 'conflict')
        await expectError(await act(own.id, action, 'admin', undefined, json), 'precondition_required')
        const stale = await expectError(await act(own.id, action, 'admin', 999, json), 'precondition_failed')
        expect(stale.details).toMatchObject({ id: conclusion.id })
      })
    }
    await expectError(await act((await ownDispute()).id, 'submit', 'checker', 1), 'not_found')
  })

  it('refuses checkers the editors’ steps with 403', async () => {
    const { own, conclusion } = await conclusionIn('published')
    await unchanged(t, async () => {
      await expectError(
        await act(own.id, 'correct', 'checker', conclusion.version, { rationale: 'x', correctionNote: 'y' }),
        'forbidden',
      )
      await expectError(
        await act(own.id, 'withdraw', 'checker', conclusion.version, { note: 'y' }),
        'forbidden',
      )
    })
    const review = await conclusionIn('in_review')
    await expectError(await act(review.own.id, 'publish', 'checker', review.conclusion.version), 'forbidden')
  })
})

describe('the two-person rule', () => {
  it('keeps an editor who wrote or edited the conclusion from publishing it', async () => {
    const own = await ownDispute()
    let c = await record(await put(own.id, 'checker', { finding: FINDING }), 201, ConclusionSchema)
    c = await record(await put(own.id, 'editor', { rationale: RATIONALE }, c.version), 200, ConclusionSchema)
    expect(c.contributors.map((p) => p.id).sort()).toEqual([ids.checker, ids.editor].sort())
    c = await record(await act(own.id, 'submit', 'checker', c.version), 200, ConclusionSchema)
    const refused = await unchanged(t, async () =>
      expectError(await act(own.id, 'publish', 'editor', c.version), 'forbidden'),
    )
    expect(refused.message).toContain('two-person rule')
    c = await record(await act(own.id, 'publish', 'admin', c.version), 200, ConclusionSchema)
    expect(c.status).toBe('published')
  })

  it('applies a change of the rationale at once and holds a change of the finding for a second editor', async () => {
    const { own, conclusion } = await conclusionIn('published')
    let c = await record(
      await act(own.id, 'correct', 'editor', conclusion.version, {
        rationale: 'Images from two providers agree.',
        correctionNote: 'Named the images.',
      }),
      200,
      ConclusionSchema,
    )
    expect(c.corrections).toHaveLength(1)
    expect(c.corrections[0]).toMatchObject({
      note: 'Named the images.',
      actor: { id: ids.editor },
      approver: null,
      before: { rationale: RATIONALE },
      after: { rationale: 'Images from two providers agree.' },
    })
    expect((await publishedConclusion(t.db, own.id))?.published.rationale).toBe(
      'Images from two providers agree.',
    )

    await unchanged(t, async () =>
      expectInvalid(
        await act(own.id, 'correct', 'editor', c.version, {
          rationale: 'Images from two providers agree.',
          correctionNote: 'Again.',
        }),
        '(body)',
      ),
    )

    const seq = await lastSeq(t.db)
    const res = await act(own.id, 'correct', 'editor', c.version, {
      finding: 'Only the hospital was hit.',
      correctionNote: 'The depot was empty.',
    })
    expect(res.status).toBe(202)
    const pending = await exact(res, PendingConclusionCorrectionSchema)
    expect(pending).toMatchObject({
      disputeId: own.id,
      proposedBy: { id: ids.editor },
      after: { finding: 'Only the hospital was hit.' },
    })
    expect((await eventsSince(t.db, seq)).map((e) => e.action)).toEqual(['correction_proposed'])
    expect((await publishedConclusion(t.db, own.id))?.published.finding).toBe(FINDING)
    const asked = (await notificationsOf('admin')).find(
      (n) => n.kind === 'correction_pending' && n.dispute?.id === own.id,
    )
    expect(asked?.message).toContain(`proposed a correction of the conclusion of “${own.title}”`)

    c =
      (await exact(await t.request(`/api/disputes/${own.id}`, { cookie: cookies.admin }), WorkbenchSchema))
        .conclusion ?? c
    expect(c.pendingCorrection?.id).toBe(pending.id)
    await expectError(
      await act(own.id, 'correct', 'admin', c.version, { rationale: 'Other.', correctionNote: 'x' }),
      'conflict',
    )
    await expectError(
      await act(own.id, `corrections/${pending.id}/approve`, 'editor', c.version),
      'forbidden',
    )
    await expectError(
      await act(own.id, `corrections/${randomUUID()}/approve`, 'admin', c.version),
      'not_found',
    )
    c = await record(
      await act(own.id, `corrections/${pending.id}/approve`, 'admin', c.version),
      200,
      ConclusionSchema,
    )
    expect(c).toMatchObject({ finding: 'Only the hospital was hit.', pendingCorrection: null })
    expect(c.corrections.at(-1)).toMatchObject({ id: pending.id, approver: { id: ids.admin } })
    const after = await publishedConclusion(t.db, own.id)
    expect(after?.published.finding).toBe('Only the hospital was hit.')
    expect(after?.modifiedAt).toBe(c.modifiedAt)
    expect(after?.corrections.map((x) => x.note)).toEqual(['Named the images.', 'The depot was empty.'])
    const told = (await notificationsOf('checker')).find(
      (n) => n.kind === 'corrected' && n.dispute?.id === own.id && n.note === 'The depot was empty.',
    )
    expect(told?.message).toContain(`corrected the conclusion of “${own.title}”`)

    const second = await exact(
      await act(own.id, 'correct', 'admin', c.version, { finding: 'Neither holds.', correctionNote: 'Try.' }),
      PendingConclusionCorrectionSchema,
    )
    c = await record(
      await act(own.id, `corrections/${second.id}/reject`, 'editor', c.version + 1, {
        note: 'The finding stands.',
      }),
      200,
      ConclusionSchema,
    )
    expect(c).toMatchObject({ finding: 'Only the hospital was hit.', pendingCorrection: null })
    expect(c.corrections).toHaveLength(2)
  })

  it('applies a change of the finding at once with the rule off', async () => {
    const off = await makeTestApp({ env: { COUNTERCLAIM_TWO_PERSON_RULE: 'false' } })
    const editor = await off.login('editor')
    const own = await createDispute(off.request, {
      title: 'Rule off',
      question: 'Does the rule hold?',
      claims: [{ claimant: { name: 'A', kind: 'government' }, text: 'It does.' }],
    })
    let res = await off.request(path(own.id), {
      method: 'PUT',
      cookie: editor,
      json: { finding: FINDING, rationale: RATIONALE },
    })
    let c = await record(res, 201, ConclusionSchema)
    for (const action of ['submit', 'publish']) {
      res = await off.request(path(own.id, action), {
        method: 'POST',
        cookie: editor,
        headers: ifMatch(c.version),
      })
      c = await record(res, 200, ConclusionSchema)
    }
    res = await off.request(path(own.id, 'correct'), {
      method: 'POST',
      cookie: editor,
      headers: ifMatch(c.version),
      json: { finding: 'Neither holds.', correctionNote: 'Recounted.' },
    })
    expect((await record(res, 200, ConclusionSchema)).finding).toBe('Neither holds.')
  })
})

describe('what the public sees', () => {
  it('stays frozen when the dispute changes, until a correction', async () => {
    const { own, conclusion } = await conclusionIn('published')
    const [first, second] = own.workbench.claims
    if (!first || !second) throw new Error('the dispute has two claims')
    const [low, high] = [first.id, second.id].sort()
    await t.db.insert(tables.claimRelations).values([
      {
        id: randomUUID(),
        disputeId: own.id,
        claimId: low as string,
        otherClaimId: high as string,
        kind: 'compatible',
        note: 'Both can be true.',
        createdAt: conclusion.createdAt,
        updatedAt: conclusion.createdAt,
      },
    ])
    const bench = await exact(
      await t.request(`/api/disputes/${own.id}`, { cookie: cookies.admin }),
      WorkbenchSchema,
    )
    const res = await t.request(`/api/disputes/${own.id}`, {
      method: 'PATCH',
      cookie: cookies.admin,
      json: { title: `${own.title} (edited)`, question: 'What was hit?' },
      headers: ifMatch(bench.version),
    })
    expect(res.status).toBe(200)
    const frozen = await publishedConclusion(t.db, own.id)
    expect(frozen?.published).toMatchObject({ title: own.title, question: own.question, relations: [] })

    const c = await record(
      await act(own.id, 'correct', 'editor', conclusion.version, {
        correctionNote: 'The dispute’s question was sharpened.',
      }),
      200,
      ConclusionSchema,
    )
    const fresh = await publishedConclusion(t.db, own.id)
    expect(fresh?.published).toEqual({
      title: `${own.title} (edited)`,
      question: 'What was hit?',
      finding: FINDING,
      rationale: RATIONALE,
      relations: [{ claimId: low, otherClaimId: high, kind: 'compatible', note: 'Both can be true.' }],
    })
    expect(fresh?.modifiedAt).toBe(c.modifiedAt)
  })

  it('withdraws with a public note, turning down a correction still waiting', async () => {
    const { own, conclusion } = await conclusionIn('published')
    const pending = await exact(
      await act(own.id, 'correct', 'editor', conclusion.version, {
        finding: 'Neither holds.',
        correctionNote: 'Try.',
      }),
      PendingConclusionCorrectionSchema,
    )
    const seq = await lastSeq(t.db)
    const c = await record(
      await act(own.id, 'withdraw', 'admin', conclusion.version + 1, { note: 'The images were misdated.' }),
      200,
      ConclusionSchema,
    )
    expect(c).toMatchObject({
      status: 'withdrawn',
      withdrawalNote: 'The images were misdated.',
      pendingCorrection: null,
    })
    expect((await eventsSince(t.db, seq)).map((e) => [e.entity, e.action])).toEqual([
      ['conclusion', 'withdrawn'],
    ])
    expect(await publishedConclusion(t.db, own.id)).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: c.withdrawnAt,
      withdrawalNote: 'The images were misdated.',
      published: { finding: FINDING },
    })
    await expectError(await act(own.id, `corrections/${pending.id}/approve`, 'admin', c.version), 'conflict')
    const told = (await notificationsOf('editor')).find(
      (n) => n.kind === 'withdrawn' && n.dispute?.id === own.id,
    )
    expect(told?.message).toContain(`withdrew the conclusion of “${own.title}”`)
    await expectError(await put(own.id, 'checker', { finding: 'x' }, c.version), 'conflict')
  })

  it('has nothing to show before publishing', async () => {
    const { own } = await conclusionIn('in_review')
    expect(await publishedConclusion(t.db, own.id)).toBeNull()
  })
})
