import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLAIM_LOG_CSV_HEADER, csvLine } from '../../packages/domain/src/index.ts'
import type { ClaimLogRow } from '../../packages/shared/src/index.ts'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { HEADERS } from '../support/claim-log.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { ARTIFACTS } from '../support/template-db.ts'
import { latinTexts, untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let seeded: ClaimLogRow

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const page = await openPage('editor')
  seeded = (await logRows(page)).find((r) => r.claimant === 'Oleg Kiper') as ClaimLogRow
  if (!seeded) throw new Error('the seeded Kiper claim is missing')
  await page.context().close()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function openPage(role: TestRole, options: { locale?: 'uk'; width?: number } = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
  })
  const page = await context.newPage()
  await signInAs(page, server.url, role)
  // Signed in, the interface then starts in Ukrainian on every page it loads.
  if (options.locale) {
    const locale = options.locale
    await context.addInitScript((l) => localStorage.setItem('counterclaim.locale', l), locale)
  }
  return page
}

/** The claim log's rows as the API gives them to this page's session (the first 500). */
async function logRows(page: Page, query = ''): Promise<ClaimLogRow[]> {
  const res = await page.request.get(`${server.url}/api/claim-log?limit=500${query ? `&${query}` : ''}`)
  expect(res.status()).toBe(200)
  return ((await res.json()) as { items: ClaimLogRow[] }).items
}

/** A CSV file of rows given by header (the rest empty), as the export writes it. */
function csvFile(rows: Array<Record<string, string>>): string {
  return CLAIM_LOG_CSV_HEADER + rows.map((row) => csvLine(HEADERS.map((h) => row[h] ?? ''))).join('')
}

const asUpload = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
})

/** Three rows: two in a new dispute, one joining the seeded dispute by its id. */
function goodFile(tag: string) {
  return csvFile([
    {
      dispute_title: `Imported dispute ${tag}`,
      claimant: `Speaker ${tag}`,
      claim_text: `First claim ${tag}`,
    },
    {
      dispute_title: `Imported dispute ${tag}`,
      claimant: `Speaker ${tag}`,
      claim_text: `Second claim ${tag}`,
      rating: 'false',
      verdict_summary: 'Not so.',
      verdict_status: 'draft',
    },
    {
      dispute_id: seeded.disputeId,
      dispute_title: seeded.disputeTitle,
      claimant: `Speaker ${tag}`,
      claim_text: `Third claim ${tag}`,
    },
  ])
}

const fileInput = (page: Page, name = 'Choose a CSV file') => page.getByLabel(name)

describe('who imports', () => {
  it('offers checkers no import, and the screen tells them who imports', async () => {
    const page = await openPage('checker')
    await page.goto(`${server.url}/claim-log`)
    await page.getByRole('table', { name: 'Claim log' }).waitFor()
    expect(await page.getByRole('link', { name: 'Import a CSV file' }).count()).toBe(0)
    await page.goto(`${server.url}/claim-log/import`)
    await page.getByRole('alert').filter({ hasText: 'Only editors and admins import' }).waitFor()
    expect(await fileInput(page).count()).toBe(0)
    await page.context().close()
  })
})

