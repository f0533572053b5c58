import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_ACCOUNTS } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { type ServerHandle, startServer } from '../support/server.ts'

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

it('signs in through the built web app, lands on my work, and sees the seeded dispute in the list', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(server.url)
  await page.getByLabel('Email').fill(TEST_ACCOUNTS.checker.email)
  await page.getByLabel('Password', { exact: true }).fill(TEST_ACCOUNTS.checker.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 15_000 })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Disputes' }).click()
  await expect
    .poll(() => page.getByText('What did the 10 June 2025 strikes on Kyiv and Odesa hit?').count(), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0)
})

it('shows the API message when the password is wrong', async () => {
  const page = await browser.newPage()
  await page.goto(server.url)
  await page.getByLabel('Email').fill(TEST_ACCOUNTS.checker.email)
  await page.getByLabel('Password', { exact: true }).fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toContain('The email or the password is wrong.')
})
