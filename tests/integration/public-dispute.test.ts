import { randomUUID } from 'node:crypto'
import { ClaimReviewSchema } from '@counterclaim/shared'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { tables } from '../../packages/db/src/index.ts'
import { ifMatch } from '../support/api.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let checker: string
let editor: string

beforeAll(async () => {
  t = await makeTestApp()
  checker = await t.login('checker')
  editor = await t.login('editor')
})

const MOD = 'Ministry of Defence'
const GOVERNOR = 'Odesa governor'
const MAYOR = 'Kyiv mayor'

/** Three claims: the ministry's and the governor's published, the mayor's a draft. */
function strikes(): Promise<OwnDispute> {
  return createDispute(t.request, {
    title: 'Strikes of 10 June',
    question: `What did the 10 June strikes hit (${randomUUID().slice(0, 8)})?`,
    evidence: [
      { title: 'Photos of the maternity hospital', kind: 'photo', url: 'https://example.org/photos' },
      { title: 'Ministry statement', kind: 'official_statement', url: 'https://example.org/statement' },
    ],
    stances: [
      { evidence: 'Photos of the maternity hospital', claimant: MOD, stance: 'contradicts' },
      { evidence: 'Photos of the maternity hospital', claimant: GOVERNOR, stance: 'supports' },
      { evidence: 'Ministry statement', claimant: MOD, stance: 'supports' },
    ],
    claims: [
      {
        claimant: { name: MOD, kind: 'military' },
        text: 'The goal of the strikes was achieved. All designated objects were hit.',
        shortText: 'All designated objects were hit',
        quantity: { value: 300, unit: 'drones', qualifier: 'at_least' },
        verdict: {
          state: 'published',
          rating: 'misleading',
          summary: 'A maternity hospital was hit too.',
          rationale: 'Photos show the hospital.',
          cites: ['Photos of the maternity hospital', 'Ministry statement'],
        },
      },
      {
        claimant: { name: GOVERNOR, kind: 'government' },
        text: 'The Russians hit a maternity hospital and an emergency ward.',
        quantity: { value: 479, unit: 'drones', qualifier: 'exact' },
        verdict: {
          state: 'published',
          rating: 'true',
          summary: 'Photos confirm it.',
          rationale: 'Photos of the hospital.',
          cites: ['Photos of the maternity hospital'],
        },
      },
      {
        claimant: { name: MAYOR, kind: 'government' },
        text: 'Seven districts were hit; a draft not yet published.',
        verdict: { state: 'draft', rating: 'true', summary: 'Unpublished summary words.' },
      },
    ],
  })
}

const page = async (id: string) => {
  const res = await t.request(`/d/${id}`)
  return { res, text: await res.text() }
}

function jsonLd(text: string): unknown {
  const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(text)
  return JSON.parse(block?.[1] ?? 'null')
}

async function publishConclusion(disputeId: string, finding: string) {
  const draft = await t.request(`/api/disputes/${disputeId}/conclusion`, {
    method: 'PUT',
    cookie: checker,
    json: { finding, rationale: 'Both the **ministry** and the governor are partly right.' },
  })
  expect(draft.status, await draft.clone().text()).toBe(201)
  let version = ((await draft.json()) as { version: number }).version
  for (const [step, cookie] of [
    ['submit', checker],
    ['publish', editor],
  ] as const) {
    const res = await t.request(`/api/disputes/${disputeId}/conclusion/${step}`, {
      method: 'POST',
      cookie,
      headers: ifMatch(version),
    })
    expect(res.status, await res.clone().text()).toBe(200)
    version = ((await res.json()) as { version: number }).version
  }
  return version
}