describe('the import screen', () => {
  let page: Page
  beforeAll(async () => {
    page = await openPage('editor')
  })
  afterAll(async () => {
    await page?.context().close()
  })

  it('previews a good file without writing it, then imports it and links to what was created', async () => {
    const tag = randomUUID().slice(0, 8)
    const before = await logRows(page)
    await page.goto(`${server.url}/claim-log`)
    await page.getByRole('link', { name: 'Import a CSV file' }).click()
    await page.getByRole('heading', { name: 'Import a CSV file', level: 1 }).waitFor()
    expect(await page.title()).toBe('Import a CSV file · Counterclaim')
    await expectNoSeriousA11yViolations(page)

    const file = goodFile(tag)
    await fileInput(page).setInputFiles(asUpload('desk-archive.csv', file))
    const status = page.getByRole('status').filter({ hasText: 'Preview ready' })
    await status.waitFor()
    expect(await status.textContent()).toBe('Preview ready: 3 rows checked. Nothing has been written yet.')
    expect(await page.getByText('desk-archive.csv').count()).toBe(1)
    expect(await page.getByText(`${Buffer.byteLength(file)} bytes`).count()).toBe(1)
    const created = page.getByRole('region', { name: 'It would create' })
    const count = (label: string) => created.locator('div', { hasText: label }).locator('dd').textContent()
    expect(await count('Claims')).toBe('3')
    expect(await count('Disputes')).toBe('1')
    expect(await count('Claimants')).toBe('1')
    expect(await count('Verdicts')).toBe('1')
    const wouldGo = page.getByRole('region', { name: 'Disputes its rows would go to' })
    expect(await wouldGo.getByRole('listitem').allTextContents()).toEqual([
      `Imported dispute ${tag} 2 claims, new`,
      `${seeded.disputeTitle} 1 claim, already on the desk`,
    ])
    // A dispute the preview would create is not there yet: only the one on the desk links.
    expect(await wouldGo.getByRole('link').count()).toBe(1)
    await saveScreenshot(page, 'claim-log-import-preview')
    await expectNoSeriousA11yViolations(page)
    // Nothing was written.
    expect(await logRows(page)).toEqual(before)

    await page.getByRole('button', { name: 'Import 3 rows' }).click()
    await page.getByRole('status').filter({ hasText: 'Imported 3 rows.' }).waitFor()
    const went = page.getByRole('region', { name: 'Where the claims went' })
    expect(await went.getByRole('link').allTextContents()).toEqual([
      `Imported dispute ${tag}`,
      seeded.disputeTitle,
    ])
    expect(await page.getByRole('region', { name: 'Created' }).locator('dd').allTextContents()).toEqual([
      '3',
      '1',
      '1',
      '1',
      '0',
    ])
    await expectNoSeriousA11yViolations(page)
    const after = await logRows(page)
    expect(after.length).toBe(before.length + 3)
    const newDispute = after.find((r) => r.claimText === `First claim ${tag}`)?.disputeId

    // The result's link leads to the new dispute's workbench; the claim log has the rows.
    await went.getByRole('link', { name: `Imported dispute ${tag}` }).click()
    await page.waitForURL(`${server.url}/disputes/${newDispute}`)
    await page.getByRole('heading', { name: `Imported dispute ${tag}`, level: 1 }).waitFor()
    await page.goBack()
    await page.getByRole('link', { name: 'Open the claim log' }).click()
    await page.waitForURL(`${server.url}/claim-log`)
    await page.getByRole('row', { name: new RegExp(`First claim ${tag}`) }).waitFor()
  })

  it('lists a bad row by line and column, with Import disabled, and writes nothing', async () => {
    const before = await logRows(page)
    await page.goto(`${server.url}/claim-log/import`)
    const tag = randomUUID().slice(0, 8)
    const file = csvFile([
      { dispute_title: `Bad file ${tag}`, claimant: 'Someone', claim_text: 'A fine row' },
      { dispute_title: `Bad file ${tag}`, claimant: 'Someone', claim_text: '' },
      { dispute_title: `Bad file ${tag}`, claimant: 'Someone', claim_text: 'Said', stated_on: '2025-02-30' },
    ])
    // Dropped onto the drop zone rather than chosen.
    await fileInput(page).waitFor({ state: 'attached' })
    await page.evaluate(
      ({ text }) => {
        const data = new DataTransfer()
        data.items.add(new File([text], 'bad-rows.csv', { type: 'text/csv' }))
        const zone = document.querySelector('.import-drop')
        zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
      },
      { text: file },
    )
    const problems = page.getByRole('alert').filter({ hasText: 'problems: nothing was written' })
    await problems.waitFor()
    expect(await problems.getByRole('heading').textContent()).toBe('2 problems: nothing was written')
    expect(await problems.getByRole('listitem').allTextContents()).toEqual([
      'Line 3 · Claim text (claim_text): must not be empty',
      'Line 4 · Date stated (stated_on): must be a real calendar date',
    ])
    expect(await page.getByText('bad-rows.csv').count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Import the file' }).isDisabled()).toBe(true)
    await expectNoSeriousA11yViolations(page)
    expect(await logRows(page)).toEqual(before)
    // "Choose another file" starts again.
    await page.getByRole('button', { name: 'Choose another file' }).click()
    await fileInput(page).waitFor({ state: 'attached' })
    expect(await page.getByRole('alert').count()).toBe(0)
  })

  it('says in words when a file is too large or the server cannot be reached, with the way forward', async () => {
    await page.goto(`${server.url}/claim-log/import`)
    // Playwright hands over files above 50 MB by path.
    const huge = `${ARTIFACTS}huge-${process.pid}.csv`
    writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024 + 1, 'a'))
    try {
      await fileInput(page).setInputFiles(huge)
    } finally {
      rmSync(huge, { force: true })
    }
    await page
      .getByRole('alert')
      .filter({ hasText: 'The file is larger than 50 MiB. Split it into smaller files and import each one.' })
      .waitFor()
    await page.getByRole('button', { name: 'Choose another file' }).click()

    // The connection fails: said so, and trying again (once it is back) gives the preview.
    await page.route('**/api/claim-log/import**', (route) => route.abort('connectionrefused'))
    await fileInput(page).setInputFiles(asUpload('offline.csv', goodFile(randomUUID().slice(0, 8))))
    await page.getByRole('alert').filter({ hasText: 'The server could not be reached.' }).waitFor()
    await expectNoSeriousA11yViolations(page)
    await page.unroute('**/api/claim-log/import**')
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('status').filter({ hasText: 'Preview ready: 3 rows checked.' }).waitFor()
  })

  it('shows a 50,000-row file’s progress, cancels an import without writing, then imports it', async () => {
    const tag = randomUUID().slice(0, 8)
    const title = `Fifty thousand ${tag}`
    const filler =
      ' Officials said the figure was higher than reported, and the ministry confirmed it.'.repeat(4)
    let text = CLAIM_LOG_CSV_HEADER
    const claimant = HEADERS.indexOf('claimant')
    const claimText = HEADERS.indexOf('claim_text')
    const disputeTitle = HEADERS.indexOf('dispute_title')
    for (let i = 0; i < 50_000; i++) {
      const cells = HEADERS.map(() => '')
      cells[disputeTitle] = title
      cells[claimant] = `Bulk speaker ${i % 50}`
      cells[claimText] = `Bulk claim ${i} of ${tag}.${filler}`
      text += csvLine(cells)
    }
    const upload = asUpload('fifty-thousand.csv', text)

    // Every value the progress bar shows and every line under it, as the page sets them: no sleeping, no sampling.
    const values: number[] = []
    const lines = new Set<string>()
    await page.exposeFunction('recordProgress', (value: number, line: string) => {
      values.push(value)
      if (line) lines.add(line)
    })
    await page.goto(`${server.url}/claim-log/import`)
    await page.evaluate(() => {
      const record = (window as unknown as { recordProgress: (v: number, line: string) => void })
        .recordProgress
      new MutationObserver(() => {
        const bar = document.querySelector('progress')
        if (bar)
          record(
            Number(bar.getAttribute('value')),
            document.querySelector('.import-progress-text')?.textContent ?? '',
          )
      }).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['value'],
      })
    })

    await fileInput(page).setInputFiles(upload)
    const bar = page.getByRole('progressbar', { name: 'Uploading and checking fifty-thousand.csv' })
    await bar.waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: 'Preview ready: 50,000 rows' })
      .waitFor({ timeout: 120_000 })
    expect(values.some((v) => v > 0 && v < 100)).toBe(true)
    expect(values.at(-1)).toBe(100)

    // The import starts; cancelled while the file is on its way, it writes nothing.
    values.length = 0
    await page.getByRole('button', { name: 'Import 50,000 rows' }).click()
    await expect.poll(() => values.some((v) => v > 0 && v < 90), { timeout: 60_000 }).toBe(true)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('status').filter({ hasText: 'Import cancelled. Nothing was written.' }).waitFor()
    expect(await logRows(page, `q=${tag}`)).toEqual([])

    // Imported again, the dispute is new and no row repeats a claim: the cancelled import left nothing behind
    // (the server runs one import at a time, so this one starts once the cancelled one has rolled back).
    values.length = 0
    await page.getByRole('button', { name: 'Import 50,000 rows' }).click()
    await page.getByRole('status').filter({ hasText: 'Imported 50,000 rows.' }).waitFor({ timeout: 180_000 })
    expect(values.some((v) => v > 0 && v < 100)).toBe(true)
    // Once the whole file had left, the bar said the server was checking and writing until it answered.
    expect(lines).toContain('Checking and writing…')
    const went = page.getByRole('region', { name: 'Where the claims went' })
    expect(await went.getByRole('listitem').allTextContents()).toEqual([`${title} 50,000 claims, new`])
    expect(await page.getByRole('region', { name: 'Created' }).locator('dd').first().textContent()).toBe(
      '50,000',
    )
    await went.getByRole('link', { name: title }).click()
    await page.waitForURL(/\/disputes\/[\w-]+$/)
  }, 420_000)
})

