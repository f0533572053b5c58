import { parse } from 'csv-parse/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { largeClaimLogDb } from '../fixtures/large-claim-log.ts'
import { launchBrowser } from '../support/browser.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function openPage(server: ServerHandle): Promise<Page> {
  // axe-core needs pages of an explicit context.
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await signInAs(page, server.url, 'checker')
  return page
}

const bodyRows = (page: Page) => page.locator('.log-table tbody tr:not([aria-hidden])')
const exportHref = (page: Page) => page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')
const filterQuery = (page: Page) => new URL(page.url()).search

describe('the seeded claim log', () => {
  let server: ServerHandle
  let page: Page
  beforeAll(async () => {
    server = await startServer()
    page = await openPage(server)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('lists every claim with its verdict and links each to its dispute', async () => {
    await page.goto(`${server.url}/claim-log`)
    await page.getByRole('table', { name: 'Claim log' }).waitFor()
    await expect.poll(() => bodyRows(page).count()).toBe(6)
    expect(await page.title()).toBe('Claim log · Counterclaim')
    expect(await page.getByRole('status').filter({ hasText: 'claims' }).textContent()).toBe('6 claims.')
    const modRow = page.getByRole('row', { name: /All designated objects were hit|The goal of the strikes/ })
    expect(await modRow.getByText('Misleading').count()).toBe(1)
    expect(await modRow.getByText('Published', { exact: true }).count()).toBe(1)
    expect(await modRow.getByRole('link').getAttribute('href')).toMatch(/^\/disputes\/[\w-]+$/)
    expect(await exportHref(page)).toBe('/api/claim-log.csv')
    await saveScreenshot(page, 'claim-log')
    await expectNoSeriousA11yViolations(page)
  })

  it('keeps the filters in the address and in the CSV link, and the export has the same rows', async () => {
    await page.goto(`${server.url}/claim-log`)
    await page.getByLabel('Verdict status').selectOption('published')
    await expect.poll(() => filterQuery(page)).toBe('?status=published')
    await page.getByLabel('Rating').selectOption('misleading')
    await page.getByLabel('Tag').fill('strikes')
    await page.getByLabel('Stated from').fill('2025-06-01')
    await page.getByLabel('Stated to').fill('2025-06-30')
    const expected = '?rating=misleading&status=published&from=2025-06-01&to=2025-06-30&tag=strikes'
    await expect.poll(() => filterQuery(page)).toBe(expected)
    await expect.poll(() => exportHref(page)).toBe(`/api/claim-log.csv${expected}`)
    await expect.poll(() => bodyRows(page).count()).toBe(1)

    // A reload (or a shared link) shows the same filters and rows.
    await page.reload()
    expect(await page.getByLabel('Rating').inputValue()).toBe('misleading')
    expect(await page.getByLabel('Tag').inputValue()).toBe('strikes')
    expect(await page.getByLabel('Stated from').inputValue()).toBe('2025-06-01')
    await expect.poll(() => bodyRows(page).count()).toBe(1)

    const csv = await page.request.get(`${server.url}${await exportHref(page)}`)
    expect(csv.status()).toBe(200)
    // Records, not lines: a verdict's rationale may hold line breaks.
    const records = parse(await csv.text()) as string[][]
    expect(records).toHaveLength(2)
    expect(records[1]).toContain('misleading')

    // The dispute and claimant filters are choices, and they reach the link too.
    await page.getByLabel('Claimant').selectOption({ label: 'Russian Ministry of Defence' })
    await expect.poll(() => new URL(page.url()).searchParams.get('claimantId')).toMatch(/^[\w-]+$/)
    const claimantId = new URL(page.url()).searchParams.get('claimantId')
    await expect.poll(() => exportHref(page)).toBe(`/api/claim-log.csv${filterQuery(page)}`)
    expect(await exportHref(page)).toContain(`claimantId=${claimantId}`)
  })

  it('says so when no claim matches, and the search filter narrows the log', async () => {
    await page.goto(`${server.url}/claim-log?status=in_review&rating=false`)
    await page.getByText('No claims match these filters.').waitFor()
    await expectNoSeriousA11yViolations(page)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => filterQuery(page)).toBe('')
    await expect.poll(() => bodyRows(page).count()).toBe(6)

    await page.getByLabel('Search claims').fill('maternity')
    await page.getByLabel('Search claims').press('Enter')
    await expect.poll(() => filterQuery(page)).toBe('?q=maternity')
    await expect.poll(() => exportHref(page)).toBe('/api/claim-log.csv?q=maternity')
    // The ministry's verdict and the governor's claim speak of the maternity hospital.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'claim' }).textContent())
      .toBe('2 claims.')
    expect(await bodyRows(page).count()).toBe(2)
  })

  it('names a filter in the address that it cannot use, and leaves it out', async () => {
    await page.goto(`${server.url}/claim-log?rating=very_true&from=yesterday`)
    await page
      .getByText('Left out of the filters because the log cannot use them: rating=very_true, from=yesterday.')
      .waitFor()
    await expect.poll(() => bodyRows(page).count()).toBe(6)
    expect(await exportHref(page)).toBe('/api/claim-log.csv')
  })

  it('offers the export safe, for Excel or as raw data, warning that raw data is not for spreadsheets', async () => {
    await page.goto(`${server.url}/claim-log?status=published`)
    await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(0)
    const formats = page.getByRole('group', { name: 'Export file' })
    expect(await formats.getByRole('radio', { name: /Safe for spreadsheets/ }).isChecked()).toBe(true)
    expect(await exportHref(page)).toBe('/api/claim-log.csv?status=published')
    const warning = page.getByRole('note')
    expect(await warning.count()).toBe(0)

    // The keyboard reaches the choices: arrows move between radio buttons.
    await formats.getByRole('radio', { name: /Safe for spreadsheets/ }).focus()
    await page.keyboard.press('ArrowRight')
    expect(await formats.getByRole('radio', { name: /For Excel/ }).isChecked()).toBe(true)
    await expect.poll(() => exportHref(page)).toBe('/api/claim-log.csv?status=published&format=excel')
    const excel = await page.request.get(`${server.url}${await exportHref(page)}`)
    expect([...(await excel.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])

    await formats.getByRole('radio', { name: /Raw data/ }).check()
    await expect.poll(() => exportHref(page)).toBe('/api/claim-log.csv?status=published&format=raw')
    await expect.poll(() => warning.textContent()).toContain('not for spreadsheets')
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('aria-describedby')).toBe(
      await warning.getAttribute('id'),
    )
    const raw = await page.request.get(`${server.url}${await exportHref(page)}`)
    expect((await raw.text()).startsWith('claim_id,')).toBe(true)
    await expectNoSeriousA11yViolations(page)

    // On a phone the choices and the warning wrap inside the screen's width.
    await page.setViewportSize({ width: 390, height: 844 })
    await expect
      .poll(() =>
        page.locator('.log-export').evaluate((el) => {
          const box = el.getBoundingClientRect()
          return box.right <= 390 && el.scrollWidth <= el.clientWidth
        }),
      )
      .toBe(true)
    await formats.getByRole('radio', { name: /Safe for spreadsheets/ }).check()
    await expect.poll(() => warning.count()).toBe(0)
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it("says why in the API's words when the log cannot be read", async () => {
    await page.goto(`${server.url}/claim-log`)
    await expect.poll(() => bodyRows(page).count()).toBe(6)
    // The session ends elsewhere (another tab signs out): the next read is refused.
    expect((await page.request.post(`${server.url}/api/auth/logout`)).status()).toBe(200)
    await page.getByLabel('Verdict status').selectOption('draft')
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('The claim log could not be loaded.')
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1)
    await expectNoSeriousA11yViolations(page)
  })
})

describe('a claim log of 100,000 claims', () => {
  const COUNT = 100_000
  let server: ServerHandle
  let page: Page
  beforeAll(async () => {
    server = await startServer({ database: { databasePath: largeClaimLogDb(COUNT) } })
    page = await openPage(server)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('scrolls through page after page with fewer than 200 rows in the DOM', async () => {
    await page.goto(`${server.url}/claim-log`)
    await page.getByRole('table', { name: 'Claim log' }).waitFor()
    const scroller = page.getByRole('region', { name: 'Claim log rows, scrollable' })
    const loaded = async () =>
      Number(
        ((await page.getByRole('status').filter({ hasText: 'claims' }).textContent()) ?? '').replace(
          /\D/g,
          '',
        ),
      )

    const counts: number[] = []
    let lastIndex = 0
    for (let step = 0; step < 60; step++) {
      await scroller.evaluate((el) => el.scrollBy(0, 4000))
      // Let the virtualiser draw the rows for the new position.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      counts.push(await page.locator('.log-table tr').count())
      lastIndex = Number(await bodyRows(page).last().getAttribute('aria-rowindex'))
    }
    expect(Math.max(...counts)).toBeLessThan(200)
    // 60 steps of 4,000 px pass more than one 200-row page; the next pages came as the end neared.
    await expect.poll(loaded, { timeout: 20_000 }).toBeGreaterThan(2000)
    expect(lastIndex).toBeGreaterThan(2000)

    // The rows drawn deep in the log are the right ones: row N holds the (N - 7)th load-test claim.
    const row = bodyRows(page).nth(5)
    const index = Number(await row.getAttribute('aria-rowindex'))
    expect(await row.textContent()).toContain(`Load-test claim ${index - 7}:`)
    await saveScreenshot(page, 'claim-log-100k')
    await expectNoSeriousA11yViolations(page)
  })

  it('finds one claim among them by full-text search', async () => {
    await page.goto(`${server.url}/claim-log?q=12345`)
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /^1 claim\.$/ })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1)
    expect(await bodyRows(page).first().textContent()).toContain('Load-test claim 12345:')
  })

  it('scrolls by keyboard once the table has focus', async () => {
    await page.goto(`${server.url}/claim-log`)
    const scroller = page.getByRole('region', { name: 'Claim log rows, scrollable' })
    await scroller.waitFor()
    await scroller.focus()
    const top = () => scroller.evaluate((el) => el.scrollTop)
    // Where a (possibly smooth) scroll comes to rest: two readings a poll apart agree.
    const settled = async () => {
      let last = -1
      await expect
        .poll(async () => {
          const now = await top()
          const same = now === last
          last = now
          return same
        })
        .toBe(true)
      return last
    }
    expect(await top()).toBe(0)
    await page.keyboard.press('PageDown')
    await expect.poll(top).toBeGreaterThan(0)
    const afterPage = await settled()
    await page.keyboard.press('ArrowDown')
    await expect.poll(top).toBeGreaterThan(afterPage)
    await page.keyboard.press('End')
    await expect.poll(top).toBeGreaterThan(10_000)
    expect(await page.locator('.log-table tr').count()).toBeLessThan(200)
  })
})
