import { randomUUID } from 'node:crypto'
import {
  DisputeListItemSchema,
  DisputeSchema,
  PersonListSchema,
  pageOf,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { exact, expectError, expectInvalid, oneEvent, record, unchanged } from '../support/api.ts'
import { deskOf, type Person } from '../support/team-work.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

// Assignment, the desk's people and "my work", on both engines, with a clock the tests move.

const DAY = 24 * 60 * 60 * 1000
const clock = manualClock(Date.parse('2026-03-10T09:00:00Z'))

let t: TestApp
let desk: ReturnType<typeof deskOf>
let admin: Person
let editor: Person
let checker: Person
let reporter: Person

const newDispute = (as: Person, body: Record<string, unknown>) => desk.newDispute(as, body)
const patchDispute = (as: Person, id: string, body: unknown, version?: number) =>
  desk.patchDispute(as, id, body, version)
const notifications = (as: Person, query = '') => desk.notifications(as, query)
const myWork = (as: Person) => desk.myWork(as)
const draftedClaim = (disputeId: string, author: Person, text: string) =>
  desk.draftedClaim(disputeId, author, text)
const act = (as: Person, claimId: string, step: string, version: number, body?: unknown) =>
  desk.act(as, claimId, step, version, body)
const listDisputes = async (as: Person, query: string) =>
  exact(await t.request(`/api/disputes${query}`, { cookie: as.cookie }), pageOf(DisputeListItemSchema))

beforeAll(async () => {
  t = await makeTestApp({ now: clock.now })
  desk = deskOf(t)
  admin = await desk.seeded('admin')
  editor = await desk.seeded('editor')
  checker = await desk.seeded('checker')
  reporter = await desk.account('José Álvarez', 'checker')
})

describe('GET /api/people', () => {
  it("lists the desk's active people by name to anyone signed in, without emails or roles", async () => {
    const gone = await desk.account('Aaron Gone', 'checker')
    await desk.disable(gone)
    const people = await exact(await t.request('/api/people', { cookie: checker.cookie }), PersonListSchema)
    const names = people.items.map((p) => p.name)
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })))
    expect(people.items.map((p) => p.id)).toEqual(expect.arrayContaining([admin.id, editor.id, checker.id]))
    expect(people.items.map((p) => p.id)).not.toContain(gone.id)
    expect((await t.request('/api/people')).status).toBe(401)
  })
})