describe('the public dispute page /d/:disputeId', () => {
  it('is 404, with the not-found page, before anything of the dispute is published, and for an unknown dispute', async () => {
    const own = await createDispute(t.request, {
      title: 'Nothing published',
      question: `Is anything published (${randomUUID().slice(0, 8)})?`,
      claims: [
        {
          claimant: { name: MOD, kind: 'military' },
          text: 'A draft claim.',
          verdict: { state: 'in_review', rating: 'true', summary: 'S', rationale: 'R' },
        },
      ],
    })
    for (const id of [own.id, randomUUID(), 'not-an-id']) {
      const { res, text } = await page(id)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(text).toContain('No published fact check here')
      expect(text).not.toContain('A draft claim.')
    }
  })

  it('shows only published content: the published claims side by side with their verdicts, the stance matrix and the chart; never a draft', async () => {
    const own = await strikes()
    const { res, text } = await page(own.id)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(text).toContain(own.question)
    expect(text).toContain('The goal of the strikes was achieved. All designated objects were hit.')
    expect(text).toContain('The Russians hit a maternity hospital and an emergency ward.')
    expect(text).toContain('<span class="rating-label">Misleading</span>')
    expect(text).toContain('<span class="rating-label">True</span>')
    expect(text).toContain(`href="/v/${own.claimBy(MOD).id}"`)
    expect(text).not.toContain('Seven districts were hit')
    expect(text).not.toContain('Unpublished summary words.')
    expect(text).not.toContain(MAYOR)
    // No conclusion yet: no conclusion section, no relations.
    expect(text).not.toContain('Our conclusion')
    // The matrix: each cited source a row, a cell per published claim in words.
    const matrix = /<table class="evidence-matrix">([\s\S]*?)<\/table>/.exec(text)?.[1] ?? ''
    const rows = [...matrix.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      (m[1] ?? '').replace(/<span aria-hidden="true">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '|'),
    )
    const cells = (row: string | undefined) => (row ?? '').split('|').filter((s) => s.trim() !== '')
    expect(cells(rows[0])).toEqual(['Source', MOD, GOVERNOR])
    expect(cells(rows[1])).toEqual(['Photos of the maternity hospital', 'Photo', 'Contradicts', 'Supports'])
    expect(cells(rows[2])).toEqual(['Ministry statement', 'Official statement', 'Supports', 'Not cited'])
    // The chart of the one measure both claims count, with its table.
    expect(text).toContain('<svg class="chart"')
    expect(text).toMatch(
      /<th scope="row" dir="auto">Ministry of Defence<\/th><td dir="auto">at least 300 drones<\/td>/,
    )
    expect(text).toMatch(/<th scope="row" dir="auto">Odesa governor<\/th><td dir="auto">479 drones<\/td>/)
    // No scripts but the JSON-LD data block.
    expect(text.match(/<script/g)).toHaveLength(1)
  })

  it('shows a source’s origin once a correction has published it', async () => {
    const own = await strikes()
    const photos = own.evidenceTitled('Photos of the maternity hospital')
    await t.db
      .update(tables.evidence)
      .set({ origin: 'Reuters wire, 10 June' })
      .where(eq(tables.evidence.id, photos.id))
    expect((await page(own.id)).text).not.toContain('Origin: <span dir="auto">Reuters wire, 10 June</span>')
    const claim = own.claimBy(MOD)
    const corrected = await t.request(`/api/claims/${claim.id}/verdict/correct`, {
      method: 'POST',
      cookie: editor,
      json: { correctionNote: 'The photos come from the wire.' },
      headers: ifMatch(claim.verdict?.version ?? 0),
    })
    expect(corrected.status, await corrected.clone().text()).toBe(200)
    expect((await page(own.id)).text).toContain('Origin: <span dir="auto">Reuters wire, 10 June</span>')
  })

  it('holds each published ClaimReview in its JSON-LD @graph, as the public API answers it', async () => {
    const own = await strikes()
    const graph = jsonLd((await page(own.id)).text) as { '@context': string; '@graph': unknown[] }
    expect(graph['@context']).toBe('https://schema.org')
    expect(graph['@graph']).toHaveLength(2)
    for (const [i, name] of [MOD, GOVERNOR].entries()) {
      const review = ClaimReviewSchema.parse(
        await (await t.request(`/api/public/verdicts/${own.claimBy(name).id}`)).json(),
      )
      const { '@context': _, ...rest } = review
      expect(graph['@graph'][i]).toEqual(rest)
    }
  })

  it('keeps showing what was published when the desk edits the claim, the verdict draft or the stances later', async () => {
    const own = await strikes()
    const before = (await page(own.id)).text
    const claim = own.claimBy(MOD)
    const edited = await t.request(`/api/claims/${claim.id}`, {
      method: 'PATCH',
      cookie: checker,
      json: { text: 'An edited text the public has not seen.' },
      headers: ifMatch(claim.version),
    })
    expect(edited.status).toBe(200)
    const cell = own.cellOf('Ministry statement', MOD)
    const stance = await t.request('/api/stances', {
      method: 'PUT',
      cookie: checker,
      json: {
        claimId: claim.id,
        evidenceId: own.evidenceTitled('Ministry statement').id,
        stance: 'contradicts',
      },
      headers: ifMatch(cell.version),
    })
    expect(stance.status).toBe(200)
    const reply = await t.request(`/api/claims/${claim.id}/replies`, {
      method: 'POST',
      cookie: checker,
      json: {
        askedOn: '2025-06-10',
        channel: 'phone',
        contact: 'a press officer',
        question: 'Unpublished question?',
      },
    })
    expect(reply.status).toBe(201)
    const after = (await page(own.id)).text
    expect(after).toBe(before)
    expect(after).not.toContain('An edited text the public has not seen.')
    expect(after).not.toContain('Unpublished question?')
  })

  it('shows the published conclusion with its relations and corrections; a later edit waits for a correction; a withdrawal leaves its notice', async () => {
    const own = await strikes()
    const mod = own.claimBy(MOD).id
    const governor = own.claimBy(GOVERNOR).id
    const mayor = own.claimBy(MAYOR).id
    const [a, b] = [mod, governor].sort()
    const now = new Date().toISOString()
    // Relations are set through their own routes elsewhere; here the rows are written as those routes store them.
    await t.db.insert(tables.claimRelations).values([
      {
        id: randomUUID(),
        disputeId: own.id,
        claimId: a ?? '',
        otherClaimId: b ?? '',
        kind: 'compatible',
        note: 'Both can hold.',
        createdAt: now,
        updatedAt: now,
      },
      {
        id: randomUUID(),
        disputeId: own.id,
        claimId: [mod, mayor].sort()[0] ?? '',
        otherClaimId: [mod, mayor].sort()[1] ?? '',
        kind: 'contradicts',
        note: '',
        createdAt: now,
        updatedAt: now,
      },
    ])
    let version = await publishConclusion(
      own.id,
      'Both hold: the targets were hit, and so was a maternity hospital.',
    )
    let text = (await page(own.id)).text
    expect(text).toContain('Our conclusion')
    expect(text).toContain('Both hold: the targets were hit, and so was a maternity hospital.')
    expect(text).toContain('<strong>ministry</strong>')
    // Names and headlines sit in their own direction's markup: the sentence is read without the tags.
    expect(text.replace(/<[^>]+>/g, '')).toMatch(
      // A pair is stored once, in id order: either claim may come first.
      /Ministry of Defence’s claim \(All designated objects were hit\) is compatible with Odesa governor’s claim|Odesa governor’s claim \([^)]*\) is compatible with Ministry of Defence’s claim/,
    )
    expect(text).toContain('Both can hold.')
    // A relation with an unpublished claim is not shown: that claim is not public.
    expect(text).not.toContain('contradicts Kyiv')
    expect(text).not.toContain(MAYOR)

    // The dispute's question changes on the desk: the page keeps the published one until a correction.
    const dispute = await (await t.request(`/api/disputes/${own.id}`, { cookie: checker })).json()
    const renamed = await t.request(`/api/disputes/${own.id}`, {
      method: 'PATCH',
      cookie: checker,
      json: { question: 'A new question the public has not seen?' },
      headers: ifMatch(dispute.version),
    })
    expect(renamed.status).toBe(200)
    expect((await page(own.id)).text).not.toContain('A new question the public has not seen?')

    const corrected = await t.request(`/api/disputes/${own.id}/conclusion/correct`, {
      method: 'POST',
      cookie: editor,
      json: { correctionNote: 'The question was put more exactly.' },
      headers: ifMatch(version),
    })
    expect(corrected.status, await corrected.clone().text()).toBe(200)
    version = ((await corrected.json()) as { version: number }).version
    text = (await page(own.id)).text
    expect(text).toContain('A new question the public has not seen?')
    expect(text).toContain('The question was put more exactly.')

    const withdrawn = await t.request(`/api/disputes/${own.id}/conclusion/withdraw`, {
      method: 'POST',
      cookie: editor,
      json: { note: 'We are re-checking the hospital photos.' },
      headers: ifMatch(version),
    })
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200)
    text = (await page(own.id)).text
    expect(text).toContain('Our conclusion was withdrawn')
    expect(text).toContain('We are re-checking the hospital photos.')
    expect(text).not.toContain('Both hold: the targets were hit')
    expect(text).not.toContain('Both can hold.')
  })

  it('shows a withdrawn verdict’s notice in its place, and stays up on a conclusion alone', async () => {
    const own = await strikes()
    const claim = own.claimBy(GOVERNOR)
    const withdrawn = await t.request(`/api/claims/${claim.id}/verdict/withdraw`, {
      method: 'POST',
      cookie: editor,
      json: { note: 'The photos showed another city.' },
      headers: ifMatch(claim.verdict?.version ?? 0),
    })
    expect(withdrawn.status, await withdrawn.clone().text()).toBe(200)
    let text = (await page(own.id)).text
    expect(text).toContain('This fact check was withdrawn on')
    expect(text).toContain('The photos showed another city.')
    expect(text).not.toContain('Photos confirm it.')
    expect((jsonLd(text) as { '@graph': unknown[] })['@graph']).toHaveLength(1)

    const mod = own.claimBy(MOD)
    const gone = await t.request(`/api/claims/${mod.id}/verdict/withdraw`, {
      method: 'POST',
      cookie: editor,
      json: { note: 'Withdrawn as well.' },
      headers: ifMatch(mod.verdict?.version ?? 0),
    })
    expect(gone.status).toBe(200)
    // Only withdrawn verdicts and no conclusion: nothing stands, the page is gone.
    expect((await page(own.id)).res.status).toBe(404)
    await publishConclusion(own.id, 'Neither claim stands as made.')
    const res = await page(own.id)
    expect(res.res.status).toBe(200)
    text = res.text
    expect(text).toContain('Neither claim stands as made.')
    expect((jsonLd(text) as { '@graph': unknown[] })['@graph']).toEqual([])
  })
})
