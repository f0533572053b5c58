import { randomUUID } from 'node:crypto'
import {
  AgreementSchema,
  ClaimantSchema,
  ClaimRatingSchema,
  ClaimRatingsSchema,
  ClaimSchema,
  DisputeSchema,
  HistoryEventSchema,
  pageOf,
  VerdictSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { exact, expectError, ifMatch, oneEvent, record, unchanged, whoAmI } from '../support/api.ts'
import { sessionCookie } from '../support/http.ts'
import { makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

interface Rater {
  cookie: string
  id: string
  name: string
}

/** A new checker of the desk (made by the admin), signed in. */
async function newChecker(t: TestApp, admin: string, name: string): Promise<Rater> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 6)}@example.org`
  const password = 'a-long-enough-password'
  const created = await t.request('/api/users', {
    method: 'POST',
    json: { email, name, role: 'checker', password },
    cookie: admin,
  })
  expect(created.status, await created.clone().text()).toBe(201)
  const res = await t.request('/api/auth/login', { method: 'POST', json: { email, password } })
  expect(res.status).toBe(200)
  const cookie = sessionCookie(res)
  return { cookie, id: (await whoAmI(t, cookie)).id, name }
}

/** A dispute of the test's own, with one claim; independent ratings as asked. */
async function ratedDispute(t: TestApp, cookie: string, independentRatings?: boolean) {
  const claimant = await record(
    await t.request('/api/claimants', {
      method: 'POST',
      json: { name: `Air force ${randomUUID().slice(0, 6)}`, kind: 'military', allowDuplicate: true },
      cookie,
    }),
    201,
    ClaimantSchema,
  )
  const dispute = await record(
    await t.request('/api/disputes', {
      method: 'POST',
      json: {
        title: 'Drones on the night of 9 June',
        question: 'How many drones were launched?',
        ...(independentRatings === undefined ? {} : { independentRatings }),
      },
      cookie,
    }),
    201,
    DisputeSchema,
  )
  const claim = await record(
    await t.request(`/api/disputes/${dispute.id}/claims`, {
      method: 'POST',
      json: { claimantId: claimant.id, text: 'A record 479 drones were launched overnight.' },
      cookie,
    }),
    201,
    ClaimSchema,
  )
  return { dispute, claim }
}

const rate = (
  t: TestApp,
  claimId: string,
  rater: Rater,
  json: unknown,
  headers: Record<string, string> = {},
) => t.request(`/api/claims/${claimId}/ratings/mine`, { method: 'PUT', json, headers, cookie: rater.cookie })

const ratingsOf = async (t: TestApp, claimId: string, rater: Rater) =>
  exact(await t.request(`/api/claims/${claimId}/ratings`, { cookie: rater.cookie }), ClaimRatingsSchema)

const historyText = async (t: TestApp, entity: string, id: string, rater: Rater) => {
  const res = await t.request(`/api/history?entity=${entity}&id=${id}&limit=500`, { cookie: rater.cookie })
  expect(res.status).toBe(200)
  const page = await exact(res, pageOf(HistoryEventSchema))
  return { page, text: JSON.stringify(page) }
}

describe('independent ratings', () => {
  let t: TestApp
  let admin: string
  let ana: Rater
  let ben: Rater
  let cy: Rater
  let editor: Rater

  beforeAll(async () => {
    t = await makeTestApp()
    admin = await t.login('admin')
    ana = await newChecker(t, admin, 'Ana Rater')
    ben = await newChecker(t, admin, 'Ben Rater')
    cy = await newChecker(t, admin, 'Cy Rater')
    const editorCookie = await t.login('editor')
    editor = { cookie: editorCookie, id: (await whoAmI(t, editorCookie)).id, name: 'editor' }
  })

  it('is off for new disputes unless the desk says otherwise, and changes by PATCH with If-Match and history', async () => {
    const me = await t.request('/api/auth/me', { cookie: ana.cookie })
    expect(((await me.json()) as { desk: { independentRatings: boolean } }).desk.independentRatings).toBe(
      false,
    )
    const { dispute, claim } = await ratedDispute(t, ana.cookie)
    expect(dispute.independentRatings).toBe(false)

    const off = await unchanged(t, async () => rate(t, claim.id, ana, { rating: 'false' }))
    expect((await expectError(off, 'conflict')).message).toMatch(
      /Independent ratings are off for this dispute/,
    )

    await expectError(
      await t.request(`/api/disputes/${dispute.id}`, {
        method: 'PATCH',
        json: { independentRatings: true },
        cookie: ana.cookie,
      }),
      'precondition_required',
    )
    const { result, event } = await oneEvent(
      t,
      { actorId: ana.id, entity: 'dispute', action: 'updated' },
      async () =>
        record(
          await t.request(`/api/disputes/${dispute.id}`, {
            method: 'PATCH',
            json: { independentRatings: true },
            headers: ifMatch(dispute.version),
            cookie: ana.cookie,
          }),
          200,
          DisputeSchema,
        ),
    )
    expect(result.independentRatings).toBe(true)
    expect(event.before).toMatchObject({ independentRatings: false })
    expect(event.after).toMatchObject({ independentRatings: true })
    expect((await rate(t, claim.id, ana, { rating: 'false' })).status).toBe(201)
  })

  it('keeps a rating from everyone but its rater until both are in, then shows both', async () => {
    const { dispute, claim } = await ratedDispute(t, ana.cookie, true)
    const secret = `Ana's reasoning ${randomUUID()}`

    const { result: mine, event } = await oneEvent(
      t,
      { actorId: ana.id, entity: 'claim_rating', action: 'created' },
      async () =>
        record(
          await rate(t, claim.id, ana, { rating: 'unverifiable', note: secret }),
          201,
          ClaimRatingSchema,
        ),
    )
    expect(mine).toMatchObject({
      rating: 'unverifiable',
      ratingLabel: 'Unverifiable',
      note: secret,
      version: 1,
    })
    expect(mine.rater).toEqual({ id: ana.id, name: ana.name })
    expect(event).toMatchObject({ entityId: mine.id, disputeId: dispute.id, claimId: claim.id, before: null })

    // Ana sees her own; Ben and the editor see only that one rating is in, and whose.
    expect(await ratingsOf(t, claim.id, ana)).toMatchObject({
      submitted: 1,
      revealed: false,
      mine,
      ratings: [],
    })
    for (const other of [ben, editor]) {
      expect(await ratingsOf(t, claim.id, other)).toEqual({
        independent: true,
        required: 2,
        submitted: 1,
        revealed: false,
        mine: null,
        ratings: [],
        agreement: null,
        raters: [{ id: ana.id, name: ana.name }],
      })
      // Not through the history: of the dispute, of the claim, of the rating itself.
      for (const [entity, id] of [
        ['dispute', dispute.id],
        ['claim', claim.id],
        ['claim_rating', mine.id],
      ] as const) {
        const { page, text } = await historyText(t, entity, id, other)
        expect(page.items.some((e) => e.entity === 'claim_rating')).toBe(false)
        expect(text).not.toContain(secret)
      }
      // Not through the workbench.
      const workbench = await (
        await t.request(`/api/disputes/${dispute.id}`, { cookie: other.cookie })
      ).text()
      expect(workbench).not.toContain(secret)
      expect(workbench).not.toContain('unverifiable')
    }
    // Ana's own history shows her rating.
    expect((await historyText(t, 'claim', claim.id, ana)).text).toContain(secret)

    // Not through the verdict draft: no one sets its rating before both are in.
    const blocked = await unchanged(t, async () =>
      t.request(`/api/claims/${claim.id}/verdict`, {
        method: 'PUT',
        json: { rating: 'false', summary: 'Wrong night.' },
        cookie: ben.cookie,
      }),
    )
    expect((await expectError(blocked, 'conflict')).message).toMatch(/both checkers have rated it \(1 of 2/)
    const draft = await record(
      await t.request(`/api/claims/${claim.id}/verdict`, {
        method: 'PUT',
        json: { summary: 'Counting of another night.' },
        cookie: ben.cookie,
      }),
      201,
      VerdictSchema,
    )
    expect(draft.rating).toBeNull()

    // Ana changes her mind while Ben has not rated: If-Match needed, a stale one refused.
    await expectError(await rate(t, claim.id, ana, { rating: 'mostly_false' }), 'precondition_required')
    const stale = await expectError(
      await rate(t, claim.id, ana, { rating: 'mostly_false' }, ifMatch(7)),
      'precondition_failed',
    )
    expect(stale.details).toMatchObject({ id: mine.id, version: 1 })
    const changed = await record(
      await rate(t, claim.id, ana, { rating: 'mostly_false' }, ifMatch(1)),
      200,
      ClaimRatingSchema,
    )
    expect(changed).toMatchObject({ rating: 'mostly_false', note: secret, version: 2 })

    // Ben rates: now both see both, side by side.
    const bens = await record(
      await rate(t, claim.id, ben, { rating: 'false', note: 'The 479 were counted the night before.' }),
      201,
      ClaimRatingSchema,
    )
    for (const viewer of [ana, ben, editor]) {
      const seen = await ratingsOf(t, claim.id, viewer)
      expect(seen).toMatchObject({ submitted: 2, revealed: true, agreement: 'disagree' })
      expect(seen.ratings.map((r) => [r.rater.name, r.rating])).toEqual([
        [ana.name, 'mostly_false'],
        [ben.name, 'false'],
      ])
      const { page } = await historyText(t, 'claim', claim.id, viewer)
      expect(page.items.filter((e) => e.entity === 'claim_rating')).toHaveLength(3)
    }
    expect((await ratingsOf(t, claim.id, ben)).mine).toEqual(bens)

    // They stand once both are in, and a third checker cannot rate.
    const late = await unchanged(t, async () => rate(t, claim.id, ana, { rating: 'false' }, ifMatch(2)))
    expect((await expectError(late, 'conflict')).message).toMatch(/no longer change/)
    const third = await unchanged(t, async () => rate(t, claim.id, cy, { rating: 'true' }))
    expect((await expectError(third, 'conflict')).message).toBe('Two checkers have already rated this claim.')

    // The verdict draft may now take its rating.
    const rated = await record(
      await t.request(`/api/claims/${claim.id}/verdict`, {
        method: 'PUT',
        json: { rating: 'false' },
        headers: ifMatch(draft.version),
        cookie: ben.cookie,
      }),
      200,
      VerdictSchema,
    )
    expect(rated.rating).toBe('false')
  })

  it('refuses bad bodies and unknown claims', async () => {
    const { claim } = await ratedDispute(t, ana.cookie, true)
    const bad = await rate(t, claim.id, ana, { rating: 'sort_of' })
    expect((await expectError(bad, 'validation_failed')).details).toEqual([
      expect.objectContaining({ path: 'rating' }),
    ])
    await expectError(await rate(t, randomUUID(), ana, { rating: 'true' }), 'not_found')
    await expectError(
      await t.request(`/api/claims/${randomUUID()}/ratings`, { cookie: ana.cookie }),
      'not_found',
    )
    await expectError(await t.request(`/api/claims/${claim.id}/ratings`), 'unauthenticated')
  })
})

