// Unattributed claims (no known speaker) through the whole desk: created, given a claimant and cleared again
// with history, listed and filtered in the claim log, exported and imported as an empty claimant cell,
// published with a ClaimReview that names no author (and passes the validator), and shown as "Unattributed"
// on the public pages. A right of reply needs a claimant, which the API says in words.
import { randomUUID } from 'node:crypto'
import { ClaimantSchema, ClaimSchema, DisputeSchema, WorkbenchSchema } from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { CLAIM_LOG_CSV_HEADER, csvLine } from '../../packages/domain/src/index.ts'
import { exact, expectError, ifMatch, oneEvent, record, unchanged, whoAmI } from '../support/api.ts'
import { allLogRows, exportCsv, HEADERS, importCsv, importPublished } from '../support/claim-log.ts'
import { claimReviewProblems } from '../support/claim-review-validator.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let checkerId: string
let disputeId: string
let claimantId: string
beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checkerId = (await whoAmI(t, cookie)).id
  disputeId = (
    await record(
      await t.request('/api/disputes', {
        method: 'POST',
        json: { title: `Sirens ${randomUUID()}`, question: 'Who sounded the sirens?' },
        cookie,
      }),
      201,
      DisputeSchema,
    )
  ).id
  claimantId = (
    await record(
      await t.request('/api/claimants', {
        method: 'POST',
        json: { name: `Harbour master ${randomUUID().slice(0, 8)}`, kind: 'person', allowDuplicate: true },
        cookie,
      }),
      201,
      ClaimantSchema,
    )
  ).id
})

const post = (json: Record<string, unknown>) =>
  t.request(`/api/disputes/${disputeId}/claims`, { method: 'POST', json, cookie })
const patch = (id: string, json: unknown, version: number) =>
  t.request(`/api/claims/${id}`, { method: 'PATCH', json, headers: ifMatch(version), cookie })

describe('an unattributed claim', () => {
  it('is created without a claimant (left out or null), answers claimantId null and claimant null', async () => {
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'claim', action: 'created' },
      async () => record(await post({ text: 'Sirens sounded over the harbour at night.' }), 201, ClaimSchema),
    )
    expect(result.claimantId).toBeNull()
    expect(event.after).toMatchObject({ claimantId: null })
    const explicit = await record(
      await post({ text: 'Nobody knows who saw it.', claimantId: null }),
      201,
      ClaimSchema,
    )
    expect(explicit.claimantId).toBeNull()
    // A retried create with its own id is the same claim, claimant left out or null alike.
    const id = randomUUID()
    const first = await record(await post({ id, text: 'A retried claim.' }), 201, ClaimSchema)
    expect(
      await record(await post({ id, text: 'A retried claim.', claimantId: null }), 200, ClaimSchema),
    ).toEqual(first)

    const workbench = await exact(await t.request(`/api/disputes/${disputeId}`, { cookie }), WorkbenchSchema)
    const shown = workbench.claims.find((c) => c.id === result.id)
    expect(shown).toMatchObject({ claimantId: null, claimant: null })
    const list = await t.request(
      `/api/disputes?limit=100&q=${encodeURIComponent('Who sounded the sirens?')}`,
      {
        cookie,
      },
    )
    expect(list.status).toBe(200)
    const item = ((await list.json()) as { items: Array<{ id: string; claims: unknown[] }> }).items.find(
      (d) => d.id === disputeId,
    )
    expect(item?.claims).toContainEqual(expect.objectContaining({ id: result.id, claimant: null }))
  })

  it('gets a claimant by PATCH and loses it again by PATCH null, each change in the history', async () => {
    const claim = await record(await post({ text: 'The harbour was closed at dawn.' }), 201, ClaimSchema)
    const named = await oneEvent(t, { actorId: checkerId, entity: 'claim', action: 'updated' }, async () =>
      record(await patch(claim.id, { claimantId }, claim.version), 200, ClaimSchema),
    )
    expect(named.result).toMatchObject({ claimantId, version: 2 })
    expect(named.event.before).toMatchObject({ claimantId: null })
    expect(named.event.after).toMatchObject({ claimantId })
    const cleared = await oneEvent(t, { actorId: checkerId, entity: 'claim', action: 'updated' }, async () =>
      record(await patch(claim.id, { claimantId: null }, 2), 200, ClaimSchema),
    )
    expect(cleared.result).toMatchObject({ claimantId: null, version: 3 })
    expect(cleared.event.before).toMatchObject({ claimantId })
    expect(cleared.event.after).toMatchObject({ claimantId: null })
    // An unknown claimant is still refused, naming the field.
    await unchanged(t, async () =>
      expectError(await patch(claim.id, { claimantId: randomUUID() }, 3), 'validation_failed'),
    )
  })

  it('has no claimant to ask for a reply: 409 in words', async () => {
    const claim = await record(await post({ text: 'A claim nobody said.' }), 201, ClaimSchema)
    const res = await unchanged(t, () =>
      t.request(`/api/claims/${claim.id}/replies`, {
        method: 'POST',
        json: { askedOn: '2025-06-10', channel: 'email', contact: 'press@example.org', question: 'Did you?' },
        cookie,
      }),
    )
    const error = await expectError(res, 'conflict')
    expect(error.message).toMatch(/unattributed: there is no claimant to ask/)
  })
})

