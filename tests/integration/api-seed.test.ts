import { createHash } from 'node:crypto'
import {
  compareClaimQuantities,
  independentOrigins,
  originTally,
  placedStanceCells,
  twoSourceShortfall,
} from '@counterclaim/domain'
import {
  ClaimantSchema,
  ClaimRatingsSchema,
  DisputeListItemSchema,
  pageOf,
  ReplyAttemptListSchema,
  UserSchema,
  type Workbench,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishedConclusion } from '../../apps/api/src/services/conclusions.ts'
import { exact, record } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let benches: Workbench[]

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('admin')
  const list = await exact(await t.request('/api/disputes', { cookie }), pageOf(DisputeListItemSchema))
  benches = []
  for (const d of list.items) {
    benches.push(await record(await t.request(`/api/disputes/${d.id}`, { cookie }), 200, WorkbenchSchema))
  }
})

const bench = (question: string) => {
  const found = benches.find((b) => b.question === question)
  if (!found) throw new Error(`no seeded dispute asks ${question}`)
  return found
}

describe('the seed: the 10 June 2025 example', () => {
  it('has the three disputes', () => {
    expect(benches.map((b) => b.question).sort()).toEqual([
      'Did a Ukrainian drone attack kill a person at a petrol station in Belgorod region?',
      'How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?',
      'What did the 10 June 2025 strikes on Kyiv and Odesa hit?',
    ])
    for (const b of benches) expect(b).toMatchObject({ status: 'open', archived: false })
  })

  it('has the claimants', async () => {
    const claimants = await exact(await t.request('/api/claimants', { cookie }), pageOf(ClaimantSchema))
    expect(claimants.items.map((c) => [c.name, c.kind])).toEqual([
      ['Belgorod regional authorities', 'government'],
      ['Oleg Kiper', 'government'],
      ['Russian Ministry of Defence', 'military'],
      ['Ukrainian Air Force', 'military'],
      ['Ukrainian officials', 'government'],
      ['Vitali Klitschko', 'government'],
    ])
  })

  it('the strikes dispute: the ministry, the Odesa governor and the Kyiv mayor, in their own words', () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    const [mod, kiper, mayor] = strikes.claims
    expect(mod?.claimant?.name).toBe('Russian Ministry of Defence')
    expect(mod?.text).toContain('The goal of the strikes was achieved. All designated objects were hit.')
    expect(mod?.text).toMatch(
      /aviation, missile and armoured vehicle manufacturing and ship-building facilities in Kyiv/,
    )
    expect(kiper?.claimant?.name).toBe('Oleg Kiper')
    expect(kiper?.text).toContain('The enemy massively attacked Odesa with strike drones…')
    expect(kiper?.text).toContain(
      'The Russians hit a maternity hospital, an emergency medical ward and residential buildings.',
    )
    expect(mayor?.claimant?.name).toBe('Vitali Klitschko')
    expect(mayor?.text).toMatch(/one woman was killed and four people were wounded/i)
    expect(mayor?.text).toMatch(/seven districts/)
    for (const c of strikes.claims) expect(c.statedOn).toBe('2025-06-10')
  })

  it('the numbers dispute: at least 300 drones against exactly 479', () => {
    const numbers = bench('How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?')
    expect(numbers.claims.map((c) => [c.claimant?.name, c.quantity])).toEqual([
      ['Ukrainian officials', { value: 300, unit: 'drones', qualifier: 'at_least' }],
      ['Ukrainian Air Force', { value: 479, unit: 'drones', qualifier: 'exact' }],
    ])
    expect(numbers.claims[0]?.text).toMatch(/over 300 drones and seven missiles/)
    expect(numbers.claims[1]?.text).toMatch(/record 479 drones/)
  })

  it('the numbers dispute: quantities with measures and nights, compared as not comparable with both reasons', () => {
    const numbers = bench('How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?')
    const said = numbers.claims.map((c) => [
      c.claimant?.name,
      c.quantities.map((q) => `${q.measure} ${q.value} ${q.periodFrom}..${q.periodTo}`),
    ])
    expect(said).toEqual([
      [
        'Ukrainian officials',
        ['drones launched 300 2025-06-09..2025-06-10', 'missiles launched 7 2025-06-09..2025-06-10'],
      ],
      [
        'Ukrainian Air Force',
        [
          'drones launched 479 2025-06-08..2025-06-09',
          'missiles launched 20 2025-06-08..2025-06-09',
          'drones intercepted 460 2025-06-08..2025-06-09',
        ],
      ],
    ])
    const [pair] = compareClaimQuantities(numbers.claims)
    const reasons = pair?.comparisons.map((c) => [c.result.verdict, ...c.result.reasons]) ?? []
    expect(reasons).toContainEqual(['not_comparable', 'different nights: 9–10 June vs 8–9 June'])
    expect(reasons).toContainEqual([
      'not_comparable',
      'different measures: launched vs intercepted',
      'different nights: 9–10 June vs 8–9 June',
    ])
    expect(reasons.every((r) => r[0] !== 'cannot_both_be_true')).toBe(true)
  })

  it("the Belgorod dispute: the authorities' claim of one person killed at a petrol station", () => {
    const belgorod = bench(
      'Did a Ukrainian drone attack kill a person at a petrol station in Belgorod region?',
    )
    expect(belgorod.claims.map((c) => [c.claimant?.name, c.text])).toEqual([
      ['Belgorod regional authorities', 'A Ukrainian drone attack on a petrol station killed one person.'],
    ])
  })

  it("has the evidence (the news report, the governor's post, the ministry's statement) with digests and grades", async () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    expect(strikes.evidence.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['news_report', 'official_statement', 'official_statement']),
    )
    const titles = strikes.evidence.map((e) => e.title)
    expect(titles.some((x) => /news report/i.test(x))).toBe(true)
    expect(titles.some((x) => /Kiper's post/.test(x))).toBe(true)
    expect(titles.some((x) => /Ministry of Defence statement/.test(x))).toBe(true)
    for (const e of [...strikes.evidence, ...benches.flatMap((b) => b.evidence)]) {
      expect(e.url).toMatch(/^https:\/\//)
      expect(e.sourceReliability).toMatch(/^[A-F]$/)
    }
    // The digest is kept with the record (the workbench leaves it out): its history holds it.
    const res = await t.request(`/api/history?entity=dispute&id=${strikes.id}&limit=500`, { cookie })
    const events = (await res.json()) as {
      items: Array<{ entity: string; entityId: string; after: unknown }>
    }
    for (const e of strikes.evidence) {
      const created = events.items.find((x) => x.entity === 'evidence' && x.entityId === e.id)
      expect((created?.after as { excerptSha256?: string } | undefined)?.excerptSha256).toBe(
        createHash('sha256').update(e.excerpt, 'utf8').digest('hex'),
      )
    }
  })

  it('has stances on the claims', () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    const byName = new Map(strikes.claims.map((c) => [c.id, c.claimant?.name]))
    const titles = new Map(strikes.evidence.map((e) => [e.id, e.title]))
    const cells = placedStanceCells(strikes).map((s) => [
      titles.get(s.evidenceId),
      byName.get(s.claimId),
      s.stance,
    ])
    expect(cells).toHaveLength(8)
    expect(cells).toContainEqual([
      'Ministry of Defence statement, 10 June',
      'Russian Ministry of Defence',
      'supports',
    ])
    expect(cells).toContainEqual([
      expect.stringMatching(/news report/i),
      'Russian Ministry of Defence',
      'contradicts',
    ])
    expect(cells).toContainEqual([expect.stringMatching(/Kiper's post/), 'Oleg Kiper', 'supports'])
    const numbers = bench('How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?')
    const drones = new Map(numbers.claims.map((c) => [c.id, c.claimant?.name]))
    const sources = new Map(numbers.evidence.map((e) => [e.id, e.title]))
    const numberCells = placedStanceCells(numbers)
    expect(numberCells.map((s) => [sources.get(s.evidenceId), drones.get(s.claimId), s.stance])).toEqual(
      expect.arrayContaining([
        ['Air force overnight count, 9 June', 'Ukrainian Air Force', 'supports'],
        ['Air force overnight count, 9 June', 'Ukrainian officials', 'context'],
        ['Air force overnight count, 10 June', 'Ukrainian officials', 'supports'],
      ]),
    )
    expect(numberCells.map((s) => s.stance).sort()).toEqual([
      'context',
      'context',
      'supports',
      'supports',
      'supports',
      'supports',
    ])
  })

  it('marks origins: the wire report and its republished copy are one origin, counted once', () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    const wire = strikes.evidence.filter((e) => e.origin === 'Reuters wire, 10 June')
    expect(wire.map((e) => e.title)).toEqual([
      'News report: Russia strikes Kyiv and Odesa, hitting a maternity hospital',
      'The same wire report, republished by another outlet',
    ])
    expect(independentOrigins(strikes.evidence)).toBe(strikes.evidence.length - 1)
    const kiper = strikes.claims[1]
    if (!kiper) throw new Error('no governor claim')
    expect(originTally(kiper.id, strikes.evidence, placedStanceCells(strikes))).toEqual({
      supports: 3,
      contradicts: 0,
    })
  })

  it('relates the claims: the ministry and the governor compatible, the two drone counts of different scope', () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    const [mod, kiper] = strikes.claims
    expect(strikes.relations).toHaveLength(1)
    expect(strikes.relations[0]).toMatchObject({
      kind: 'compatible',
      claimId: [mod?.id, kiper?.id].sort()[0],
      otherClaimId: [mod?.id, kiper?.id].sort()[1],
    })
    const numbers = bench('How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?')
    expect(numbers.relations.map((r) => r.kind)).toEqual(['different_scope'])
  })

  it('has the strikes conclusion published by the seeded editor and the numbers one in review', async () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    expect(strikes.conclusion).toMatchObject({
      status: 'published',
      author: { name: 'Taras Bondar' },
      reviewer: { name: 'Ana Petrenko' },
      finding: expect.stringMatching(/^Both hold: .*maternity hospital/),
    })
    const shown = await publishedConclusion(t.db, strikes.id)
    expect(shown?.published).toMatchObject({
      title: strikes.title,
      question: strikes.question,
      finding: strikes.conclusion?.finding,
    })
    const numbers = bench('How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?')
    expect(numbers.conclusion).toMatchObject({ status: 'in_review', publishedAt: null })
    expect(await publishedConclusion(t.db, numbers.id)).toBeNull()
    const belgorod = bench(
      'Did a Ukrainian drone attack kill a person at a petrol station in Belgorod region?',
    )
    expect(belgorod.conclusion).toBeNull()
  })

  it('on the strikes dispute: one verdict published by the seeded editor, one in review, one draft', () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    const verdicts = strikes.claims.map((c) => c.verdict).filter((v) => v !== null)
    expect(verdicts.map((v) => v.status).sort()).toEqual(['draft', 'in_review', 'published'])
    const published = verdicts.find((v) => v.status === 'published')
    expect(published).toMatchObject({
      rating: 'misleading',
      author: { name: 'Taras Bondar' },
      reviewer: { name: 'Ana Petrenko' },
    })
    expect(published?.publishedAt).toEqual(expect.any(String))
    expect(published?.citedEvidenceIds.length).toBeGreaterThan(0)
    expect(verdicts.find((v) => v.status === 'in_review')).toMatchObject({
      rating: 'true',
      publishedAt: null,
    })
    expect(verdicts.find((v) => v.status === 'draft')).toMatchObject({ publishedAt: null })
  })

  it('on the drones dispute: both verdicts published from the ratings, each citing two independent origins', async () => {
    const numbers = bench('How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?')
    const verdicts = numbers.claims.map((c) => [c.claimant?.name, c.verdict?.status, c.verdict?.rating])
    expect(verdicts).toEqual([
      ['Ukrainian officials', 'published', 'mostly_true'],
      ['Ukrainian Air Force', 'published', 'true'],
    ])
    for (const claim of numbers.claims) {
      expect(claim.verdict).toMatchObject({
        author: { name: 'Taras Bondar' },
        reviewer: { name: 'Ana Petrenko' },
      })
      const cited = numbers.evidence.filter((e) => claim.verdict?.citedEvidenceIds.includes(e.id))
      expect(twoSourceShortfall(cited)).toBeNull()
    }
    expect(independentOrigins(numbers.evidence)).toBe(3)
    const page = await t.request(`/d/${numbers.id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const claim of numbers.claims) expect(html).toContain(claim.verdict?.summary)
  })

  it('has a reply log on the strikes dispute, published with the ministry’s verdict and on its dispute page', async () => {
    const strikes = bench('What did the 10 June 2025 strikes on Kyiv and Odesa hit?')
    const byKind = (kind: string) => strikes.claims.find((c) => c.claimant?.kind === kind)
    const ministry = byKind('military')
    const governor = strikes.claims.find((c) => c.claimant?.name === 'Oleg Kiper')
    if (!ministry || !governor) throw new Error('the strikes dispute lacks its claims')
    const log = async (claimId: string) =>
      exact(await t.request(`/api/claims/${claimId}/replies`, { cookie }), ReplyAttemptListSchema)
    expect((await log(ministry.id)).items).toMatchObject([
      {
        contact: "the ministry's press office",
        channel: 'email',
        answeredOn: '2025-06-11',
        answer: expect.any(String),
      },
    ])
    expect((await log(governor.id)).items).toMatchObject([
      { contact: "the governor's office", answer: null, replyBy: '2025-06-12' },
    ])
    // Logged before publishing: the published record carries it, and nothing shows as changed.
    expect(ministry.publicationChanges).toEqual([])
    const page = await (await t.request(`/v/${ministry.id}`)).text()
    expect(page).toContain('We asked <span dir="auto">the ministry&#39;s press office</span> on')
    expect(page).toContain('They replied on <time datetime="2025-06-11">11 June 2025</time>')
    const dispute = await t.request(`/d/${strikes.id}`)
    expect(dispute.status).toBe(200)
    expect(await dispute.text()).toContain('All designated objects were military.')
  })

  it('rates the drone claims independently: agreed on 479, the checker and the editor split on "over 300"', async () => {
    const numbers = bench('How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?')
    expect(numbers.independentRatings).toBe(true)
    const ratingsOf = async (claimantName: string) => {
      const claim = numbers.claims.find((c) => c.claimant?.name === claimantName)
      return exact(await t.request(`/api/claims/${claim?.id}/ratings`, { cookie }), ClaimRatingsSchema)
    }
    const over300 = await ratingsOf('Ukrainian officials')
    expect(over300).toMatchObject({ revealed: true, agreement: 'disagree', mine: null })
    expect(over300.ratings.map((r) => [r.rater.name, r.rating])).toEqual([
      ['Taras Bondar', 'mostly_true'],
      ['Ana Petrenko', 'misleading'],
    ])
    expect(await ratingsOf('Ukrainian Air Force')).toMatchObject({ revealed: true, agreement: 'agree' })
    const agreement = await t.request('/api/ratings/agreement', { cookie })
    expect(await agreement.json()).toMatchObject({ pairs: 2, agreed: 1, percentAgreement: 50 })
  })

  it('has the demo desk: an editor and a checker next to the admin', async () => {
    const users = await exact(await t.request('/api/users', { cookie }), pageOf(UserSchema))
    expect(users.items.map((u) => [u.email, u.role, u.disabled])).toEqual([
      ['admin@example.org', 'admin', false],
      ['checker@example.org', 'checker', false],
      ['editor@example.org', 'editor', false],
    ])
  })

  it('every seeded record has its history: it was written through the same use-cases as the API', async () => {
    for (const b of benches) {
      const res = await t.request(`/api/history?entity=dispute&id=${b.id}`, { cookie })
      const events = (await res.json()) as {
        items: Array<{ entity: string; entityId: string; after: unknown }>
      }
      const recorded = new Set(events.items.map((e) => `${e.entity}:${e.entityId}`))
      // The workbench names a stance by its cell: evidence item and claim.
      const stanceCells = new Set(
        events.items.flatMap((e) => {
          const after = e.after as { evidenceId?: string; claimId?: string } | null
          return e.entity === 'stance' && after ? [`${after.evidenceId}/${after.claimId}`] : []
        }),
      )
      expect(recorded).toContain(`dispute:${b.id}`)
      for (const c of b.claims) expect(recorded).toContain(`claim:${c.id}`)
      for (const e of b.evidence) expect(recorded).toContain(`evidence:${e.id}`)
      for (const s of placedStanceCells(b)) expect(stanceCells).toContain(`${s.evidenceId}/${s.claimId}`)
      for (const c of b.claims) if (c.verdict) expect(recorded).toContain(`verdict:${c.verdict.id}`)
      expect(events.items.filter((e) => e.entity === 'claim_rating')).toHaveLength(
        b.independentRatings ? 4 : 0,
      )
      if (b.conclusion) expect(recorded).toContain(`conclusion:${b.conclusion.id}`)
    }
  })
})

describe('COUNTERCLAIM_SEED=none', () => {
  it('starts with the admin alone: no disputes, no claimants, no demo desk', async () => {
    const empty = await makeTestApp({ kind: 'empty' })
    const admin = await empty.login('admin')
    const disputes = await exact(
      await empty.request('/api/disputes', { cookie: admin }),
      pageOf(DisputeListItemSchema),
    )
    expect(disputes).toEqual({ items: [], nextCursor: null })
    const claimants = await exact(
      await empty.request('/api/claimants', { cookie: admin }),
      pageOf(ClaimantSchema),
    )
    expect(claimants.items).toEqual([])
    const users = await exact(await empty.request('/api/users', { cookie: admin }), pageOf(UserSchema))
    expect(users.items.map((u) => u.email)).toEqual(['admin@example.org'])
  })
})
