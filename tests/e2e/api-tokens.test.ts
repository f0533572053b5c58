import { randomUUID } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let send: Send

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  send = httpClient(server.url)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const withToken = (token: string) => send('/api/disputes', { headers: { authorization: `Bearer ${token}` } })

it('a person makes an API token on their account screen, copies it once, sees it used, and revokes it, on a phone', async () => {
  // An account of its own, made through the API, so its tokens are this test's alone.
  const admin = await signIn(send, 'admin')
  const email = `tokens-${randomUUID().slice(0, 8)}@example.org`
  const password = 'a password for the token test'
  const made = await send('/api/users', {
    method: 'POST',
    cookie: admin,
    json: { email, name: 'Iryna Integrator', role: 'checker', password },
  })
  expect(made.status).toBe(201)

  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  const page = await context.newPage()
  await page.goto(server.url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()

  // On a phone the account's link is behind the header's menu.
  await page.getByRole('banner').getByRole('button', { name: 'Menu' }).click()
  await page.getByRole('link', { name: 'Your account' }).click()
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor()
  const tokens = page.getByRole('region', { name: 'API tokens' })
  await tokens.getByText('You have no API tokens.').waitFor()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expectNoSeriousA11yViolations(page)

  // A name is needed: the server's words stand under the field.
  const form = page.getByRole('form', { name: 'New token' })
  await form.getByRole('button', { name: 'Create token' }).click()
  const name = form.getByLabel('Name')
  await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true')

  // By keyboard: the name, the scope, Enter.
  await name.fill('Newsletter export')
  await form.getByRole('radio', { name: /Read and write.*as far as your role \(Checker\) allows/ }).check()
  await name.press('Enter')
  const shown = page.getByRole('region', { name: 'Your new token “Newsletter export”' })
  await shown.getByText('Copy it now: you will not see this again.').waitFor()
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
    'Your new token “Newsletter export”',
  )
  const token = await shown.getByLabel('Token (read and write)').inputValue()
  expect(token).toMatch(/^cc_[A-Za-z0-9_-]{43}$/)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expectNoSeriousA11yViolations(page)
  await saveScreenshot(page, 'api-token-shown-once', true)

  await shown.getByRole('button', { name: 'Copy token' }).click()
  await shown.getByText('Copied to the clipboard.').waitFor()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)

  // The token works, and the list shows when it was last used; the token itself is never on the page again.
  expect((await withToken(token)).status).toBe(200)
  await shown.getByRole('button', { name: 'I have copied it' }).click()
  await shown.waitFor({ state: 'detached' })
  await page.reload()
  const item = tokens.getByRole('listitem').filter({ hasText: 'Newsletter export' })
  await item.getByText('Read and write').waitFor()
  expect(await item.getByText('Never').count()).toBe(0)
  expect(await page.content()).not.toContain(token)
  await expectNoSeriousA11yViolations(page)

  // Revoke, by keyboard: Escape backs out of the question, then Revoke token does it.
  const revoke = item.getByRole('button', { name: 'Revoke “Newsletter export”' })
  await revoke.focus()
  await page.keyboard.press('Enter')
  const keep = item.getByRole('button', { name: 'Keep it' })
  await expect.poll(() => keep.evaluate((el) => el === document.activeElement)).toBe(true)
  await item.getByText('Anything that uses it stops working at once.', { exact: false }).waitFor()
  await expectNoSeriousA11yViolations(page)
  await page.keyboard.press('Escape')
  await expect.poll(() => revoke.evaluate((el) => el === document.activeElement)).toBe(true)
  expect((await withToken(token)).status).toBe(200)

  await page.keyboard.press('Enter')
  await item.getByRole('button', { name: 'Revoke token' }).click()
  await tokens.getByText('“Newsletter export” is revoked', { exact: false }).waitFor()
  await tokens.getByText('You have no API tokens.').waitFor()
  expect((await withToken(token)).status).toBe(401)
  await expectNoSeriousA11yViolations(page)
  await context.close()
})
