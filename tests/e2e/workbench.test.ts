import { stanceCellAt } from '@counterclaim/domain'
import type { Workbench } from '@counterclaim/shared'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { copyOfSeeded, type OwnDispute, type VerdictChanges } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { chooseStance, stanceCell, stanceMenu, stanceName } from '../support/stance-cells.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

const QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'

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

async function newPage(role: TestRole, base = server.url): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await signInAs(page, base, role)
  return page
}

/** A client of the API that is not the page: another person at another desk. */
async function otherDesk(role: TestRole, base = server.url): Promise<Send> {
  const send = httpClient(base)
  const cookie = await signIn(send, role)
  return (path, init = {}) => send(path, { ...init, cookie })
}

async function seededDispute(): Promise<Workbench> {
  const api = await otherDesk('checker')
  const list = (await (await api(`/api/disputes?q=${encodeURIComponent('Kyiv and Odesa')}`)).json()) as {
    items: { id: string; question: string }[]
  }
  const id = list.items.find((d) => d.question === QUESTION)?.id
  expect(id).toBeTruthy()
  return (await (await api(`/api/disputes/${id}`)).json()) as Workbench
}

async function openWorkbench(page: Page, dispute: { id: string; question?: string }) {
  await page.goto(`${server.url}/disputes/${dispute.id}`)
  await page.getByRole('heading', { name: dispute.question ?? QUESTION, level: 1 }).waitFor()
}

/** A copy of the seeded dispute of this test's own, verdicts as seeded unless told otherwise. */
function ownDispute(verdicts?: VerdictChanges): Promise<OwnDispute> {
  return copyOfSeeded(httpClient(server.url), QUESTION, { verdicts })
}

