import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { type LocalServer, localServer } from '../support/local-server.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

const FIXTURES = fileURLToPath(new URL('../fixtures/claim-review/', import.meta.url))
const AFP_PAGE = `${FIXTURES}afp.html`
const AFP_CLAIM = "Video shows an airport flooded by this week's storm"
const CORRECTIV_CLAIM = 'Ein Foto zeigt Bauernproteste mit einer Million Teilnehmern in Berlin'
const DISPUTE_TITLE = 'Strikes on Kyiv and Odesa, 10 June 2025'
const QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'

let server: ServerHandle
let feeds: LocalServer
let browser: Browser

beforeAll(async () => {
  // Another desk's feed, on this machine: the server may reach it only because the test allows
  // private addresses.
  const feed = readFileSync(`${FIXTURES}datafeed.json`, 'utf8')
  feeds = await localServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/ld+json' })
    res.end(feed)
  })
  server = await startServer({ env: { COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: 'on' } })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await feeds?.close()
})

async function newPage(role: TestRole, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage()
  await signInAs(page, server.url, role)
  return page
}

const heading = (page: Page) => page.getByRole('heading', { name: 'Fact-checks from other desks', level: 1 })
const factCheckList = (page: Page) => page.getByRole('list', { name: 'Fact-checks' })
const item = (page: Page, claim: string) =>
  factCheckList(page).getByRole('article', { name: claim, exact: true })

