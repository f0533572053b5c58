import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient } from '../support/http.ts'
import { type ClaimPlan, createDispute, ownQuestion } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let editor: Page
let admin: APIRequestContext

beforeAll(async () => {
  // The review queue lists every verdict in review, so these tests run on a desk without the demo:
  // the queue holds only what each test submits itself.
  server = await startServer({ kind: 'empty' })
  browser = await launchBrowser()
  // Another editor's session, working at the same time through the API.
  admin = await request.newContext({ baseURL: server.url })
  const login = await admin.post('/api/auth/login', { data: TEST_ACCOUNTS.admin })
  expect(login.status()).toBe(200)
  for (const [role, name] of [
    ['editor', 'Ana Petrenko'],
    ['checker', 'Taras Bondar'],
  ] as const) {
    const created = await admin.post('/api/users', { data: { ...TEST_ACCOUNTS[role], name, role } })
    expect(created.status(), await created.text()).toBe(201)
  }
  // axe-core needs pages of an explicit context.
  editor = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await signInAs(editor, server.url, 'editor')
})
afterAll(async () => {
  await admin?.dispose()
  await browser?.close()
  await server?.stop()
})

const NEWS = {
  title: 'News report: Russia strikes Kyiv and Odesa, hitting a maternity hospital',
  kind: 'news_report',
  sourceName: 'Reuters',
  url: 'https://www.reuters.com/world/europe/',
}

/** A dispute of this test's own on the 10 June strikes, with one claim and the wire report; the checker writes. */
async function ownDispute(claim: ClaimPlan): Promise<{ claimId: string; disputeId: string }> {
  const own = await createDispute(httpClient(server.url), {
    title: 'Strikes on Kyiv and Odesa, 10 June 2025',
    question: ownQuestion('What did the 10 June 2025 strikes on Kyiv and Odesa hit?'),
    claims: [claim],
    evidence: [NEWS],
  })
  return { claimId: own.claimBy(claim.claimant.name).id, disputeId: own.id }
}

/** The governor's claim, its verdict waiting for review. */
const GOVERNOR: ClaimPlan = {
  claimant: { name: 'Oleg Kiper', kind: 'government' },
  text: 'The enemy massively attacked Odesa with strike drones… The Russians hit a maternity hospital, an emergency medical ward and residential buildings.',
  shortText: 'Russian drones hit a maternity hospital in Odesa',
  statedOn: '2025-06-10',
  verdict: {
    state: 'in_review',
    rating: 'true',
    summary: 'A maternity hospital, an emergency ward and homes in Odesa were damaged, as the governor said.',
    rationale: 'The governor’s account is matched by a wire report.',
    cites: [NEWS.title],
  },
}

/** The mayor's claim, its verdict a draft. */
const MAYOR: ClaimPlan = {
  claimant: { name: 'Vitali Klitschko', kind: 'government' },
  text: 'One woman was killed and four people were wounded in Kyiv; the strikes hit seven districts of the city.',
  shortText: 'One killed, four wounded, seven districts hit in Kyiv',
  statedOn: '2025-06-10',
  verdict: {
    state: 'draft',
    summary: 'Casualty figures match the wire report so far; district count not yet checked.',
  },
}

async function verdictVersion(claimId: string, disputeId: string): Promise<number> {
  const dispute = await (await admin.get(`/api/disputes/${disputeId}`)).json()
  const claim = dispute.claims.find((c: { id: string }) => c.id === claimId)
  return claim.verdict.version
}

