import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { copyOfSeeded, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { chooseStance, stanceCell, stanceName } from '../support/stance-cells.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

// Two people on one dispute, each in a browser context of their own: the editor is Ana Petrenko, the
// checker Taras Bondar (tests/support/app-over.ts names the test accounts).
const QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'
const ANA = 'Ana Petrenko'
const TARAS = 'Taras Bondar'
const KIPER = 'Oleg Kiper'
const PHOTOS = 'Photos of the damaged maternity hospital in Odesa'
/** What "within 2 seconds" gives a change to reach the other person, counted from the save's answer. */
const LIVE_MS = 2_000

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

interface Person {
  context: BrowserContext
  page: Page
}

async function person(role: TestRole, viewport = { width: 1440, height: 900 }): Promise<Person> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await signInAs(page, server.url, role)
  return { context, page }
}

/** The API as a third desk sees it, to change records behind a page's back and check what pages did. */
async function apiAs(role: TestRole): Promise<Send> {
  const send = httpClient(server.url)
  const cookie = await signIn(send, role)
  return (path, init = {}) => send(path, { ...init, cookie })
}

function ownDispute(): Promise<OwnDispute> {
  return copyOfSeeded(httpClient(server.url), QUESTION)
}

async function openWorkbench(page: Page, own: OwnDispute) {
  await page.goto(`${server.url}/disputes/${own.id}`)
  await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
}

const alsoHere = (page: Page) => page.getByRole('status').filter({ hasText: 'Also here:' })

async function editClaim(page: Page, claimant: string): Promise<Locator> {
  await page.getByRole('button', { name: `Edit claim of ${claimant}` }).click()
  const form = page.getByRole('form', { name: 'Edit claim' })
  await form.waitFor()
  return form
}
const textbox = (form: Locator, name: string) => form.getByRole('textbox', { name, exact: true })
const choice = (form: Locator, field: string, option: 'Keep mine' | 'Use theirs') =>
  form.getByRole('group', { name: field, exact: true }).getByRole('radio', { name: option })

interface ClaimRecord {
  id: string
  text: string
  shortText: string | null
  language: string | null
  version: number
}
async function claimOf(api: Send, own: OwnDispute, claimant: string): Promise<ClaimRecord> {
  const workbench = (await (await api(`/api/disputes/${own.id}`)).json()) as {
    claims: (ClaimRecord & { claimant: { name: string } })[]
  }
  const claim = workbench.claims.find((c) => c.claimant.name === claimant)
  if (!claim) throw new Error(`no claim of ${claimant}`)
  return claim
}