describe('assignment', () => {
  it('takes assignees and a due date at create, in the order given, and tells each one but the creator', async () => {
    const created = await newDispute(checker, { assigneeIds: [editor.id, checker.id], dueOn: '2026-03-20' })
    expect(created.assigneeIds).toEqual([editor.id, checker.id])
    expect(created.dueOn).toBe('2026-03-20')
    const told = (await notifications(editor)).items.filter((n) => n.dispute?.id === created.id)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({
      kind: 'assigned',
      actor: { id: checker.id, name: checker.name },
      dispute: { id: created.id, title: created.title },
      readAt: null,
    })
    expect(told[0]?.message).toBe(`${checker.name} assigned you to “${created.title}”, due 2026-03-20`)
    expect((await notifications(checker)).items.filter((n) => n.dispute?.id === created.id)).toEqual([])
    const wb = await record(
      await t.request(`/api/disputes/${created.id}`, { cookie: admin.cookie }),
      200,
      WorkbenchSchema,
    )
    expect([wb.assigneeIds, wb.dueOn]).toEqual([[editor.id, checker.id], '2026-03-20'])
  })

  it('changes them with If-Match in one history event; only people newly added are told', async () => {
    const d = await newDispute(admin, { assigneeIds: [editor.id] })
    clock.advance(1000)
    await expectError(await patchDispute(admin, d.id, { assigneeIds: [] }), 'precondition_required')
    await expectError(
      await patchDispute(admin, d.id, { assigneeIds: [] }, d.version + 5),
      'precondition_failed',
    )
    const { result, event } = await oneEvent(
      t,
      { actorId: admin.id, entity: 'dispute', action: 'updated' },
      async () =>
        record(
          await patchDispute(
            admin,
            d.id,
            { assigneeIds: [reporter.id, editor.id, checker.id], dueOn: '2026-04-01' },
            d.version,
          ),
          200,
          DisputeSchema,
        ),
    )
    // Those kept keep their place; those added follow in the order given.
    expect(result.assigneeIds).toEqual([editor.id, reporter.id, checker.id])
    expect(result.version).toBe(d.version + 1)
    expect(event.before).toMatchObject({ assigneeIds: [editor.id], dueOn: null })
    expect(event.after).toMatchObject({
      assigneeIds: [editor.id, reporter.id, checker.id],
      dueOn: '2026-04-01',
    })
    const assignedTo = async (p: Person) =>
      (await notifications(p)).items.filter((n) => n.kind === 'assigned' && n.dispute?.id === d.id)
    expect(await assignedTo(editor)).toHaveLength(1)
    expect(await assignedTo(reporter)).toHaveLength(1)
    expect(await assignedTo(checker)).toHaveLength(1)

    const removed = await record(
      await patchDispute(admin, d.id, { assigneeIds: [checker.id], dueOn: null }, result.version),
      200,
      DisputeSchema,
    )
    expect([removed.assigneeIds, removed.dueOn]).toEqual([[checker.id], null])
    expect(await assignedTo(checker)).toHaveLength(1)
  })

  it('refuses anyone who is not an active person of the desk with 400 naming the place in the list', async () => {
    const d = await newDispute(admin, {})
    const gone = await desk.account('Disabled Person', 'checker')
    await desk.disable(gone)
    await unchanged(t, async () => {
      await expectInvalid(
        await patchDispute(admin, d.id, { assigneeIds: [editor.id, randomUUID(), gone.id] }, d.version),
        'assigneeIds.1',
        'assigneeIds.2',
      )
      await expectInvalid(
        await patchDispute(admin, d.id, { assigneeIds: ['not-a-uuid'] }, d.version),
        'assigneeIds.0',
      )
      await expectInvalid(
        await patchDispute(admin, d.id, { assigneeIds: [editor.id, editor.id] }, d.version),
        'assigneeIds',
      )
      await expectInvalid(await patchDispute(admin, d.id, { dueOn: '2026-02-30' }, d.version), 'dueOn')
      await expectInvalid(
        await t.request('/api/disputes', {
          method: 'POST',
          cookie: admin.cookie,
          json: { title: 'T', question: 'Q?', assigneeIds: [randomUUID()] },
        }),
        'assigneeIds.0',
      )
    })
  })

  it('filters the list by ?assignee=<id> and ?assignee=me', async () => {
    const mine = await newDispute(admin, { assigneeIds: [reporter.id] })
    const theirs = await newDispute(admin, { assigneeIds: [editor.id] })
    const forMe = await listDisputes(reporter, '?assignee=me&limit=500')
    expect(forMe.items.map((d) => d.id)).toContain(mine.id)
    expect(forMe.items.map((d) => d.id)).not.toContain(theirs.id)
    expect(forMe.items.every((d) => d.assigneeIds.includes(reporter.id))).toBe(true)
    const forEditor = await listDisputes(admin, `?assignee=${editor.id}&limit=500`)
    expect(forEditor.items.map((d) => d.id)).toContain(theirs.id)
    expect(forEditor.items.map((d) => d.id)).not.toContain(mine.id)
    expect((await listDisputes(admin, `?assignee=${randomUUID()}`)).items).toEqual([])
  })
})

