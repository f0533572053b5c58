import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { type LocalServer, localServer } from '../support/local-server.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { latinTexts, untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations } from '../support/web-session.ts'

// The desk's own screens (review, fact-checks and feeds, claimants, accounts, your account, webhooks) read
// in Ukrainian: no English catalogue text and no Latin word outside what people wrote.

const FIXTURES = fileURLToPath(new URL('../fixtures/claim-review/', import.meta.url))
const AFP_CLAIM = "Video shows an airport flooded by this week's storm"

let server: ServerHandle
let site: LocalServer
let browser: Browser
let page: Page

/** The API as the signed-in admin of `page`: its context shares the session cookie. */
async function api(
  path: string,
  init: { method?: string; data?: unknown; headers?: Record<string, string> },
) {
  const res = await page.context().request.fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    ...(init.data === undefined ? {} : { data: init.data }),
    ...(init.headers ? { headers: init.headers } : {}),
  })
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300)
  return res.json()
}

beforeAll(async () => {
  // Another desk's feed and a webhook's receiver, on this machine (the test allows private addresses).
  const feed = readFileSync(`${FIXTURES}datafeed.json`, 'utf8')
  site = await localServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/ld+json' })
    res.end(feed)
  })
  server = await startServer({ env: { COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: 'on' } })
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  // The reader chose Ukrainian in this browser before.
  await context.addInitScript(() => localStorage.setItem('counterclaim.locale', 'uk'))
  page = await context.newPage()
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: TEST_ACCOUNTS.admin })
  expect(login.status()).toBe(200)

  // What the screens show beyond the demo: another desk's fact-check, a feed, a webhook and an API token.
  await api('/api/fact-checks/import?baseUrl=https%3A%2F%2Ffactcheck.afp.com%2F', {
    method: 'POST',
    data: readFileSync(`${FIXTURES}afp.html`, 'utf8'),
    headers: { 'content-type': 'text/html' },
  })
  await api('/api/fact-check-feeds', {
    method: 'POST',
    data: { url: site.url('/claimreview.json'), intervalMinutes: 180 },
  })
  await api('/api/webhooks', {
    method: 'POST',
    data: { url: site.url('/hook'), events: ['verdict.published'], secret: 'a-secret-of-twenty-chars' },
  })
  await api('/api/tokens', { method: 'POST', data: { name: 'Newsletter export', scope: 'read' } })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await site?.close()
})

/** The screen's main region, in Ukrainian throughout, and axe-clean. */
async function expectUkrainian(region: Locator): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk')
  const texts = { untranslated: await untranslatedTexts(region, 'uk'), latin: await latinTexts(region) }
  expect(texts).toEqual({ untranslated: [], latin: [] })
  await expectNoSeriousA11yViolations(page)
}

const main = () => page.getByRole('main')

it('shows the review queue in Ukrainian', async () => {
  await page.goto(`${server.url}/review`)
  await main().getByRole('heading', { name: 'Черга на розгляд', level: 1 }).waitFor()
  await main().getByRole('heading', { name: 'Вердикти до публікації' }).waitFor()
  await main().getByRole('button', { name: 'Опублікувати' }).first().waitFor()
  await main().getByText('Подано').first().waitFor()
  await main().getByText('Обґрунтування й наведені докази').first().click()
  await expectUkrainian(main())
})

it('shows fact-checks, one fact-check and the feeds in Ukrainian', async () => {
  await page.goto(`${server.url}/fact-checks`)
  await main().getByRole('heading', { name: 'Фактчеки інших редакцій', level: 1 }).waitFor()
  const item = main().getByRole('article', { name: AFP_CLAIM })
  await item.getByText('Їхня оцінка:').waitFor()
  await main().getByRole('button', { name: 'Імпортувати фактчеки' }).click()
  await main().getByRole('form', { name: 'Імпортувати фактчеки' }).waitFor()
  await expectUkrainian(main())
  // Attaching offers the desk's disputes by their titles (people's words, in the shared combobox).
  await item.getByRole('button', { name: /^Додати до суперечки/ }).click()
  await item.getByRole('combobox', { name: 'Суперечка, до якої додати' }).waitFor()
  expect(await untranslatedTexts(item, 'uk')).toEqual([])

  await item.getByRole('link', { name: AFP_CLAIM, exact: true }).click()
  await main().getByRole('heading', { name: AFP_CLAIM, level: 1 }).waitFor()
  await main().getByRole('heading', { name: 'Де з’являлося твердження' }).waitFor()
  await expectUkrainian(main())

  await page.goto(`${server.url}/fact-checks/feeds`)
  await main().getByRole('heading', { name: 'Стрічки фактчеків', level: 1 }).waitFor()
  await main().getByRole('cell', { name: 'кожні 3 години' }).waitFor()
  await expectUkrainian(main())
})

it("shows the claimants and one claimant's track record in Ukrainian", async () => {
  await page.goto(`${server.url}/claimants`)
  await main().getByRole('heading', { name: 'Автори тверджень', level: 1 }).waitFor()
  await main().getByRole('link', { name: 'Oleg Kiper' }).waitFor()
  await expectUkrainian(main())

  await page.goto(`${server.url}/claimants?q=ministry`)
  await main().getByRole('link', { name: 'Russian Ministry of Defence' }).click()
  await main().getByRole('heading', { name: 'Вердикти за оцінками' }).waitFor()
  await main()
    .getByRole('figure', { name: /опублікований вердикт/ })
    .waitFor()
  await main().getByRole('button', { name: 'Об’єднати з іншим автором…' }).click()
  await main()
    .getByRole('heading', { name: /^Об’єднати «/ })
    .waitFor()
  await expectUkrainian(main())
})

it('shows the accounts, your account and the webhooks in Ukrainian', async () => {
  await page.goto(`${server.url}/accounts`)
  await main().getByRole('heading', { name: 'Облікові записи', level: 1 }).waitFor()
  await main().getByRole('button', { name: 'Зберегти роль' }).first().waitFor()
  await expectUkrainian(main())

  await page.goto(`${server.url}/account`)
  await main().getByRole('heading', { name: 'Ваш обліковий запис', level: 1 }).waitFor()
  await main().getByRole('heading', { name: 'Newsletter export' }).waitFor()
  await expectUkrainian(main())

  await page.goto(`${server.url}/webhooks`)
  await main().getByRole('heading', { name: 'Вебхуки', level: 1 }).waitFor()
  await main()
    .getByRole('button', { name: /^Доставки/ })
    .click()
  await main().getByText('Ще нічого не надіслано.', { exact: false }).waitFor()
  await expectUkrainian(main())
})
