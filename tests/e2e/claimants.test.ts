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

it('lists the claimants, searches them by name and keeps the search in the address', async () => {
  await page.goto(`${server.url}/claimants`)
  await page.getByRole('heading', { name: 'Claimants', level: 1 }).waitFor()
  await page.getByRole('link', { name: 'Oleg Kiper' }).waitFor()
  expect(await page.getByRole('table').getByRole('row').count()).toBe(7)
  await saveScreenshot(page, 'claimants-list')
  await expectNoSeriousA11yViolations(page)

  await page.getByLabel('Search by name').fill('ministry')
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('ministry')
  await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2)
  await page.reload()
  expect(await page.getByLabel('Search by name').inputValue()).toBe('ministry')
  await page.getByRole('link', { name: 'Russian Ministry of Defence' }).waitFor()

  await page.getByLabel('Search by name').fill('nobody by this name')
  await page.getByText('No claimant’s name contains “nobody by this name”.').waitFor()
})

it("shows a claimant's claims with links to their workbench and a chart of the verdicts by rating", async () => {
  await page.goto(`${server.url}/claimants?q=ministry`)
  await page.getByRole('link', { name: 'Russian Ministry of Defence' }).click()
  await page.getByRole('heading', { name: 'Russian Ministry of Defence', level: 1 }).waitFor()
  await expect.poll(() => page.title()).toBe('Russian Ministry of Defence · Claimants · Counterclaim')

  const chart = page.getByRole('figure', { name: /1 published verdict/ })
  await chart.waitFor()
  // The chart is a table of counts in the rating scale's order: its text is the figures.
  const rows = chart.getByRole('row')
  expect(await rows.allTextContents()).toEqual([
    'RatingVerdicts',
    'True0',
    'Mostly true0',
    'Mixed0',
    'Mostly false0',
    'False0',
    'Misleading1',
    'Unverifiable0',
  ])

  const claim = page.getByRole('link', { name: 'All designated objects were hit' })
  expect(await claim.getAttribute('href')).toMatch(/^\/disputes\/[\w-]+$/)
  const claimRow = page.getByRole('row', { name: /All designated objects were hit/ })
  expect(await claimRow.getByText('Misleading').count()).toBe(1)
  expect(await claimRow.getByText('Published', { exact: true }).count()).toBe(1)
  await saveScreenshot(page, 'claimant-page')
  await expectNoSeriousA11yViolations(page)

  await page.keyboard.press('Tab')
  await claim.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/disputes\/[\w-]+$/)
})

it('says so when a claimant does not exist', async () => {
  await page.goto(`${server.url}/claimants/no-such-claimant`)
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('Claimant not found.')
})