describe('rater agreement', () => {
  // Its own app and clock, 200 days ahead (sessions' cookies may not reach further than 400), so the period holds
  // only this test's pairs; the desk rates independently by default.
  const DAY = 86_400_000
  const start = Math.floor(Date.now() / DAY + 200) * DAY
  const dayOf = (offset: number) => new Date(start + offset * DAY).toISOString().slice(0, 10)
  const clock = manualClock(start + 9 * 3_600_000)
  let t: TestApp
  const raters: Rater[] = []

  beforeAll(async () => {
    t = await makeTestApp({
      now: clock.now,
      env: { COUNTERCLAIM_INDEPENDENT_RATINGS: 'on', COUNTERCLAIM_SESSION_IDLE_MINUTES: String(3 * 24 * 60) },
    })
    const admin = await t.login('admin')
    for (const name of ['Dee', 'Eli', 'Fay']) raters.push(await newChecker(t, admin, name))
  })

  it('counts pairs by the later rating, with percent agreement and kappa overall and per rating', async () => {
    const [dee, eli, fay] = raters as [Rater, Rater, Rater]
    // Six claims rated by two of three checkers: first in, second in.
    const plan: Array<[Rater, string, Rater, string]> = [
      [dee, 'true', eli, 'true'],
      [dee, 'true', fay, 'true'],
      [eli, 'false', fay, 'false'],
      [fay, 'false', dee, 'misleading'],
      [eli, 'true', dee, 'false'],
      [dee, 'misleading', eli, 'misleading'],
    ]
    for (const [first, a, second, b] of plan) {
      const { dispute, claim } = await ratedDispute(t, first.cookie)
      expect(dispute.independentRatings).toBe(true)
      expect((await rate(t, claim.id, first, { rating: a })).status).toBe(201)
      clock.advance(60_000)
      expect((await rate(t, claim.id, second, { rating: b })).status).toBe(201)
    }
    // One claim with only one rating, and one whose second rating came the next day: neither counts for the first day.
    const { claim: half } = await ratedDispute(t, dee.cookie)
    await rate(t, half.id, dee, { rating: 'true' })
    const { claim: late } = await ratedDispute(t, dee.cookie)
    await rate(t, late.id, dee, { rating: 'true' })
    clock.advance(24 * 3_600_000)
    expect((await rate(t, late.id, eli, { rating: 'mixed' })).status).toBe(201)

    const res = await t.request(`/api/ratings/agreement?from=${dayOf(0)}&to=${dayOf(0)}`, {
      cookie: dee.cookie,
    })
    expect(res.status).toBe(200)
    const body = await exact(res, AgreementSchema)
    // First raters: true 3, false 2, misleading 1; second: true 2, false 2, misleading 2. Agreed 4 of 6.
    // pe = (3·2 + 2·2 + 1·2) / 36 = 1/3; κ = (2/3 − 1/3) / (1 − 1/3) = 0.5.
    expect(body).toMatchObject({ from: dayOf(0), to: dayOf(0), pairs: 6, agreed: 4 })
    expect(body.percentAgreement).toBeCloseTo(200 / 3, 10)
    expect(body.kappa).toBeCloseTo(0.5, 10)
    const byRating = Object.fromEntries(body.byRating.map((r) => [r.rating, r]))
    expect(body.byRating.map((r) => r.rating)).toEqual([
      'true',
      'mostly_true',
      'mixed',
      'mostly_false',
      'false',
      'misleading',
      'unverifiable',
    ])
    // True: either chose it in 3 pairs, both in 2. As yes/no over 6: yes/yes 2, yes/no 1, no/no 3;
    // po = 5/6, pe = (3/6)(2/6) + (3/6)(4/6) = 1/2, κ = (5/6 − 1/2) / (1/2) = 2/3.
    expect(byRating.true).toMatchObject({ label: 'True', pairs: 3, agreed: 2 })
    expect(byRating.true?.kappa).toBeCloseTo(2 / 3, 10)
    expect(byRating.mixed).toMatchObject({ pairs: 0, agreed: 0, percentAgreement: null, kappa: null })

    const next = await exact(
      await t.request(`/api/ratings/agreement?from=${dayOf(1)}&to=${dayOf(1)}`, { cookie: dee.cookie }),
      AgreementSchema,
    )
    expect(next).toMatchObject({ pairs: 1, agreed: 0, percentAgreement: 0 })

    // Without a period: the last 90 days up to today by the clock.
    const recent = await exact(
      await t.request('/api/ratings/agreement', { cookie: dee.cookie }),
      AgreementSchema,
    )
    expect(recent).toMatchObject({ from: dayOf(-88), to: dayOf(1), pairs: 7 })

    await expectError(
      await t.request(`/api/ratings/agreement?from=${dayOf(1)}&to=${dayOf(0)}`, { cookie: dee.cookie }),
      'validation_failed',
    )
  })
})
