import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let dispute: OwnDispute
const tag = randomUUID().slice(0, 6)
const MINISTRY = `Ministry ${tag}`
const GOVERNOR = `Governor ${tag}`
const MAYOR = `Mayor ${tag}`

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  dispute = await createDispute(httpClient(server.url), {
    title: `Relations and origins ${tag}`,
    question: `What did the strikes hit? (${tag})`,
    claims: [
      { claimant: { name: MINISTRY, kind: 'military' }, text: 'All designated objects were hit.' },
      { claimant: { name: GOVERNOR, kind: 'government' }, text: 'A maternity hospital was hit.' },
      { claimant: { name: MAYOR, kind: 'government' }, text: 'Seven districts were hit.' },
    ],
    evidence: [
      {
        title: 'Wire story',
        kind: 'news_report',
        url: 'https://example.org/wire',
        origin: 'Reuters wire, 10 June',
      },
      { title: 'Outlet copy', kind: 'news_report', url: 'https://example.org/copy' },
      { title: 'Hospital photos', kind: 'photo', url: 'https://example.org/photos' },
    ],
    stances: [
      { evidence: 'Wire story', claimant: GOVERNOR, stance: 'supports' },
      { evidence: 'Outlet copy', claimant: GOVERNOR, stance: 'supports' },
      { evidence: 'Hospital photos', claimant: GOVERNOR, stance: 'supports' },
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function openWorkbench(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  const page = await context.newPage()
  await signInAs(page, server.url, 'checker')
  await page.goto(`${server.url}/disputes/${dispute.id}`)
  await page.getByRole('heading', { name: dispute.question, level: 1 }).waitFor()
  return page
}

const relationButton = (page: Page, one: string, other: string) =>
  page
    .locator('.relation-gutter')
    .getByRole('button', { name: new RegExp(`^How ${one}'s claim relates to ${other}'s claim`) })

describe('relations between claims and evidence origins in the workbench', () => {
  it('sets a relation by keyboard between the columns, and lists every pair', async () => {
    const page = await openWorkbench(1440)
    const between = relationButton(page, MINISTRY, GOVERNOR)
    await expect.poll(() => between.getAttribute('aria-label')).toMatch(/: Not set$/)
    await between.focus()
    await page.keyboard.press('Enter')
    const menu = page.getByRole('dialog', { name: `How ${MINISTRY}'s claim relates to ${GOVERNOR}'s claim` })
    await menu.waitFor()
    // The menu opens on "None"; Home is the first choice, Contradicts; ArrowDown moves to Compatible, and
    // Enter (the note untouched) is the whole decision.
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowDown')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Compatible')
    await page.keyboard.press('Enter')
    await menu.waitFor({ state: 'detached' })
    await expect.poll(() => between.getAttribute('aria-label')).toMatch(/: Compatible$/)
    await expect.poll(() => between.textContent()).toContain('Compatible')
    // The focus is back on the control.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toMatch(/: Compatible$/)
    // Three claims: every pair is listed, the ministry and the mayor too (they are not adjacent).
    const list = page.getByRole('region', { name: 'How the claims relate' })
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3)
    await expect
      .poll(() =>
        list
          .getByRole('button', {
            name: new RegExp(`^How ${MINISTRY}'s claim relates to ${GOVERNOR}'s claim`),
          })
          .getAttribute('aria-label'),
      )
      .toMatch(/: Compatible$/)
    await list
      .getByRole('button', { name: new RegExp(`^How ${MINISTRY}'s claim relates to ${MAYOR}'s claim`) })
      .waitFor()
    // A note: the menu again, the note typed, Set.
    await between.press('Enter')
    await menu.waitFor()
    await menu.getByLabel('Note').fill('Both can hold.')
    await menu.getByRole('button', { name: 'Set', exact: true }).press('Enter')
    await page.getByRole('region', { name: 'How the claims relate' }).getByText('Both can hold.').waitFor()
    await expect.poll(() => between.getAttribute('aria-label')).toMatch(/: Compatible$/)
    await expectNoSeriousA11yViolations(page)
    await page.context().close()
  })

  it('groups the matrix by origin once an item names the same origin, counting it once', async () => {
    const page = await openWorkbench(1440)
    await page.getByRole('button', { name: 'Outlet copy', exact: true }).click()
    await page.getByRole('button', { name: /^Edit evidence “Outlet copy”/ }).click()
    // The dispute's origins are offered; a different spelling is the same origin.
    const origin = page.getByLabel('Origin', { exact: true })
    await expect
      .poll(() => page.locator('datalist option').first().getAttribute('value'))
      .toBe('Reuters wire, 10 June')
    await origin.fill('reuters wire,  10 June')
    await page.getByRole('button', { name: 'Save evidence' }).click()
    await page.getByText('Same origin: Reuters wire, 10 June').waitFor()
    await page.getByText('2 items, counted once').waitFor()
    // The governor's column counts two independent origins supporting it, not three items.
    const header = page.getByRole('columnheader', { name: new RegExp(GOVERNOR) })
    await expect.poll(() => header.textContent()).toContain('2 for · 0 against')
    await expectNoSeriousA11yViolations(page)
    await page.context().close()
  })

  it('works on a phone', async () => {
    const page = await openWorkbench(390)
    await relationButton(page, MINISTRY, GOVERNOR).waitFor()
    await page.getByText('Same origin: Reuters wire, 10 June').waitFor()
    await expectNoSeriousA11yViolations(page)
    await page.context().close()
  })
})
