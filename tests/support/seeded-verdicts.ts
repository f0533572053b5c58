import { expect } from 'vitest'
import type { TestApp } from './test-app.ts'

export interface SeededClaim {
  id: string
  disputeId: string
  text: string
  verdict: { id: string; status: string; version: number; publishedAt: string | null } | null
}

/**
 * The seeded demo's claims on the strikes dispute: the ministry's claim has the published
 * verdict, the governor's is in review, the mayor's is a draft. Also the Belgorod claim, which
 * has no verdict yet, and its dispute.
 */
export async function seededClaims(t: TestApp) {
  const cookie = await t.login('admin')
  const list = await (await t.request('/api/disputes', { cookie })).json()
  const byQuestion = (start: string) => {
    const found = list.items.find((d: { question: string }) => d.question.startsWith(start))
    expect(found, start).toBeTruthy()
    return found.id as string
  }
  const strikes = await (
    await t.request(`/api/disputes/${byQuestion('What did the 10 June')}`, { cookie })
  ).json()
  const belgorod = await (
    await t.request(`/api/disputes/${byQuestion('Did a Ukrainian drone')}`, { cookie })
  ).json()
  const claimOf = (wb: { claims: Array<SeededClaim & { claimant: { name: string } }> }, name: string) => {
    const claim = wb.claims.find((c) => c.claimant.name === name)
    if (!claim) throw new Error(`no seeded claim by ${name}`)
    return claim
  }
  return {
    published: claimOf(strikes, 'Russian Ministry of Defence'),
    inReview: claimOf(strikes, 'Oleg Kiper'),
    draft: claimOf(strikes, 'Vitali Klitschko'),
    unjudged: claimOf(belgorod, 'Belgorod regional authorities'),
    strikesDisputeId: strikes.id as string,
    belgorodDisputeId: belgorod.id as string,
    strikesEvidence: strikes.evidence as Array<{ id: string; title: string; url: string | null }>,
  }
}

/** A claim's verdict as the workbench shows it now. */
export async function currentVerdict(t: TestApp, disputeId: string, claimId: string) {
  const cookie = await t.login('admin')
  const wb = await (await t.request(`/api/disputes/${disputeId}`, { cookie })).json()
  const claim = wb.claims.find((c: { id: string }) => c.id === claimId)
  if (!claim?.verdict) throw new Error(`claim ${claimId} has no verdict`)
  return claim.verdict as {
    id: string
    status: string
    version: number
    rating: string | null
    summary: string
    rationale: string
    returnNote: string | null
    publishedAt: string | null
    modifiedAt: string | null
    corrections: Array<{ at: string; note: string; before: unknown; after: unknown }>
    pendingCorrection: { id: string; note: string } | null
  }
}
