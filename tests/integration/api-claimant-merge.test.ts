import { randomUUID } from 'node:crypto'
import {
  ClaimantConflictSchema,
  ClaimantDetailSchema,
  ClaimantSchema,
  ClaimReviewSchema,
  ClaimSchema,
  pageOf,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import { CLAIM_LOG_CSV_HEADER, csvLine } from '../../packages/domain/src/index.ts'
import {
  eventsSince,
  exact,
  expectError,
  expectInvalid,
  ifMatch,
  lastSeq,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { allLogRows, HEADERS, importCsv } from '../support/claim-log.ts'
import { attributed, createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let checker: string
let editor: string
let editorId: string
beforeAll(async () => {
  t = await makeTestApp()
  checker = await t.login('checker')
  editor = await t.login('editor')
  editorId = (await whoAmI(t, editor)).id
})

const newClaimant = async (json: Record<string, unknown>) =>
  record(
    await t.request('/api/claimants', { method: 'POST', json: { kind: 'person', ...json }, cookie: checker }),
    201,
    ClaimantSchema,
  )
const merge = (id: string, intoId: unknown, version: number | null, cookie = editor) =>
  t.request(`/api/claimants/${id}/merge`, {
    method: 'POST',
    json: { intoId },
    headers: version === null ? {} : ifMatch(version),
    cookie,
  })
const detail = async (id: string) =>
  record(await t.request(`/api/claimants/${id}`, { cookie: checker }), 200, ClaimantDetailSchema)
const publicReview = async (claimId: string) => {
  const res = await t.request(`/api/public/verdicts/${claimId}`)
  expect(res.status).toBe(200)
  return ClaimReviewSchema.parse(await res.json())
}

/** A dispute of the test's own with one claim per name: the first published, the others without a verdict. */
async function disputeWith(question: string, claimants: string[]): Promise<OwnDispute> {
  return createDispute(t.request, {
    title: question,
    question,
    evidence: [{ title: `Source for ${question}`, kind: 'document', url: 'https://example.org/source' }],
    claims: claimants.map((name, i) => ({
      claimant: { name, kind: 'person' },
      text: `${name} said something about ${question}`,
      statedOn: '2025-06-10',
      verdict:
        i === 0
          ? {
              state: 'published' as const,
              rating: 'false',
              summary: 'It did not happen.',
              rationale: 'The records show otherwise.',
              cites: [`Source for ${question}`],
            }
          : null,
    })),
  })
}

describe('POST /api/claimants/:id/merge', () => {
  it('moves every claim, makes the name an alias, archives the merged claimant, with history for each', async () => {
    const first = await disputeWith('Who counted the drones?', ['donald-trump', 'Another speaker'])
    const second = await disputeWith('Who counted the missiles?', ['Donald J. Trump'])
    const mergedId = first.claimBy('donald-trump').claimantId
    const survivorId = second.claimBy('Donald J. Trump').claimantId
    await record(
      await t.request(`/api/claimants/${mergedId}`, {
        method: 'PATCH',
        json: { aliases: ['DJT'] },
        headers: ifMatch(1),
        cookie: checker,
      }),
      200,
      ClaimantSchema,
    )
    const movedBefore = [first.claimBy('donald-trump')]
    const publishedClaimId = movedBefore[0]?.id ?? ''
    const reviewBefore = await publicReview(publishedClaimId)
    const mergedBefore = await detail(mergedId)
    const survivorBefore = await detail(survivorId)

    const seq = await lastSeq(t.db)
    const survivor = await record(await merge(mergedId, survivorId, 2), 200, ClaimantSchema)
    expect(survivor).toMatchObject({
      id: survivorId,
      name: 'Donald J. Trump',
      aliases: ['donald-trump', 'DJT'],
      archived: false,
      mergedIntoId: null,
      version: 2,
    })

    // The track record is one: the survivor lists every claim, the merged claimant none.
    const after = await detail(survivorId)
    expect(after.claims.map((c) => c.id).sort()).toEqual(
      [...survivorBefore.claims, ...mergedBefore.claims].map((c) => c.id).sort(),
    )
    expect(after.claims.find((c) => c.id === publishedClaimId)?.verdict).toMatchObject({
      status: 'published',
    })
    const merged = await detail(mergedId)
    expect(merged).toMatchObject({ archived: true, mergedIntoId: survivorId, version: 3, claims: [] })

    // Each moved claim is a new version with its `updated` event; the survivor's and the merged one's own.
    const events = await eventsSince(t.db, seq)
    const claimEvents = events.filter((e) => e.entity === 'claim')
    expect(claimEvents).toHaveLength(mergedBefore.claims.length)
    for (const was of mergedBefore.claims) {
      const event = claimEvents.find((e) => e.entityId === was.id)
      expect(event).toMatchObject({
        actorId: editorId,
        action: 'updated',
        claimId: was.id,
        disputeId: was.disputeId,
      })
      const before = ClaimSchema.parse(event?.before)
      const moved = ClaimSchema.parse(event?.after)
      expect(before).toMatchObject({ claimantId: mergedId, version: was.version })
      expect(moved).toMatchObject({ claimantId: survivorId, version: was.version + 1, text: was.text })
    }
    expect(events.filter((e) => e.entity === 'claimant').map((e) => [e.entityId, e.action])).toEqual([
      [survivorId, 'updated'],
      [mergedId, 'merged'],
    ])
    const survivorEvent = events.find((e) => e.entityId === survivorId)
    expect(ClaimantSchema.parse(survivorEvent?.before).aliases).toEqual([])
    expect(survivorEvent?.after).toEqual(survivor)
    const mergedEvent = events.find((e) => e.entityId === mergedId)
    expect(ClaimantSchema.parse(mergedEvent?.after)).toMatchObject({
      archived: true,
      mergedIntoId: survivorId,
    })
    expect(events).toHaveLength(mergedBefore.claims.length + 2)

    // The claim log follows: its rows name the survivor, keep their verdicts, and filter by the survivor.
    const rows = await allLogRows(t, checker, `claimantId=${survivorId}`, 50)
    expect(rows.map((r) => r.claimId).sort()).toEqual(after.claims.map((c) => c.id).sort())
    for (const row of rows) expect(row).toMatchObject({ claimant: 'Donald J. Trump', claimantKind: 'person' })
    expect(rows.find((r) => r.claimId === publishedClaimId)).toMatchObject({
      rating: 'false',
      verdictStatus: 'published',
    })
    expect(await allLogRows(t, checker, `claimantId=${mergedId}`, 50)).toEqual([])

    // The public record changes only by correction: the snapshot still names the claimant as published,
    // and the workbench says what changed since.
    expect(await publicReview(publishedClaimId)).toEqual(reviewBefore)
    expect(reviewBefore.itemReviewed.author?.name).toBe('donald-trump')
    const workbench = await exact(
      await t.request(`/api/disputes/${first.id}`, { cookie: checker }),
      WorkbenchSchema,
    )
    expect(workbench.claims.find((c) => c.id === publishedClaimId)?.publicationChanges).toEqual([
      { part: 'claimant', label: 'Claimant', published: 'donald-trump', current: 'Donald J. Trump' },
    ])
  })

  it('after a merge, the old name finds the survivor: search, a new claimant’s 409, the picker’s claims', async () => {
    const survivor = await newClaimant({ name: 'Recep Tayyip Erdoğan' })
    const merged = await newClaimant({ name: 'R. T. Erdogan', aliases: ['Erdo'] })
    await record(await merge(merged.id, survivor.id, 1), 200, ClaimantSchema)
    const found = await exact(
      await t.request('/api/claimants?q=r.t.erdogan', { cookie: checker }),
      pageOf(ClaimantSchema),
    )
    expect(found.items.map((c) => c.id)).toEqual([survivor.id])
    const conflict = await unchanged(t, async () =>
      expectError(
        await t.request('/api/claimants', {
          method: 'POST',
          json: { name: 'erdo', kind: 'person' },
          cookie: checker,
        }),
        'conflict',
      ),
    )
    expect(ClaimantConflictSchema.parse(conflict.details).matches.map((m) => m.id)).toEqual([survivor.id])
    // A claim cannot be added to the merged claimant (a form opened before the merge): the survivor it is.
    const dispute = await disputeWith('Where was the speech?', ['Someone at the speech'])
    await unchanged(t, async () =>
      expectInvalid(
        await t.request(`/api/disputes/${dispute.id}/claims`, {
          method: 'POST',
          json: { text: 'Said after the merge', claimantId: merged.id },
          cookie: checker,
        }),
        'claimantId',
      ),
    )
    // Nor is the merged claimant changed any more.
    const edit = await unchanged(t, async () =>
      expectError(
        await t.request(`/api/claimants/${merged.id}`, {
          method: 'PATCH',
          json: { description: 'Too late' },
          headers: ifMatch(2),
          cookie: checker,
        }),
        'conflict',
      ),
    )
    expect(edit.message).toMatch(/merged into another one/)
  })

  it('is 409 into itself, into a merged claimant, or for one already merged; 404 unknown; nothing changes', async () => {
    const a = await newClaimant({ name: `Merge guard A ${randomUUID()}` })
    const b = await newClaimant({ name: `Merge guard B ${randomUUID()}` })
    const c = await newClaimant({ name: `Merge guard C ${randomUUID()}` })
    await unchanged(t, async () => {
      expect((await expectError(await merge(a.id, a.id, 1), 'conflict')).message).toMatch(/into itself/)
      await expectError(await merge(randomUUID(), b.id, 1), 'not_found')
      await expectError(await merge(a.id, randomUUID(), 1), 'not_found')
    })
    await record(await merge(b.id, c.id, 1), 200, ClaimantSchema)
    await unchanged(t, async () => {
      expect((await expectError(await merge(a.id, b.id, 1), 'conflict')).message).toMatch(
        /was itself merged into another claimant/,
      )
      await expectError(await merge(b.id, a.id, 2), 'conflict')
    })
  })

  it('needs If-Match of the merged claimant: 428 without, 412 with the current record when stale', async () => {
    const a = await newClaimant({ name: `Versioned merge ${randomUUID()}` })
    const b = await newClaimant({ name: `Versioned target ${randomUUID()}` })
    await unchanged(t, async () => {
      await expectError(await merge(a.id, b.id, null), 'precondition_required')
      const stale = await expectError(await merge(a.id, b.id, 2), 'precondition_failed')
      expect(stale.details).toEqual(a)
    })
    // The target's version is not the one asked for: a change to it does not stop the merge.
    await record(
      await t.request(`/api/claimants/${b.id}`, {
        method: 'PATCH',
        json: { description: 'Changed meanwhile' },
        headers: ifMatch(1),
        cookie: checker,
      }),
      200,
      ClaimantSchema,
    )
    expect((await record(await merge(a.id, b.id, 1), 200, ClaimantSchema)).version).toBe(3)
  })

  it('is for editors: 403 for checkers, 401 signed out, 400 for a bad body', async () => {
    const a = await newClaimant({ name: `Guarded ${randomUUID()}` })
    const b = await newClaimant({ name: `Guarded target ${randomUUID()}` })
    await unchanged(t, async () => {
      await expectError(await merge(a.id, b.id, 1, checker), 'forbidden')
      await expectError(
        await t.request(`/api/claimants/${a.id}/merge`, {
          method: 'POST',
          json: { intoId: b.id },
          headers: ifMatch(1),
        }),
        'unauthenticated',
      )
      for (const [json, path] of [
        [{}, 'intoId'],
        [{ intoId: 'not-an-id' }, 'intoId'],
        [{ intoId: b.id, keep: true }, '(body)'],
      ] as const) {
        await expectInvalid(
          await t.request(`/api/claimants/${a.id}/merge`, {
            method: 'POST',
            json,
            headers: ifMatch(1),
            cookie: editor,
          }),
          path,
        )
      }
    })
    const admin = await t.login('admin')
    await record(await merge(a.id, b.id, 1, admin), 200, ClaimantSchema)
  })
})

describe('the claim-log import and claimant identities', () => {
  const file = (rows: Array<{ dispute: string; claimant: string; text: string }>) =>
    CLAIM_LOG_CSV_HEADER +
    rows
      .map((r) => {
        const cells: Record<string, string> = {
          dispute_title: r.dispute,
          claimant: r.claimant,
          claim_text: r.text,
        }
        return csvLine(HEADERS.map((h) => cells[h] ?? ''))
      })
      .join('')

  it('lands rows on the claimant their cell names by key of its name or an alias, and merged names on the survivor', async () => {
    const survivor = await newClaimant({ name: 'Emmanuel Macron', aliases: ['President of France'] })
    const merged = await newClaimant({ name: 'E. Macron' })
    await record(await merge(merged.id, survivor.id, 1), 200, ClaimantSchema)
    const other = await newClaimant({ name: 'Élisabeth Borne' })
    const dispute = `Imported by alias ${randomUUID()}`
    const res = await importCsv(
      t,
      editor,
      file([
        { dispute, claimant: 'emmanuel-macron', text: 'By the name, spelled otherwise' },
        { dispute, claimant: 'president of france', text: 'By an alias' },
        { dispute, claimant: 'E. Macron', text: 'By the merged claimant’s name' },
        { dispute, claimant: 'Elisabeth Borne', text: 'Without the accent' },
        { dispute, claimant: 'New Speaker', text: 'A new claimant' },
        { dispute, claimant: 'new-speaker', text: 'The new claimant, spelled otherwise' },
      ]),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    expect((await res.json()).created).toMatchObject({ claims: 6, claimants: 1 })
    const disputes = (await (
      await t.request(`/api/disputes?q=${encodeURIComponent(dispute)}`, { cookie: editor })
    ).json()) as {
      items: Array<{ id: string; title: string }>
    }
    const disputeId = disputes.items.find((d) => d.title === dispute)?.id
    const rows = await allLogRows(t, editor, `disputeId=${disputeId}`, 50)
    const byText = new Map(rows.map((r) => [r.claimText, r.claimant]))
    expect(Object.fromEntries(byText)).toEqual({
      'By the name, spelled otherwise': 'Emmanuel Macron',
      'By an alias': 'Emmanuel Macron',
      'By the merged claimant’s name': 'Emmanuel Macron',
      'Without the accent': 'Élisabeth Borne',
      'A new claimant': 'New Speaker',
      'The new claimant, spelled otherwise': 'New Speaker',
    })
    expect((await detail(survivor.id)).claims).toHaveLength(3)
    expect((await detail(other.id)).claims).toHaveLength(1)
    expect((await detail(merged.id)).claims).toEqual([])
  })
})

describe('ClaimReview itemReviewed.author', () => {
  it('carries the job title, affiliation, image and pages of a person from the published snapshot', async () => {
    const question = `Who spoke for the ministry? ${randomUUID()}`
    const dispute = await createDispute(t.request, {
      title: question,
      question,
      evidence: [{ title: 'The transcript', kind: 'document', url: 'https://example.org/transcript' }],
      claims: [
        {
          claimant: { name: `Maria Zakharova ${randomUUID().slice(0, 6)}`, kind: 'person' },
          text: 'Nothing was hit.',
          verdict: {
            state: 'in_review',
            rating: 'false',
            summary: 'Much was hit.',
            rationale: 'Photos.',
            cites: ['The transcript'],
          },
        },
      ],
    })
    const first = dispute.workbench.claims[0]
    if (!first?.verdict) throw new Error('the plan makes one claim with a verdict')
    const claim = attributed(first)
    const profile = {
      jobTitle: 'Spokeswoman',
      affiliation: 'Ministry of Foreign Affairs',
      imageUrl: 'https://images.example.org/zakharova.jpg',
      url: 'https://example.org/zakharova',
      sameAs: ['https://www.wikidata.org/wiki/Q4180084', 'https://example.org/zakharova'],
    }
    const claimant = await record(
      await t.request(`/api/claimants/${claim.claimantId}`, {
        method: 'PATCH',
        json: profile,
        headers: ifMatch(claim.claimant.version),
        cookie: checker,
      }),
      200,
      ClaimantSchema,
    )
    const publish = await t.request(`/api/claims/${claim.id}/verdict/publish`, {
      method: 'POST',
      headers: ifMatch(first.verdict.version),
      cookie: editor,
    })
    expect(publish.status, await publish.clone().text()).toBe(200)
    const expected = {
      '@type': 'Person',
      name: claimant.name,
      jobTitle: 'Spokeswoman',
      affiliation: { '@type': 'Organization', name: 'Ministry of Foreign Affairs' },
      image: 'https://images.example.org/zakharova.jpg',
      sameAs: ['https://example.org/zakharova', 'https://www.wikidata.org/wiki/Q4180084'],
    }
    expect((await publicReview(claim.id)).itemReviewed.author).toEqual(expected)

    // Later edits reach the public only by correction; the workbench lists them.
    const changed = await record(
      await t.request(`/api/claimants/${claimant.id}`, {
        method: 'PATCH',
        json: { jobTitle: 'Former spokeswoman', imageUrl: null, kind: 'government' },
        headers: ifMatch(claimant.version),
        cookie: checker,
      }),
      200,
      ClaimantSchema,
    )
    expect((await publicReview(claim.id)).itemReviewed.author).toEqual(expected)
    const workbench = await exact(
      await t.request(`/api/disputes/${dispute.id}`, { cookie: checker }),
      WorkbenchSchema,
    )
    expect(workbench.claims[0]?.publicationChanges?.map((c) => c.label)).toEqual([
      'Claimant kind',
      'Claimant job title',
      'Claimant image',
    ])

    // An organisation is an Organization with its image and pages; schema.org gives it no job title.
    const verdict = workbench.claims[0]?.verdict
    if (!verdict) throw new Error('the claim has its verdict')
    const corrected = await t.request(`/api/claims/${claim.id}/verdict/correct`, {
      method: 'POST',
      json: { summary: 'Much was hit, as photos show.', correctionNote: 'The summary names its source.' },
      headers: ifMatch(verdict.version),
      cookie: editor,
    })
    expect(corrected.status, await corrected.clone().text()).toBe(200)
    expect((await publicReview(claim.id)).itemReviewed.author).toEqual({
      '@type': 'Organization',
      name: changed.name,
      sameAs: ['https://example.org/zakharova', 'https://www.wikidata.org/wiki/Q4180084'],
    })
  })

  it('renders a snapshot taken before claimants had these fields', async () => {
    const question = `An old snapshot ${randomUUID()}`
    const dispute = await disputeWith(question, [`Old speaker ${randomUUID().slice(0, 6)}`])
    const first = dispute.workbench.claims[0]
    if (!first?.verdict) throw new Error('the first claim is published')
    const claim = attributed(first)
    const review = await publicReview(claim.id)
    const [snapshot] = await rawQuery<{ id: string; content: unknown }>(
      t.db,
      'select s.id, s.content from verdict_snapshots s join verdicts v on v.snapshot_id = s.id where v.claim_id = $1',
      [claim.id],
    )
    const content = (
      typeof snapshot?.content === 'string' ? JSON.parse(snapshot.content) : snapshot?.content
    ) as {
      claimant: Record<string, unknown>
    }
    expect(content.claimant).toMatchObject({ jobTitle: null, affiliation: null, imageUrl: null })
    const { jobTitle: _j, affiliation: _a, imageUrl: _i, ...older } = content.claimant
    await rawQuery(t.db, 'update verdict_snapshots set content = $1 where id = $2', [
      JSON.stringify({ ...content, claimant: older }),
      snapshot?.id,
    ])
    expect(await publicReview(claim.id)).toEqual(review)
    expect(review.itemReviewed.author).toEqual({ '@type': 'Person', name: claim.claimant.name })
    const workbench = await exact(
      await t.request(`/api/disputes/${dispute.id}`, { cookie: checker }),
      WorkbenchSchema,
    )
    expect(workbench.claims[0]?.publicationChanges).toEqual([])
  })
})