describe('the shell and the dispute list', () => {
  it('shows navigation by role, filters kept in the address, and the claims and verdict states of each dispute', async () => {
    const page = await newPage('checker')
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const name of ['My work', 'Disputes', 'Claim log', 'Claimants']) {
      await nav.getByRole('link', { name }).waitFor()
    }
    expect(await nav.getByRole('link', { name: 'Review queue' }).count()).toBe(0)
    await page.getByText('(checker)').waitFor()
    // The list is one step from the signed-in home (my work).
    await nav.getByRole('link', { name: 'Disputes' }).click()
    await page.getByRole('heading', { name: 'Disputes', level: 1 }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/disputes')
    expect(await nav.getByRole('link', { name: 'Disputes' }).getAttribute('aria-current')).toBe('page')

    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: QUESTION }) })
    await row.waitFor()
    await row.getByText('Russian Ministry of Defence').waitFor()
    expect(await row.getByText('Published').count()).toBeGreaterThan(0)
    expect(await row.getByText('In review').count()).toBeGreaterThan(0)
    await saveScreenshot(page, 'dispute-list')
    await expectNoSeriousA11yViolations(page)

    await page.getByLabel('Tag', { exact: true }).fill('numbers')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('tag')).toBe('numbers')
    await page.getByRole('link', { name: /How many drones/ }).waitFor()
    await expect.poll(() => page.getByRole('link', { name: QUESTION }).count()).toBe(0)
    await page.reload()
    expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe('numbers')
    await page.getByRole('link', { name: /How many drones/ }).waitFor()

    await page.getByLabel('Status').selectOption('closed')
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('closed')
    await page.getByText('No dispute matches these filters.').waitFor()

    const editor = await newPage('editor')
    await editor
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Review queue' })
      .waitFor()
  })

  it('pages a long list: a hundred disputes, then more on request', async () => {
    // A server of its own: a hundred new disputes would push every other test's rows off the first page.
    const own = await startServer()
    onTestFinished(() => own.stop().then(() => undefined))
    const api = await otherDesk('checker', own.url)
    for (let n = 1; n <= 101; n += 1) {
      const res = await api('/api/disputes', {
        method: 'POST',
        json: { title: `Bulk ${n}`, question: `Bulk question ${n}?`, tags: ['bulk'] },
      })
      expect(res.status).toBe(201)
    }
    const page = await newPage('checker', own.url)
    await page.goto(`${own.url}/disputes?tag=bulk`)
    const rows = page.getByRole('list', { name: 'Disputes' }).locator(':scope > li')
    await expect.poll(() => rows.count()).toBe(100)
    await page.getByRole('button', { name: 'Show more disputes' }).click()
    await expect.poll(() => rows.count()).toBe(101)
    expect(await page.getByRole('button', { name: 'Show more disputes' }).count()).toBe(0)
  })

  it('creates a dispute and goes to its workbench; a refused create keeps the input and says why', async () => {
    const page = await newPage('checker')
    await page.goto(`${server.url}/disputes`)
    await page.getByRole('button', { name: 'New dispute' }).click()
    await page.getByLabel('Title').fill('Kherson dam, June 2023')
    await page.getByLabel('Question').fill('Who destroyed the Kakhovka dam on 6 June 2023?')
    // A tag longer than the contract allows: the API's message, and nothing typed is lost.
    await page.getByLabel('Tags').fill(`ukraine, ${'d'.repeat(61)}`)
    await page.getByRole('button', { name: 'Create dispute' }).click()
    await page.getByRole('alert').filter({ hasText: 'The dispute was not created.' }).waitFor()
    expect(await page.getByLabel('Question').inputValue()).toBe(
      'Who destroyed the Kakhovka dam on 6 June 2023?',
    )
    await page.getByLabel('Tags').fill('ukraine, dam')
    await page.getByRole('button', { name: 'Create dispute' }).click()
    await page
      .getByRole('heading', { name: 'Who destroyed the Kakhovka dam on 6 June 2023?', level: 1 })
      .waitFor()
    expect(new URL(page.url()).pathname).toMatch(/^\/disputes\/[0-9a-f-]{36}$/)
    await page.getByText('No evidence yet.').waitFor()
    await expectNoSeriousA11yViolations(page)

    // Add the first claim in place, creating its claimant on the way.
    await page.getByRole('button', { name: '+ Add claim' }).click()
    await page.getByRole('button', { name: 'New claimant…' }).click()
    await page.getByLabel('Name').fill('Ukrainian General Staff')
    await page.getByLabel('Kind').selectOption('military')
    await page.getByRole('button', { name: 'Create claimant' }).click()
    await expect.poll(() => page.getByLabel('Who made the claim').inputValue()).not.toBe('')
    await page
      .getByLabel('Claim, verbatim')
      .fill('Russian forces blew up the dam of the Kakhovka power plant.')
    await page.getByRole('button', { name: 'Add claim' }).click()
    await page.getByRole('heading', { name: 'Ukrainian General Staff', level: 3 }).waitFor()
    await page
      .locator('blockquote', { hasText: 'Russian forces blew up the dam of the Kakhovka power plant.' })
      .waitFor()

    // Edit the claim in place: a short form and a quantity.
    await page.getByRole('button', { name: 'Edit claim of Ukrainian General Staff' }).click()
    await page.getByLabel('Short form').fill('Russia blew up the dam')
    await page.getByRole('button', { name: 'Save claim' }).click()
    await page.getByText('Russia blew up the dam', { exact: true }).waitFor()

    // Add evidence with its Admiralty grade, open it, edit it, and weigh it against the claim.
    await page.getByRole('button', { name: '+ Add evidence' }).click()
    await page.getByLabel('Title').fill('Seismic record of an explosion at 02:54')
    await page.getByLabel('Kind').selectOption('dataset')
    await page.getByLabel('Source', { exact: true }).fill('NORSAR')
    await page.getByLabel('URL', { exact: true }).fill('https://www.norsar.no/')
    await page.getByLabel('Excerpt, verbatim').fill('Signals consistent with an explosion were recorded.')
    await page.getByLabel('Source reliability (A–F)').selectOption('A')
    await page.getByLabel('Information credibility (1–6)').selectOption('2')
    await page.getByRole('button', { name: 'Add evidence', exact: true }).click()
    await page.getByRole('cell', { name: 'A2', exact: true }).waitFor()
    await page.getByRole('button', { name: 'Seismic record of an explosion at 02:54', exact: true }).click()
    await page.getByText('Signals consistent with an explosion were recorded.').waitFor()
    await page.getByRole('button', { name: /^Edit evidence/ }).click()
    await page.getByLabel('Information credibility (1–6)').selectOption('1')
    await page.getByRole('button', { name: 'Save evidence' }).click()
    await page.getByRole('cell', { name: 'A1', exact: true }).waitFor()
    await chooseStance(page, 'Seismic record of an explosion at 02:54', 'Ukrainian General Staff', 'Supports')
    await expect
      .poll(() => stanceName(page, 'Seismic record of an explosion at 02:54', 'Ukrainian General Staff'))
      .toMatch(/: supports$/)
    await expectNoSeriousA11yViolations(page)

    // Close the dispute.
    await page.getByRole('button', { name: 'Edit dispute' }).click()
    await page.getByLabel('Status').selectOption('closed')
    await page.getByRole('button', { name: 'Save dispute' }).click()
    await page.locator('.dispute-head').getByText('closed').waitFor()
    await saveScreenshot(page, 'new-dispute-workbench', true)
  })
})