describe('fact-checks from other desks', () => {
  it('lets an editor import a page through the file chooser, find it by publisher and language, and attach it to a dispute', async () => {
    const page = await newPage('editor')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fact-checks' }).click()
    await heading(page).waitFor()
    await page.getByText('No fact-checks yet. Import a page or subscribe to a feed.').waitFor()
    await expectNoSeriousA11yViolations(page)

    // The page goes through the browser's own file chooser, with the address its relative links need.
    await page.getByRole('button', { name: 'Import fact-checks' }).click()
    const panel = page.getByRole('form', { name: 'Import fact-checks' })
    const chooser = page.waitForEvent('filechooser')
    await panel.getByLabel('File', { exact: true }).click()
    await (await chooser).setFiles(AFP_PAGE)
    await panel.getByLabel('Address it came from (optional)').fill('https://factcheck.afp.com/')
    await panel.getByRole('button', { name: 'Import' }).click()
    const status = panel.getByRole('status')
    await status.getByText('1 new, 0 updated, 0 unchanged; 1 skipped', { exact: false }).waitFor()
    expect(await status.textContent()).toContain('Imported from afp.html (')
    const skipped = status.getByRole('list', { name: 'Skipped items' }).getByRole('listitem')
    expect(await skipped.allTextContents()).toEqual([
      'Item 2: JSON-LD block 2 on the page is not valid JSON.',
    ])
    await item(page, AFP_CLAIM).waitFor()
    await saveScreenshot(page, 'fact-checks-imported', true)
    await expectNoSeriousA11yViolations(page)

    // Pasted JSON-LD of another publisher, so the filters have something to leave out.
    await panel.getByLabel('Pasted text').check()
    await panel
      .getByLabel('JSON-LD or a page’s HTML')
      .fill(readFileSync(`${FIXTURES}correctiv-de.json`, 'utf8'))
    await panel.getByText('It will be sent as JSON-LD.').waitFor()
    await panel.getByRole('button', { name: 'Import' }).click()
    await status.getByText('Imported from the pasted text', { exact: false }).waitFor()
    await panel.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => factCheckList(page).getByRole('listitem').count()).toBeGreaterThan(1)

    // Filters by publisher and language, kept in the address.
    await page.getByLabel('Publisher').selectOption('AFP Fact Check')
    await page.getByRole('main').getByLabel('Language').selectOption('en')
    await expect.poll(() => new URL(page.url()).searchParams.get('language')).toBe('en')
    expect(new URL(page.url()).searchParams.get('publisher')).toBe('AFP Fact Check')
    await expect.poll(() => factCheckList(page).getByRole('listitem').count()).toBe(1)
    const afp = item(page, AFP_CLAIM)
    await afp.getByRole('link', { name: 'AFP Fact Check' }).waitFor()
    expect(await afp.textContent()).toContain('Their rating: “Missing context”')
    expect(await afp.locator('.badge').textContent()).toBe('Misleading')
    expect(
      await afp.getByRole('link', { name: `Read their fact-check of “${AFP_CLAIM}”` }).getAttribute('href'),
    ).toBe('https://factcheck.afp.com/doc.afp.com.36GX7QY')
    await page.reload()
    await afp.waitFor()
    expect(await page.getByLabel('Publisher').inputValue()).toBe('AFP Fact Check')
    // A rating no fact-check here has: an empty state that says what to do.
    await page.getByLabel('Rating on our scale').selectOption('true')
    await page.getByText('No fact-checks match these filters.', { exact: false }).waitFor()
    await page.getByLabel('Rating on our scale').selectOption('misleading')
    await afp.waitFor()

    // Attach it to the demo dispute, choosing the dispute with the keyboard.
    await afp.getByRole('button', { name: /^Attach to a dispute/ }).click()
    const combobox = afp.getByRole('combobox', { name: 'Dispute to attach it to' })
    await expect.poll(() => combobox.evaluate((el) => el === document.activeElement)).toBe(true)
    await combobox.pressSequentially('Kyiv and Odesa')
    await afp.getByRole('option', { name: new RegExp(`^${DISPUTE_TITLE}`) }).waitFor()
    await expectNoSeriousA11yViolations(page)
    await combobox.press('ArrowDown')
    await combobox.press('Enter')
    expect(await combobox.inputValue()).toBe(DISPUTE_TITLE)
    await afp.getByRole('button', { name: 'Attach as evidence' }).click()
    await afp.getByText(`Attached to “${DISPUTE_TITLE}” as evidence.`).waitFor()
    await afp.getByRole('link', { name: 'Open the workbench' }).click()
    await page.getByRole('heading', { name: QUESTION, level: 1 }).waitFor()

    // In the workbench: the evidence row carries their rating and ours.
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: /Video shows an airport/ }) })
    await row.waitFor()
    expect(await row.getByRole('rowheader').textContent()).toContain('“Missing context”')
    expect(await row.locator('.badge').textContent()).toBe('Misleading')
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Fact-check by another desk')

    // The workbench's own form attaches one too: the kind asks for the fact-check, found by its words.
    await page.getByRole('button', { name: '+ Add evidence' }).click()
    const form = page.getByRole('form', { name: 'New evidence' })
    await form.getByLabel('Kind').selectOption({ label: 'Fact-check by another desk' })
    const factCheck = form.getByRole('combobox', { name: 'Find the fact-check' })
    await factCheck.fill('Bauernproteste')
    await form.getByRole('option', { name: new RegExp(`^${CORRECTIV_CLAIM}`) }).click()
    expect(await factCheck.inputValue()).toBe(CORRECTIV_CLAIM)
    await form.getByRole('button', { name: 'Add evidence' }).click()
    const second = page.getByRole('row').filter({ has: page.getByRole('button', { name: /Bauernproteste/ }) })
    await second.waitFor()
    expect(await second.getByRole('rowheader').textContent()).toContain('“Fehlender Kontext”')
    await saveScreenshot(page, 'fact-checks-in-workbench', true)
    await expectNoSeriousA11yViolations(page)
  })

  it('leads a search hit of another desk’s fact-check to its own page', async () => {
    const page = await newPage('checker')
    await page.goto(`${server.url}/search?q=airport`)
    const hit = page.getByRole('listitem').filter({ hasText: /^Fact-check elsewhere/ })
    await hit.first().waitFor()
    const link = hit.first().getByRole('link')
    expect(await link.getAttribute('href')).toMatch(/^\/fact-checks\/[^/]+$/)
    await link.click()
    await page.getByRole('heading', { name: AFP_CLAIM, level: 1 }).waitFor()
    await page.getByRole('link', { name: 'https://www.instagram.com/reel/C_example/' }).waitFor()
    await expectNoSeriousA11yViolations(page)
  })

  it('fits a phone: nothing wider than 390 px, the import and attach panels open', async () => {
    const page = await newPage('editor', { width: 390, height: 844 })
    await page.goto(`${server.url}/fact-checks`)
    await heading(page).waitFor()
    await item(page, AFP_CLAIM).waitFor()
    await page.getByRole('button', { name: 'Import fact-checks' }).click()
    await item(page, AFP_CLAIM)
      .getByRole('button', { name: /^Attach to a dispute/ })
      .click()
    await item(page, AFP_CLAIM).getByRole('combobox', { name: 'Dispute to attach it to' }).fill('Kyiv')
    await item(page, AFP_CLAIM).getByRole('option').first().waitFor()
    await saveScreenshot(page, 'fact-checks-phone', true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expectNoSeriousA11yViolations(page)
  })

  it('offers import to editors only and feeds to admins only', async () => {
    const page = await newPage('checker')
    await page.goto(`${server.url}/fact-checks`)
    await item(page, AFP_CLAIM).waitFor()
    expect(await page.getByRole('button', { name: 'Import fact-checks' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Feeds' }).count()).toBe(0)
    await page.goto(`${server.url}/fact-checks/feeds`)
    await page.getByText('Only admins manage feeds.', { exact: false }).waitFor()
  })

  it('lets an admin subscribe to a feed, fetch it now, see how it went, and remove it', async () => {
    const page = await newPage('admin')
    await page.goto(`${server.url}/fact-checks`)
    await page.getByRole('link', { name: 'Feeds' }).click()
    await page.getByRole('heading', { name: 'Feeds of fact-checks', level: 1 }).waitFor()
    await page.getByText('No feeds yet. Subscribe to one above.').waitFor()

    const url = feeds.url('/claimreview.json')
    await page.getByLabel('Feed address').fill(url)
    await page.getByLabel('Fetch it every').selectOption('15')
    await page.getByRole('button', { name: 'Subscribe' }).click()
    await page.getByText(`Subscribed to ${url}. Its first fetch is due now.`).waitFor()

    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: url }) })
    await row.waitFor()
    // The same address again is refused in words, and the form keeps it.
    await page.getByLabel('Feed address').fill(url)
    await page.getByRole('button', { name: 'Subscribe' }).click()
    const refused = page.getByRole('alert').filter({ hasText: 'The feed was not added.' })
    await refused.waitFor()
    expect(await page.getByLabel('Feed address').inputValue()).toBe(url)
    expect(await refused.textContent()).toContain('already subscribed')
    expect(await row.getByRole('cell').first().textContent()).toBe('every 15 minutes')
    // The server's poller may take the first fetch (it is due at once); Fetch now asks for one whenever.
    const fetched = page.waitForResponse(
      (res) => res.request().method() === 'POST' && new URL(res.url()).pathname.endsWith('/fetch'),
    )
    await row.getByRole('button', { name: `Fetch now ${url}` }).click()
    expect((await fetched).status()).toBe(200)
    expect(feeds.received.length).toBeGreaterThan(0)
    // The fixture feed holds four fact-checks and two items that are none.
    const status = row.getByRole('cell').nth(2)
    await expect.poll(() => status.textContent()).toMatch(/^ok/)
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('4')
    await saveScreenshot(page, 'fact-check-feeds', true)
    await expectNoSeriousA11yViolations(page)

    // What the feed brought is in the list.
    await page.goto(`${server.url}/fact-checks?publisher=${encodeURIComponent('Lead Stories')}`)
    await expect.poll(() => factCheckList(page).getByRole('listitem').count()).toBe(4)

    // Remove, after a confirmation.
    await page.goBack()
    await row.getByRole('button', { name: `Remove ${url}` }).click()
    await row.getByText('Stop fetching this feed? The fact-checks it brought stay.').waitFor()
    await row.getByRole('button', { name: 'Remove feed' }).click()
    await page.getByText('No feeds yet. Subscribe to one above.').waitFor()
  })
})
