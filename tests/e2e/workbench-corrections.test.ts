import type { Workbench } from '@counterclaim/shared'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { copyOfSeeded, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

const QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'
const MINISTRY = 'Russian Ministry of Defence'
const SEEDED_SUMMARY =
  'Civilian buildings, including a maternity hospital in Odesa, were hit as well as the named facilities.'

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

async function newPage(role: TestRole): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await signInAs(page, server.url, role)
  return page
}

/** The API as another client sees it, to check what the page did. */
async function apiAs(role: TestRole): Promise<Send> {
  const send = httpClient(server.url)
  const cookie = await signIn(send, role)
  return (path, init = {}) => send(path, { ...init, cookie })
}

/** A copy of the seeded dispute of this test's own: the ministry's verdict is published. */
function ownDispute(): Promise<OwnDispute> {
  return copyOfSeeded(httpClient(server.url), QUESTION)
}

/** The dispute as the API has it now. */
async function workbench(id: string): Promise<Workbench> {
  const api = await apiAs('checker')
  const res = await api(`/api/disputes/${id}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Workbench
}

const FIRST_NOTE = 'The summary now names the emergency ward, as the wire report does.'
const CORRECTED =
  'Civilian buildings, including a maternity hospital and an emergency ward in Odesa, were hit as well.'

/** An own dispute whose ministry's verdict an editor has already corrected once. */
async function correctedOnce(): Promise<OwnDispute> {
  const own = await ownDispute()
  const claim = own.claimBy(MINISTRY)
  const api = await apiAs('editor')
  const res = await api(`/api/claims/${claim.id}/verdict/correct`, {
    method: 'POST',
    headers: { 'if-match': `"${claim.verdict?.version}"` },
    json: { summary: CORRECTED, correctionNote: FIRST_NOTE },
  })
  expect(res.status, await res.text()).toBe(200)
  return own
}

async function openWorkbench(page: Page, own: OwnDispute) {
  await page.goto(`${server.url}/disputes/${own.id}`)
  await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
}

const column = (page: Page, claimant: string) =>
  page
    .locator('article.claim-column')
    .filter({ has: page.getByRole('heading', { name: claimant, level: 3 }) })

const correctionForm = (page: Page) =>
  page.getByRole('region', { name: `Correct the verdict on ${MINISTRY}'s claim` })

describe('correcting a published verdict', () => {
  it('refuses a correction without a note, says why under the field by its label, and keeps the input', async () => {
    const own = await ownDispute()
    const page = await newPage('editor')
    await openWorkbench(page, own)
    await column(page, MINISTRY)
      .getByRole('button', { name: `Correct verdict on ${MINISTRY}'s claim` })
      .click()
    const form = correctionForm(page)
    await form.waitFor()
    await form.getByLabel('Summary').fill('A summary typed before the note was forgotten.')
    await form.getByRole('button', { name: 'Publish correction' }).click()
    const alert = form.getByRole('alert').filter({ hasText: 'The verdict was not corrected.' })
    await alert.waitFor()
    // The field the API names is shown under its label, never by its property name.
    await form.getByText('Correction note must not be empty.').waitFor()
    expect(await alert.textContent()).not.toContain('correctionNote')
    expect(await alert.textContent()).toContain('Some fields are missing or not valid: Correction note.')
    expect(await form.getByLabel('Correction note (required)').getAttribute('aria-invalid')).toBe('true')
    expect(await form.getByLabel('Summary').inputValue()).toBe(
      'A summary typed before the note was forgotten.',
    )

    // Nothing changed on the server.
    const after = await workbench(own.id)
    const verdict = after.claims.find((c) => c.claimant?.name === MINISTRY)?.verdict
    expect(verdict?.summary).toBe(SEEDED_SUMMARY)
    expect(verdict?.corrections).toEqual([])
  })

  it('lets an editor correct it with a public note, shown on the workbench and on the public page', async () => {
    const own = await ownDispute()
    const claim = own.workbench.claims.find((c) => c.claimant?.name === MINISTRY)
    expect(claim?.verdict?.status).toBe('published')
    const page = await newPage('editor')
    await openWorkbench(page, own)
    const box = column(page, MINISTRY)
    // No correction yet: nothing listed.
    expect(await box.getByText(/^Corrected/).count()).toBe(0)
    await box.getByRole('button', { name: `Correct verdict on ${MINISTRY}'s claim` }).click()

    const form = correctionForm(page)
    await form.waitFor()
    // Prefilled with what is published.
    expect(await form.getByLabel('Rating').inputValue()).toBe('misleading')
    expect(await form.getByLabel('Summary').inputValue()).toBe(SEEDED_SUMMARY)
    expect(await form.getByLabel('Rationale', { exact: true }).inputValue()).toContain(
      'hit a **maternity hospital**',
    )
    await form.getByText(/^Public: shown with its date/).waitFor()
    await expectNoSeriousA11yViolations(page)

    const corrected =
      'Civilian buildings, including a maternity hospital and an emergency ward in Odesa, were hit as well.'
    await form.getByLabel('Summary').fill(corrected)
    await form.getByRole('button', { name: 'Preview' }).click()
    await form
      .getByRole('region', { name: 'Rationale preview' })
      .locator('strong', { hasText: 'maternity hospital' })
      .waitFor()
    const note = 'The summary now names the emergency ward, as the wire report does.'
    await form.getByLabel('Correction note (required)').fill(note)
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'verdict-correction-form')
    await form.getByRole('button', { name: 'Publish correction' }).click()

    // The box shows the new summary and the correction, its date and note; the form is gone.
    await box.getByText(corrected, { exact: true }).waitFor()
    await box.getByText('Corrected once').waitFor()
    const item = box.locator('.corrections li')
    await expect.poll(() => item.textContent()).toContain(note)
    expect(await item.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(await correctionForm(page).count()).toBe(0)
    await box.getByText('Published', { exact: true }).waitFor()
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'verdict-corrected')

    // Stored, and shown after a reload too.
    await page.reload()
    await box.getByText(corrected, { exact: true }).waitFor()
    await box.getByText('Corrected once').click()
    await box.getByText(note).waitFor()

    // The public page lists it.
    const publicPage = await (await browser.newContext()).newPage()
    const res = await publicPage.goto(`${server.url}/v/${claim?.id}`)
    expect(res?.status()).toBe(200)
    const corrections = publicPage.getByRole('region', { name: 'Corrections' })
    await corrections.getByText(note).waitFor()
    await publicPage.getByText(corrected).first().waitFor()
  })

  it('shows a checker the corrections but no Correct action', async () => {
    const own = await correctedOnce()
    const page = await newPage('checker')
    await openWorkbench(page, own)
    const box = column(page, MINISTRY)
    await box.getByText('Published', { exact: true }).waitFor()
    await box.getByText('Corrected once').waitFor()
    expect(await page.getByRole('button', { name: /^Correct verdict/ }).count()).toBe(0)
  })
  it('refuses a stale correction, keeps the input, and reloads the published verdict on request', async () => {
    const own = await correctedOnce()
    const claim = (await workbench(own.id)).claims.find((c) => c.claimant?.name === MINISTRY)
    const page = await newPage('editor')
    await openWorkbench(page, own)
    await column(page, MINISTRY)
      .getByRole('button', { name: `Correct verdict on ${MINISTRY}'s claim` })
      .click()
    const form = correctionForm(page)
    await form.getByLabel('Summary').fill('Typed in the page.')
    await form.getByLabel('Correction note (required)').fill('A note typed in the page.')

    // Another editor corrects the same verdict first.
    const api = await apiAs('admin')
    const res = await api(`/api/claims/${claim?.id}/verdict/correct`, {
      method: 'POST',
      headers: { 'if-match': `"${claim?.verdict?.version}"` },
      json: { summary: 'Corrected at another desk.', correctionNote: 'Second correction.' },
    })
    expect(res.status).toBe(200)

    await form.getByRole('button', { name: 'Publish correction' }).click()
    const alert = form.getByRole('alert').filter({ hasText: 'nothing was overwritten' })
    await alert.waitFor()
    expect(await form.getByLabel('Summary').inputValue()).toBe('Typed in the page.')
    expect(await form.getByLabel('Correction note (required)').inputValue()).toBe('A note typed in the page.')
    const after = await workbench(own.id)
    expect(after.claims.find((c) => c.id === claim?.id)?.verdict?.summary).toBe('Corrected at another desk.')
    await alert.getByRole('button', { name: 'Reload the record' }).click()
    await expect
      .poll(() => correctionForm(page).getByLabel('Summary').inputValue())
      .toBe('Corrected at another desk.')
    await column(page, MINISTRY).getByText('Corrected 2 times').waitFor()
  })
})

describe('archiving with undo', () => {
  it('archives a piece of evidence, undoes it from the keyboard, and it is back after a reload', async () => {
    const own = await ownDispute()
    const title = 'Ministry of Defence statement, 10 June'
    const evidence = own.workbench.evidence.find((e) => e.title === title)
    expect(evidence).toBeTruthy()
    const page = await newPage('checker')
    await openWorkbench(page, own)
    const row = page.getByRole('button', { name: title, exact: true })
    await row.click()
    await page.getByRole('button', { name: `Archive evidence “${title}”` }).click()

    const status = page.getByRole('status').filter({ hasText: 'Evidence archived' })
    await status.waitFor()
    expect(await status.textContent()).toContain(title)
    await expect.poll(() => row.count()).toBe(0)
    // Focus went to Undo, since the archived row's buttons left the page.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toBe(`Undo archiving “${title}”`)
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'evidence-archived')

    // The offer does not run out: still there a minute later.
    await page.clock.install()
    await page.clock.fastForward('01:00')
    await status.getByRole('button', { name: /^Undo/ }).waitFor()

    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'Evidence restored' }).waitFor()
    await row.waitFor()
    await page.reload()
    await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
    await row.waitFor()
    const after = await workbench(own.id)
    // The workbench lists live items only: the restored one is among them again.
    expect(after.evidence.map((e) => e.id)).toContain(evidence?.id)
  })

  it('archives a claim: gone from the workbench, also after a reload', async () => {
    const own = await ownDispute()
    const mayor = own.workbench.claims.find((c) => c.claimant?.name === 'Vitali Klitschko')
    expect(mayor).toBeTruthy()
    const page = await newPage('checker')
    await openWorkbench(page, own)
    await column(page, 'Vitali Klitschko')
      .getByRole('button', { name: /^Archive claim/ })
      .click()
    const status = page.getByRole('status').filter({ hasText: 'Claim archived' })
    await status.waitFor()
    expect(await status.textContent()).toContain("Vitali Klitschko's claim")
    await expect.poll(() => column(page, 'Vitali Klitschko').count()).toBe(0)
    // Undo brings it back; archiving again takes it away.
    await status.getByRole('button', { name: /^Undo/ }).click()
    await page.getByRole('status').filter({ hasText: 'Claim restored' }).waitFor()
    await column(page, 'Vitali Klitschko').waitFor()
    await column(page, 'Vitali Klitschko')
      .getByRole('button', { name: /^Archive claim/ })
      .click()
    await status.waitFor()
    await expect.poll(() => column(page, 'Vitali Klitschko').count()).toBe(0)

    await page.reload()
    await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
    await column(page, MINISTRY).waitFor()
    expect(await column(page, 'Vitali Klitschko').count()).toBe(0)
    const after = await workbench(own.id)
    expect(after.claims.map((c) => c.id)).not.toContain(mayor?.id)
    expect(after.claims).toHaveLength(own.workbench.claims.length - 1)
  })
})
