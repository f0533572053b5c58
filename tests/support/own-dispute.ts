import { randomUUID } from 'node:crypto'
import { type MatrixCell, placedStanceCells, stanceCellAt } from '@counterclaim/domain'
import type { Claimant, Workbench, WorkbenchClaim, WorkbenchEvidence } from '@counterclaim/shared'
import type { TestRole } from './accounts.ts'
import { type Send, type SendInit, signIn } from './http.ts'

// A test changes only records it made itself: a dispute of its own, with claimants, claims, evidence,
// stances and verdicts, made through the API as people make them (a checker writes, an editor
// publishes), so no test depends on another's order or on the shared seed's state.

export type VerdictState = 'draft' | 'in_review' | 'published'

export interface VerdictPlan {
  /** How far the verdict goes: drafted, submitted for review, or published by a second person. */
  state: VerdictState
  rating?: string | null
  summary?: string
  rationale?: string
  /** The titles of the dispute's evidence it cites. */
  cites?: string[]
}

export interface ClaimPlan {
  claimant: { name: string; kind: string; description?: string; url?: string | null }
  text: string
  shortText?: string | null
  statedOn?: string | null
  appearanceUrl?: string | null
  archiveUrl?: string | null
  language?: string | null
  quantity?: { value: number; unit: string; qualifier: string } | null
  verdict?: VerdictPlan | null
}

export interface DisputePlan {
  title: string
  question: string
  summary?: string
  tags?: string[]
  claims: ClaimPlan[]
  /** Evidence create bodies (POST /api/disputes/{id}/evidence). */
  evidence?: Array<{ title: string; kind: string } & Record<string, unknown>>
  /** Stances by evidence title and claimant name. */
  stances?: Array<{ evidence: string; claimant: string; stance: string; note?: string }>
  /** Who writes and submits (default the checker), and who publishes (default the editor). */
  author?: TestRole
  publisher?: TestRole
}

/** A workbench claim made by someone: every claim a plan makes has its claimant. */
export type AttributedClaim = WorkbenchClaim & { claimantId: string; claimant: Claimant }

/** The claim, known to have a claimant (every seeded and planned claim has one). */
export function attributed(claim: WorkbenchClaim): AttributedClaim {
  const { claimant, claimantId } = claim
  if (claimant === null || claimantId === null) throw new Error(`claim ${claim.id} is unattributed`)
  return { ...claim, claimant, claimantId }
}

export interface OwnDispute {
  id: string
  question: string
  /** The workbench as the API answers it once everything is made. */
  workbench: Workbench
  /** The dispute's claim by this claimant. */
  claimBy: (claimant: string) => AttributedClaim
  /** The dispute's evidence with this title. */
  evidenceTitled: (title: string) => WorkbenchEvidence
  /** The matrix's cell of this evidence item and this claimant's claim (version 0: never set). */
  cellOf: (evidence: string, claimant: string) => MatrixCell
}

