import { randomUUID } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let own: OwnDispute

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  own = await createDispute(httpClient(server.url), {
    title: 'Strikes of 10 June',
    question: `Who was asked for comment (${randomUUID().slice(0, 8)})?`,
    claims: [
      {
        claimant: { name: 'Ministry of Defence', kind: 'military' },
        text: 'All designated objects were hit.',
      },
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

it('logs an attempt and records the reply by keyboard on a phone-sized workbench, axe-clean', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  try {
    const page = await context.newPage()
    await signInAs(page, server.url, 'checker')
    await page.goto(`${server.url}/disputes/${own.id}`)
    const section = page.getByRole('region', { name: /^Right of reply/ })
    await section.getByText('No attempt to reach the claimant is logged yet.').waitFor()

    const add = section.getByRole('button', { name: /^Add an attempt/ })
    await add.focus()
    await page.keyboard.press('Enter')
    expect(await add.getAttribute('aria-expanded')).toBe('true')
    await section.getByLabel('Whom you asked', { exact: true }).fill("the ministry's press office")
    await section.getByLabel('How', { exact: true }).selectOption('email')
    await section.getByLabel('Asked on', { exact: true }).fill('2025-06-10')
    await section
      .getByLabel('What you asked', { exact: true })
      .fill('Was the maternity hospital among the designated objects?')
    // A deadline before the question is refused in words, under its field.
    await section.getByLabel('Reply by (optional)', { exact: true }).fill('2025-06-09')
    await section.getByRole('button', { name: 'Log the attempt' }).press('Enter')
    await section.getByText('Reply by cannot be before the day you asked.').waitFor()
    await section.getByLabel('Reply by (optional)', { exact: true }).fill('2025-06-11')
    await section.getByRole('button', { name: 'Log the attempt' }).press('Enter')
    await section
      .getByText(
        "Asked the ministry's press office by email on 10 Jun 2025: “Was the maternity hospital among the designated objects?” — no reply by 11 Jun 2025",
      )
      .waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expectNoSeriousA11yViolations(page)

    await section
      .getByRole('button', { name: "Record the reply of the ministry's press office" })
      .press('Enter')
    await section.getByLabel('Their reply', { exact: true }).fill('All designated objects were military.')
    await section.getByLabel('Replied on', { exact: true }).fill('2025-06-11')
    await section.getByRole('button', { name: 'Save the reply' }).press('Enter')
    await section
      .getByText('— replied on 11 Jun 2025: “All designated objects were military.”', { exact: false })
      .waitFor()

    // Removed by mistake, and put back.
    await section.getByRole('button', { name: /^Remove the attempt/ }).press('Enter')
    await section.getByText('No attempt to reach the claimant is logged yet.').waitFor()
    await section.getByRole('button', { name: 'Undo' }).press('Enter')
    await section.getByText('All designated objects were military.', { exact: false }).waitFor()
    await expectNoSeriousA11yViolations(page)
  } finally {
    await context.close()
  }
})
