import { randomUUID } from 'node:crypto'
import { DisputeSchema, MyWorkSchema, NotificationListSchema, PersonListSchema } from '@counterclaim/shared'
import { expect } from 'vitest'
import type { TestRole } from './accounts.ts'
import { exact, ifMatch, record, whoAmI } from './api.ts'
import { sessionCookie } from './http.ts'
import type { TestApp } from './test-app.ts'

// Several people of one desk working through the API: accounts of their own, disputes assigned to them,
// verdicts moved through the workflow, and what each one is told.

/** Someone signed in. */
export interface Person {
  id: string
  name: string
  email: string
  cookie: string
}

const PASSWORD = 'a-long-enough-password'

/** Reads an answer of this status as JSON. */
export async function answer<T>(res: Response, status: number): Promise<T> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  return JSON.parse(text) as T
}

/** The helpers of a desk on one test app. */
export function deskOf(t: TestApp) {
  let adminCookie = ''

  const signIn = async (email: string, password: string) => {
    const res = await t.request('/api/auth/login', { method: 'POST', json: { email, password } })
    expect(res.status, await res.clone().text()).toBe(200)
    return sessionCookie(res)
  }

  const desk = {
    /** A seeded account (admin, editor, checker), signed in. */
    async seeded(role: TestRole): Promise<Person> {
      const cookie = await t.login(role)
      const me = await whoAmI(t, cookie)
      if (role === 'admin') adminCookie = cookie
      const people = await exact(await t.request('/api/people', { cookie }), PersonListSchema)
      return {
        id: me.id,
        email: me.email,
        cookie,
        name: people.items.find((p) => p.id === me.id)?.name ?? '',
      }
    },

    /** A new account of a role, made by the admin (sign in as admin with seeded() first), signed in. */
    async account(name: string, role: TestRole): Promise<Person> {
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}-${randomUUID().slice(0, 6)}@example.org`
      const { id } = await answer<{ id: string }>(
        await t.request('/api/users', {
          method: 'POST',
          cookie: adminCookie,
          json: { email, name, role, password: PASSWORD },
        }),
        201,
      )
      return { id, name, email, cookie: await signIn(email, PASSWORD) }
    },

    /** The same person signed in afresh (after the clock moved past their session). */
    async again(person: Person): Promise<Person> {
      return { ...person, cookie: await signIn(person.email, PASSWORD) }
    },

    /** Disables an account (as admin). */
    async disable(person: Person): Promise<void> {
      const users = await answer<{ items: Array<{ id: string; version: number }> }>(
        await t.request('/api/users?limit=500', { cookie: adminCookie }),
        200,
      )
      const version = users.items.find((u) => u.id === person.id)?.version ?? 0
      await answer(
        await t.request(`/api/users/${person.id}`, {
          method: 'PATCH',
          cookie: adminCookie,
          json: { disabled: true },
          headers: ifMatch(version),
        }),
        200,
      )
    },

    async newDispute(as: Person, body: Record<string, unknown>) {
      return record(
        await t.request('/api/disputes', {
          method: 'POST',
          cookie: as.cookie,
          json: { title: `Dispute ${randomUUID().slice(0, 8)}`, question: 'What happened?', ...body },
        }),
        201,
        DisputeSchema,
      )
    },

    patchDispute(as: Person, id: string, body: unknown, version?: number) {
      return t.request(`/api/disputes/${id}`, {
        method: 'PATCH',
        cookie: as.cookie,
        json: body,
        headers: version === undefined ? {} : ifMatch(version),
      })
    },

    async notifications(as: Person, query = '') {
      return exact(
        await t.request(`/api/notifications${query}`, { cookie: as.cookie }),
        NotificationListSchema,
      )
    },

    async myWork(as: Person) {
      return exact(await t.request('/api/me/work', { cookie: as.cookie }), MyWorkSchema)
    },

    /**
     * A claim and a linked evidence item in a dispute, with the author's complete verdict draft on it:
     * the claim's and evidence's ids and the draft's version.
     */
    async draftedClaim(disputeId: string, author: Person, text: string) {
      const claimant = await answer<{ id: string }>(
        await t.request('/api/claimants', {
          method: 'POST',
          cookie: author.cookie,
          json: { name: `Regional office ${randomUUID().slice(0, 6)}`, kind: 'government' },
        }),
        201,
      )
      const claim = await answer<{ id: string }>(
        await t.request(`/api/disputes/${disputeId}/claims`, {
          method: 'POST',
          cookie: author.cookie,
          json: { text, claimantId: claimant.id },
        }),
        201,
      )
      const evidence = await answer<{ id: string }>(
        await t.request(`/api/disputes/${disputeId}/evidence`, {
          method: 'POST',
          cookie: author.cookie,
          json: { title: `Report on ${text}`, kind: 'news_report', url: 'https://example.org/report' },
        }),
        201,
      )
      const verdict = await answer<{ version: number }>(
        await t.request(`/api/claims/${claim.id}/verdict`, {
          method: 'PUT',
          cookie: author.cookie,
          json: {
            rating: 'mostly_true',
            summary: 'Confirmed by regional reporting.',
            rationale: 'Two independent reports agree.',
            citedEvidenceIds: [evidence.id],
          },
        }),
        201,
      )
      return { claimId: claim.id, evidenceId: evidence.id, version: verdict.version }
    },

    /** One workflow step, answered `status` (200 unless said); the verdict's new version. */
    async act(as: Person, claimId: string, step: string, version: number, body?: unknown, status = 200) {
      const res = await t.request(`/api/claims/${claimId}/verdict/${step}`, {
        method: 'POST',
        cookie: as.cookie,
        headers: ifMatch(version),
        ...(body === undefined ? {} : { json: body }),
      })
      await answer(res, status)
      return Number((res.headers.get('etag') ?? '').replace(/"/g, ''))
    },
  }
  return desk
}