async function json<T>(send: Send, path: string, init: SendInit, status: number): Promise<T> {
  const res = await send(path, init)
  const text = await res.text()
  if (res.status !== status) {
    throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}, not ${status}: ${text}`)
  }
  return JSON.parse(text) as T
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))

/** Makes a dispute with its claims, evidence, stances and verdicts (each in its state) through the API. */
export async function createDispute(send: Send, plan: DisputePlan): Promise<OwnDispute> {
  const author = await signIn(send, plan.author ?? 'checker')
  const publisher = await signIn(send, plan.publisher ?? 'editor')
  const post = <T>(path: string, body: unknown, cookie = author, status = 201) =>
    json<T>(send, path, { method: 'POST', cookie, json: body }, status)

  const dispute = await post<{ id: string }>(
    '/api/disputes',
    defined({ title: plan.title, question: plan.question, summary: plan.summary, tags: plan.tags }),
  )
  const claimants = new Map<string, string>()
  const claims = new Map<string, string>()
  for (const { claimant, verdict: _, ...fields } of plan.claims) {
    let claimantId = claimants.get(claimant.name)
    if (!claimantId) {
      // Its own claimant, even when one of that name is on the desk already (the seed's, another test's).
      claimantId = (
        await post<{ id: string }>('/api/claimants', { ...defined(claimant), allowDuplicate: true })
      ).id
      claimants.set(claimant.name, claimantId)
    }
    const claim = await post<{ id: string }>(
      `/api/disputes/${dispute.id}/claims`,
      defined({ ...fields, claimantId }),
    )
    claims.set(claimant.name, claim.id)
  }
  const evidence = new Map<string, string>()
  for (const body of plan.evidence ?? []) {
    evidence.set(body.title, (await post<{ id: string }>(`/api/disputes/${dispute.id}/evidence`, body)).id)
  }
  const idOf = (map: Map<string, string>, key: string) => {
    const id = map.get(key)
    if (!id) throw new Error(`the plan names ${key}, which it does not make`)
    return id
  }
  for (const s of plan.stances ?? []) {
    await json(
      send,
      '/api/stances',
      {
        method: 'PUT',
        cookie: author,
        json: defined({
          evidenceId: idOf(evidence, s.evidence),
          claimId: idOf(claims, s.claimant),
          stance: s.stance,
          note: s.note,
        }),
      },
      201,
    )
  }
  for (const { claimant, verdict } of plan.claims) {
    if (!verdict) continue
    const claimId = idOf(claims, claimant.name)
    const draft = await json<{ version: number }>(
      send,
      `/api/claims/${claimId}/verdict`,
      {
        method: 'PUT',
        cookie: author,
        json: defined({
          rating: verdict.rating,
          summary: verdict.summary,
          rationale: verdict.rationale,
          citedEvidenceIds: verdict.cites?.map((title) => idOf(evidence, title)),
        }),
      },
      201,
    )
    let version = draft.version
    const step = async (name: 'submit' | 'publish', cookie: string) => {
      const res = await json<{ version: number }>(
        send,
        `/api/claims/${claimId}/verdict/${name}`,
        { method: 'POST', cookie, headers: { 'if-match': `"${version}"` } },
        200,
      )
      version = res.version
    }
    if (verdict.state !== 'draft') await step('submit', author)
    if (verdict.state === 'published') await step('publish', publisher)
  }

  const workbench = await json<Workbench>(send, `/api/disputes/${dispute.id}`, { cookie: author }, 200)
  return {
    id: dispute.id,
    question: plan.question,
    workbench,
    claimBy: (name) => {
      const claim = workbench.claims.find((c) => c.claimant?.name === name)
      if (!claim) throw new Error(`no claim by ${name} in ${plan.question}`)
      return attributed(claim)
    },
    evidenceTitled: (title) => {
      const found = workbench.evidence.find((e) => e.title === title)
      if (!found) throw new Error(`no evidence titled ${title} in ${plan.question}`)
      return found
    },
    cellOf: (evidence, claimant) => {
      const row = workbench.evidence.findIndex((e) => e.title === evidence)
      const column = workbench.claims.findIndex((c) => c.claimant?.name === claimant)
      const cell = stanceCellAt(workbench.matrix, row, column)
      if (!cell) throw new Error(`no cell of ${evidence} and ${claimant} in ${plan.question}`)
      return cell
    },
  }
}

/** Changes to a seeded dispute's verdicts, by claimant name: fields to change, or null for no verdict. */
export type VerdictChanges = Record<string, Partial<VerdictPlan> | null>

/** A question of a test's own, after a seeded one: lists and headings tell the two apart. */
export function ownQuestion(seeded: string): string {
  return `${seeded.replace(/\?$/, '')} (${randomUUID().slice(0, 8)})?`
}

/**
 * A test's own copy of a seeded dispute, read through the API: the same title, claimants, claims,
 * evidence and stances under a question of its own, and the verdicts as the seed has them unless
 * `verdicts` says otherwise, by claimant name (fields to change, or null for no verdict).
 */
export async function copyOfSeeded(
  send: Send,
  seededQuestion: string,
  options: {
    question?: string
    verdicts?: VerdictChanges
  } = {},
): Promise<OwnDispute> {
  const cookie = await signIn(send, 'checker')
  const list = await json<{ items: Array<{ id: string; question: string }> }>(
    send,
    `/api/disputes?limit=500&q=${encodeURIComponent(seededQuestion)}`,
    { cookie },
    200,
  )
  const found = list.items.find((d) => d.question === seededQuestion)
  if (!found) throw new Error(`no seeded dispute asks ${seededQuestion}`)
  const seeded = await json<Workbench>(send, `/api/disputes/${found.id}`, { cookie }, 200)
  const titleOf = (id: string) => seeded.evidence.find((e) => e.id === id)?.title ?? id
  const nameOf = (id: string) => seeded.claims.find((c) => c.id === id)?.claimant?.name ?? id

  return createDispute(send, {
    title: seeded.title,
    question: options.question ?? ownQuestion(seededQuestion),
    summary: seeded.summary,
    tags: seeded.tags,
    claims: seeded.claims.map(attributed).map((c) => {
      const change = options.verdicts?.[c.claimant.name]
      const seen = c.verdict
      const verdict: VerdictPlan | null =
        change === null || (!seen && !change)
          ? null
          : {
              state: (seen?.status ?? 'draft') as VerdictState,
              rating: seen?.rating ?? undefined,
              summary: seen?.summary || undefined,
              rationale: seen?.rationale || undefined,
              cites: seen?.citedEvidenceIds.map(titleOf),
              ...change,
            }
      return {
        claimant: {
          name: c.claimant.name,
          kind: c.claimant.kind,
          description: c.claimant.description,
          url: c.claimant.url,
        },
        text: c.text,
        shortText: c.shortText,
        statedOn: c.statedOn,
        appearanceUrl: c.appearanceUrl,
        archiveUrl: c.archiveUrl,
        language: c.language,
        quantity: c.quantity,
        verdict,
      }
    }),
    evidence: seeded.evidence.map((e) => ({
      title: e.title,
      kind: e.kind,
      sourceName: e.sourceName,
      url: e.url,
      archiveUrl: e.archiveUrl,
      excerpt: e.excerpt,
      publishedOn: e.publishedOn,
      accessedOn: e.accessedOn,
      sourceReliability: e.sourceReliability,
      informationCredibility: e.informationCredibility,
    })),
    stances: placedStanceCells(seeded).flatMap((s) =>
      s.stance
        ? [{ evidence: titleOf(s.evidenceId), claimant: nameOf(s.claimId), stance: s.stance, note: s.note }]
        : [],
    ),
  })
}