describe('the workbench', () => {
  it("shows the ministry's and the governor's claims side by side at 1440 × 900", async () => {
    const seeded = await seededDispute()
    const page = await newPage('checker')
    await openWorkbench(page, seeded)
    const column = (name: string) =>
      page.locator('article.claim-column').filter({ has: page.getByRole('heading', { name, level: 3 }) })
    const mod = await column('Russian Ministry of Defence').boundingBox()
    const kiper = await column('Oleg Kiper').boundingBox()
    expect(mod && kiper).toBeTruthy()
    if (!mod || !kiper) return
    // Same row: the tops line up; adjacent: the governor's column starts right after the ministry's.
    expect(Math.abs(mod.y - kiper.y)).toBeLessThan(2)
    expect(kiper.x).toBeGreaterThan(mod.x + mod.width)
    expect(kiper.x - (mod.x + mod.width)).toBeLessThan(40)
    expect(kiper.x + kiper.width).toBeLessThanOrEqual(1440)
    expect(await page.title()).toBe('Strikes on Kyiv and Odesa, 10 June 2025 · Counterclaim')
    // A checker sees the review waiting, and no editor's actions.
    await column('Oleg Kiper').getByText('Waiting for an editor’s review.').waitFor()
    expect(await page.getByRole('button', { name: /^(Publish|Return)/ }).count()).toBe(0)
    await saveScreenshot(page, 'workbench')
    await saveScreenshot(page, 'workbench-full', true)
    await expectNoSeriousA11yViolations(page)
  })

  it('fits four claims side by side at 1280 px and scrolls sideways for more', async () => {
    const api = await otherDesk('checker')
    const json = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBe(201)
      return (await res.json()) as { id: string }
    }
    const dispute = await json(
      await api('/api/disputes', {
        method: 'POST',
        json: { title: 'Six voices', question: 'How many people attended the rally?' },
      }),
    )
    const claimant = await json(
      await api('/api/claimants', {
        method: 'POST',
        json: { name: 'Rally organisers', kind: 'ngo' },
      }),
    )
    const page = await newPage('checker')
    await page.setViewportSize({ width: 1280, height: 800 })
    const columns = page.locator('.claim-columns')
    for (let n = 1; n <= 6; n += 1) {
      await json(
        await api(`/api/disputes/${dispute.id}/claims`, {
          method: 'POST',
          json: {
            claimantId: claimant.id,
            text: `Estimate number ${n}: ${n * 10000} people attended.`,
            quantity: { value: n * 10000, unit: 'people', qualifier: 'approx' },
          },
        }),
      )
      if (n !== 4 && n !== 6) continue
      await page.goto(`${server.url}/disputes/${dispute.id}`)
      await page.locator('blockquote', { hasText: `Estimate number ${n}:` }).waitFor()
      const boxes = await page
        .locator('article.claim-column')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))
      expect(boxes).toHaveLength(n)
      // The first four sit on one row, inside the window.
      for (const box of boxes.slice(0, 4)) {
        expect(Math.abs(box.y - (boxes[0]?.y ?? 0))).toBeLessThan(2)
        expect(box.right).toBeLessThanOrEqual(1280)
      }
      const overflow = await columns.evaluate((el) => el.scrollWidth - el.clientWidth)
      if (n === 4) expect(overflow).toBeLessThanOrEqual(0)
      else expect(overflow).toBeGreaterThan(0)
      // The page itself never scrolls sideways: only the row of claims does.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
    }
    await page.getByText('Cannot both be true').first().waitFor()
    await page.getByRole('button', { name: 'Show all 15 comparisons' }).waitFor()
    await saveScreenshot(page, 'workbench-six-claims-1280')
  })

  it('says the seeded drone counts are not comparable, and why: different nights, different measures', async () => {
    const api = await otherDesk('checker')
    const list = (await (await api('/api/disputes?tag=numbers')).json()) as { items: { id: string }[] }
    const page = await newPage('checker')
    expect(list.items).toHaveLength(1)
    await page.goto(`${server.url}/disputes/${list.items[0]?.id}`)
    await page.getByRole('heading', { name: /How many drones/, level: 1 }).waitFor()
    const compared = page.getByRole('region', { name: 'Numbers compared' })
    await compared
      .getByRole('listitem')
      .filter({ hasText: 'Not comparable' })
      .filter({ hasText: '479 drones launched on the night of 8–9 June 2025' })
      .filter({ hasText: 'different nights: 9–10 June vs 8–9 June' })
      .waitFor()
    await compared
      .getByRole('listitem')
      .filter({ hasText: 'Not comparable' })
      .filter({ hasText: 'different measures: launched vs intercepted' })
      .first()
      .waitFor()
    expect(await compared.getByText('Cannot both be true').count()).toBe(0)
    await compared.getByRole('figure', { name: 'drones launched (drones)' }).waitFor()
  })

  it('sets a stance from the cell menu by pointer and by keyboard, one save per decision, and both survive a reload', async () => {
    const own = await ownDispute()
    const page = await newPage('checker')
    await openWorkbench(page, own)
    const statement = 'Ministry of Defence statement, 10 June'
    expect(await stanceName(page, statement, 'Oleg Kiper')).toBe(
      `Stance of ${statement} on Oleg Kiper's claim: none`,
    )
    const puts: number[] = []
    page.on('response', (r) => {
      if (r.url().endsWith('/api/stances') && r.request().method() === 'PUT') puts.push(r.status())
    })

    // By pointer: none → supports (the cell is created) → contradicts (changed with If-Match), one save each.
    await chooseStance(page, statement, 'Oleg Kiper', 'Supports')
    await expect.poll(() => stanceName(page, statement, 'Oleg Kiper')).toMatch(/: supports$/)
    await expect.poll(() => puts).toEqual([201])
    await chooseStance(page, statement, 'Oleg Kiper', 'Contradicts')
    await expect.poll(() => stanceName(page, statement, 'Oleg Kiper')).toMatch(/: contradicts$/)
    await expect.poll(() => puts).toEqual([201, 200])

    // By keyboard: the arrow moves to the mayor's claim; Enter opens its menu on the current choice ("None"),
    // the arrows move between choices, Enter on one sets it and gives the focus back to the cell.
    const activeName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')
    const activeText = () => page.evaluate(() => document.activeElement?.textContent ?? '')
    await stanceCell(page, statement, 'Oleg Kiper').focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(activeName).toBe(`Stance of ${statement} on Vitali Klitschko's claim: none`)
    await page.keyboard.press('Enter')
    const menu = stanceMenu(page, statement, 'Vitali Klitschko')
    await menu.waitFor()
    await expect
      .poll(() => menu.getByRole('menuitemradio', { name: 'None', exact: true }).getAttribute('aria-checked'))
      .toBe('true')
    await expect.poll(activeText).toMatch(/None$/)
    await page.keyboard.press('ArrowDown')
    await expect.poll(activeText).toMatch(/Supports$/)
    await page.keyboard.press('Enter')
    await menu.waitFor({ state: 'detached' })
    await expect.poll(() => stanceName(page, statement, 'Vitali Klitschko')).toMatch(/: supports$/)
    await expect.poll(() => puts).toEqual([201, 200, 201])
    await expect.poll(activeName).toMatch(/on Vitali Klitschko's claim: supports$/)

    // Space opens it too; Escape closes it unchanged, with the focus back on the cell and nothing saved.
    await page.keyboard.press('Space')
    await menu.waitFor()
    await page.keyboard.press('ArrowDown')
    await expect.poll(activeText).toMatch(/Contradicts$/)
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })
    await expect.poll(activeName).toMatch(/on Vitali Klitschko's claim: supports$/)
    await page.keyboard.press('Space')
    await menu.waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => stanceName(page, statement, 'Vitali Klitschko')).toMatch(/: contradicts$/)
    await expect.poll(() => puts).toEqual([201, 200, 201, 200])

    // The matrix's own arrow keys still move between cells.
    await page.keyboard.press('ArrowLeft')
    await expect.poll(activeName).toBe(`Stance of ${statement} on Oleg Kiper's claim: contradicts`)

    await page.reload()
    await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
    expect(await stanceName(page, statement, 'Oleg Kiper')).toMatch(/: contradicts$/)
    expect(await stanceName(page, statement, 'Vitali Klitschko')).toMatch(/: contradicts$/)
  })

  it('sets a stance with a note from the menu by keyboard on a phone: one history event, and the note shows', async () => {
    const own = await ownDispute()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    onTestFinished(() => context.close())
    const page = await context.newPage()
    await signInAs(page, server.url, 'checker')
    await openWorkbench(page, own)
    const statement = 'Ministry of Defence statement, 10 June'
    const kiper = own.workbench.claims.find((c) => c.claimant?.name === 'Oleg Kiper')
    const ministry = own.workbench.evidence.find((e) => e.title === statement)
    expect(kiper && ministry).toBeTruthy()
    const note = 'The ministry names a military target; the photos show the hospital.'
    const puts: number[] = []
    page.on('response', (r) => {
      if (r.url().endsWith('/api/stances') && r.request().method() === 'PUT') puts.push(r.status())
    })

    await stanceCell(page, statement, 'Oleg Kiper').focus()
    await page.keyboard.press('Enter')
    const menu = stanceMenu(page, statement, 'Oleg Kiper')
    await menu.waitFor()
    const box = await menu.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844).toBe(
      true,
    )
    await expectNoSeriousA11yViolations(page)
    await page.keyboard.press('ArrowUp') // from "None" to "Context"
    await page.keyboard.press('Space')
    await expect
      .poll(() =>
        menu.getByRole('menuitemradio', { name: 'Context', exact: true }).getAttribute('aria-checked'),
      )
      .toBe('true')
    await page.keyboard.press('Tab')
    await page.keyboard.type(note)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter') // Set
    await menu.waitFor({ state: 'detached' })
    await expect.poll(() => stanceName(page, statement, 'Oleg Kiper')).toMatch(/: context$/)
    await expect.poll(() => puts).toEqual([201])
    await saveScreenshot(page, 'stance-menu-phone')

    // Exactly one event in the claim's history for that cell, with the stance and the note together.
    const api = await otherDesk('editor')
    const history = (await (await api(`/api/history?entity=claim&id=${kiper?.id}&limit=100`)).json()) as {
      items: {
        entity: string
        action: string
        after: { evidenceId?: string; stance?: string; note?: string }
      }[]
    }
    const events = history.items.filter((e) => e.entity === 'stance' && e.after?.evidenceId === ministry?.id)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ action: 'created', after: { stance: 'context', note } })

    // The note shows with the evidence, and in the cell's menu when it opens again.
    await page.getByRole('button', { name: statement, exact: true }).click()
    await page
      .getByRole('listitem')
      .filter({ hasText: `Context Oleg Kiper's claim: ${note}` })
      .waitFor()
    await stanceCell(page, statement, 'Oleg Kiper').click()
    await expect.poll(() => menu.getByLabel(/^Note/).inputValue()).toBe(note)
  })

  it('orders evidence rows so that what supports one claim and contradicts another comes first', async () => {
    const seeded = await seededDispute()
    const page = await newPage('checker')
    await openWorkbench(page, seeded)
    // The first evidence row (an origin's header row, when several items share one, is not a row of evidence).
    const first = page
      .locator('table.matrix tbody tr:not(.origin-group-head)')
      .first()
      .getByRole('button')
      .first()
    // The wire report and the photos both support one claim and contradict the ministry's.
    expect(await first.textContent()).toMatch(/News report|Photos of the damaged maternity hospital/)
    await page
      .getByRole('button', { name: 'Photos of the damaged maternity hospital in Odesa', exact: true })
      .click()
    await page.getByText('Photographs show blown-out windows').waitFor()
    await page.getByText('B2').first().waitFor()
    await saveScreenshot(page, 'evidence-details')
    await expectNoSeriousA11yViolations(page)
  })

  it('refuses a stale stance change with a conflict message, rolls it back and overwrites nothing', async () => {
    const own = await ownDispute()
    const page = await newPage('checker')
    // A page that has not heard of the change: its live stream is cut, so the cell still shows the old stance.
    await page.route('**/api/disputes/*/events', (route) => route.abort())
    await openWorkbench(page, own)
    const photos = own.workbench.evidence.find((e) => e.title.startsWith('Photos'))
    const kiperClaim = own.workbench.claims.find((c) => c.claimant?.name === 'Oleg Kiper')
    const current = own.cellOf('Photos of the damaged maternity hospital in Odesa', 'Oleg Kiper')
    expect(current.stance).toBe('supports')

    // Behind the page's back, another desk sets the cell to context.
    const api = await otherDesk('editor')
    const res = await api('/api/stances', {
      method: 'PUT',
      headers: { 'if-match': `"${current.version}"` },
      json: { evidenceId: photos?.id, claimId: kiperClaim?.id, stance: 'context' },
    })
    expect(res.status).toBe(200)

    const title = 'Photos of the damaged maternity hospital in Odesa'
    expect(await stanceName(page, title, 'Oleg Kiper')).toBe(
      `Stance of ${title} on Oleg Kiper's claim: supports`,
    )
    await chooseStance(page, title, 'Oleg Kiper', 'Contradicts')
    const alert = page.getByRole('alert').filter({ hasText: 'nothing was overwritten' })
    await alert.waitFor()
    await expect.poll(() => stanceName(page, title, 'Oleg Kiper')).toMatch(/: supports$/)
    const after = (await (await api(`/api/disputes/${own.id}`)).json()) as Workbench
    const cell = stanceCellAt(
      after.matrix,
      after.evidence.findIndex((e) => e.id === photos?.id),
      after.claims.findIndex((c) => c.id === kiperClaim?.id),
    )
    expect(cell?.stance).toBe('context')
    await saveScreenshot(page, 'workbench-conflict')
    await alert.getByRole('button', { name: 'Reload the record' }).click()
    await expect.poll(() => stanceName(page, title, 'Oleg Kiper')).toMatch(/: context$/)
  })

  it('refuses a stale verdict save with a conflict message, keeps the input, and reloads on request', async () => {
    const own = await ownDispute()
    const page = await newPage('checker')
    await openWorkbench(page, own)
    const mayor = own.workbench.claims.find((c) => c.claimant?.name === 'Vitali Klitschko')
    await page.getByRole('button', { name: "Edit draft on Vitali Klitschko's claim" }).click()
    await page.getByLabel('Summary').fill('Changed in the page')

    const api = await otherDesk('editor')
    const res = await api(`/api/claims/${mayor?.id}/verdict`, {
      method: 'PUT',
      headers: { 'if-match': `"${mayor?.verdict?.version}"` },
      json: { summary: 'Changed at another desk' },
    })
    expect(res.status).toBe(200)

    await page.getByRole('button', { name: 'Save draft' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'nothing was overwritten' })
    await alert.waitFor()
    expect(await page.getByLabel('Summary').inputValue()).toBe('Changed in the page')
    const after = (await (await api(`/api/disputes/${own.id}`)).json()) as {
      claims: { id: string; verdict: { summary: string } | null }[]
    }
    expect(after.claims.find((c) => c.id === mayor?.id)?.verdict?.summary).toBe('Changed at another desk')
    await alert.getByRole('button', { name: 'Reload the record' }).click()
    await expect.poll(() => page.getByLabel('Summary').inputValue()).toBe('Changed at another desk')
  })

  it('drafts a verdict with a Markdown preview and cited evidence, and submits it for review', async () => {
    const own = await ownDispute()
    const page = await newPage('checker')
    await openWorkbench(page, own)
    await page.getByRole('button', { name: "Edit draft on Vitali Klitschko's claim" }).click()
    await page.getByLabel('Rating').selectOption('mostly_true')
    await page
      .getByLabel('Summary')
      .fill('One killed and four wounded, as the mayor said; seven districts confirmed.')
    await page
      .getByLabel('Rationale', { exact: true })
      .fill('The wire report matches the **casualty figures**.')
    await page.getByRole('button', { name: 'Preview' }).click()
    await page
      .getByRole('region', { name: 'Rationale preview' })
      .locator('strong', { hasText: 'casualty figures' })
      .waitFor()
    await page.getByRole('checkbox', { name: /News report: Russia strikes Kyiv and Odesa/ }).check()
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByText('Draft saved.').waitFor()
    await saveScreenshot(page, 'verdict-editor')
    await expectNoSeriousA11yViolations(page)

    await page
      .getByRole('region', { name: "Verdict on Vitali Klitschko's claim" })
      .getByRole('button', { name: 'Submit for review' })
      .click()
    const column = page
      .locator('article.claim-column')
      .filter({ has: page.getByRole('heading', { name: 'Vitali Klitschko' }) })
    await column.getByText('In review').waitFor()
    await column.getByText('Mostly true').waitFor()

    const api = await otherDesk('checker')
    const after = (await (await api(`/api/disputes/${own.id}`)).json()) as {
      claims: {
        claimant: { name: string }
        verdict: { status: string; rating: string; citedEvidenceIds: string[] } | null
      }[]
    }
    const verdict = after.claims.find((c) => c.claimant?.name === 'Vitali Klitschko')?.verdict
    expect(verdict?.status).toBe('in_review')
    expect(verdict?.rating).toBe('mostly_true')
    expect(verdict?.citedEvidenceIds).toHaveLength(1)

    // The history panel of that claim shows the submission.
    await column.getByRole('button', { name: /^History/ }).click()
    await page
      .locator('#history')
      .getByText(/submitted a verdict for review/)
      .first()
      .waitFor()
  })

  it('lets an editor publish a verdict in review, and the public page shows it', async () => {
    // The mayor's verdict is in review too, as a checker submitted it.
    const own = await ownDispute({ 'Vitali Klitschko': { state: 'in_review' } })
    const page = await newPage('editor')
    await openWorkbench(page, own)
    const column = page
      .locator('article.claim-column')
      .filter({ has: page.getByRole('heading', { name: 'Oleg Kiper', level: 3 }) })
    await column.getByText('In review').waitFor()

    // The mayor's verdict goes back with a note.
    const mayor = page
      .locator('article.claim-column')
      .filter({ has: page.getByRole('heading', { name: 'Vitali Klitschko', level: 3 }) })
    await mayor.getByRole('button', { name: "Return… on Vitali Klitschko's claim" }).click()
    await mayor.getByLabel('Note to the author').fill('Name the seven districts and cite the city list.')
    await mayor.getByRole('button', { name: 'Return to draft' }).click()
    await mayor.getByText('Returned: Name the seven districts and cite the city list.').waitFor()
    await mayor.getByText('Draft', { exact: true }).waitFor()

    await column.getByRole('button', { name: "Publish on Oleg Kiper's claim" }).click()
    await column.getByText('Published', { exact: true }).waitFor()
    await column.getByRole('link', { name: /^Public page/ }).click()
    await page.waitForURL(/\/v\/[0-9a-f-]{36}$/)
    await page
      .getByText('A maternity hospital, an emergency ward and homes in Odesa were damaged')
      .first()
      .waitFor()
  })
})
