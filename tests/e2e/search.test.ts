import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  // axe-core needs pages of an explicit context.
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await signInAs(page, server.url, 'checker')
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The header's search box, found the way assistive technology finds it. */
const headerSearch = (p: Page) =>
  p.getByRole('banner').getByRole('search').getByRole('combobox', { name: 'Search' })

it('searches from the header, marks the matches and leads to where a hit lives', async () => {
  await page.goto(server.url)
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  // "/" outside a text field jumps to the search box.
  await page.locator('body').press('/')
  await expect.poll(() => headerSearch(page).evaluate((el) => el === document.activeElement)).toBe(true)
  await saveScreenshot(page, 'search-header-focused')
  await page.keyboard.type('maternity')
  await page.keyboard.press('Enter')

  await expect.poll(() => new URL(page.url()).pathname).toBe('/search')
  expect(new URL(page.url()).searchParams.get('q')).toBe('maternity')
  await page.getByRole('heading', { name: 'Search results for “maternity”', level: 1 }).waitFor()
  await expect.poll(() => page.title()).toBe('“maternity” · Search · Counterclaim')
  const hits = page.getByRole('list', { name: 'Hits for “maternity”' }).getByRole('listitem')
  await expect.poll(() => hits.count()).toBeGreaterThan(1)
  // Evidence excerpts of the seed speak of the maternity hospital; the match is marked, as text.
  const evidence = hits.filter({ hasText: /^Evidence/ })
  expect(await evidence.count()).toBeGreaterThan(0)
  const marks = await page.locator('.search-snippet mark').allTextContents()
  expect(marks.length).toBeGreaterThan(0)
  for (const m of marks) expect(m.toLowerCase()).toContain('maternity')
  expect(await page.getByRole('status').filter({ hasText: 'hit' }).textContent()).toMatch(/^\d+ hits\.$/)
  // The box keeps the query; a reload keeps the results.
  expect(await headerSearch(page).inputValue()).toBe('maternity')
  await page.reload()
  await expect.poll(() => hits.count()).toBeGreaterThan(1)
  expect(await headerSearch(page).inputValue()).toBe('maternity')

  await saveScreenshot(page, 'search-results', true)
  await expectNoSeriousA11yViolations(page)

  const link = evidence.first().getByRole('link')
  const href = await link.getAttribute('href')
  expect(href).toMatch(/^\/disputes\/[^/]+$/)
  await link.click()
  await expect.poll(() => new URL(page.url()).pathname).toBe(href)
  await page
    .getByRole('heading', { name: 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?', level: 1 })
    .waitFor()
  // Leaving the results empties the box.
  expect(await headerSearch(page).inputValue()).toBe('')
})

it('links a claimant hit to the claimant’s page', async () => {
  await page.goto(`${server.url}/search?q=Kiper`)
  const hit = page.getByRole('listitem').filter({ hasText: /^Claimant/ })
  await hit.first().waitFor()
  const link = hit.first().getByRole('link')
  expect(await link.getAttribute('href')).toMatch(/^\/claimants\/[^/]+$/)
  await link.click()
  await page.getByRole('heading', { name: 'Oleg Kiper', level: 1 }).waitFor()
})

it('reads query syntax as plain words: no match is a calm empty state, not an error', async () => {
  await page.goto(server.url)
  await headerSearch(page).fill('"unbalanced AND OR')
  await headerSearch(page).press('Enter')
  await page.getByText('Nothing matches “"unbalanced AND OR”.', { exact: false }).waitFor()
  expect(new URL(page.url()).searchParams.get('q')).toBe('"unbalanced AND OR')
  expect(await page.getByRole('alert').count()).toBe(0)
  await expectNoSeriousA11yViolations(page)
})

it('leaves "/" alone while typing in a field', async () => {
  await page.goto(`${server.url}/claimants`)
  const field = page.getByLabel('Search by name')
  await field.click()
  await page.keyboard.type('a/b')
  expect(await field.inputValue()).toBe('a/b')
  expect(await headerSearch(page).evaluate((el) => el === document.activeElement)).toBe(false)
})

it('offers the last eight searches of this browser under the box, by keyboard, and forgets them on request', async () => {
  // A context of its own: this browser has searched nothing yet.
  const own = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
  await signInAs(own, server.url, 'checker')
  const box = headerSearch(own)
  const recent = own.getByRole('banner').getByRole('listbox', { name: 'Recent searches' })
  const options = recent.getByRole('option')
  const offered = () => options.allTextContents()
  // On a phone the search box is in the header's menu, which closes on every change of screen.
  const openMenu = () => own.getByRole('banner').getByRole('button', { name: 'Menu' }).click()

  await own.goto(server.url)
  await own.getByRole('heading', { level: 1 }).first().waitFor()
  await openMenu()
  await box.focus()
  expect(await box.getAttribute('aria-expanded')).toBe('false')
  expect(await recent.isVisible()).toBe(false)

  // Searches from the box and from the address are both remembered; the same words in another case once.
  await box.fill('maternity')
  await box.press('Enter')
  await own.getByRole('heading', { name: 'Search results for “maternity”', level: 1 }).waitFor()
  for (const q of ['kyiv', 'odesa', 'strikes', 'hospital', 'drone', 'Kiper', 'port', 'grain']) {
    await own.goto(`${server.url}/search?${new URLSearchParams({ q })}`)
    await own.getByRole('heading', { name: `Search results for “${q}”`, level: 1 }).waitFor()
  }
  await own.goto(`${server.url}/search?q=KYIV`)
  await own.getByRole('heading', { name: 'Search results for “KYIV”', level: 1 }).waitFor()

  await own.goto(server.url)
  await own.getByRole('heading', { level: 1 }).first().waitFor()
  await openMenu()
  await box.focus()
  await recent.waitFor()
  expect(await box.getAttribute('aria-expanded')).toBe('true')
  // Newest first, eight kept: "maternity", the oldest, is gone; "kyiv" moved to the top as "KYIV".
  expect(await offered()).toEqual(['KYIV', 'grain', 'port', 'Kiper', 'drone', 'hospital', 'strikes', 'odesa'])
  await saveScreenshot(own, 'search-recent-phone')
  await expectNoSeriousA11yViolations(own)
  expect(await own.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

  // Typing narrows the list; the arrow keys walk it and Enter searches again.
  await box.fill('o')
  await expect.poll(offered).toEqual(['port', 'drone', 'hospital', 'odesa'])
  await box.press('ArrowDown')
  await box.press('ArrowDown')
  expect(await options.nth(1).getAttribute('aria-selected')).toBe('true')
  expect(await box.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'))
  await box.press('Enter')
  await own.getByRole('heading', { name: 'Search results for “drone”', level: 1 }).waitFor()
  await openMenu()
  expect(await box.inputValue()).toBe('drone')

  // Escape closes the list; the list outlives a reload, being the browser's own.
  await own.reload()
  await own.getByRole('heading', { name: 'Search results for “drone”', level: 1 }).waitFor()
  await openMenu()
  await box.fill('')
  await recent.waitFor()
  expect((await offered())[0]).toBe('drone')
  await box.press('Escape')
  await expect.poll(() => recent.isVisible()).toBe(false)

  // "Clear recent searches" is the next stop of the Tab key while the list is open.
  await box.press('ArrowDown')
  await recent.waitFor()
  await box.press('Tab')
  const clear = own.getByRole('button', { name: 'Clear recent searches' })
  await expect.poll(() => clear.evaluate((el) => el === document.activeElement)).toBe(true)
  await own.keyboard.press('Enter')
  await expect.poll(() => recent.isVisible()).toBe(false)
  expect(await own.evaluate(() => localStorage.length)).toBe(0)
  await box.focus()
  expect(await box.getAttribute('aria-expanded')).toBe('false')
  await own.context().close()
})
