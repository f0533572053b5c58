import { randomUUID } from 'node:crypto'
import {
  CommentListSchema,
  CommentSchema,
  type Notification,
  NotificationsReadResultSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import {
  chars,
  eventsSince,
  exact,
  expectError,
  expectInvalid,
  lastSeq,
  oneEvent,
  record,
  unchanged,
} from '../support/api.ts'
import { answer, deskOf, type Person } from '../support/team-work.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

// What each person is told, on both engines: by the verdict workflow, by assignment and by mentions in
// comments; reading and marking notifications; comments themselves.

const clock = manualClock(Date.parse('2026-03-10T09:00:00Z'))

let t: TestApp
let desk: ReturnType<typeof deskOf>
let admin: Person
let editor: Person
let checker: Person
let reporter: Person
let secondEditor: Person

/** The notifications of a person about one claim (or dispute), oldest first. */
async function toldAbout(person: Person, id: string): Promise<Notification[]> {
  const { items } = await desk.notifications(person, '?limit=500')
  return items.filter((n) => n.claimId === id || n.dispute?.id === id).reverse()
}

const kinds = (list: Notification[]) => list.map((n) => n.kind)

beforeAll(async () => {
  t = await makeTestApp({ now: clock.now })
  desk = deskOf(t)
  admin = await desk.seeded('admin')
  editor = await desk.seeded('editor')
  checker = await desk.seeded('checker')
  reporter = await desk.account('José Álvarez', 'checker')
  secondEditor = await desk.account('Olena Kravets', 'editor')
})

describe('notifications from the verdict workflow', () => {
  it('tells the author of a return with its note; a submit tells no one', async () => {
    const d = await desk.newDispute(checker, { assigneeIds: [reporter.id] })
    const c = await desk.draftedClaim(d.id, checker, 'Forty sites were hit overnight.')
    const inReview = await desk.act(checker, c.claimId, 'submit', c.version)
    for (const p of [admin, editor, secondEditor, reporter, checker])
      expect(await toldAbout(p, c.claimId)).toEqual([])
    await desk.act(editor, c.claimId, 'return', inReview, { note: 'Which report counts forty?' })
    const [returned, ...more] = await toldAbout(checker, c.claimId)
    expect(more).toEqual([])
    expect(returned).toMatchObject({
      kind: 'returned',
      message: `${editor.name} returned your verdict on “Forty sites were hit overnight.”`,
      note: 'Which report counts forty?',
      actor: { id: editor.id, name: editor.name },
      dispute: { id: d.id, title: d.title },
      claimId: c.claimId,
      commentId: null,
      readAt: null,
    })
    // Assignees are not told of a return: it is the author's to answer.
    expect(await toldAbout(reporter, c.claimId)).toEqual([])
  })

  it('tells the author and the assignees of a publication, a correction and a withdrawal, never the editor who acted', async () => {
    const d = await desk.newDispute(checker, { assigneeIds: [reporter.id, editor.id, checker.id] })
    const c = await desk.draftedClaim(d.id, checker, 'The depot was hit.')
    let v = await desk.act(checker, c.claimId, 'submit', c.version)
    v = await desk.act(editor, c.claimId, 'publish', v)
    clock.advance(1000)
    v = await desk.act(editor, c.claimId, 'correct', v, {
      summary: 'Confirmed by two regional reports.',
      correctionNote: 'The summary now names both reports.',
    })
    clock.advance(1000)
    await desk.act(editor, c.claimId, 'withdraw', v, { note: 'The reports were retracted.' })

    for (const p of [checker, reporter]) {
      const told = await toldAbout(p, c.claimId)
      expect(kinds(told)).toEqual(['published', 'corrected', 'withdrawn'])
      expect(told.map((n) => n.note)).toEqual([
        null,
        'The summary now names both reports.',
        'The reports were retracted.',
      ])
      expect(told.map((n) => n.message)).toEqual([
        `${editor.name} published the verdict on “The depot was hit.”`,
        `${editor.name} corrected the verdict on “The depot was hit.”`,
        `${editor.name} withdrew the verdict on “The depot was hit.”`,
      ])
    }
    expect(kinds(await toldAbout(editor, c.claimId))).toEqual([])
    expect(kinds(await toldAbout(admin, c.claimId))).toEqual([])
  })

  it('asks every other active editor and admin to approve a change of rating; its approval tells the author', async () => {
    const d = await desk.newDispute(checker, {})
    const c = await desk.draftedClaim(d.id, checker, 'Seven missiles were launched.')
    let v = await desk.act(checker, c.claimId, 'submit', c.version)
    v = await desk.act(editor, c.claimId, 'publish', v)
    const away = await desk.account('Away Editor', 'editor')
    await desk.disable(away)
    const pending = await answer<{ id: string }>(
      await t.request(`/api/claims/${c.claimId}/verdict/correct`, {
        method: 'POST',
        cookie: secondEditor.cookie,
        headers: { 'if-match': `"${v}"` },
        json: { rating: 'false', correctionNote: 'The air force counted none.' },
      }),
      202,
    )
    for (const p of [admin, editor]) {
      const [asked, ...more] = await toldAbout(p, c.claimId)
      expect(more).toEqual([])
      expect(asked).toMatchObject({
        kind: 'correction_pending',
        note: 'The air force counted none.',
        actor: { id: secondEditor.id },
      })
      expect(asked?.message).toBe(
        `${secondEditor.name} proposed a correction of the verdict on “Seven missiles were launched.”: it needs a second editor`,
      )
    }
    expect(await toldAbout(secondEditor, c.claimId)).toEqual([])
    expect(await rawQuery(t.db, 'select id from notifications where user_id = $1', [away.id])).toEqual([])
    expect(kinds(await toldAbout(checker, c.claimId))).toEqual(['published'])

    clock.advance(1000)
    await desk.act(admin, c.claimId, `corrections/${pending.id}/approve`, v + 1)
    const told = await toldAbout(checker, c.claimId)
    expect(kinds(told)).toEqual(['published', 'corrected'])
    expect(told[1]).toMatchObject({ note: 'The air force counted none.', actor: { id: admin.id } })
  })

  it('skips people whose accounts were disabled since they were assigned', async () => {
    const leaving = await desk.account('Leaving Checker', 'checker')
    const d = await desk.newDispute(checker, { assigneeIds: [leaving.id] })
    await desk.disable(leaving)
    const c = await desk.draftedClaim(d.id, checker, 'The bridge was closed.')
    const v = await desk.act(checker, c.claimId, 'submit', c.version)
    await desk.act(editor, c.claimId, 'publish', v)
    const rows = await rawQuery<{ kind: string }>(t.db, 'select kind from notifications where user_id = $1', [
      leaving.id,
    ])
    expect(rows.map((r) => r.kind)).toEqual(['assigned'])
  })

  it('marks notifications for e-mail only when the desk sends e-mail', async () => {
    const rows = await rawQuery<{ email_state: string | null }>(
      t.db,
      'select distinct email_state from notifications',
    )
    expect(rows).toEqual([{ email_state: null }])
    const mailing = await makeTestApp({
      now: clock.now,
      env: { COUNTERCLAIM_SMTP_URL: 'smtp://127.0.0.1:2525' },
    })
    const other = deskOf(mailing)
    const by = await other.seeded('admin')
    const to = await other.seeded('checker')
    const d = await other.newDispute(by, { assigneeIds: [to.id] })
    const mailed = await rawQuery<{ email_state: string | null; email_next_at: string | null }>(
      mailing.db,
      'select email_state, email_next_at from notifications where dispute_id = $1',
      [d.id],
    )
    expect(mailed).toEqual([{ email_state: 'pending', email_next_at: new Date(clock.now()).toISOString() }])
  })
})

describe('reading notifications', () => {
  it('counts the unread ones, lists only them with ?unread=1, pages newest first, and marks them read', async () => {
    const reader = await desk.account('Reader Person', 'checker')
    const made: string[] = []
    for (let i = 0; i < 3; i++) {
      made.push((await desk.newDispute(admin, { assigneeIds: [reader.id] })).id)
      clock.advance(1000)
    }
    const all = await desk.notifications(reader)
    expect(all.unread).toBe(3)
    expect(all.items.map((n) => n.dispute?.id)).toEqual([...made].reverse())
    const first = await desk.notifications(reader, '?limit=2')
    expect(first.items).toHaveLength(2)
    const rest = await desk.notifications(reader, `?limit=2&cursor=${first.nextCursor}`)
    expect([...first.items, ...rest.items]).toEqual(all.items)
    expect(rest.nextCursor).toBeNull()

    // Someone else's notification among the ids is ignored, never revealed.
    const others = (await desk.notifications(checker)).items[0]
    const newest = all.items[0]?.id ?? ''
    const seq = await lastSeq(t.db)
    const read = (json: unknown) =>
      t.request('/api/notifications/read', { method: 'POST', cookie: reader.cookie, json })
    expect(
      await exact(await read({ ids: [newest, others?.id ?? randomUUID()] }), NotificationsReadResultSchema),
    ).toEqual({
      unread: 2,
    })
    expect(await eventsSince(t.db, seq)).toEqual([])
    if (others) {
      const still = (await desk.notifications(checker)).items.find((n) => n.id === others.id)
      expect(still?.readAt).toBe(others.readAt)
    }
    const unread = await desk.notifications(reader, '?unread=1')
    expect(unread.items.map((n) => n.id)).toEqual(all.items.slice(1).map((n) => n.id))
    expect(unread.unread).toBe(2)
    expect((await desk.notifications(reader)).items[0]?.readAt).toBe(new Date(clock.now()).toISOString())

    expect(await exact(await read({ all: true }), NotificationsReadResultSchema)).toEqual({ unread: 0 })
    expect((await desk.notifications(reader, '?unread=1')).items).toEqual([])
    await expectInvalid(await read({ ids: [] }), 'ids')
    await expectInvalid(await read({ all: false }))
    expect((await t.request('/api/notifications')).status).toBe(401)
  })
})

describe('comments', () => {
  const post = (as: Person, disputeId: string, json: unknown) =>
    t.request(`/api/disputes/${disputeId}/comments`, { method: 'POST', cookie: as.cookie, json })
  const list = async (as: Person, disputeId: string, query = '') =>
    exact(
      await t.request(`/api/disputes/${disputeId}/comments${query}`, { cookie: as.cookie }),
      CommentListSchema,
    )

  it('adds a comment on a claim with one history event, and tells each person mentioned but the author', async () => {
    const d = await desk.newDispute(checker, {})
    const c = await desk.draftedClaim(d.id, checker, 'Three districts lost power.')
    const body = `@jose alvarez and @${editor.email.split('@')[0]}: is the **second** source independent? cc @${checker.name}`
    const { result: comment, event } = await oneEvent(
      t,
      { actorId: checker.id, entity: 'comment', action: 'created' },
      async () => record(await post(checker, d.id, { body, claimId: c.claimId }), 201, CommentSchema),
    )
    expect(comment).toMatchObject({
      disputeId: d.id,
      claimId: c.claimId,
      evidenceId: null,
      author: { id: checker.id, name: checker.name },
      body,
      version: 1,
    })
    expect(comment.mentions).toEqual([
      { id: reporter.id, name: reporter.name },
      { id: editor.id, name: editor.name },
      { id: checker.id, name: checker.name },
    ])
    expect(event).toMatchObject({ entityId: comment.id, disputeId: d.id, claimId: c.claimId, before: null })
    expect(event.after).toEqual(comment)

    for (const p of [reporter, editor]) {
      const told = (await toldAbout(p, c.claimId)).filter((n) => n.kind === 'mentioned')
      expect(told).toHaveLength(1)
      expect(told[0]).toMatchObject({
        message: `${checker.name} mentioned you in a comment on “${d.title}”`,
        note: body,
        commentId: comment.id,
        claimId: c.claimId,
        dispute: { id: d.id, title: d.title },
      })
    }
    expect((await toldAbout(checker, c.claimId)).filter((n) => n.kind === 'mentioned')).toEqual([])
    const mentions = (await desk.myWork(reporter)).mentions
    expect(mentions[0]).toMatchObject({ kind: 'mentioned', commentId: comment.id })
  })

  it('shortens a long comment in the notification, and lists comments oldest first, paged', async () => {
    const d = await desk.newDispute(checker, {})
    const long = `@${reporter.name} ${'The footage shows the depot from the east. '.repeat(30)}`
    const first = await record(await post(checker, d.id, { body: long }), 201, CommentSchema)
    clock.advance(1000)
    const e = await desk.draftedClaim(d.id, checker, 'A second claim.')
    const second = await record(
      await post(editor, d.id, { body: 'On the evidence.', evidenceId: e.evidenceId }),
      201,
      CommentSchema,
    )
    clock.advance(1000)
    const third = await record(await post(admin, d.id, { body: 'Plain note.' }), 201, CommentSchema)

    const [told] = (await toldAbout(reporter, d.id)).filter((n) => n.commentId === first.id)
    expect(told?.note?.length).toBeLessThanOrEqual(300)
    expect(told?.note?.endsWith('…')).toBe(true)
    expect(long.startsWith((told?.note ?? '').slice(0, 200))).toBe(true)

    const all = await list(reporter, d.id)
    expect(all.items.map((x) => x.id)).toEqual([first.id, second.id, third.id])
    expect(all.items[1]).toMatchObject({ evidenceId: e.evidenceId, claimId: null, mentions: [] })
    const page = await list(reporter, d.id, '?limit=2')
    const next = await list(reporter, d.id, `?limit=2&cursor=${page.nextCursor}`)
    expect([...page.items, ...next.items]).toEqual(all.items)
    expect(next.nextCursor).toBeNull()
  })

  it('refuses a claim or evidence item of another dispute with 400, an unknown dispute with 404, and a retry makes no second comment', async () => {
    const d = await desk.newDispute(checker, {})
    const other = await desk.newDispute(checker, {})
    const elsewhere = await desk.draftedClaim(other.id, checker, 'Elsewhere.')
    await unchanged(t, async () => {
      await expectInvalid(await post(checker, d.id, { body: 'x', claimId: elsewhere.claimId }), 'claimId')
      await expectInvalid(
        await post(checker, d.id, { body: 'x', evidenceId: elsewhere.evidenceId }),
        'evidenceId',
      )
      await expectInvalid(await post(checker, d.id, { body: 'x', claimId: randomUUID() }), 'claimId')
      await expectInvalid(
        await post(checker, other.id, {
          body: 'x',
          claimId: elsewhere.claimId,
          evidenceId: elsewhere.evidenceId,
        }),
        'evidenceId',
      )
      await expectInvalid(await post(checker, d.id, { body: '   ' }), 'body')
      await expectInvalid(await post(checker, d.id, { body: chars(20_001) }), 'body')
      await expectError(await post(checker, randomUUID(), { body: 'x' }), 'not_found')
    })
    await expectError(
      await t.request(`/api/disputes/${randomUUID()}/comments`, { cookie: checker.cookie }),
      'not_found',
    )

    const id = randomUUID()
    const made = await record(
      await post(checker, d.id, { id, body: `Ping @${reporter.name}` }),
      201,
      CommentSchema,
    )
    const again = await record(
      await post(checker, d.id, { id, body: `Ping @${reporter.name}` }),
      200,
      CommentSchema,
    )
    expect(again).toEqual(made)
    await expectError(await post(checker, d.id, { id, body: 'Other text' }), 'conflict')
    expect((await toldAbout(reporter, d.id)).filter((n) => n.commentId === id)).toHaveLength(1)
    const history = await answer<{ items: Array<{ action: string }> }>(
      await t.request(`/api/history?entity=comment&id=${id}`, { cookie: checker.cookie }),
      200,
    )
    expect(history.items.map((e) => e.action)).toEqual(['created'])
  })
})
