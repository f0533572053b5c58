import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_ACCOUNTS, type TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient } from '../support/http.ts'
import { copyOfSeeded, type OwnDispute, type VerdictChanges } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

const MINISTRY = 'All designated objects were hit'
const MINISTRY_NAME = 'Russian Ministry of Defence'
const QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function newPage(server: ServerHandle, role: TestRole, width = 1440): Promise<Page> {
  // axe-core needs pages of an explicit context.
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage()
  await signInAs(page, server.url, role)
  return page
}

async function apiAs(server: ServerHandle, role: TestRole): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: server.url })
  expect((await api.post('/api/auth/login', { data: TEST_ACCOUNTS[role] })).status()).toBe(200)
  return api
}

interface OwnVerdict {
  claimId: string
  disputeId: string
  version: number
  rating: string | null
  pendingCorrection: { id: string } | null
}

/** The verdict on a claim, as the workbench has it now. */
async function verdictOf(api: APIRequestContext, disputeId: string, claimId: string): Promise<OwnVerdict> {
  const dispute = await (await api.get(`/api/disputes/${disputeId}`)).json()
  const claim = dispute.claims.find((c: { id: string }) => c.id === claimId)
  if (!claim?.verdict) throw new Error(`no verdict on ${claimId}`)
  return { claimId, disputeId, ...claim.verdict }
}

/** A copy of the seeded dispute of this test's own, on this server. */
function ownDispute(server: ServerHandle, verdicts?: VerdictChanges): Promise<OwnDispute> {
  return copyOfSeeded(httpClient(server.url), QUESTION, { verdicts })
}

/** An editor proposes a rating change through the API: under the two-person rule it waits (202). */
async function proposeRating(
  api: APIRequestContext,
  dispute: OwnDispute,
  rating: string,
  correctionNote: string,
) {
  const verdict = await verdictOf(api, dispute.id, dispute.claimBy(MINISTRY_NAME).id)
  const res = await api.post(`/api/claims/${verdict.claimId}/verdict/correct`, {
    headers: { 'If-Match': `"${verdict.version}"` },
    data: { rating, correctionNote },
  })
  expect(res.status(), await res.text()).toBe(202)
  return verdict
}

