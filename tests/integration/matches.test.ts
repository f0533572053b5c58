// Claim matching as a checker types (GET /api/matches), a claim's matches (GET /api/claims/:id/matches) and
// the links a checker makes from them (same claim as, checked by), on the file's engine.
import {
  ClaimLinkListSchema,
  ClaimLinkSchema,
  ClaimSchema,
  type Matches,
  MatchesSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { beginSearchBulkLoad, endSearchBulkLoad, transaction } from '../../packages/db/src/index.ts'
import {
  eventsSince,
  exact,
  expectError,
  expectInvalid,
  ifMatch,
  lastSeq,
  oneEvent,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { insertFactChecks } from '../support/fact-checks.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let checkerId: string
let claimantId: string

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checkerId = (await whoAmI(t, cookie)).id
  claimantId = (await created('/api/claimants', { name: 'Matching speaker', kind: 'person' })).id
})

async function created(path: string, json: unknown): Promise<{ id: string; version: number }> {
  const res = await t.request(path, { method: 'POST', json, cookie })
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
  return res.json()
}

const dispute = (title: string) => created('/api/disputes', { title, question: `${title}?` })
const claim = async (disputeId: string, text: string, language?: string) =>
  record(
    await t.request(`/api/disputes/${disputeId}/claims`, {
      method: 'POST',
      json: { text, claimantId, ...(language ? { language } : {}) },
      cookie,
    }),
    201,
    ClaimSchema,
  )

async function matches(text: string, language?: string): Promise<Matches> {
  const qs = new URLSearchParams({ text, ...(language ? { language } : {}) })
  const res = await t.request(`/api/matches?${qs}`, { cookie })
  expect(res.status, await res.clone().text()).toBe(200)
  return exact(res, MatchesSchema)
}

async function claimMatches(id: string): Promise<Matches> {
  const res = await t.request(`/api/claims/${id}/matches`, { cookie })
  expect(res.status, await res.clone().text()).toBe(200)
  return exact(res, MatchesSchema)
}

const claimIds = (m: Matches) => m.claims.map((c) => c.claim.id)
const markedWords = (parts: Array<{ text: string; match: boolean }>) =>
  parts.filter((p) => p.match).map((p) => p.text)