it('publishes a verdict in review after a stale attempt is refused, and opens its public page', async () => {
  const { claimId, disputeId } = await ownDispute(GOVERNOR)
  await editor.getByRole('link', { name: 'Review queue', exact: true }).click()
  await editor.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor()
  expect(await editor.title()).toBe('Review queue · Counterclaim')
  const item = editor.getByRole('article', { name: 'Russian drones hit a maternity hospital in Odesa' })
  await item.waitFor()
  await item.getByText('Taras Bondar', { exact: true }).waitFor()
  expect(await item.getByText('True', { exact: true }).count()).toBe(1)
  await saveScreenshot(editor, 'review-queue')
  await expectNoSeriousA11yViolations(editor)

  // Returning needs a note: without one, nothing is sent and the field says why.
  await item.getByRole('button', { name: 'Return to author…' }).click()
  const note = item.getByLabel('Note for the author (required)')
  await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true)
  await item.getByRole('button', { name: 'Return with this note' }).click()
  await item.getByText('Write a note: it tells the author what to change').waitFor()
  expect(await note.getAttribute('aria-invalid')).toBe('true')
  await expectNoSeriousA11yViolations(editor)
  await item.getByRole('button', { name: 'Cancel' }).click()

  // Meanwhile another editor returns the verdict and its author submits it again: a new version.
  const before = await verdictVersion(claimId, disputeId)
  const returned = await admin.post(`/api/claims/${claimId}/verdict/return`, {
    headers: { 'If-Match': `"${before}"` },
    data: { note: 'Add the hospital’s own statement.' },
  })
  expect(returned.status()).toBe(200)
  const resubmitted = await admin.post(`/api/claims/${claimId}/verdict/submit`, {
    headers: { 'If-Match': `"${before + 1}"` },
  })
  expect(resubmitted.status()).toBe(200)

  // The page still holds the old version: publishing is refused and offers to reload.
  await item.getByRole('button', { name: 'Publish' }).click()
  const alert = item.getByRole('alert')
  await expect.poll(() => alert.textContent()).toContain('The verdict was not published.')
  expect(await alert.textContent()).toContain('nothing was overwritten')
  expect(await verdictVersion(claimId, disputeId)).toBe(before + 2)
  await item.getByRole('button', { name: 'Reload the record' }).click()
  await expect.poll(() => item.getByRole('alert').count()).toBe(0)

  await item.getByRole('button', { name: 'Publish' }).click()
  const done = editor.getByRole('region', { name: 'Just reviewed' })
  await done.getByText('Published:').waitFor()
  await editor.getByText('No verdicts are waiting for review.').waitFor()
  await saveScreenshot(editor, 'review-queue-published')
  await expectNoSeriousA11yViolations(editor)

  const publicLink = done.getByRole('link', { name: 'Read the public page' })
  expect(await publicLink.getAttribute('href')).toBe(`/v/${claimId}`)
  await publicLink.click()
  await expect.poll(() => new URL(editor.url()).pathname).toBe(`/v/${claimId}`)
  await editor
    .getByText('Russian drones hit a maternity hospital in Odesa', { exact: false })
    .first()
    .waitFor()
  const jsonLd = await editor.locator('script[type="application/ld+json"]').first().textContent()
  expect(JSON.parse(jsonLd ?? '{}')['@type']).toBe('ClaimReview')
})

it('says why an editor who edited the verdict cannot publish it (two-person rule), then returns it with a note', async () => {
  // The editor edits the mayor's draft and submits it: they may not publish it themselves.
  const { claimId, disputeId } = await ownDispute(MAYOR)
  const version = await verdictVersion(claimId, disputeId)
  const edited = await editor.request.put(`${server.url}/api/claims/${claimId}/verdict`, {
    headers: { 'If-Match': `"${version}"` },
    data: {
      rating: 'mostly_true',
      rationale: 'Matches the wire report; the district count is not confirmed.',
    },
  })
  expect(edited.status()).toBe(200)
  const submitted = await editor.request.post(`${server.url}/api/claims/${claimId}/verdict/submit`, {
    headers: { 'If-Match': `"${version + 1}"` },
  })
  expect(submitted.status()).toBe(200)

  await editor.goto(`${server.url}/review`)
  const item = editor.getByRole('article', { name: 'One killed, four wounded, seven districts hit in Kyiv' })
  await item.waitFor()
  // The button says why instead of failing after a click: it stays focusable, described by the reason.
  const publish = item.getByRole('button', { name: 'Publish' })
  expect(await publish.getAttribute('aria-disabled')).toBe('true')
  const reasonId = (await publish.getAttribute('aria-describedby')) ?? ''
  expect(await editor.locator(`[id="${reasonId}"]`).textContent()).toContain(
    'You wrote or edited this verdict: another editor must publish it.',
  )
  await publish.focus()
  await editor.keyboard.press('Enter')
  expect(await item.getByRole('alert').count()).toBe(0)
  await expectNoSeriousA11yViolations(editor)
  await saveScreenshot(editor, 'review-queue-publish-reason')
  expect(await verdictVersion(claimId, disputeId)).toBe(version + 2)

  await item.getByRole('button', { name: 'Return to author…' }).click()
  await item
    .getByLabel('Note for the author (required)')
    .fill('Count the districts from the city’s own list.')
  await item.getByRole('button', { name: 'Return with this note' }).click()
  await editor.getByRole('region', { name: 'Just reviewed' }).getByText('Returned to its author:').waitFor()
  await editor.getByText('No verdicts are waiting for review.').waitFor()

  const dispute = await (await admin.get(`/api/disputes/${disputeId}`)).json()
  const verdict = dispute.claims.find((c: { id: string }) => c.id === claimId).verdict
  expect(verdict.status).toBe('draft')
  expect(verdict.returnNote).toBe('Count the districts from the city’s own list.')
})

it('tells a checker the queue is for editors', async () => {
  const checker = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
  await signInAs(checker, server.url, 'checker')
  expect(await checker.getByRole('link', { name: 'Review queue' }).count()).toBe(0)
  await checker.goto(`${server.url}/review`)
  await checker.getByText('The review queue is for editors and admins.').waitFor()
  expect(await checker.getByRole('button', { name: 'Publish' }).count()).toBe(0)
  await checker.context().close()
})
