import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { TEST_ACCOUNTS, type TestRole } from './accounts.ts'
import { ARTIFACTS } from './template-db.ts'

/** Signs in through the web app's own form as one of the seeded roles. */
export async function signInAs(page: Page, baseUrl: string, role: TestRole): Promise<void> {
  await page.goto(baseUrl)
  await page.getByLabel('Email').fill(TEST_ACCOUNTS[role].email)
  await page.getByLabel('Password', { exact: true }).fill(TEST_ACCOUNTS[role].password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // Signed in: the header's "Sign out", or on a narrow screen the menu it folds into.
  const header = page.getByRole('banner')
  await header
    .getByRole('button', { name: 'Sign out' })
    .or(header.getByRole('button', { name: 'Menu' }))
    .waitFor({ timeout: 15_000 })
}

/** Runs axe-core on the page as it stands: no serious or critical violations, with the reasons listed. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious).toEqual([])
}

/** Saves a screenshot into tests/.artifacts/screenshots/ (not committed) for people to look at. */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = `${ARTIFACTS}screenshots/`
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: `${dir}${name}.png`, fullPage })
}