describe('GET /api/me/work', () => {
  it('gives a checker their open assigned disputes, overdue first by the clock, and no review queue', async () => {
    const worker = await desk.account('Mykola Worker', 'checker')
    const later = await newDispute(admin, { assigneeIds: [worker.id], dueOn: '2026-03-14' })
    const undated = await newDispute(admin, { assigneeIds: [worker.id] })
    const overdue = await newDispute(admin, { assigneeIds: [worker.id], dueOn: '2026-03-09' })
    const soon = await newDispute(admin, { assigneeIds: [worker.id], dueOn: '2026-03-12' })
    const closed = await newDispute(admin, {
      assigneeIds: [worker.id],
      dueOn: '2026-03-01',
      status: 'closed',
    })
    const archived = await newDispute(admin, { assigneeIds: [worker.id], dueOn: '2026-03-01' })
    expect((await patchDispute(admin, archived.id, { archived: true }, archived.version)).status).toBe(200)
    await draftedClaim(soon.id, admin, 'Ten sites were hit.')

    let work = await myWork(worker)
    expect(work.assigned.map((d) => [d.id, d.overdue])).toEqual([
      [overdue.id, true],
      [soon.id, false],
      [later.id, false],
      [undated.id, false],
    ])
    expect(work.assigned.map((d) => d.id)).not.toContain(closed.id)
    const first = work.assigned[1]
    expect(first).toMatchObject({
      title: soon.title,
      status: 'open',
      dueOn: '2026-03-12',
      claimCount: 1,
      assignees: [{ id: worker.id, name: worker.name }],
    })
    expect(work.awaitingMyReview).toEqual([])
    expect(work.returnedToMe).toEqual([])

    // Three days on (sessions of then have expired: sign in again), the one due on the 12th is overdue too.
    clock.advance(3 * DAY)
    try {
      work = await myWork(await desk.again(worker))
      expect(work.assigned.map((d) => [d.id, d.overdue])).toEqual([
        [overdue.id, true],
        [soon.id, true],
        [later.id, false],
        [undated.id, false],
      ])
    } finally {
      clock.advance(-3 * DAY)
    }
  })

  it('gives an editor the verdicts awaiting review, oldest submission first, never their own', async () => {
    const d = await newDispute(checker, {})
    const a = await draftedClaim(d.id, checker, 'First claim submitted.')
    const b = await draftedClaim(d.id, checker, 'Second claim submitted.')
    const own = await draftedClaim(d.id, editor, 'The editor wrote this one.')
    await act(checker, b.claimId, 'submit', b.version)
    clock.advance(60_000)
    await act(checker, a.claimId, 'submit', a.version)
    await act(editor, own.claimId, 'submit', own.version)

    const review = (await myWork(editor)).awaitingMyReview
    const ours = review.filter((v) => v.dispute.id === d.id)
    expect(ours.map((v) => v.claimId)).toEqual([b.claimId, a.claimId])
    expect(ours[0]).toMatchObject({
      claimText: 'Second claim submitted.',
      dispute: { id: d.id, title: d.title },
      rating: 'mostly_true',
      author: { id: checker.id, name: checker.name },
      returnedBy: null,
      note: null,
    })
    const submitted = review.map((v) => v.at)
    expect([...submitted].sort()).toEqual(submitted)
    expect((await myWork(admin)).awaitingMyReview.map((v) => v.claimId)).toContain(own.claimId)
    expect((await myWork(checker)).awaitingMyReview).toEqual([])
  })

  it("gives the author a returned draft with the editor's note until it is submitted again", async () => {
    const d = await newDispute(checker, {})
    const c = await draftedClaim(d.id, checker, 'A claim that goes back.')
    const inReview = await act(checker, c.claimId, 'submit', c.version)
    clock.advance(60_000)
    const returnedAt = new Date(clock.now()).toISOString()
    const draft = await act(editor, c.claimId, 'return', inReview, { note: 'Which report says ten?' })

    const returned = (await myWork(checker)).returnedToMe.filter((v) => v.claimId === c.claimId)
    expect(returned).toEqual([
      {
        claimId: c.claimId,
        claimText: 'A claim that goes back.',
        shortText: null,
        dispute: { id: d.id, title: d.title },
        rating: 'mostly_true',
        author: { id: checker.id, name: checker.name },
        returnedBy: { id: editor.id, name: editor.name },
        note: 'Which report says ten?',
        at: returnedAt,
        verdictVersion: draft,
      },
    ])
    expect((await myWork(editor)).returnedToMe.map((v) => v.claimId)).not.toContain(c.claimId)
    // The dispute list says so too, not only "draft".
    const listed = async () =>
      (await listDisputes(checker, `?q=${encodeURIComponent(d.title)}`)).items
        .find((item) => item.id === d.id)
        ?.claims.find((claim) => claim.id === c.claimId)
    expect(await listed()).toMatchObject({ verdictStatus: 'draft', returnNote: 'Which report says ten?' })

    await act(checker, c.claimId, 'submit', draft)
    expect((await myWork(checker)).returnedToMe.map((v) => v.claimId)).not.toContain(c.claimId)
    expect(await listed()).toMatchObject({ verdictStatus: 'in_review', returnNote: null })
  })
})