describe('two people on one dispute', () => {
  it('shows a stance one sets to the other within 2 seconds, with who set it, and who else is here', async () => {
    const own = await ownDispute()
    const ana = await person('editor')
    const taras = await person('checker')
    try {
      await openWorkbench(ana.page, own)
      await openWorkbench(taras.page, own)
      await expect.poll(() => alsoHere(taras.page).textContent()).toContain(ANA)
      await expect.poll(() => alsoHere(ana.page).textContent()).toContain(TARAS)
      expect(await alsoHere(taras.page).textContent()).not.toContain(TARAS)

      expect(await stanceName(taras.page, PHOTOS, KIPER)).toMatch(/: supports$/)
      const saved = ana.page.waitForResponse(
        (r) => r.url().endsWith('/api/stances') && r.request().method() === 'PUT',
      )
      await chooseStance(ana.page, PHOTOS, KIPER, 'Contradicts')
      expect((await saved).status()).toBe(200)
      // From the save's answer, the other person's page shows the new stance and who set it.
      await expect
        .poll(() => stanceName(taras.page, PHOTOS, KIPER), { timeout: LIVE_MS, interval: 50 })
        .toMatch(/: contradicts$/)
      // The cell itself is marked for a moment: the event names its evidence item and claim.
      await taras.page
        .locator('td.live-changed', { has: stanceCell(taras.page, PHOTOS, KIPER) })
        .waitFor({ timeout: LIVE_MS })
      const notice = taras.page.getByRole('status', { name: 'Changes by colleagues' })
      await expect
        .poll(() => notice.textContent(), { timeout: LIVE_MS, interval: 50 })
        .toContain(`${ANA} set a stance on ${KIPER}'s claim`)
      // The one who set it hears nothing about their own change.
      expect(
        await ana.page.getByRole('status', { name: 'Changes by colleagues' }).textContent(),
      ).not.toContain(ANA)
      // The history panel follows as well.
      await taras.page
        .locator('#history')
        .getByText(`updated stance of “${PHOTOS}”`)
        .first()
        .waitFor({ timeout: LIVE_MS })
      await saveScreenshot(taras.page, 'live-stance')
      await expectNoSeriousA11yViolations(taras.page)

      // Ana leaves: she is no longer "also here".
      await ana.context.close()
      await expect.poll(() => alsoHere(taras.page).count(), { timeout: 15_000 }).toBe(0)
    } finally {
      await ana.context.close()
      await taras.context.close()
    }
  })

  it('keeps the second person’s typing when the first saves the same claim, and saves the mix they choose', async () => {
    const own = await ownDispute()
    const ana = await person('editor')
    const taras = await person('checker')
    try {
      await openWorkbench(ana.page, own)
      await openWorkbench(taras.page, own)
      const anaForm = await editClaim(ana.page, KIPER)
      const tarasForm = await editClaim(taras.page, KIPER)

      // Taras is still typing: the text, the short form and the language.
      await textbox(tarasForm, 'Claim, verbatim').fill('Taras’s wording of the claim.')
      await textbox(tarasForm, 'Short form').fill('Taras’s short form')
      await textbox(tarasForm, 'Language').fill('uk')

      // Ana saves the text and the short form first.
      await textbox(anaForm, 'Claim, verbatim').fill('Ana’s wording of the claim.')
      await textbox(anaForm, 'Short form').fill('Ana’s short form')
      const saved = ana.page.waitForResponse(
        (r) => /\/api\/claims\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH',
      )
      await anaForm.getByRole('button', { name: 'Save claim' }).click()
      expect((await saved).status()).toBe(200)

      // Taras sees who changed it, both versions side by side, and his typing is still in the form.
      await tarasForm
        .getByRole('heading', { name: `${ANA} changed this claim while you were editing` })
        .waitFor({ timeout: LIVE_MS })
      expect(await textbox(tarasForm, 'Claim, verbatim').inputValue()).toBe('Taras’s wording of the claim.')
      expect(await textbox(tarasForm, 'Short form').inputValue()).toBe('Taras’s short form')
      expect(await textbox(tarasForm, 'Language').inputValue()).toBe('uk')
      const textGroup = tarasForm.getByRole('group', { name: 'Claim, verbatim', exact: true })
      await textGroup.getByText('Ana’s wording of the claim.').waitFor()
      await textGroup.getByText('Taras’s wording of the claim.').waitFor()
      // Only the fields Ana changed are asked about; nothing is chosen for him.
      expect(await tarasForm.getByRole('group', { name: 'Language', exact: true }).count()).toBe(0)
      expect(await choice(tarasForm, 'Claim, verbatim', 'Keep mine').isChecked()).toBe(false)
      expect(await choice(tarasForm, 'Claim, verbatim', 'Use theirs').isChecked()).toBe(false)
      await saveScreenshot(taras.page, 'live-claim-conflict', true)
      await expectNoSeriousA11yViolations(taras.page)

      // Field by field, from the keyboard for one of them.
      await choice(tarasForm, 'Claim, verbatim', 'Keep mine').check()
      await choice(tarasForm, 'Short form', 'Use theirs').focus()
      await taras.page.keyboard.press('Space')
      await expect.poll(() => textbox(tarasForm, 'Short form').inputValue()).toBe('Ana’s short form')
      expect(await textbox(tarasForm, 'Claim, verbatim').inputValue()).toBe('Taras’s wording of the claim.')

      const tarasSaved = taras.page.waitForResponse(
        (r) => /\/api\/claims\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH',
      )
      await tarasForm.getByRole('button', { name: 'Save claim' }).click()
      expect((await tarasSaved).status()).toBe(200)
      await tarasForm.waitFor({ state: 'detached' })

      const record = await claimOf(await apiAs('admin'), own, KIPER)
      expect(record).toMatchObject({
        text: 'Taras’s wording of the claim.',
        shortText: 'Ana’s short form',
        language: 'uk',
      })
      // And Ana's page shows the result without a reload.
      await ana.page
        .getByRole('article', { name: new RegExp(KIPER) })
        .getByText('Taras’s wording of the claim.')
        .waitFor({ timeout: LIVE_MS })
    } finally {
      await ana.context.close()
      await taras.context.close()
    }
  })

  it('keeps the typing when a stale save meets 412, says who changed the claim, and saves the choice', async () => {
    const own = await ownDispute()
    const taras = await person('checker')
    try {
      // A page that has not heard of the change: its live stream is cut.
      await taras.page.route('**/api/disputes/*/events', (route) => route.abort())
      await openWorkbench(taras.page, own)
      const form = await editClaim(taras.page, KIPER)
      await textbox(form, 'Claim, verbatim').fill('Typed while someone else saved.')

      const before = await claimOf(await apiAs('admin'), own, KIPER)
      const api = await apiAs('editor')
      const res = await api(`/api/claims/${before.id}`, {
        method: 'PATCH',
        headers: { 'if-match': `"${before.version}"` },
        json: { text: 'Changed at another desk.', shortText: 'Short form from another desk' },
      })
      expect(res.status).toBe(200)

      await form.getByRole('button', { name: 'Save claim' }).click()
      await form.getByRole('alert').filter({ hasText: 'nothing was overwritten' }).waitFor()
      await form.getByRole('heading', { name: `${ANA} changed this claim while you were editing` }).waitFor()
      expect(await textbox(form, 'Claim, verbatim').inputValue()).toBe('Typed while someone else saved.')
      // The short form was not touched here: it follows the colleague's version until told otherwise.
      expect(await choice(form, 'Short form', 'Use theirs').isChecked()).toBe(true)
      expect(await textbox(form, 'Short form').inputValue()).toBe('Short form from another desk')
      expect((await claimOf(api, own, KIPER)).text).toBe('Changed at another desk.')

      await choice(form, 'Claim, verbatim', 'Keep mine').check()
      await form.getByRole('button', { name: 'Save claim' }).click()
      await form.waitFor({ state: 'detached' })
      expect(await claimOf(api, own, KIPER)).toMatchObject({
        text: 'Typed while someone else saved.',
        shortText: 'Short form from another desk',
      })
    } finally {
      await taras.context.close()
    }
  })

  it('shows who else is here on a phone, inside the screen', async () => {
    const own = await ownDispute()
    const ana = await person('editor')
    const taras = await person('checker', { width: 390, height: 844 })
    try {
      await openWorkbench(ana.page, own)
      await openWorkbench(taras.page, own)
      await expect.poll(() => alsoHere(taras.page).textContent()).toContain(ANA)
      const box = await alsoHere(taras.page).boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
      await saveScreenshot(taras.page, 'live-also-here-phone')
    } finally {
      await ana.context.close()
      await taras.context.close()
    }
  })
})