describe('in Ukrainian', () => {
  it('has no English left outside what people wrote, from the empty screen to the result and a refused file', async () => {
    const page = await openPage('editor', { locale: 'uk' })
    const fullyUkrainian = async () => {
      const main = page.locator('main')
      expect(await untranslatedTexts(main, 'uk')).toEqual([])
      expect(await latinTexts(main)).toEqual([])
    }
    await page.goto(`${server.url}/claim-log`)
    await page.getByRole('link', { name: 'Імпортувати файл CSV' }).click()
    await page.getByRole('heading', { name: 'Імпорт файлу CSV', level: 1 }).waitFor()
    await fullyUkrainian()

    const tag = randomUUID().slice(0, 8)
    await fileInput(page, 'Виберіть файл CSV').setInputFiles(asUpload('архів.csv', goodFile(tag)))
    await page.getByRole('status').filter({ hasText: 'Попередній перегляд готовий' }).waitFor()
    await fullyUkrainian()
    await expectNoSeriousA11yViolations(page)

    await page.getByRole('button', { name: 'Імпортувати 3 рядки' }).click()
    await page.getByRole('status').filter({ hasText: 'Імпортовано 3 рядки.' }).waitFor()
    await fullyUkrainian()

    await page.getByRole('button', { name: 'Імпортувати інший файл' }).click()
    const bad = csvFile([{ dispute_title: `Погано ${tag}`, claimant: 'Хтось', claim_text: '' }])
    await fileInput(page, 'Виберіть файл CSV').setInputFiles(asUpload('bad.csv', bad))
    const problems = page.getByRole('alert').filter({ hasText: 'нічого не записано' })
    await problems.waitFor()
    expect(await problems.getByRole('listitem').allTextContents()).toEqual([
      'Рядок 2 · Текст твердження (claim_text): не може бути порожнім',
    ])
    await fullyUkrainian()
    await expectNoSeriousA11yViolations(page)
    await page.context().close()
  })

  it('fits a phone’s width', async () => {
    const page = await openPage('editor', { width: 390 })
    await page.goto(`${server.url}/claim-log/import`)
    await fileInput(page).setInputFiles(asUpload('phone.csv', goodFile(randomUUID().slice(0, 8))))
    await page.getByRole('status').filter({ hasText: 'Preview ready' }).waitFor()
    // The screen's own part (the header's layout on phones is the shell's).
    const widths = await page.locator('.import-page').evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      right: el.getBoundingClientRect().right,
    }))
    expect(widths.scroll).toBeLessThanOrEqual(widths.client)
    expect(widths.right).toBeLessThanOrEqual(390)
    await expectNoSeriousA11yViolations(page)
    await page.context().close()
  })
})
