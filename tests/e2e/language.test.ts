import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await signInAs(page, server.url, 'checker')
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

it('switches the interface to Ukrainian from the header, and keeps the choice in this browser', async () => {
  await page.goto(server.url)
  const banner = page.getByRole('banner')
  await banner.getByRole('navigation', { name: 'Main' }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')

  await banner.getByRole('combobox', { name: 'Interface language' }).selectOption({ label: 'Українська' })
  const nav = banner.getByRole('navigation', { name: 'Головне' })
  await nav.getByRole('link', { name: 'Суперечки' }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk')
  expect(await untranslatedTexts(page.getByRole('banner'), 'uk')).toEqual([])
  await expectNoSeriousA11yViolations(page)

  await page.reload()
  await page.getByRole('banner').getByRole('link', { name: 'Суперечки' }).waitFor()
  await page
    .getByRole('banner')
    .getByRole('combobox', { name: 'Мова інтерфейсу' })
    .selectOption({ label: 'English' })
  await page.getByRole('banner').getByRole('link', { name: 'Disputes' }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
})
