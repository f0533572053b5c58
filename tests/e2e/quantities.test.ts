import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

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

const QUESTION = 'How many drones came on the nights of 8 and 9 June?'

/** A dispute of this test's own: two claimants' claims, no numbers yet. */
async function numbersDispute(): Promise<{ id: string }> {
  const send = httpClient(server.url)
  const cookie = await signIn(send, 'checker')
  const api: Send = (path, init = {}) => send(path, { ...init, cookie })
  const made = async (path: string, json: unknown) => {
    const res = await api(path, { method: 'POST', json })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as { id: string }
  }
  const dispute = await made('/api/disputes', { title: 'Counting drones', question: QUESTION })
  const officials = await made('/api/claimants', { name: 'Regional officials', kind: 'government' })
  const airForce = await made('/api/claimants', { name: 'Air command', kind: 'military' })
  await made(`/api/disputes/${dispute.id}/claims`, {
    claimantId: officials.id,
    text: 'Over 300 drones were launched overnight.',
  })
  await made(`/api/disputes/${dispute.id}/claims`, {
    claimantId: airForce.id,
    text: 'A record 479 drones were launched overnight; 460 were shot down or jammed.',
  })
  return dispute
}

/** Fills one number's row of the claim form. */
async function fillNumber(
  row: Locator,
  q: { measure: string; qualifier?: string; value: string; unit: string; from: string; to: string },
) {
  await row.getByLabel('What is counted').fill(q.measure)
  if (q.qualifier) await row.getByLabel('Qualifier').selectOption({ label: q.qualifier })
  await row.getByLabel('Value', { exact: true }).fill(q.value)
  await row.getByLabel('Unit').fill(q.unit)
  await row.getByLabel('Period from').fill(q.from)
  await row.getByLabel('Period to').fill(q.to)
}

async function editClaim(page: Page, claimant: string) {
  await page.getByRole('button', { name: `Edit claim of ${claimant}` }).click()
  return page.getByRole('form', { name: 'Edit claim' })
}

describe('numbers that know what they count', () => {
  it('are edited as a list on a phone, compared like with like with reasons, and drawn per measure with a table', async () => {
    const dispute = await numbersDispute()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await signInAs(page, server.url, 'checker')
    await page.goto(`${server.url}/disputes/${dispute.id}`)
    await page.getByRole('heading', { name: QUESTION, level: 1 }).waitFor()

    // The officials: one number, added by keyboard from the "Add a number" button.
    let form = await editClaim(page, 'Regional officials')
    await form.getByRole('button', { name: '+ Add a number' }).focus()
    await page.keyboard.press('Enter')
    // The new row's first field has the keyboard.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder')))
      .toBe('drones launched')
    await fillNumber(form.getByRole('group', { name: 'Number 1' }), {
      measure: 'drones launched',
      qualifier: 'at least',
      value: '300',
      unit: 'drones',
      from: '2025-06-09',
      to: '2025-06-10',
    })
    await form.getByRole('group', { name: 'Number 1' }).getByLabel('Place').fill('Ukraine')
    await form.getByRole('button', { name: 'Save claim' }).click()
    await page
      .getByText('at least 300 drones launched on the night of 9–10 June 2025 in Ukraine', { exact: true })
      .waitFor()

    // The air command: three numbers, one removed again.
    form = await editClaim(page, 'Air command')
    for (let i = 0; i < 3; i++) await form.getByRole('button', { name: '+ Add a number' }).click()
    await fillNumber(form.getByRole('group', { name: 'Number 1' }), {
      measure: 'drones launched',
      value: '479',
      unit: 'drones',
      from: '2025-06-08',
      to: '2025-06-09',
    })
    await fillNumber(form.getByRole('group', { name: 'Number 2' }), {
      measure: 'rockets',
      value: '1',
      unit: 'rockets',
      from: '2025-06-08',
      to: '2025-06-09',
    })
    await fillNumber(form.getByRole('group', { name: 'Number 3' }), {
      measure: 'UAVs intercepted',
      value: '460',
      unit: 'UAVs',
      from: '2025-06-08',
      to: '2025-06-09',
    })
    await form.getByRole('button', { name: 'Remove number 2' }).click()
    expect(await form.getByRole('group', { name: /^Number \d$/ }).count()).toBe(2)
    await expectNoSeriousA11yViolations(page)
    await form.getByRole('button', { name: 'Save claim' }).click()
    await page.getByText('460 UAVs intercepted on the night of 8–9 June 2025', { exact: true }).waitFor()

    // The comparison: not comparable, with its reasons in words.
    const compared = page.getByRole('region', { name: 'Numbers compared' })
    const verdicts = compared.locator('.quantity-verdict')
    await expect.poll(() => verdicts.count()).toBe(2)
    const texts = await verdicts.allInnerTexts()
    expect(texts.join('\n')).not.toMatch(/Cannot both be true|Can both be true/)
    expect(texts.some((t) => t.includes('different nights: 9–10 June vs 8–9 June'))).toBe(true)
    expect(texts.some((t) => t.includes('different measures: launched vs intercepted'))).toBe(true)
    expect(texts.every((t) => t.startsWith('Not comparable'))).toBe(true)

    // A chart per measure: a named number line and its table.
    const chart = compared.getByRole('figure', { name: 'drones launched (drones)' })
    const line = chart.getByRole('img')
    // Its name is a sentence with the claims' own words in their direction, read from the element it names.
    const label = await line.evaluate(
      (el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
    )
    expect(label).toContain('Regional officials: at least 300 drones, 9–10 June 2025, Ukraine')
    expect(label).toContain('Air command: 479 drones, 8–9 June 2025')
    await compared.getByRole('figure', { name: 'UAVs intercepted (UAVs)' }).waitFor()
    await chart.getByText('Table of drones launched (drones)').click()
    const table = chart.getByRole('table')
    expect(await table.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/Claimant\s+Number\s+Period\s+Place/),
      expect.stringMatching(/Regional officials\s+at least 300 drones\s+9–10 June 2025\s+Ukraine/),
      expect.stringMatching(/Air command\s+479 drones\s+8–9 June 2025\s+not given/),
    ])
    await compared.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'quantities-phone')
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expectNoSeriousA11yViolations(page)

    // The same night: now the numbers can be compared, and they can both be true.
    form = await editClaim(page, 'Air command')
    const first = form.getByRole('group', { name: 'Number 1' })
    await first.getByLabel('Period from').fill('2025-06-09')
    await first.getByLabel('Period to').fill('2025-06-10')
    await form.getByRole('button', { name: 'Save claim' }).click()
    const can = compared.locator('.quantity-verdict', { hasText: 'Can both be true' })
    await can.waitFor()
    expect(await can.textContent()).toContain(
      'both count drones launched on the night of 9–10 June in Ukraine',
    )
    expect(await can.textContent()).toContain('at least 300 and 479 overlap at 479')

    // A bad range is refused by the server, named under its field.
    form = await editClaim(page, 'Air command')
    await form.getByRole('group', { name: 'Number 1' }).getByLabel('To value').fill('400')
    await form.getByRole('button', { name: 'Save claim' }).click()
    await form.getByText('To value must not be less than the value it runs from.').waitFor()
    await context.close()
  })
})