describe('the claim log and its CSV', () => {
  it('lists an unattributed claim with no claimant, and claimantId=none finds exactly those', async () => {
    const all = await allLogRows(t, cookie, `disputeId=${disputeId}`, 50)
    const none = await allLogRows(t, cookie, `disputeId=${disputeId}&claimantId=none`, 50)
    expect(none.length).toBeGreaterThan(0)
    expect(none.every((r) => r.claimant === null && r.claimantKind === null && r.claimantUrl === null)).toBe(
      true,
    )
    expect(none.map((r) => r.claimId).sort()).toEqual(
      all
        .filter((r) => r.claimant === null)
        .map((r) => r.claimId)
        .sort(),
    )
    // Attributed claims of the dispute are in the log and not under `none`.
    const named = await record(await post({ text: 'The master named it.', claimantId }), 201, ClaimSchema)
    const after = await allLogRows(t, cookie, `disputeId=${disputeId}`, 50)
    expect(after.find((r) => r.claimId === named.id)?.claimant).toMatch(/^Harbour master/)
    expect(
      (await allLogRows(t, cookie, `disputeId=${disputeId}&claimantId=none`, 50)).map((r) => r.claimId),
    ).not.toContain(named.id)
    // Found by its words in the full-text filter too.
    const found = await allLogRows(t, cookie, `q=${encodeURIComponent('harbour dawn')}&claimantId=none`, 50)
    expect(found.map((r) => r.claimText)).toContain('The harbour was closed at dawn.')
  })

  it('exports an empty claimant cell, and imports an empty or missing claimant as unattributed', async () => {
    const { res, records } = await exportCsv(t, cookie, `disputeId=${disputeId}&claimantId=none`)
    expect(res.status).toBe(200)
    const [header, ...rows] = records
    expect(header).toEqual(HEADERS)
    const at = (name: string) => HEADERS.indexOf(name as (typeof HEADERS)[number])
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows)
      expect([row[at('claimant')], row[at('claimant_kind')], row[at('claimant_url')]]).toEqual(['', '', ''])

    // The export's own columns with an empty claimant, and a short file without the column at all.
    const editor = await t.login('editor')
    const title = `Imported sirens ${randomUUID()}`
    const full = HEADERS.map((h) =>
      h === 'dispute_title' ? title : h === 'claim_text' ? 'An imported claim nobody made.' : '',
    )
    const fileWithCell = CLAIM_LOG_CSV_HEADER + csvLine(full)
    const imported = await importCsv(t, editor, fileWithCell)
    expect(imported.status, await imported.clone().text()).toBe(200)
    expect(await imported.json()).toMatchObject({ rows: 1, created: { claims: 1, claimants: 0 } })
    const withoutColumn = `dispute_title,claim_text\r\n"${title}",Another imported claim nobody made.\r\n`
    const second = await importCsv(t, editor, withoutColumn)
    expect(second.status, await second.clone().text()).toBe(200)
    const importedRows = (
      await allLogRows(t, cookie, `claimantId=none&q=${encodeURIComponent('imported nobody')}`, 50)
    )
      .filter((r) => r.disputeTitle === title)
      .map((r) => [r.claimText, r.claimant])
      .sort()
    expect(importedRows).toEqual([
      ['An imported claim nobody made.', null],
      ['Another imported claim nobody made.', null],
    ])
    // The same unattributed claim again is a repeat, as an attributed one would be.
    const again = await importCsv(t, editor, withoutColumn)
    expect(again.status).toBe(400)

    // A claimant's kind or page with no claimant is refused, in words, by line and column.
    const kindOnly = `dispute_title,claimant,claimant_kind,claim_text\r\n"${title}",,person,A third claim.\r\n`
    const refused = await importCsv(t, editor, kindOnly)
    const error = await expectError(refused, 'validation_failed')
    expect(error.details).toEqual([
      {
        line: 2,
        column: 'claimant_kind',
        message: 'describes a claimant, but the claimant cell is empty (an unattributed claim has none)',
      },
    ])
  })
})

describe('publishing an unattributed claim', () => {
  it('gives a ClaimReview without itemReviewed.author that passes the validator, and public pages that say Unattributed', async () => {
    const [claimId] = await importPublished(t, [
      { claimant: '', claimant_kind: '', claim_text: 'Sirens sounded over the harbour.' },
    ])
    if (!claimId) throw new Error('the import made one claim')
    const res = await t.request(`/api/public/verdicts/${claimId}`)
    expect(res.status).toBe(200)
    const review = await res.json()
    expect(review.itemReviewed['@type']).toBe('Claim')
    expect(review.itemReviewed).not.toHaveProperty('author')
    expect(JSON.stringify(review)).not.toMatch(/Unknown|Unattributed/)
    expect(claimReviewProblems(review)).toEqual([])

    const page = await t.request(`/v/${claimId}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toMatch(/<span class="claimant"[^>]*>Unattributed<\/span>/)

    const [row] = await allLogRows(
      t,
      cookie,
      `claimantId=none&q=${encodeURIComponent('sirens harbour')}&status=published`,
      50,
    )
    expect(row).toMatchObject({ claimId, claimant: null })
    const disputePage = await t.request(`/d/${row?.disputeId}`)
    expect(disputePage.status).toBe(200)
    const disputeHtml = await disputePage.text()
    expect(disputeHtml).toMatch(/<p class="claimant"[^>]*>Unattributed<\/p>/)
    expect(disputeHtml).toContain(
      'Read the fact check<span class="visually-hidden"> of the unattributed claim</span>',
    )
  })
})
