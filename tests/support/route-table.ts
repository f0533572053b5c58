import { randomUUID } from 'node:crypto'
import { stanceCellAt } from '@counterclaim/domain'
import type { StanceMatrix } from '@counterclaim/shared'
import type { TestRole } from './accounts.ts'
import { etagVersion, type Send, sessionCookie, signIn } from './http.ts'

/** Who may call a route: anyone, any signed-in user, editors and admins, or admins only. */
export type Access = 'public' | 'signed-in' | 'editor' | 'admin'
export type Caller = 'signed-out' | TestRole
export const CALLERS: Caller[] = ['signed-out', 'checker', 'editor', 'admin']

/** One request, ready to send. */
export interface RouteRequest {
  method: string
  path: string
  json?: unknown
  body?: string
  headers?: Record<string, string>
}

/** Records made through the API that the route table's requests point at. */
export interface Fixtures {
  send: Send
  cookies: Record<TestRole, string>
  claimantId: string
  disputeId: string
  claimId: string
  evidenceId: string
  userId: string
  /** A second editor's session: corrections it proposes wait for the callers' approval. */
  proposer: string
}

export interface RouteEntry {
  access: Access
  /** The answer a caller with access gets for the request `build` makes. */
  ok: number
  /** A request that succeeds for a caller with access; may set records up first (as admin or checker). */
  /**
   * `caller` is the session the request will be sent with, for a request about the caller's own records
   * (their API tokens); absent, such records are the admin's.
   */
  build: (f: Fixtures, caller?: string) => Promise<RouteRequest>
  /** A JSON body route: fuzzing mutates `build`'s body. */
  write?: boolean
  /** The call ends or replaces the caller's session: the matrix signs in afresh for it. */
  freshSession?: boolean
  /**
   * The call changes the caller's own account (its password): the matrix signs in as a new account of
   * the caller's role whose password is THROWAWAY_PASSWORD, so the seeded accounts stay as they are.
   */
  ownAccount?: boolean
}

/** The password of the accounts `throwawaySession` makes. */
export const THROWAWAY_PASSWORD = 'throwaway-account-password'

