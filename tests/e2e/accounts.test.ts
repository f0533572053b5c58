import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

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

const newPage = async (width = 1440, height = 900) =>
  (await browser.newContext({ viewport: { width, height } })).newPage()

/** An account as the API lists it, found by email (as admin). */
async function accountByEmail(email: string) {
  const admin = await signIn(send, 'admin')
  const res = await send('/api/users?limit=500', { cookie: admin })
  const page = (await res.json()) as { items: Array<{ email: string; role: string; disabled: boolean }> }
  return page.items.find((u) => u.email === email)
}

const apiSignIn = (email: string, password: string) =>
  send('/api/auth/login', { method: 'POST', json: { email, password } }).then((r) => r.status)

/** Signs in through the web app's form with any account. */
async function signInWith(page: Page, email: string, password: string) {
  await page.goto(server.url)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

it('an admin creates an account, changes its role, sets its password and disables it, on a phone-sized screen', async () => {
  const page = await newPage(390, 844)
  await signInAs(page, server.url, 'admin')
  // On a phone the navigation is behind the header's menu.
  await page.getByRole('banner').getByRole('button', { name: 'Menu' }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click()
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor()
  await page.getByRole('heading', { name: 'Ana Petrenko' }).waitFor()
  // Nothing wider than the phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expectNoSeriousA11yViolations(page)

  const email = `desk-${randomUUID().slice(0, 8)}@example.org`
  const name = `Olena ${randomUUID().slice(0, 4)}`
  await page.getByRole('button', { name: 'New account' }).click()
  const form = page.getByRole('form', { name: 'New account' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Email').fill(email)
  await form.getByLabel('Role').selectOption('checker')
  await form.getByLabel('Password').fill('qwerty123456')
  await form.getByRole('button', { name: 'Create account' }).click()
  // The server's reason stands under the field it names, in words starting with its label.
  const passwordField = form.getByLabel('Password')
  await expect.poll(() => passwordField.getAttribute('aria-invalid')).toBe('true')
  const described = (await passwordField.getAttribute('aria-describedby')) ?? ''
  const errorText = await page.locator(`[id="${described.split(' ').pop()}"]`).textContent()
  expect(errorText).toMatch(/^Password is one of the most common passwords/)
  await expectNoSeriousA11yViolations(page)

  const firstPassword = 'first password for the new colleague'
  await passwordField.fill(firstPassword)
  await form.getByRole('button', { name: 'Create account' }).click()
  await page.getByText(`Account created for ${name}.`).waitFor()
  expect(await accountByEmail(email)).toMatchObject({ role: 'checker', disabled: false })

  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) })
  await item.getByLabel(`Role of ${name}`).selectOption('editor')
  await item.getByRole('button', { name: 'Save role' }).click()
  await item.getByText('Role changed to Editor.').waitFor()
  expect(await accountByEmail(email)).toMatchObject({ role: 'editor' })

  await item.getByRole('button', { name: 'Set a new password' }).click()
  const newPassword = item.getByLabel(`New password for ${name}`)
  // The field takes the focus, so the keyboard carries on from where the button was.
  await expect.poll(() => newPassword.evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.type('short')
  await page.keyboard.press('Enter')
  await item.getByText(`New password for ${name} must be at least 12 characters.`).waitFor()
  const secondPassword = 'second password set by the admin'
  await newPassword.fill(secondPassword)
  await page.keyboard.press('Enter')
  await item.getByText(/New password set for .* signed out everywhere/).waitFor()
  expect(await apiSignIn(email, firstPassword)).toBe(401)
  expect(await apiSignIn(email, secondPassword)).toBe(200)

  await item.getByRole('button', { name: 'Disable', exact: true }).click()
  // Disabling asks first; the focus goes to the safe choice.
  const confirm = item.getByRole('button', { name: `Disable ${name}` })
  await confirm.waitFor()
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
  await saveScreenshot(page, 'accounts-confirm-disable', true)
  await expectNoSeriousA11yViolations(page)
  expect(await accountByEmail(email)).toMatchObject({ disabled: false })
  await confirm.click()
  await item.getByText(`${name} is disabled and has been signed out everywhere.`).waitFor()
  await item.getByText('Disabled', { exact: true }).waitFor()
  expect(await accountByEmail(email)).toMatchObject({ disabled: true })
  expect(await apiSignIn(email, secondPassword)).toBe(401)
  await item.getByRole('button', { name: 'Enable' }).waitFor()
  await expectNoSeriousA11yViolations(page)
})

it('the Accounts link is for admins only', async () => {
  const page = await newPage()
  await signInAs(page, server.url, 'editor')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Claim log' }).waitFor()
  expect(await nav.getByRole('link', { name: 'Accounts' }).count()).toBe(0)
  await page.goto(`${server.url}/accounts`)
  await page.getByText('Only admins manage accounts.').waitFor()
})

it('anyone changes their password from their account, then signs in with the new one', async () => {
  // The account this test changes is its own, made through the API first.
  const admin = await signIn(send, 'admin')
  const email = `pw-${randomUUID().slice(0, 8)}@example.org`
  const oldPassword = 'the password I was given'
  const made = await send('/api/users', {
    method: 'POST',
    cookie: admin,
    json: { email, name: 'Mykola Changer', role: 'checker', password: oldPassword },
  })
  expect(made.status).toBe(201)

  const page = await newPage()
  await signInWith(page, email, oldPassword)
  await page.getByRole('link', { name: 'Your account' }).click()
  await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor()
  await page.getByRole('link', { name: 'Change password' }).click()
  await page.getByRole('heading', { name: 'Change password', level: 1 }).waitFor()
  await expectNoSeriousA11yViolations(page)

  const newPassword = 'a passphrase only I know'
  await page.getByLabel('Current password').fill('not what I was given')
  await page.getByLabel('New password', { exact: true }).fill(newPassword)
  await page.getByLabel('New password again').fill(newPassword)
  await page.getByRole('button', { name: 'Change password' }).click()
  await page.getByText('Current password is not your current password.').waitFor()
  expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true')
  await expectNoSeriousA11yViolations(page)

  await page.getByLabel('Current password').fill(oldPassword)
  await page.getByRole('button', { name: 'Change password' }).click()
  await page.getByText('Your password is changed.', { exact: false }).waitFor()
  // This browser stays signed in.
  await page.goto(`${server.url}/claimants`)
  await page.getByRole('heading', { name: 'Claimants', level: 1 }).waitFor()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  await signInWith(page, email, oldPassword)
  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toContain('The email or the password is wrong.')
  await signInWith(page, email, newPassword)
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
  expect(await page.getByText('Mykola Changer').count()).toBeGreaterThan(0)
})