describe('GET /api/matches', () => {
  it('finds a claim of another dispute through word order, case, accents, plural and Russian inflection', async () => {
    const elsewhere = await dispute('Hospitals hit')
    const english = await claim(elsewhere.id, 'Drones struck the maternity hospitals of Kharkiv overnight')
    const russian = await claim(elsewhere.id, 'Удары по больницам Харькова ночью', 'ru')
    for (const text of [
      'OVERNIGHT, a drone struck the maternity hospital of KHARKIV',
      'Drónes strúck the matérnity hospitals of Khárkiv overnight',
      'Overnight drones struck maternity hospitals in Kharkiv!',
    ]) {
      const found = await matches(text)
      expect(claimIds(found), text).toContain(english.id)
      const match = found.claims.find((c) => c.claim.id === english.id)
      expect(match?.dispute).toEqual({ id: elsewhere.id, title: 'Hospitals hit' })
      expect(match?.claimant).toEqual({ id: claimantId, name: 'Matching speaker' })
      expect(match?.score).toBeGreaterThanOrEqual(0.6)
    }
    expect(claimIds(await matches('Удар по больнице в Харькове ночью'))).toContain(russian.id)
    // Another place is another claim.
    expect(claimIds(await matches('Drones struck the schools of Lviv overnight'))).not.toContain(english.id)
  })

  it('counts numbers: "479 drones" matches 479 drones, not 300 drones', async () => {
    const counts = await dispute('Drone counts')
    const many = await claim(counts.id, 'Russia launched 479 drones at Ukraine overnight')
    const fewer = await claim(counts.id, 'Russia launched 300 drones at Ukraine overnight')
    const found = claimIds(await matches('479 drones were launched by Russia at Ukraine overnight'))
    expect(found).toContain(many.id)
    expect(found).not.toContain(fewer.id)
    // The same number written with a separator is the same number.
    const thousand = await claim(counts.id, 'Over 10,000 ballots were found in a dumpster in Pennsylvania')
    expect(claimIds(await matches('10 000 ballots found dumped in a Pennsylvania dumpster'))).toContain(
      thousand.id,
    )
  })

  it("marks the words of each match that make it one, and gives the claim's text back whole", async () => {
    const marked = await dispute('Marked words')
    const target = await claim(
      marked.id,
      'The Ministry says 1,200 zephyrwind turbines were sabotaged in Odesa.',
    )
    const found = (await matches('Zephyrwind turbines sabotaged: 1200 of them, in Odesa')).claims.find(
      (c) => c.claim.id === target.id,
    )
    expect(found?.marked.map((p) => p.text).join('')).toBe(target.text)
    expect(markedWords(found?.marked ?? [])).toEqual([
      '1,200',
      'zephyrwind',
      'turbines',
      'sabotaged',
      'Odesa',
    ])
  })

  it("finds other desks' fact-checks, the asked language first at equal scores", async () => {
    const text = 'Ivermectin cures COVID-19 patients, quillborough doctors say'
    const [spanish, english] = await insertFactChecks(t.db, [
      { claimReviewed: text, language: 'es', publisherName: 'Maldita.es' },
      { claimReviewed: text, language: 'en', publisherName: 'Full Fact' },
    ])
    const ids = (m: Matches) => m.factChecks.map((f) => f.factCheck.id)
    const asked = 'Quillborough doctors say COVID-19 patients are cured by ivermectin'
    expect(ids(await matches(asked, 'es')).slice(0, 2)).toEqual([spanish, english])
    expect(ids(await matches(asked, 'en-GB')).slice(0, 2)).toEqual([english, spanish])
    const found = (await matches(asked)).factChecks.find((f) => f.factCheck.id === english)
    expect(found?.factCheck).toMatchObject({
      claimReviewed: text,
      publisher: { name: 'Full Fact' },
      rating: { label: 'False', normalized: 'false' },
    })
    expect(markedWords(found?.marked ?? [])).toEqual([
      'Ivermectin',
      'cures',
      'COVID',
      '19',
      'patients',
      'quillborough',
      'doctors',
      'say',
    ])
  })

  it('finds fact-checks loaded in bulk (their index rows written after the rows)', async () => {
    const ids = await transaction(t.db, async (tx) => {
      await beginSearchBulkLoad(tx)
      const inserted = await insertFactChecks(tx, [
        { claimReviewed: 'The grumblethorpe dam burst near Nova Kakhovka' },
      ])
      await endSearchBulkLoad(tx, { claimants: [], claims: [], verdicts: [], factChecks: inserted })
      return inserted
    })
    const found = await matches('Grumblethorpe dam burst at Nova Kakhovka')
    expect(found.factChecks.map((f) => f.factCheck.id)).toEqual(ids)
    const hits = await t.request('/api/search?q=grumblethorpe', { cookie })
    expect(((await hits.json()) as { items: Array<{ id: string }> }).items.map((h) => h.id)).toEqual(ids)
  })

  it('finds a word with a typo through the trigram index', async () => {
    const typos = await dispute('Typos')
    const target = await claim(typos.id, 'Zelenskyy bought a yacht with foreign aid money')
    expect(claimIds(await matches('Zelenskyy bought a yatch with foreign aid money'))).toContain(target.id)
    // No record holds the one word of this text: only its likeness (trigrams) finds the claim.
    const single = await claim(typos.id, 'Zabrowskiana')
    expect(claimIds(await matches('Zabrowskianna'))).toEqual([single.id])
  })

  it('answers at most 10 claims, best first', async () => {
    const many = await dispute('Many alike')
    for (let i = 0; i < 12; i++)
      await claim(many.id, `Vortigern bridges collapsed in Mykolaiv${i % 2 ? ' region' : ''}`)
    const found = await matches('Vortigern bridges collapsed in Mykolaiv')
    expect(found.claims).toHaveLength(10)
    const scores = found.claims.map((c) => c.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('refuses a missing or blank text, and is for signed-in users', async () => {
    await expectInvalid(await t.request('/api/matches', { cookie }), 'query.text')
    await expectInvalid(await t.request('/api/matches?text=%20%20', { cookie }), 'query.text')
    await expectInvalid(await t.request(`/api/matches?text=${'x'.repeat(5001)}`, { cookie }), 'query.text')
    await expectError(await t.request('/api/matches?text=drones'), 'unauthenticated')
    expect(await matches('the and of')).toEqual({ claims: [], factChecks: [] })
  })
})

describe('GET /api/claims/:id/matches', () => {
  it('never matches the claim itself, and leaves out archived claims and claims of archived disputes', async () => {
    const ours = await dispute('Ours')
    const theirs = await dispute('Theirs')
    const shelved = await dispute('Shelved')
    const text = 'Saboteurs flooded the Trypillia thermal plant with seawater'
    const self = await claim(ours.id, text)
    const other = await claim(theirs.id, 'The Trypillia thermal plant was flooded with seawater by saboteurs')
    const archivedClaim = await claim(theirs.id, `${text}.`)
    const inShelved = await claim(shelved.id, text)
    const archive = async (path: string, version: number) => {
      const res = await t.request(path, {
        method: 'PATCH',
        json: { archived: true },
        cookie,
        headers: ifMatch(version),
      })
      expect(res.status, await res.clone().text()).toBe(200)
      return ((await res.json()) as { version: number }).version
    }
    expect(claimIds(await claimMatches(self.id)).sort()).toEqual(
      [other.id, archivedClaim.id, inShelved.id].sort(),
    )
    await archive(`/api/claims/${archivedClaim.id}`, archivedClaim.version)
    const shelvedVersion = await archive(`/api/disputes/${shelved.id}`, 1)
    expect(claimIds(await claimMatches(self.id))).toEqual([other.id])
    expect(claimIds(await matches(text))).toEqual(expect.arrayContaining([self.id, other.id]))
    expect(claimIds(await matches(text))).not.toContain(inShelved.id)
    // Restoring the dispute brings its claims back.
    const res = await t.request(`/api/disputes/${shelved.id}`, {
      method: 'PATCH',
      json: { archived: false },
      cookie,
      headers: ifMatch(shelvedVersion),
    })
    expect(res.status).toBe(200)
    expect(claimIds(await claimMatches(self.id)).sort()).toEqual([other.id, inShelved.id].sort())
  })

  it('is 404 for a claim that does not exist', async () => {
    await expectError(await t.request('/api/claims/no-such-claim/matches', { cookie }), 'not_found')
  })
})

describe('claim links', () => {
  it('links the same claim: 201, seen from both claims, 409 for the same link either way, 400 for itself', async () => {
    const a = await dispute('Link A')
    const b = await dispute('Link B')
    const first = await claim(a.id, 'Kherson ferry sank with 40 aboard')
    const second = await claim(b.id, 'A ferry with 40 aboard sank at Kherson')
    const { result: res, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim_link', action: 'created' },
      () =>
        t.request(`/api/claims/${first.id}/links`, {
          method: 'POST',
          json: { linkedClaimId: second.id },
          cookie,
        }),
    )
    const link = await record(res, 201, ClaimLinkSchema)
    expect(link).toMatchObject({
      claimId: first.id,
      kind: 'same_claim',
      linkedClaim: { id: second.id, text: second.text, disputeId: b.id, disputeTitle: 'Link B' },
      factCheck: null,
      archived: false,
      version: 1,
    })
    expect(event).toMatchObject({
      entityId: link.id,
      disputeId: a.id,
      claimId: first.id,
      before: null,
      after: link,
    })

    const links = async (claimId: string) => {
      const list = await t.request(`/api/claims/${claimId}/links`, { cookie })
      expect(list.status).toBe(200)
      return (await exact(list, ClaimLinkListSchema)).items
    }
    expect(await links(first.id)).toEqual([link])
    expect(await links(second.id)).toEqual([
      {
        ...link,
        claimId: second.id,
        linkedClaim: { id: first.id, text: first.text, disputeId: a.id, disputeTitle: 'Link A' },
      },
    ])

    for (const [from, to] of [
      [first.id, second.id],
      [second.id, first.id],
    ] as const) {
      const again = await unchanged(t, () =>
        t.request(`/api/claims/${from}/links`, { method: 'POST', json: { linkedClaimId: to }, cookie }),
      )
      const error = await expectError(again, 'conflict')
      expect((error.details as { id: string }).id).toBe(link.id)
    }
    await expectInvalid(
      await unchanged(t, () =>
        t.request(`/api/claims/${first.id}/links`, {
          method: 'POST',
          json: { linkedClaimId: first.id },
          cookie,
        }),
      ),
      'linkedClaimId',
    )
  })

  it('links a fact-check (checked by), and refuses unknown records, both or neither', async () => {
    const d = await dispute('Checked elsewhere')
    const ours = await claim(d.id, 'Bananas cure measles')
    const [factCheckId] = await insertFactChecks(t.db, [
      { claimReviewed: 'Bananas cure measles', publisherName: 'Africa Check' },
    ])
    const res = await t.request(`/api/claims/${ours.id}/links`, {
      method: 'POST',
      json: { factCheckId },
      cookie,
    })
    const link = await record(res, 201, ClaimLinkSchema)
    expect(link).toMatchObject({
      kind: 'checked_by',
      linkedClaim: null,
      factCheck: { id: factCheckId, publisher: { name: 'Africa Check' } },
    })
    await expectError(
      await t.request(`/api/claims/${ours.id}/links`, { method: 'POST', json: { factCheckId }, cookie }),
      'conflict',
    )
    const post = (claimId: string, json: unknown) =>
      unchanged(t, () => t.request(`/api/claims/${claimId}/links`, { method: 'POST', json, cookie }))
    await expectError(await post('no-such-claim', { factCheckId }), 'not_found')
    await expectInvalid(await post(ours.id, { factCheckId: 'no-such-fact-check' }), 'factCheckId')
    await expectInvalid(await post(ours.id, { linkedClaimId: 'no-such-claim' }), 'linkedClaimId')
    await expectInvalid(await post(ours.id, {}))
    await expectInvalid(await post(ours.id, { factCheckId, linkedClaimId: ours.id }))
    await expectError(
      await t.request(`/api/claims/${ours.id}/links`, { method: 'POST', json: { factCheckId } }),
      'unauthenticated',
    )
  })

  it('unlinks with If-Match (428 without, 412 stale), archiving the link; linking again is the undo; history shows both', async () => {
    const d = await dispute('Unlink')
    const one = await claim(d.id, 'Mariupol theatre held 1,000 civilians')
    const two = await claim(d.id, 'About 1,000 civilians sheltered in the Mariupol theatre')
    const link = await record(
      await t.request(`/api/claims/${one.id}/links`, {
        method: 'POST',
        json: { linkedClaimId: two.id },
        cookie,
      }),
      201,
      ClaimLinkSchema,
    )
    const del = (headers: Record<string, string>) =>
      t.request(`/api/claim-links/${link.id}`, { method: 'DELETE', cookie, headers })
    await expectError(await unchanged(t, () => del({})), 'precondition_required')
    const stale = await expectError(await unchanged(t, () => del(ifMatch(7))), 'precondition_failed')
    expect(stale.details).toEqual(link)
    const seq = await lastSeq(t.db)
    const archived = await record(await del(ifMatch(1)), 200, ClaimLinkSchema)
    expect(archived).toEqual({ ...link, archived: true, version: 2 })
    const [event] = await eventsSince(t.db, seq)
    expect(event).toMatchObject({
      entity: 'claim_link',
      action: 'archived',
      before: link,
      after: archived,
      claimId: one.id,
    })
    await expectError(await unchanged(t, () => del(ifMatch(2))), 'conflict')
    await expectError(
      await t.request('/api/claim-links/no-such-link', { method: 'DELETE', cookie, headers: ifMatch(1) }),
      'not_found',
    )
    for (const id of [one.id, two.id]) {
      const list = await t.request(`/api/claims/${id}/links`, { cookie })
      expect((await exact(list, ClaimLinkListSchema)).items).toEqual([])
    }
    // Undo: the same link again is a new link.
    const again = await record(
      await t.request(`/api/claims/${two.id}/links`, {
        method: 'POST',
        json: { linkedClaimId: one.id },
        cookie,
      }),
      201,
      ClaimLinkSchema,
    )
    expect(again.id).not.toBe(link.id)

    const history = async (entity: string, id: string) => {
      const res = await t.request(`/api/history?entity=${entity}&id=${id}`, { cookie })
      expect(res.status).toBe(200)
      return (
        (await res.json()) as { items: Array<{ entity: string; entityId: string; action: string }> }
      ).items
        .filter((e) => e.entity === 'claim_link')
        .map((e) => `${e.action} ${e.entityId}`)
    }
    expect(await history('claim', one.id)).toEqual([`archived ${link.id}`, `created ${link.id}`])
    expect(await history('claim', two.id)).toEqual([`created ${again.id}`])
    expect(await history('dispute', d.id)).toEqual([
      `created ${again.id}`,
      `archived ${link.id}`,
      `created ${link.id}`,
    ])
    expect(await history('claim_link', link.id)).toEqual([`archived ${link.id}`, `created ${link.id}`])
  })

  it('takes no links from an archived claim, nor to one', async () => {
    const d = await dispute('Archived links')
    const live = await claim(d.id, 'Odesa port grain silos burned')
    const gone = await claim(d.id, 'The grain silos of Odesa port burned down')
    const res = await t.request(`/api/claims/${gone.id}`, {
      method: 'PATCH',
      json: { archived: true },
      cookie,
      headers: ifMatch(gone.version),
    })
    expect(res.status).toBe(200)
    const post = (from: string, to: string) =>
      unchanged(t, () =>
        t.request(`/api/claims/${from}/links`, { method: 'POST', json: { linkedClaimId: to }, cookie }),
      )
    await expectError(await post(live.id, gone.id), 'conflict')
    await expectError(await post(gone.id, live.id), 'conflict')
    // Nor in an archived dispute, either side.
    const shelved = await dispute('Shelved links')
    const inShelved = await claim(shelved.id, 'Odesa grain silos burned at the port')
    const archived = await t.request(`/api/disputes/${shelved.id}`, {
      method: 'PATCH',
      json: { archived: true },
      cookie,
      headers: ifMatch(shelved.version),
    })
    expect(archived.status).toBe(200)
    await expectError(await post(live.id, inShelved.id), 'conflict')
    await expectError(await post(inShelved.id, live.id), 'conflict')
  })
})
