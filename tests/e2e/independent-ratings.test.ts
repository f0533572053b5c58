import { randomUUID } from 'node:crypto'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

// Two raters in two browser contexts: the checker Taras Bondar and the editor Ana Petrenko
// (tests/support/app-over.ts names the test accounts).
const TARAS = 'Taras Bondar'
const ANA = 'Ana Petrenko'

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

async function person(role: TestRole, viewport = { width: 1440, height: 900 }) {
  const context: BrowserContext = await browser.newContext({ viewport })
  const page = await context.newPage()
  await signInAs(page, server.url, role)
  return { context, page }
}

/** A dispute of the test's own with independent ratings on and one claim, made through the API. */
async function ratedDispute(): Promise<{ disputeId: string; claimId: string; question: string }> {
  const send = httpClient(server.url)
  const cookie = await signIn(send, 'checker')
  const post = async (path: string, json: unknown) => {
    const res = await send(path, { method: 'POST', json, cookie })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as { id: string }
  }
  const question = `How many drones were launched on 9 June? (${randomUUID().slice(0, 8)})`
  const dispute = await post('/api/disputes', { title: 'Drones, 9 June', question, independentRatings: true })
  const claimant = await post('/api/claimants', {
    name: 'Ukrainian Air Force',
    kind: 'military',
    allowDuplicate: true,
  })
  const claim = await post(`/api/disputes/${dispute.id}/claims`, {
    claimantId: claimant.id,
    text: 'Russia launched a record 479 drones at Ukraine overnight.',
  })
  return { disputeId: dispute.id, claimId: claim.id, question }
}

const column = (page: Page, claimId: string): Locator => page.locator(`article[data-claim-id="${claimId}"]`)

async function rate(page: Page, claimId: string, rating: string, note: string) {
  const col = column(page, claimId)
  await col.getByRole('combobox', { name: 'Your rating' }).selectOption({ label: rating })
  await col.getByRole('textbox', { name: 'Why (optional)' }).fill(note)
  await col.getByRole('button', { name: 'Submit my rating' }).click()
}

describe('independent ratings in the workbench', () => {
  it('keeps the first rating from the second rater until they rate, then shows both side by side', async () => {
    const own = await ratedDispute()
    const taras = await person('checker')
    const ana = await person('editor')
    const secret = `Counted the night before ${randomUUID().slice(0, 6)}`
    for (const p of [taras.page, ana.page]) {
      await p.goto(`${server.url}/disputes/${own.disputeId}`)
      await p.getByRole('heading', { name: own.question, level: 1 }).waitFor()
    }

    await column(taras.page, own.claimId).getByText('No ratings in yet (2 needed)').waitFor()
    await rate(taras.page, own.claimId, 'False', secret)
    const tarasColumn = column(taras.page, own.claimId)
    await tarasColumn.getByText('1 of 2 ratings in').waitFor()
    await tarasColumn.getByText(secret, { exact: false }).waitFor()

    // Ana sees that one rating is in, and nothing of what it says, even after a reload.
    const anaColumn = column(ana.page, own.claimId)
    await anaColumn.getByText('1 of 2 ratings in').waitFor()
    await ana.page.reload()
    await anaColumn.getByText('1 of 2 ratings in').waitFor()
    expect(await ana.page.content()).not.toContain(secret)
    // No rating badge in her ratings part: only the form for her own.
    expect(
      await anaColumn
        .getByRole('region', { name: /Independent ratings/ })
        .locator('.badge')
        .count(),
    ).toBe(0)
    await expectNoSeriousA11yViolations(ana.page)

    // Her verdict draft cannot take a rating yet.
    await anaColumn.getByRole('button', { name: /Draft verdict/ }).click()
    const editor = ana.page.getByRole('region', { name: /Verdict on/ })
    await editor.getByText(/can be set once both checkers have rated it/).waitFor()
    expect(await editor.getByRole('combobox', { name: 'Rating' }).isDisabled()).toBe(true)
    await editor.getByRole('button', { name: 'Close' }).click()

    await rate(ana.page, own.claimId, 'Mostly false', 'A floor, not a count.')
    await anaColumn.getByText('Raters disagree').waitFor()
    const sideBySide = anaColumn.getByRole('list').filter({ hasText: TARAS })
    const items = await sideBySide.getByRole('listitem').allInnerTexts()
    expect(items).toHaveLength(2)
    expect(items[0]).toContain(TARAS)
    expect(items[0]).toContain('False')
    expect(items[0]).toContain(secret)
    expect(items[1]).toContain(ANA)
    expect(items[1]).toContain('Mostly false')
    await expectNoSeriousA11yViolations(ana.page)

    // Taras's page learns of it live.
    await tarasColumn.getByText('Raters disagree').waitFor()
    await tarasColumn.getByText('A floor, not a count.').waitFor()

    // The verdict draft offers both ratings to start from.
    await anaColumn.getByRole('button', { name: /Draft verdict/ }).click()
    const choice = ana.page.getByRole('group', { name: /The raters disagree/ })
    await choice.getByRole('button', { name: `Use False (${TARAS})` }).click()
    expect(await editor.getByRole('combobox', { name: 'Rating' }).inputValue()).toBe('false')
    await expectNoSeriousA11yViolations(ana.page)

    await taras.context.close()
    await ana.context.close()
  })
})

describe('the rater agreement page', () => {
  it('shows agreement and kappa per rating, and says when a period has no pairs; on a phone too', async () => {
    const ana = await person('editor', { width: 390, height: 844 })
    await ana.page.goto(`${server.url}/`)
    // On a phone the navigation is behind the header's menu.
    await ana.page.getByRole('banner').getByRole('button', { name: 'Menu' }).click()
    await ana.page.getByRole('link', { name: 'Rater agreement' }).click()
    await ana.page.getByRole('heading', { name: 'Rater agreement', level: 1 }).waitFor()
    // The seeded drone claims: agreed on 479, split on "over 300".
    const table = ana.page.getByRole('table', { name: /Agreement per rating/ })
    await table.waitFor()
    await ana.page.getByText(/of \d+ \(\d+%\)/).waitFor()
    await table.getByRole('row', { name: /^Misleading/ }).waitFor()
    // The table's title is not cut off by the table's sideways scroll on a phone.
    const title = await ana.page.getByRole('heading', { name: /^Agreement per rating/ }).boundingBox()
    expect((title?.x ?? 0) + (title?.width ?? 0)).toBeLessThanOrEqual(390)
    await expectNoSeriousA11yViolations(ana.page)

    await ana.page.getByLabel('From').fill('2001-01-01')
    await ana.page.getByLabel('To').fill('2001-01-31')
    await ana.page.getByRole('button', { name: 'Show period' }).click()
    await ana.page.getByText('No claim has two ratings in this period').waitFor()
    expect(ana.page.url()).toContain('from=2001-01-01')
    await expectNoSeriousA11yViolations(ana.page)
    await ana.context.close()
  })
})
