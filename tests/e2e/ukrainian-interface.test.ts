import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { latinTexts, untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations, saveScreenshot } from '../support/web-session.ts'

// The desk's language: the main screens in Ukrainian show no word of the English catalogue and no Latin-script
// word outside what people wrote; a right-to-left claim reads right to left inside the page.

let server: ServerHandle
let browser: Browser
let page: Page
let arabic: OwnDispute

/** What people typed that the interface puts into its own sentences: names, a dispute's title, a search. */
const PEOPLES_WORDS = ['Port authority', 'Claims in Arabic about the port strike', 'strike']

const ARABIC_CLAIM = 'أصابت جميع الصواريخ أهدافها العسكرية المحددة'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  arabic = await createDispute(httpClient(server.url), {
    title: 'Claims in Arabic about the port strike',
    question: 'What did the strike on the port hit?',
    claims: [
      { claimant: { name: 'وزارة الدفاع', kind: 'government' }, text: ARABIC_CLAIM, language: 'ar' },
      { claimant: { name: 'Port authority', kind: 'other' }, text: 'A grain warehouse was hit.' },
    ],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript(() => localStorage.setItem('counterclaim.locale', 'uk'))
  page = await context.newPage()
  // Signed in already (the sign-in form in Ukrainian has its own test): the context shares the session cookie.
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: TEST_ACCOUNTS.editor })
  expect(login.status()).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Open a screen and wait until it has loaded: its main heading is there and nothing says it is loading. */
async function open(path: string): Promise<void> {
  await page.goto(`${server.url}${path}`)
  await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Завантаження' }).count()).toBe(0)
}

const MAIN_SCREENS: Array<[string, () => string]> = [
  ['My work', () => '/'],
  ['Disputes', () => '/disputes'],
  ['Workbench', () => `/disputes/${arabic.id}`],
  ['Claim log', () => '/claim-log'],
  ['Review queue', () => '/review'],
  ['Claimants', () => '/claimants'],
  ['Fact-checks', () => '/fact-checks'],
  ['Search', () => '/search?q=strike'],
  ['Notifications', () => '/notifications'],
]

it.each(MAIN_SCREENS)('shows %s in Ukrainian, with no English left', async (name, path) => {
  await open(path())
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk')
  expect(await untranslatedTexts(page, 'uk')).toEqual([])
  expect(await latinTexts(page, PEOPLES_WORDS)).toEqual([])
  await expectNoSeriousA11yViolations(page)
  await saveScreenshot(page, `uk-${name.toLowerCase().replace(/\s+/g, '-')}`)
})

it('lays a right-to-left claim out right to left inside the page, and the page stays left to right', async () => {
  await open(`/disputes/${arabic.id}`)
  const claim = page.getByRole('main').locator('[dir="auto"]', { hasText: ARABIC_CLAIM }).first()
  await claim.waitFor()
  expect(await claim.evaluate((el) => el.closest('[dir="auto"]') !== null && el.matches(':dir(rtl)'))).toBe(
    true,
  )
  expect(await page.getByRole('main').evaluate((el) => el.matches(':dir(ltr)'))).toBe(true)
  // The claimant's name, written in Arabic too, reads right to left where it is shown.
  const name = page
    .getByRole('main')
    .locator('[dir="auto"]', { hasText: /^وزارة الدفاع$/ })
    .first()
  expect(await name.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true)
})

it('shows the demo dispute’s workbench, with its evidence and verdicts, in Ukrainian words around the desk’s English records', async () => {
  await open('/disputes')
  await page
    .getByRole('main')
    .getByRole('link', { name: /10 June 2025 strikes/ })
    .first()
    .click()
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Завантаження' }).count()).toBe(0)
  await page.getByRole('main').getByRole('table').first().waitFor()
  expect(await untranslatedTexts(page, 'uk')).toEqual([])
  await saveScreenshot(page, 'uk-demo-workbench', true)
})
