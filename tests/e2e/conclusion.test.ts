import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, signIn } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const FINDING = 'Both hold: the ministry’s targets were hit, and so was a maternity hospital.'

async function newPage(role: TestRole, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  const page = await context.newPage()
  await signInAs(page, server.url, role)
  return page
}

function ownDispute(): Promise<OwnDispute> {
  return createDispute(httpClient(server.url), {
    title: 'Strikes on the port',
    question: `What did the strikes on the port hit? (${Math.random().toString(36).slice(2, 8)})`,
    claims: [
      {
        claimant: { name: 'Ministry of Defence', kind: 'government' },
        text: 'Only military targets were hit.',
      },
      { claimant: { name: 'City council', kind: 'government' }, text: 'A maternity hospital was hit.' },
    ],
  })
}

async function openWorkbench(page: Page, own: OwnDispute) {
  await page.goto(`${server.url}/disputes/${own.id}`)
  await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
  return page.getByRole('region', { name: 'Conclusion', exact: true })
}

async function conclusionOf(disputeId: string) {
  const send = httpClient(server.url)
  const cookie = await signIn(send, 'admin')
  const res = await send(`/api/disputes/${disputeId}`, { cookie })
  return ((await res.json()) as { conclusion: { status: string; finding: string; version: number } | null })
    .conclusion
}

describe('the dispute conclusion', () => {
  it('a checker writes and submits it on a phone; a second editor publishes it by keyboard', async () => {
    const own = await ownDispute()
    const phone = await newPage('checker', 390)
    const panel = await openWorkbench(phone, own)
    await panel.getByText('No conclusion yet').waitFor()
    await expectNoSeriousA11yViolations(phone)
    await panel.getByRole('button', { name: 'Write the conclusion' }).click()
    await panel.getByLabel('Finding').fill(FINDING)
    await panel.getByLabel('Rationale', { exact: true }).fill('The **hospital** was hit in the same wave.')
    await panel.getByRole('button', { name: 'Preview' }).click()
    await panel
      .getByRole('region', { name: 'Rationale preview' })
      .locator('strong', { hasText: 'hospital' })
      .waitFor()
    await expectNoSeriousA11yViolations(phone)
    const width = await phone.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
    await saveScreenshot(phone, 'conclusion-editor-phone')
    await panel.getByRole('button', { name: 'Submit for review' }).click()
    await panel.getByText('Waiting for an editor’s review.').waitFor()
    await panel.getByText(FINDING).waitFor()
    expect((await conclusionOf(own.id))?.status).toBe('in_review')

    const desk = await newPage('editor')
    const review = await openWorkbench(desk, own)
    const publish = review.getByRole('button', { name: 'Publish the conclusion' })
    expect(await publish.getAttribute('aria-disabled')).toBeNull()
    await publish.focus()
    await desk.keyboard.press('Enter')
    const link = review.getByRole('link', { name: 'Public page of the dispute' })
    await link.waitFor()
    expect(await link.getAttribute('href')).toBe(`/d/${own.id}`)
    await review.getByRole('button', { name: 'Correct the conclusion' }).waitFor()
    await expectNoSeriousA11yViolations(desk)
    await saveScreenshot(desk, 'conclusion-published')
    expect(await conclusionOf(own.id)).toMatchObject({ status: 'published', finding: FINDING })
  })

  it('tells an editor who wrote it why they cannot publish it; another editor returns it with a note', async () => {
    const own = await ownDispute()
    const send = httpClient(server.url)
    const editor = await signIn(send, 'editor')
    const put = await send(`/api/disputes/${own.id}/conclusion`, {
      method: 'PUT',
      cookie: editor,
      json: { finding: FINDING, rationale: 'Both sites were hit.' },
    })
    const version = ((await put.json()) as { version: number }).version
    await send(`/api/disputes/${own.id}/conclusion/submit`, {
      method: 'POST',
      cookie: editor,
      headers: { 'if-match': `"${version}"` },
    })
    const page = await newPage('editor', 390)
    const panel = await openWorkbench(page, own)
    const publish = panel.getByRole('button', { name: 'Publish the conclusion' })
    expect(await publish.getAttribute('aria-disabled')).toBe('true')
    await panel.getByText('You wrote or edited this conclusion: another editor must publish it.').waitFor()
    // Still reachable by keyboard, where it does nothing.
    await publish.focus()
    await page.keyboard.press('Enter')
    expect((await conclusionOf(own.id))?.status).toBe('in_review')
    await expectNoSeriousA11yViolations(page)

    // Returned to draft by the second editor, with a note the author sees.
    const admin = await newPage('admin')
    const adminPanel = await openWorkbench(admin, own)
    await adminPanel.getByRole('button', { name: 'Return… the conclusion to its author' }).click()
    await adminPanel.getByLabel('Note to the author (required)').fill('Name the hospital.')
    await adminPanel.getByRole('button', { name: 'Return to draft' }).click()
    await adminPanel.getByText('Name the hospital.').waitFor()
    expect((await conclusionOf(own.id))?.status).toBe('draft')
  })
})
