import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { latinTexts, untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations, saveScreenshot } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let page: Page
let send: Send
/** What the server's notifications say: the API's own words, which stay as they arrive. */
let serverMessages: string[] = []
/** Takes the checker off the dispute again (the assignment feature's names on the list are not this test's). */
let unassign: () => Promise<void>

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  send = httpClient(server.url)
  // The editor assigns the checker to a dispute, so the checker has a notification and assigned work.
  const editor = await signIn(send, 'editor')
  const checkerCookie = await signIn(send, 'checker')
  const checker = (
    (await (await send('/api/auth/me', { cookie: checkerCookie })).json()) as { user: { id: string } }
  ).user
  const disputes = (await (await send('/api/disputes?limit=1', { cookie: editor })).json()) as {
    items: { id: string; version: number }[]
  }
  const [dispute] = disputes.items
  expect(checker && dispute).toBeTruthy()
  const assigned = await send(`/api/disputes/${dispute?.id}`, {
    method: 'PATCH',
    cookie: editor,
    headers: { 'if-match': `"${dispute?.version}"` },
    json: { assigneeIds: [checker?.id], dueOn: '2020-01-10' },
  })
  expect(assigned.status, await assigned.clone().text()).toBe(200)
  const { version } = (await assigned.json()) as { version: number }
  unassign = async () => {
    const res = await send(`/api/disputes/${dispute?.id}`, {
      method: 'PATCH',
      cookie: editor,
      headers: { 'if-match': `"${version}"` },
      json: { assigneeIds: [], dueOn: null },
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  const notes = (await (await send('/api/notifications?limit=100', { cookie: checkerCookie })).json()) as {
    items: { message: string }[]
  }
  serverMessages = notes.items.map((n) => n.message)
  expect(serverMessages.length).toBeGreaterThan(0)

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript(() => localStorage.setItem('counterclaim.locale', 'uk'))
  page = await context.newPage()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** A part of a screen in Ukrainian: no English catalogue text, no Latin word outside what people wrote. */
async function expectUkrainian(target: Locator, allowed: readonly string[] = []): Promise<void> {
  expect(await untranslatedTexts(target, 'uk')).toEqual([])
  expect((await latinTexts(target)).filter((text) => !allowed.includes(text))).toEqual([])
}

/** The screen's main region and the header above it. */
async function expectScreenInUkrainian(allowed: readonly string[] = []): Promise<void> {
  await expectUkrainian(page.getByRole('banner'))
  await expectUkrainian(page.getByRole('main'), allowed)
  await expectNoSeriousA11yViolations(page)
}

it('signs in and shows my work, the disputes, the claim log, search, notifications and agreement in Ukrainian', async () => {
  await page.goto(server.url)
  const signInForm = page.getByRole('main')
  await signInForm.getByRole('button', { name: 'Увійти' }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk')
  await expectUkrainian(signInForm)
  await expectNoSeriousA11yViolations(page)
  await page.getByLabel('Електронна пошта').fill(TEST_ACCOUNTS.checker.email)
  await page.getByLabel('Пароль', { exact: true }).fill(TEST_ACCOUNTS.checker.password)
  await page.getByRole('button', { name: 'Увійти' }).click()
  await page.getByRole('button', { name: 'Вийти' }).waitFor({ timeout: 15_000 })

  // My work: the assignment made above, overdue, with its count of claims.
  const assigned = page.getByRole('region', { name: /^Призначено мені/ })
  await assigned.getByText('Прострочено').waitFor()
  await page.getByRole('region', { name: /^Згадки/ }).waitFor()
  await expect.poll(() => page.title()).toBe('Моя робота · Counterclaim')
  await expectScreenInUkrainian()
  await saveScreenshot(page, 'uk-my-work', true)

  // The disputes list, with claims, their verdicts and the selection bar.
  await unassign()
  await page.goto(`${server.url}/disputes`)
  const disputes = page.getByRole('list', { name: 'Суперечки' })
  await disputes.getByRole('listitem').first().waitFor()
  await page.getByText('Виберіть суперечки, щоб їх призначити.').waitFor()
  await expectScreenInUkrainian()
  await page.getByRole('button', { name: 'Нова суперечка' }).click()
  await page.getByRole('button', { name: 'Створити суперечку' }).waitFor()
  await expectScreenInUkrainian()
  await saveScreenshot(page, 'uk-disputes')

  // The claim log: the count in the reader's plural, the table and the export.
  await page.goto(`${server.url}/claim-log`)
  const count = page.locator('.log-summary').getByRole('status')
  await expect.poll(() => count.textContent()).toMatch(/^(Завантажено )?[\d\s\u00a0]+тверджен/)
  await page.getByRole('table').getByRole('row').nth(1).waitFor()
  await expectScreenInUkrainian()
  await saveScreenshot(page, 'uk-claim-log')

  // Search results for a word of the seed's evidence.
  await page.goto(`${server.url}/search?q=maternity`)
  const hits = page.getByRole('list', { name: 'Збіги за запитом «maternity»' }).getByRole('listitem')
  await expect.poll(() => hits.count()).toBeGreaterThan(1)
  // The query itself is the reader's words, in the list's name.
  await expectScreenInUkrainian(['Збіги за запитом «maternity»'])
  await saveScreenshot(page, 'uk-search')

  // Notifications: the page and the header's panel. What happened is said by the server, as it arrives.
  await page.goto(`${server.url}/notifications`)
  await page.getByRole('heading', { name: 'Сповіщення', level: 1 }).waitFor()
  await page.locator('.notification-items li').first().waitFor()
  await expectScreenInUkrainian(serverMessages)
  const bell = page.getByRole('banner').getByRole('button', { name: /^Сповіщення/ })
  await bell.click()
  const panel = page.getByRole('banner').getByRole('region', { name: 'Сповіщення' })
  await panel.getByRole('link', { name: 'Усі сповіщення' }).waitFor()
  await expectUkrainian(panel, serverMessages)
  await page.keyboard.press('Escape')

  // Rater agreement over a long period, so the seed's independent ratings show.
  await page.goto(`${server.url}/agreement?from=2000-01-01&to=2100-01-01`)
  await page.getByRole('heading', { name: 'Узгодженість оцінок', level: 1 }).waitFor()
  await page
    .getByRole('table')
    .or(page.getByText('У цьому періоді жодне твердження не має двох оцінок.'))
    .first()
    .waitFor()
  await expectScreenInUkrainian()
  await saveScreenshot(page, 'uk-agreement')
})