/** Makes a new account of a role (as admin) and signs in as it; returns its session cookie. */
export async function throwawaySession(f: Fixtures, role: TestRole): Promise<string> {
  const email = `throwaway-${randomUUID().slice(0, 8)}@example.org`
  await create(f.send, f.cookies.admin, '/api/users', {
    email,
    name: `Throwaway ${role}`,
    role,
    password: THROWAWAY_PASSWORD,
  })
  const res = await f.send('/api/auth/login', {
    method: 'POST',
    json: { email, password: THROWAWAY_PASSWORD },
  })
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/** The status a caller gets on a route, by its access rule. */
export function expectedStatus(entry: RouteEntry, caller: Caller): number {
  if (entry.access === 'public') return entry.ok
  if (caller === 'signed-out') return 401
  if (entry.access === 'admin' && caller !== 'admin') return 403
  if (entry.access === 'editor' && caller === 'checker') return 403
  return entry.ok
}

/** What the table reads of a record: its id and version. */
interface Rec {
  id: string
  version: number
}
interface WorkbenchView extends Rec {
  claims: Rec[]
  evidence: Rec[]
  matrix: StanceMatrix
}

async function readJson<T = unknown>(
  send: Send,
  path: string,
  cookie: string,
): Promise<{ res: Response; body: T }> {
  const res = await send(path, { cookie })
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`)
  return { res, body: (await res.json()) as T }
}

async function create(send: Send, cookie: string, path: string, json: unknown): Promise<Rec> {
  const res = await send(path, { method: 'POST', json, cookie })
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
  return res.json()
}

async function put(send: Send, cookie: string, path: string, json: unknown, ifMatch?: string): Promise<Rec> {
  const res = await send(path, {
    method: 'PUT',
    json,
    cookie,
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  })
  if (res.status >= 300) throw new Error(`PUT ${path} answered ${res.status}: ${await res.text()}`)
  return res.json()
}

async function post(send: Send, cookie: string, path: string, json: unknown, ifMatch: string): Promise<Rec> {
  const res = await send(path, { method: 'POST', json, cookie, headers: { 'if-match': ifMatch } })
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
  return res.json()
}

/** A claim of the fixture dispute, made fresh (by admin). */
async function freshClaim(f: Fixtures): Promise<string> {
  const claim = await create(f.send, f.cookies.admin, `/api/disputes/${f.disputeId}/claims`, {
    text: `A claim ${randomUUID()}`,
    claimantId: f.claimantId,
  })
  return claim.id
}

/** A fresh claim whose complete verdict draft the checker wrote, and optionally moved on. */
async function verdictIn(f: Fixtures, state: 'draft' | 'in_review' | 'published') {
  const claimId = await freshClaim(f)
  let verdict = await put(f.send, f.cookies.checker, `/api/claims/${claimId}/verdict`, {
    rating: 'mostly_false',
    summary: 'The count is off by half.',
    rationale: 'The footage shows fewer sites than the statement names.',
    citedEvidenceIds: [f.evidenceId],
  })
  if (state !== 'draft') {
    verdict = await post(
      f.send,
      f.cookies.checker,
      `/api/claims/${claimId}/verdict/submit`,
      undefined,
      `"${verdict.version}"`,
    )
  }
  if (state === 'published') {
    verdict = await post(
      f.send,
      f.cookies.admin,
      `/api/claims/${claimId}/verdict/publish`,
      undefined,
      `"${verdict.version}"`,
    )
  }
  return { claimId, ifMatch: `"${verdict.version}"` }
}

/** A published verdict with a change of rating that another editor proposed, waiting for approval. */
async function pendingCorrection(f: Fixtures) {
  const { claimId, ifMatch } = await verdictIn(f, 'published')
  const pending = await post(
    f.send,
    f.proposer,
    `/api/claims/${claimId}/verdict/correct`,
    { rating: 'false', correctionNote: 'The second count settles it.' },
    ifMatch,
  )
  return { claimId, correctionId: pending.id, ifMatch: `"${etagOf(ifMatch) + 1}"` }
}

const etagOf = (ifMatch: string) => Number(ifMatch.replace(/"/g, ''))

/** A fresh dispute (by admin) whose conclusion draft the checker wrote, and optionally moved on. */
async function conclusionIn(f: Fixtures, state: 'none' | 'draft' | 'in_review' | 'published') {
  const dispute = await create(f.send, f.cookies.admin, '/api/disputes', {
    title: `Strikes on the port ${randomUUID()}`,
    question: 'Was the port hit, and was the grain terminal?',
  })
  const path = `/api/disputes/${dispute.id}/conclusion`
  if (state === 'none') return { disputeId: dispute.id, ifMatch: '' }
  let conclusion = await put(f.send, f.cookies.checker, path, {
    finding: 'Both hold: the port was hit, and so was the grain terminal.',
    rationale: 'Satellite images show both sites damaged.',
  })
  if (state !== 'draft') {
    conclusion = await post(f.send, f.cookies.checker, `${path}/submit`, undefined, `"${conclusion.version}"`)
  }
  if (state === 'published') {
    conclusion = await post(f.send, f.cookies.admin, `${path}/publish`, undefined, `"${conclusion.version}"`)
  }
  return { disputeId: dispute.id, ifMatch: `"${conclusion.version}"` }
}

/** A published conclusion with a change of finding that another editor proposed, waiting for approval. */
async function pendingConclusionCorrection(f: Fixtures) {
  const { disputeId, ifMatch } = await conclusionIn(f, 'published')
  const pending = await post(
    f.send,
    f.proposer,
    `/api/disputes/${disputeId}/conclusion/correct`,
    { finding: 'Only the port was hit.', correctionNote: 'The terminal damage predates the strike.' },
    ifMatch,
  )
  return { disputeId, correctionId: pending.id, ifMatch: `"${etagOf(ifMatch) + 1}"` }
}

async function workbench(f: Fixtures) {
  return (await readJson<WorkbenchView>(f.send, `/api/disputes/${f.disputeId}`, f.cookies.admin)).body
}

/** Every route of the API and what each caller gets; a route missing here fails the matrix. */
export const ROUTES: Record<string, RouteEntry> = {
  'GET /api/health': {
    access: 'public',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/health' }),
  },
  'GET /api/openapi.json': {
    access: 'public',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/openapi.json' }),
  },
  'POST /api/auth/login': {
    access: 'public',
    ok: 200,
    write: true,
    freshSession: true,
    build: async () => ({
      method: 'POST',
      path: '/api/auth/login',
      json: { email: 'checker@example.org', password: 'checker-test-password' },
    }),
  },
  'POST /api/auth/logout': {
    access: 'signed-in',
    ok: 200,
    freshSession: true,
    build: async () => ({ method: 'POST', path: '/api/auth/logout' }),
  },
  'GET /api/auth/me': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/auth/me' }),
  },
  'POST /api/auth/password': {
    access: 'signed-in',
    ok: 204,
    write: true,
    ownAccount: true,
    build: async () => ({
      method: 'POST',
      path: '/api/auth/password',
      json: { currentPassword: THROWAWAY_PASSWORD, newPassword: `a new password ${randomUUID()}` },
    }),
  },
  'GET /api/tokens': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/tokens' }),
  },
  'POST /api/tokens': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async () => ({
      method: 'POST',
      path: '/api/tokens',
      json: { name: 'Newsletter export', scope: 'read' },
    }),
  },
  'DELETE /api/tokens/{id}': {
    access: 'signed-in',
    ok: 200,
    build: async (f, caller) => {
      const cookie = caller ?? f.cookies.admin
      // Fuzzing POST /api/tokens may have made the most tokens one person may hold: make room for one more.
      const { body } = await readJson<{ items: Rec[] }>(f.send, '/api/tokens', cookie)
      for (const old of body.items.slice(40)) {
        const res = await f.send(`/api/tokens/${old.id}`, {
          method: 'DELETE',
          headers: { 'if-match': `"${old.version}"` },
          cookie,
        })
        if (res.status !== 200) throw new Error(`DELETE /api/tokens/${old.id} answered ${res.status}`)
      }
      const token = await create(f.send, cookie, '/api/tokens', {
        name: `Revoked ${randomUUID().slice(0, 6)}`,
        scope: 'write',
      })
      return {
        method: 'DELETE',
        path: `/api/tokens/${token.id}`,
        headers: { 'if-match': `"${token.version}"` },
      }
    },
  },
  'GET /api/users': { access: 'admin', ok: 200, build: async () => ({ method: 'GET', path: '/api/users' }) },
  'POST /api/users': {
    access: 'admin',
    ok: 201,
    write: true,
    build: async () => ({
      method: 'POST',
      path: '/api/users',
      json: {
        email: `u-${randomUUID().slice(0, 8)}@example.org`,
        name: 'New Account',
        role: 'checker',
        password: 'a-long-enough-password',
      },
    }),
  },
  'PATCH /api/users/{id}': {
    access: 'admin',
    ok: 200,
    write: true,
    build: async (f) => {
      const { body } = await readJson<{ items: Rec[] }>(f.send, '/api/users?limit=500', f.cookies.admin)
      const user = body.items.find((u) => u.id === f.userId)
      return {
        method: 'PATCH',
        path: `/api/users/${f.userId}`,
        json: { name: `Renamed ${randomUUID().slice(0, 6)}` },
        headers: { 'if-match': `"${user?.version}"` },
      }
    },
  },
  'GET /api/claimants': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/claimants' }),
  },
  'POST /api/claimants': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async () => ({
      method: 'POST',
      path: '/api/claimants',
      json: {
        id: randomUUID(),
        name: `A ministry ${randomUUID().slice(0, 8)}`,
        kind: 'government',
        url: 'https://example.org/m',
      },
    }),
  },
  'GET /api/claimants/{id}': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/claimants/${f.claimantId}` }),
  },
  'PATCH /api/claimants/{id}': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async (f) => {
      const { res } = await readJson(f.send, `/api/claimants/${f.claimantId}`, f.cookies.admin)
      return {
        method: 'PATCH',
        path: `/api/claimants/${f.claimantId}`,
        json: { description: `Changed ${randomUUID()}` },
        headers: { 'if-match': etagVersion(res) },
      }
    },
  },
  'POST /api/claimants/{id}/merge': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const merged = await create(f.send, f.cookies.admin, '/api/claimants', {
        name: `To merge ${randomUUID().slice(0, 8)}`,
        kind: 'person',
      })
      return {
        method: 'POST',
        path: `/api/claimants/${merged.id}/merge`,
        json: { intoId: f.claimantId },
        headers: { 'if-match': `"${merged.version}"` },
      }
    },
  },
  'GET /api/disputes': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/disputes' }),
  },
  'POST /api/disputes': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async () => ({
      method: 'POST',
      path: '/api/disputes',
      json: { id: randomUUID(), title: 'A dispute', question: 'What happened?', tags: ['energy'] },
    }),
  },
  'GET /api/disputes/{id}': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/disputes/${f.disputeId}` }),
  },
  'PATCH /api/disputes/{id}': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async (f) => {
      const { res } = await readJson(f.send, `/api/disputes/${f.disputeId}`, f.cookies.admin)
      return {
        method: 'PATCH',
        path: `/api/disputes/${f.disputeId}`,
        json: { summary: `Changed ${randomUUID()}` },
        headers: { 'if-match': etagVersion(res) },
      }
    },
  },
  'POST /api/disputes/{id}/claims': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => ({
      method: 'POST',
      path: `/api/disputes/${f.disputeId}/claims`,
      json: {
        id: randomUUID(),
        text: 'Forty sites were hit.',
        claimantId: f.claimantId,
        statedOn: '2025-06-10',
        quantity: { value: 40, unit: 'sites', qualifier: 'exact' },
      },
    }),
  },
  'POST /api/disputes/{id}/evidence': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => ({
      method: 'POST',
      path: `/api/disputes/${f.disputeId}/evidence`,
      json: {
        id: randomUUID(),
        title: 'Satellite image',
        kind: 'satellite',
        url: 'https://example.org/sat',
        sourceReliability: 'B',
        informationCredibility: 2,
      },
    }),
  },
  'PATCH /api/claims/{id}': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async (f) => {
      const claim = (await workbench(f)).claims.find((c) => c.id === f.claimId)
      return {
        method: 'PATCH',
        path: `/api/claims/${f.claimId}`,
        json: { shortText: `Short ${randomUUID().slice(0, 8)}` },
        headers: { 'if-match': `"${claim?.version}"` },
      }
    },
  },
  'PUT /api/claims/{id}/verdict': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => ({
      method: 'PUT',
      path: `/api/claims/${await freshClaim(f)}/verdict`,
      json: { rating: 'mixed', summary: 'Partly right.', rationale: 'Some of it.', citedEvidenceIds: [] },
    }),
  },
  'GET /api/claims/{id}/ratings': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/claims/${f.claimId}/ratings` }),
  },
  'PUT /api/claims/{id}/ratings/mine': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => {
      const dispute = await create(f.send, f.cookies.admin, '/api/disputes', {
        title: 'Rated blind',
        question: 'What happened?',
        independentRatings: true,
      })
      const claim = await create(f.send, f.cookies.admin, `/api/disputes/${dispute.id}/claims`, {
        text: `A claim ${randomUUID()}`,
        claimantId: f.claimantId,
      })
      return {
        method: 'PUT',
        path: `/api/claims/${claim.id}/ratings/mine`,
        json: { rating: 'mostly_false', note: 'The count was of another night.' },
      }
    },
  },
  'GET /api/ratings/agreement': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/ratings/agreement?from=2025-01-01&to=2025-12-31' }),
  },
  'POST /api/claims/{id}/verdict/submit': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => {
      const { claimId, ifMatch } = await verdictIn(f, 'draft')
      return {
        method: 'POST',
        path: `/api/claims/${claimId}/verdict/submit`,
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/claims/{id}/verdict/return': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { claimId, ifMatch } = await verdictIn(f, 'in_review')
      return {
        method: 'POST',
        path: `/api/claims/${claimId}/verdict/return`,
        json: { note: 'Cite the footage.' },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/claims/{id}/verdict/publish': {
    access: 'editor',
    ok: 200,
    build: async (f) => {
      const { claimId, ifMatch } = await verdictIn(f, 'in_review')
      return {
        method: 'POST',
        path: `/api/claims/${claimId}/verdict/publish`,
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/claims/{id}/verdict/correct': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { claimId, ifMatch } = await verdictIn(f, 'published')
      return {
        method: 'POST',
        path: `/api/claims/${claimId}/verdict/correct`,
        json: { summary: 'The count is off by a third.', correctionNote: 'We miscounted the sites.' },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'GET /api/corrections/pending': {
    access: 'editor',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/corrections/pending' }),
  },
  'POST /api/claims/{id}/verdict/withdraw': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { claimId, ifMatch } = await verdictIn(f, 'published')
      return {
        method: 'POST',
        path: `/api/claims/${claimId}/verdict/withdraw`,
        json: { note: 'The footage we relied on was staged.' },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/claims/{id}/verdict/corrections/{correctionId}/approve': {
    access: 'editor',
    ok: 200,
    build: async (f) => {
      const { claimId, correctionId, ifMatch } = await pendingCorrection(f)
      return {
        method: 'POST',
        path: `/api/claims/${claimId}/verdict/corrections/${correctionId}/approve`,
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/claims/{id}/verdict/corrections/{correctionId}/reject': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { claimId, correctionId, ifMatch } = await pendingCorrection(f)
      return {
        method: 'POST',
        path: `/api/claims/${claimId}/verdict/corrections/${correctionId}/reject`,
        json: { note: 'The rating stands: the second report repeats the first.' },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'PUT /api/disputes/{id}/conclusion': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => ({
      method: 'PUT',
      path: `/api/disputes/${(await conclusionIn(f, 'none')).disputeId}/conclusion`,
      json: { finding: 'Both hold.', rationale: 'Both sites were hit.' },
    }),
  },
  'POST /api/disputes/{id}/conclusion/submit': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => {
      const { disputeId, ifMatch } = await conclusionIn(f, 'draft')
      return {
        method: 'POST',
        path: `/api/disputes/${disputeId}/conclusion/submit`,
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/disputes/{id}/conclusion/return': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { disputeId, ifMatch } = await conclusionIn(f, 'in_review')
      return {
        method: 'POST',
        path: `/api/disputes/${disputeId}/conclusion/return`,
        json: { note: 'Say which images.' },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/disputes/{id}/conclusion/publish': {
    access: 'editor',
    ok: 200,
    build: async (f) => {
      const { disputeId, ifMatch } = await conclusionIn(f, 'in_review')
      return {
        method: 'POST',
        path: `/api/disputes/${disputeId}/conclusion/publish`,
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/disputes/{id}/conclusion/correct': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { disputeId, ifMatch } = await conclusionIn(f, 'published')
      return {
        method: 'POST',
        path: `/api/disputes/${disputeId}/conclusion/correct`,
        json: {
          rationale: 'Images from two providers show both sites.',
          correctionNote: 'Named the sources.',
        },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/disputes/{id}/conclusion/withdraw': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { disputeId, ifMatch } = await conclusionIn(f, 'published')
      return {
        method: 'POST',
        path: `/api/disputes/${disputeId}/conclusion/withdraw`,
        json: { note: 'The images were misdated.' },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/disputes/{id}/conclusion/corrections/{correctionId}/approve': {
    access: 'editor',
    ok: 200,
    build: async (f) => {
      const { disputeId, correctionId, ifMatch } = await pendingConclusionCorrection(f)
      return {
        method: 'POST',
        path: `/api/disputes/${disputeId}/conclusion/corrections/${correctionId}/approve`,
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'POST /api/disputes/{id}/conclusion/corrections/{correctionId}/reject': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async (f) => {
      const { disputeId, correctionId, ifMatch } = await pendingConclusionCorrection(f)
      return {
        method: 'POST',
        path: `/api/disputes/${disputeId}/conclusion/corrections/${correctionId}/reject`,
        json: { note: 'The finding stands.' },
        headers: { 'if-match': ifMatch },
      }
    },
  },
  'PATCH /api/evidence/{id}': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async (f) => {
      const ev = (await workbench(f)).evidence.find((e) => e.id === f.evidenceId)
      return {
        method: 'PATCH',
        path: `/api/evidence/${f.evidenceId}`,
        json: { excerpt: `Excerpt ${randomUUID()}` },
        headers: { 'if-match': `"${ev?.version}"` },
      }
    },
  },
  'PUT /api/stances': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async (f) => {
      const wb = await workbench(f)
      const cell = stanceCellAt(
        wb.matrix,
        wb.evidence.findIndex((e) => e.id === f.evidenceId),
        wb.claims.findIndex((c) => c.id === f.claimId),
      )
      return {
        method: 'PUT',
        path: '/api/stances',
        json: { evidenceId: f.evidenceId, claimId: f.claimId, stance: 'contradicts', note: randomUUID() },
        headers: { 'if-match': `"${cell?.version}"` },
      }
    },
  },
  'PUT /api/claim-relations': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async (f) => {
      const otherClaimId = await freshClaim(f)
      const json = { claimId: f.claimId, otherClaimId, kind: 'compatible', note: randomUUID() }
      const relation = await put(f.send, f.cookies.admin, '/api/claim-relations', json)
      return {
        method: 'PUT',
        path: '/api/claim-relations',
        json: { ...json, kind: 'different_scope' },
        headers: { 'if-match': `"${relation.version}"` },
      }
    },
  },
  'GET /api/disputes/{id}/events': {
    access: 'signed-in',
    ok: 200,
    // An event stream: the matrix reads its status and headers, then leaves (error-shape.ts readBody).
    build: async (f) => ({ method: 'GET', path: `/api/disputes/${f.disputeId}/events` }),
  },
  'GET /api/history': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/history?entity=dispute&id=${f.disputeId}` }),
  },
  'GET /api/claim-log': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/claim-log?limit=10' }),
  },
  'GET /api/claim-log.csv': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/claim-log.csv' }),
  },
  'POST /api/claim-log/import': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async () => ({
      method: 'POST',
      path: '/api/claim-log/import',
      headers: { 'content-type': 'text/csv' },
      body: `dispute_title,claimant,claim_text\r\nImported ${randomUUID()},Imported claimant,"Said, with a comma"\r\n`,
    }),
  },
  'GET /api/search': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/search?q=sites' }),
  },
  'GET /api/matches': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/matches?text=Forty%20sites%20were%20hit&language=en' }),
  },
  'GET /api/claims/{id}/matches': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/claims/${f.claimId}/matches` }),
  },
  'GET /api/claims/{id}/links': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/claims/${f.claimId}/links` }),
  },
  'POST /api/claims/{id}/links': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => ({
      method: 'POST',
      path: `/api/claims/${await freshClaim(f)}/links`,
      json: { linkedClaimId: f.claimId },
    }),
  },
  'DELETE /api/claim-links/{id}': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => {
      const link = await create(f.send, f.cookies.admin, `/api/claims/${await freshClaim(f)}/links`, {
        linkedClaimId: f.claimId,
      })
      return {
        method: 'DELETE',
        path: `/api/claim-links/${link.id}`,
        headers: { 'if-match': `"${link.version}"` },
      }
    },
  },
  'GET /api/public/verdicts': {
    access: 'public',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/public/verdicts' }),
  },
  'GET /api/public/verdicts/{claimId}': {
    access: 'public',
    ok: 200,
    build: async (f) => {
      const { claimId } = await verdictIn(f, 'published')
      return { method: 'GET', path: `/api/public/verdicts/${claimId}` }
    },
  },
  'POST /api/fact-checks/import': {
    access: 'editor',
    ok: 200,
    write: true,
    build: async () => ({ method: 'POST', path: '/api/fact-checks/import', json: claimReview() }),
  },
  'GET /api/fact-checks': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/fact-checks?q=drones&limit=10' }),
  },
  'GET /api/fact-checks/facets': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/fact-checks/facets' }),
  },
  'GET /api/fact-checks/{id}': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/fact-checks/${await importedFactCheck(f)}` }),
  },
  'GET /api/fact-check-feeds': {
    access: 'admin',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/fact-check-feeds' }),
  },
  'POST /api/fact-check-feeds': {
    access: 'admin',
    ok: 201,
    write: true,
    build: async () => ({ method: 'POST', path: '/api/fact-check-feeds', json: { url: feedUrl() } }),
  },
  'DELETE /api/fact-check-feeds/{id}': {
    access: 'admin',
    ok: 200,
    build: async (f) => {
      const feed = await create(f.send, f.cookies.admin, '/api/fact-check-feeds', { url: feedUrl() })
      return {
        method: 'DELETE',
        path: `/api/fact-check-feeds/${feed.id}`,
        headers: { 'if-match': `"${feed.version}"` },
      }
    },
  },
  'POST /api/fact-check-feeds/{id}/fetch': {
    access: 'admin',
    ok: 200,
    build: async (f) => {
      const feed = await create(f.send, f.cookies.admin, '/api/fact-check-feeds', { url: feedUrl() })
      return { method: 'POST', path: `/api/fact-check-feeds/${feed.id}/fetch` }
    },
  },
  'GET /api/people': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/people' }),
  },
  'GET /api/me/work': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/me/work' }),
  },
  'GET /api/disputes/{id}/comments': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/disputes/${f.disputeId}/comments` }),
  },
  'POST /api/disputes/{id}/comments': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => ({
      method: 'POST',
      path: `/api/disputes/${f.disputeId}/comments`,
      json: { id: randomUUID(), body: 'Is the **second** source independent?', claimId: f.claimId },
    }),
  },
  'GET /api/notifications': {
    access: 'signed-in',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/notifications?unread=1' }),
  },
  'POST /api/notifications/read': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async () => ({ method: 'POST', path: '/api/notifications/read', json: { all: true } }),
  },
  'GET /api/webhooks': {
    access: 'admin',
    ok: 200,
    build: async () => ({ method: 'GET', path: '/api/webhooks' }),
  },
  'POST /api/webhooks': {
    access: 'admin',
    ok: 201,
    write: true,
    build: async () => ({ method: 'POST', path: '/api/webhooks', json: webhookCreate() }),
  },
  'DELETE /api/webhooks/{id}': {
    access: 'admin',
    ok: 200,
    build: async (f) => {
      const hook = await create(f.send, f.cookies.admin, '/api/webhooks', webhookCreate())
      return {
        method: 'DELETE',
        path: `/api/webhooks/${hook.id}`,
        headers: { 'if-match': `"${hook.version}"` },
      }
    },
  },
  'GET /api/webhooks/{id}/deliveries': {
    access: 'admin',
    ok: 200,
    build: async (f) => {
      const hook = await create(f.send, f.cookies.admin, '/api/webhooks', webhookCreate())
      return { method: 'GET', path: `/api/webhooks/${hook.id}/deliveries` }
    },
  },
  // Nothing leaves the machine: the delivery's webhook is removed first, so the retry is refused (409)
  // before any send; tests/integration/webhooks.test.ts retries against a local receiver.
  'POST /api/webhooks/{id}/deliveries/{deliveryId}/retry': {
    access: 'admin',
    ok: 409,
    build: async (f) => {
      const hook = await create(f.send, f.cookies.admin, '/api/webhooks', webhookCreate())
      await verdictIn(f, 'published')
      const { body } = await readJson<{ items: Rec[] }>(
        f.send,
        `/api/webhooks/${hook.id}/deliveries`,
        f.cookies.admin,
      )
      const delivery = body.items[0]
      if (!delivery) throw new Error('the publication wrote no delivery')
      const removed = await f.send(`/api/webhooks/${hook.id}`, {
        method: 'DELETE',
        cookie: f.cookies.admin,
        headers: { 'if-match': `"${hook.version}"` },
      })
      if (removed.status !== 200) throw new Error(`removing the webhook answered ${removed.status}`)
      return { method: 'POST', path: `/api/webhooks/${hook.id}/deliveries/${delivery.id}/retry` }
    },
  },
  'GET /api/claims/{id}/replies': {
    access: 'signed-in',
    ok: 200,
    build: async (f) => ({ method: 'GET', path: `/api/claims/${f.claimId}/replies` }),
  },
  'POST /api/claims/{id}/replies': {
    access: 'signed-in',
    ok: 201,
    write: true,
    build: async (f) => ({
      method: 'POST',
      path: `/api/claims/${f.claimId}/replies`,
      json: {
        id: randomUUID(),
        askedOn: '2025-06-10',
        channel: 'email',
        contact: "the ministry's press office",
        question: 'Which facilities were hit?',
        replyBy: '2025-06-11',
      },
    }),
  },
  'PATCH /api/replies/{id}': {
    access: 'signed-in',
    ok: 200,
    write: true,
    build: async (f) => {
      const entry = await create(f.send, f.cookies.admin, `/api/claims/${f.claimId}/replies`, {
        askedOn: '2025-06-10',
        channel: 'phone',
        contact: "the governor's office",
        question: 'Was the maternity hospital hit?',
      })
      return {
        method: 'PATCH',
        path: `/api/replies/${entry.id}`,
        json: { answer: 'Yes, on the night of 9–10 June.', answeredOn: '2025-06-11' },
        headers: { 'if-match': `"${entry.version}"` },
      }
    },
  },
}

/** Another desk's ClaimReview at an address of its own. */
function claimReview() {
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `https://checker.example/fact-checks/${randomUUID()}`,
    claimReviewed: 'Over 300 drones were launched overnight.',
    author: { '@type': 'Organization', name: 'Checker Desk', url: 'https://checker.example' },
    datePublished: '2025-06-11',
    reviewRating: { '@type': 'Rating', alternateName: 'Mostly false' },
  }
}

/** A fact-check brought in by import (as admin); its id. */
async function importedFactCheck(f: Fixtures): Promise<string> {
  const review = claimReview()
  const res = await f.send('/api/fact-checks/import', {
    method: 'POST',
    json: review,
    cookie: f.cookies.admin,
  })
  if (res.status !== 200) throw new Error(`the import answered ${res.status}: ${await res.text()}`)
  const { body } = await readJson<{ items: Rec[] }>(
    f.send,
    `/api/fact-checks?q=${encodeURIComponent('drones')}&limit=500`,
    f.cookies.admin,
  )
  const list = body.items as Array<Rec & { url?: string }>
  const found = list.find((item) => item.url === review.url)
  if (!found) throw new Error('the imported fact-check is not listed')
  return found.id
}

// A loopback address with nothing listening: the feed routes never reach the internet, and a fetch is
// refused (private targets are off) or finds no one, answering at once either way.
const feedUrl = () => `http://127.0.0.1:9/feeds/${randomUUID()}`

// A public address, as webhooks need with private targets off; nothing is ever sent to it.
const webhookCreate = () => ({
  url: `https://93.184.215.14/hooks/${randomUUID()}`,
  events: ['verdict.published', 'verdict.corrected', 'verdict.withdrawn'],
  secret: 'a-secret-of-the-fixture-desk',
})

/** The routes of the OpenAPI document, as "METHOD /path" keys. */
export async function documentedRoutes(send: Send): Promise<string[]> {
  const doc = (await (await send('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>
  }
  const methods = new Set(['get', 'post', 'put', 'patch', 'delete'])
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => methods.has(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  )
}

/** Signs in every role and makes a claimant, a dispute with a claim and evidence, a stance cell and an account. */
export async function makeFixtures(send: Send): Promise<Fixtures> {
  const cookies = {
    admin: await signIn(send, 'admin'),
    editor: await signIn(send, 'editor'),
    checker: await signIn(send, 'checker'),
  }
  const admin = cookies.admin
  const claimant = await create(send, admin, '/api/claimants', {
    name: 'Fixture ministry',
    kind: 'government',
  })
  const dispute = await create(send, admin, '/api/disputes', { title: 'Fixture', question: 'What happened?' })
  const claim = await create(send, admin, `/api/disputes/${dispute.id}/claims`, {
    text: 'Fixture claim',
    claimantId: claimant.id,
  })
  const evidence = await create(send, admin, `/api/disputes/${dispute.id}/evidence`, {
    title: 'Fixture evidence',
    kind: 'document',
    url: 'https://example.org/fixture-evidence',
  })
  await put(send, admin, '/api/stances', { evidenceId: evidence.id, claimId: claim.id, stance: 'supports' })
  const user = await create(send, admin, '/api/users', {
    email: `fixture-${randomUUID().slice(0, 8)}@example.org`,
    name: 'Fixture account',
    role: 'checker',
    password: 'a-long-enough-password',
  })
  const proposerAccount = {
    email: `proposer-${randomUUID().slice(0, 8)}@example.org`,
    password: 'a-long-enough-password',
  }
  await create(send, admin, '/api/users', { ...proposerAccount, name: 'Proposing editor', role: 'editor' })
  const signedIn = await send('/api/auth/login', { method: 'POST', json: proposerAccount })
  if (signedIn.status !== 200) throw new Error(`the proposer's sign-in answered ${signedIn.status}`)
  return {
    send,
    cookies,
    proposer: sessionCookie(signedIn),
    claimantId: claimant.id,
    disputeId: dispute.id,
    claimId: claim.id,
    evidenceId: evidence.id,
    userId: user.id,
  }
}

/** Sends a built request as a caller. */
export function sendAs(f: Fixtures, caller: Caller, req: RouteRequest): Promise<Response> {
  return f.send(req.path, {
    method: req.method,
    json: req.json,
    body: req.body,
    headers: req.headers,
    cookie: caller === 'signed-out' ? undefined : f.cookies[caller],
  })
}