async function publicRating(server: ServerHandle, claimId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/public/verdicts/${claimId}`)
  expect(res.status).toBe(200)
  return (await res.json()).reviewRating.alternateName
}

describe('with the two-person rule (the default)', () => {
  let server: ServerHandle
  let editorApi: APIRequestContext
  beforeAll(async () => {
    server = await startServer()
    editorApi = await apiAs(server, 'editor')
  })
  afterAll(async () => {
    await editorApi?.dispose()
    await server?.stop()
  })

  it('an admin approves a rating change another editor proposed: it leaves the queue, the public record and the workbench change', async () => {
    const mine = await ownDispute(server)
    const proposed = await proposeRating(
      editorApi,
      mine,
      'false',
      'Nothing named by the ministry was shown to be hit; the hospital was.',
    )
    expect(await publicRating(server, proposed.claimId)).toBe('Misleading')

    // The proposer sees it waiting, and cannot approve it.
    const editor = await newPage(server, 'editor')
    await editor.goto(`${server.url}/review`)
    const corrections = editor.getByRole('region', { name: 'Corrections to approve' })
    const own = corrections.getByRole('article', { name: MINISTRY })
    await own.getByText('Misleading → False').waitFor()
    await own
      .getByText('You proposed it: another editor must approve it before the public sees it.')
      .waitFor()
    expect(await own.getByRole('button', { name: /^Approve/ }).count()).toBe(0)
    expect(await own.getByRole('button', { name: /^Take back…/ }).count()).toBe(1)
    await expectNoSeriousA11yViolations(editor)
    await saveScreenshot(editor, 'review-corrections-own-proposal')
    await editor.context().close()

    // The admin has the workbench cached with the old rating, then opens the queue from the header.
    const admin = await newPage(server, 'admin')
    await admin.goto(`${server.url}/disputes/${proposed.disputeId}`)
    await admin.getByRole('heading', { name: mine.question, level: 1 }).waitFor()
    const column = admin.locator(`[data-claim-id="${proposed.claimId}"]`)
    await column.getByText('Rating change proposed by Ana Petrenko:').waitFor()
    await admin.getByRole('link', { name: 'Review queue', exact: true }).click()
    const queue = admin.getByRole('region', { name: 'Corrections to approve' })
    const item = queue.getByRole('article', { name: MINISTRY })
    await item.waitFor()
    await item.getByText('Misleading → False').waitFor()
    await item.getByText('Ana Petrenko', { exact: true }).waitFor()
    await item.getByText('Nothing named by the ministry was shown to be hit; the hospital was.').waitFor()
    const open = item.getByRole('link', { name: /^Open in the workbench/ })
    expect(await open.getAttribute('href')).toBe(`/disputes/${proposed.disputeId}`)
    await expectNoSeriousA11yViolations(admin)
    await saveScreenshot(admin, 'review-corrections-to-approve', true)

    await item.getByRole('button', { name: `Approve the rating change on ${MINISTRY}` }).click()
    const done = admin.getByRole('region', { name: 'Just reviewed' })
    await done.getByText('Rating change approved and published:').waitFor()
    await queue.getByText('No rating changes are waiting for a second editor.').waitFor()
    expect(await queue.getByRole('article').count()).toBe(0)
    await expectNoSeriousA11yViolations(admin)
    await saveScreenshot(admin, 'review-corrections-approved')
    expect(await publicRating(server, proposed.claimId)).toBe('False')

    // Back in the workbench (no reload): it was read again, so it shows the new rating and no proposal.
    await admin.goBack()
    await admin.getByRole('heading', { name: mine.question, level: 1 }).waitFor()
    await column.locator('.verdict-badges').getByText('False', { exact: true }).waitFor()
    expect(await column.getByText('Rating change proposed by').count()).toBe(0)
    await admin.context().close()
  })

  it('a rejection needs a note; the proposal leaves the queue and the public record stays as it was', async () => {
    // The ministry's verdict is published as False.
    const mine = await ownDispute(server, { [MINISTRY_NAME]: { rating: 'false' } })
    const proposed = await proposeRating(
      editorApi,
      mine,
      'mostly_false',
      'Some of the named sites may have been hit.',
    )
    const admin = await newPage(server, 'admin', 390)
    await admin.goto(`${server.url}/review`)
    const queue = admin.getByRole('region', { name: 'Corrections to approve' })
    const item = queue.getByRole('article', { name: MINISTRY })
    await item.getByText('False → Mostly false').waitFor()

    await item.getByRole('button', { name: `Reject… the rating change on ${MINISTRY}` }).click()
    const note = item.getByLabel('Note for Ana Petrenko (required)')
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true)
    await item.getByRole('button', { name: 'Reject the rating change' }).click()
    await item.getByText('Write a note: it is kept with the proposal').waitFor()
    expect(await note.getAttribute('aria-invalid')).toBe('true')
    await expectNoSeriousA11yViolations(admin)
    await saveScreenshot(admin, 'review-corrections-reject-390', true)

    await note.fill('The wire report names none of the sites as hit: keep False.')
    // The note goes with the refusal (the server keeps it with the proposal).
    const sent = admin.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/reject'))
    await item.getByRole('button', { name: 'Reject the rating change' }).click()
    expect((await sent).postDataJSON()).toEqual({
      note: 'The wire report names none of the sites as hit: keep False.',
    })
    await admin.getByRole('region', { name: 'Just reviewed' }).getByText('Rating change rejected:').waitFor()
    await queue.getByText('No rating changes are waiting for a second editor.').waitFor()
    await expectNoSeriousA11yViolations(admin)

    const after = await verdictOf(editorApi, mine.id, proposed.claimId)
    expect(after.pendingCorrection).toBeNull()
    expect(after.rating).toBe('false')
    expect(await publicRating(server, proposed.claimId)).toBe('False')
    await admin.context().close()
  })
})

describe('with the two-person rule off', () => {
  let server: ServerHandle
  beforeAll(async () => {
    server = await startServer({ env: { COUNTERCLAIM_TWO_PERSON_RULE: 'off' } })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('lets the editor who edited a verdict publish it from the queue', async () => {
    const editor = await newPage(server, 'editor')
    const editorApi = await apiAs(server, 'editor')
    const mayor = 'One killed, four wounded, seven districts hit in Kyiv'
    const mine = await ownDispute(server)
    const draft = await verdictOf(editorApi, mine.id, mine.claimBy('Vitali Klitschko').id)
    const sourced = mine.workbench.evidence.find((e) => e.url)
    const edited = await editorApi.put(`/api/claims/${draft.claimId}/verdict`, {
      headers: { 'If-Match': `"${draft.version}"` },
      data: {
        rating: 'mostly_true',
        summary: 'One death and four injuries are confirmed; seven districts is the mayor’s count.',
        rationale: 'Matches the wire report; the district count is not confirmed.',
        citedEvidenceIds: [sourced?.id],
      },
    })
    expect(edited.status()).toBe(200)
    const submitted = await editorApi.post(`/api/claims/${draft.claimId}/verdict/submit`, {
      headers: { 'If-Match': `"${draft.version + 1}"` },
    })
    expect(submitted.status()).toBe(200)

    await editor.goto(`${server.url}/review`)
    const item = editor.getByRole('article', { name: mayor })
    const publish = item.getByRole('button', { name: 'Publish' })
    await publish.waitFor()
    await item.getByText('Written by').waitFor()
    expect(await publish.getAttribute('aria-disabled')).toBeNull()
    expect(await item.getByText('another editor must publish it').count()).toBe(0)
    await expectNoSeriousA11yViolations(editor)
    await publish.click()
    await editor.getByRole('region', { name: 'Just reviewed' }).getByText('Published:').waitFor()
    const published = await verdictOf(editorApi, mine.id, draft.claimId)
    expect(published.rating).toBe('mostly_true')
    expect(await publicRating(server, published.claimId)).toBe('Mostly true')
    await editorApi.dispose()
    await editor.context().close()
  })
})
