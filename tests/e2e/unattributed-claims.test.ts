// An unattributed claim (no known speaker) made in the workbench: the claim form offers the choice, the claim's
// column and the claim log say "Unattributed", and the claim log's claimant filter finds exactly those claims.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
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

const CLAIM = 'Air-raid sirens sounded over the harbour before midnight.'

it('adds an unattributed claim in the workbench, and shows it as Unattributed in its column and the claim log', async () => {
  await page.goto(`${server.url}/disputes`)
  await page.getByRole('button', { name: 'New dispute' }).click()
  await page.getByLabel('Title').fill('Sirens over the harbour')
  await page.getByLabel('Question').fill('Did the sirens sound before midnight?')
  await page.getByRole('button', { name: 'Create dispute' }).click()
  await page.getByRole('heading', { name: 'Did the sirens sound before midnight?', level: 1 }).waitFor()

  await page.getByRole('button', { name: '+ Add claim' }).click()
  await page.getByLabel('Who made the claim').selectOption({ label: 'Unattributed (no known speaker)' })
  await page.getByLabel('Claim, verbatim').fill(CLAIM)
  await page.getByRole('button', { name: 'Add claim' }).click()
  const column = page.getByRole('article', { name: 'Unattributed' })
  await column.getByRole('heading', { name: 'Unattributed', level: 3 }).waitFor()
  await column.locator('blockquote', { hasText: CLAIM }).waitFor()
  // No claimant to link to, no kind to show.
  expect(await column.getByRole('heading', { level: 3 }).getByRole('link').count()).toBe(0)
  await page.getByRole('button', { name: 'Edit claim of Unattributed' }).waitFor()
  await expectNoSeriousA11yViolations(page)

  // Editing keeps the choice: the form opens on it.
  await page.getByRole('button', { name: 'Edit claim of Unattributed' }).click()
  expect(await page.getByLabel('Who made the claim').inputValue()).toBe('unattributed')
  await page.getByRole('button', { name: 'Cancel' }).click()

  await page.goto(`${server.url}/claim-log`)
  await page.getByRole('table', { name: 'Claim log' }).waitFor()
  const row = page.getByRole('row', { name: new RegExp(CLAIM) })
  await row.getByText('Unattributed', { exact: true }).waitFor()

  await page.getByLabel('Claimant').selectOption({ label: 'Unattributed' })
  await expect.poll(() => new URL(page.url()).search).toBe('?claimantId=none')
  const rows = page.locator('.log-table tbody tr:not([aria-hidden])')
  await expect.poll(() => rows.count()).toBe(1)
  expect(await rows.first().textContent()).toContain(CLAIM)
  expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
    '/api/claim-log.csv?claimantId=none',
  )
  await expectNoSeriousA11yViolations(page)
})
