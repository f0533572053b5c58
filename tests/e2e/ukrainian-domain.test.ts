import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { latinTexts, untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

// A Ukrainian desk: the public pages in COUNTERCLAIM_LOCALE=uk and the workbench's numbers in the interface's
// Ukrainian. No English catalogue text and no Latin word outside what people typed may show.

const DRONES = 'How many drones did Russia launch at Ukraine on the nights of 9 and 10 June 2025?'

let server: ServerHandle
let browser: Browser

beforeAll(async () => {
  server = await startServer({ env: { COUNTERCLAIM_LOCALE: 'uk' } })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The seeded drones dispute's id and its published claims' ids. */
async function dronesDispute(): Promise<{ id: string; claimIds: string[] }> {
  const send = httpClient(server.url)
  const cookie = await signIn(send, 'checker')
  const list = await (await send('/api/disputes?limit=100', { cookie })).json()
  const found = list.items.find((d: { question: string }) => d.question === DRONES)
  expect(found, DRONES).toBeTruthy()
  const workbench = await (await send(`/api/disputes/${found.id}`, { cookie })).json()
  const claimIds = workbench.claims
    .filter((c: { verdict: { status: string } | null }) => c.verdict?.status === 'published')
    .map((c: { id: string }) => c.id)
  expect(claimIds.length).toBeGreaterThan(0)
  return { id: found.id, claimIds }
}

async function expectUkrainian(page: Page) {
  expect(await untranslatedTexts(page, 'uk')).toEqual([])
  expect(await latinTexts(page)).toEqual([])
  await expectNoSeriousA11yViolations(page)
}

describe('the desk in Ukrainian', () => {
  it('writes the public pages of a verdict and of a dispute in Ukrainian', async () => {
    const dispute = await dronesDispute()
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()

    await page.goto(`${server.url}/v/${dispute.claimIds[0]}`)
    await page.getByRole('heading', { name: /^Наша оцінка:/, level: 2 }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk')
    expect(await page.getByRole('banner').textContent()).toContain('Фактчек')
    await expectUkrainian(page)

    await page.goto(`${server.url}/d/${dispute.id}`)
    await page.getByRole('heading', { name: 'Числа поруч', level: 2 }).waitFor()
    const table = page.getByRole('region', { name: /: числа у вигляді таблиці$/ }).first()
    expect(await table.textContent()).toMatch(/червня 2025 р\./)
    await expectUkrainian(page)
    await page.context().close()
  })

  it('compares the workbench’s numbers in Ukrainian', async () => {
    const dispute = await dronesDispute()
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    await signInAs(page, server.url, 'checker')
    await page.evaluate(() => localStorage.setItem('counterclaim.locale', 'uk'))
    await page.goto(`${server.url}/disputes/${dispute.id}`)
    const compared = page.getByRole('region', { name: 'Порівняння чисел' })
    await compared.locator('.quantity-verdict').first().waitFor()
    expect(await untranslatedTexts(compared, 'uk')).toEqual([])
    expect(await latinTexts(compared)).toEqual([])
    // The reasons quote the claims' own words, and say the rest in Ukrainian.
    const reasons = (await compared.locator('.quantity-reasons').allInnerTexts()).join('\n')
    expect(reasons).toMatch(/різні ночі: 9–10 червня і 8–9 червня|різні ночі: 8–9 червня і 9–10 червня/)
    expect(reasons).not.toMatch(/different|vs /)
    const table = compared.getByRole('figure').first().locator('details')
    await table.locator('summary').click()
    expect(await untranslatedTexts(table, 'uk')).toEqual([])
    expect(await latinTexts(table)).toEqual([])
    await expectNoSeriousA11yViolations(page)
    await context.close()
  })
})
