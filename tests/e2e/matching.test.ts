import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, signIn } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

const DEMO_QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'
const PORT_CLAIM =
  'Russian drones struck the grain terminal in Odesa port overnight, setting two silos on fire.'
/** Another desk's fact-check of the same claim, brought in as ClaimReview. */
const CHECKED_CLAIM = 'Russian drones set grain silos on fire at the Odesa port terminal'
const PUBLISHER = 'Harbour Check'
const CLAIM_REVIEW = {
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://harbourcheck.example.org/odesa-grain-silos',
  datePublished: '2025-06-11',
  claimReviewed: CHECKED_CLAIM,
  author: { '@type': 'Organization', name: PUBLISHER, url: 'https://harbourcheck.example.org/' },
  itemReviewed: { '@type': 'Claim', author: { '@type': 'Organization', name: 'Odesa port authority' } },
  reviewRating: {
    '@type': 'Rating',
    ratingValue: 5,
    bestRating: 5,
    worstRating: 1,
    alternateName: 'Accurate',
  },
}
/** The same claim in other words, as a checker would type it from another source. */
const PARAPHRASE = 'Two grain silos caught fire after Russian drones hit the Odesa port terminal overnight'

let server: ServerHandle
let browser: Browser
let portDispute: OwnDispute
let demoId: string

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const send = httpClient(server.url)
  // Another dispute on the desk with the claim the checker is about to type again in other words.
  portDispute = await createDispute(send, {
    title: `Odesa port strike ${randomUUID().slice(0, 8)}`,
    question: 'Was the grain terminal in Odesa port hit on 10 June 2025?',
    claims: [{ claimant: { name: 'Odesa port authority', kind: 'government' }, text: PORT_CLAIM }],
  })
  const editor = await signIn(send, 'editor')
  const imported = await send('/api/fact-checks/import', {
    method: 'POST',
    cookie: editor,
    headers: { 'content-type': 'application/ld+json' },
    body: JSON.stringify(CLAIM_REVIEW),
  })
  if (imported.status !== 200) throw new Error(`the fact-check import answered ${imported.status}`)
  const cookie = await signIn(send, 'checker')
  const list = (await (
    await send(`/api/disputes?q=${encodeURIComponent('Kyiv and Odesa')}`, { cookie })
  ).json()) as { items: { id: string; question: string }[] }
  const demo = list.items.find((d) => d.question === DEMO_QUESTION)
  if (!demo) throw new Error('the demo dispute is missing')
  demoId = demo.id
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** A checker's page on a dispute's workbench: the demo dispute unless told otherwise. */
async function checkerPage(
  viewport: { width: number; height: number },
  dispute: { id: string; question: string } = { id: demoId, question: DEMO_QUESTION },
): Promise<Page> {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await signInAs(page, server.url, 'checker')
  await page.goto(`${server.url}/disputes/${dispute.id}`)
  await page.getByRole('heading', { name: dispute.question, level: 1 }).waitFor()
  return page
}

describe('matching while adding a claim', () => {
  it('shows a similar claim of another dispute and another desk’s fact-check as the claim is typed, links both on save, unlinks and undoes', async () => {
    const page = await checkerPage({ width: 1440, height: 900 })
    await page.getByRole('button', { name: '+ Add claim' }).click()
    const form = page.getByRole('form', { name: 'New claim' })
    const text = form.getByLabel('Claim, verbatim')
    // A few words are not enough to match: the panel says so instead of asking.
    await text.fill('Two grain')
    await form.getByRole('status').filter({ hasText: 'once the claim has a few words' }).waitFor()

    await text.fill(PARAPHRASE)
    const similar = form.getByRole('region', { name: 'Similar claims on this desk' })
    const item = similar.getByRole('listitem').filter({ hasText: 'grain terminal in Odesa port' })
    await item.waitFor()
    // The matched words are marked, as text.
    const marked = await item.locator('mark').allTextContents()
    expect(marked.map((w) => w.toLowerCase())).toEqual(expect.arrayContaining(['grain', 'silos', 'drones']))
    await item.getByRole('link', { name: portDispute.workbench.title }).waitFor()
    await form
      .getByRole('status')
      .filter({ hasText: /^\d+ similar claims? on this desk, \d+ fact-checks? elsewhere\.$/ })
      .waitFor()
    const elsewhere = form.getByRole('region', { name: 'Already checked elsewhere' })
    const check = elsewhere.getByRole('listitem').filter({ hasText: CHECKED_CLAIM.slice(0, 30) })
    await check.getByText(`${PUBLISHER} rated “Accurate”`).waitFor()
    // Their rating label, then ours: 5 of 1–5 maps onto our scale's "True".
    await check.getByText('True', { exact: true }).waitFor()
    const factCheckLink = check.getByRole('link', { name: `Fact-check by ${PUBLISHER}` })
    expect(await factCheckLink.getAttribute('href')).toBe(CLAIM_REVIEW.url)
    expect((await check.locator('mark').allTextContents()).length).toBeGreaterThan(2)

    // Tab from the text reaches the panel: the first link or button in it.
    await text.focus()
    await page.keyboard.press('Tab')
    const focusedInPanel = await page.evaluate(
      () => document.activeElement?.closest('.match-panel') !== null && document.activeElement !== null,
    )
    expect(focusedInPanel).toBe(true)

    const choose = item.getByRole('button', { name: /^Same claim as this/ })
    await choose.click()
    expect(await choose.getAttribute('aria-pressed')).toBe('true')
    const chosen = form.getByRole('region', { name: 'Links to make when the claim is saved' })
    await chosen.getByText(`Same claim as: “${PORT_CLAIM.slice(0, 40)}`).waitFor()
    // Remove, then choose again: nothing is linked before the claim is saved.
    await chosen
      .getByRole('button', { name: /^Remove the link to the claim by Odesa port authority/ })
      .click()
    await expect.poll(() => chosen.count()).toBe(0)
    await choose.click()
    await chosen.waitFor()
    await check.getByRole('button', { name: new RegExp(`^Checked by ${PUBLISHER}`) }).click()
    await chosen.getByText(`Checked by ${PUBLISHER}`).waitFor()
    await saveScreenshot(page, 'matching-add-claim')
    await expectNoSeriousA11yViolations(page)

    await form.getByLabel('Find a claimant').fill('Oleg Kiper')
    await form.getByLabel('Who made the claim').selectOption({ label: 'Oleg Kiper' })
    await form.getByRole('button', { name: 'Add claim' }).click()
    await form.waitFor({ state: 'detached' })

    // The new claim's column shows the link; unlinking offers Undo, which links again.
    const column = page.locator('article.claim-column').filter({ hasText: PARAPHRASE })
    const links = column.getByRole('list', { name: /^Links of / })
    await links.getByText('Same claim as:').waitFor()
    await links.getByRole('link', { name: `“${PORT_CLAIM}”` }).waitFor()
    await links.getByText(`Checked by ${PUBLISHER}`).waitFor()
    await column.getByRole('button', { name: /^Unlink .* from the same claim elsewhere$/ }).click()
    const undo = column.getByRole('button', { name: 'Undo removing the link' })
    await undo.waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Undo')
    await column.getByRole('status').filter({ hasText: 'Link removed' }).waitFor()
    await expect.poll(() => links.getByText('Same claim as:').count()).toBe(0)
    await undo.click()
    await column.getByRole('status').filter({ hasText: 'Link restored' }).waitFor()
    await links.getByRole('link', { name: `“${PORT_CLAIM}”` }).waitFor()

    // Its matches, opened on demand, show the same claim as linked already.
    const disclosure = column.locator('summary', { hasText: 'Matches' })
    await disclosure.click()
    const columnMatch = column
      .getByRole('region', { name: /^Similar claims on this desk of / })
      .getByRole('listitem')
      .filter({ hasText: 'grain terminal in Odesa port' })
    await columnMatch.getByText('Linked').waitFor()
    await expect.poll(async () => (await disclosure.textContent()) ?? '').toMatch(/^Matches \(\d+\)/)
    await saveScreenshot(page, 'matching-claim-column')
    await expectNoSeriousA11yViolations(page)

    // The other claim shows the link from its side.
    const api = httpClient(server.url)
    const cookie = await signIn(api, 'checker')
    const port = portDispute.claimBy('Odesa port authority')
    const theirs = (await (await api(`/api/claims/${port.id}/links`, { cookie })).json()) as {
      items: { linkedClaim: { text: string } | null }[]
    }
    expect(theirs.items.map((l) => l.linkedClaim?.text)).toEqual([PARAPHRASE])
  })

  it('says in words when another desk linked or unlinked first, and reads the links again', async () => {
    const send = httpClient(server.url)
    const own = await createDispute(send, {
      title: `Silo fire ${randomUUID().slice(0, 8)}`,
      question: 'Did drones set the Odesa grain silos on fire?',
      claims: [
        {
          claimant: { name: 'Port workers union', kind: 'ngo' },
          text: 'Russian drones set two silos of the Odesa grain terminal on fire',
        },
      ],
    })
    const claim = own.claimBy('Port workers union')
    const port = portDispute.claimBy('Odesa port authority')
    const page = await checkerPage({ width: 1440, height: 900 }, own)
    const column = page.locator('article.claim-column').filter({ hasText: 'Port workers union' })
    await column.locator('summary', { hasText: 'Matches' }).click()
    const match = column
      .getByRole('region', { name: /^Similar claims on this desk of / })
      .getByRole('listitem')
      .filter({ hasText: 'grain terminal in Odesa port' })
    const linkButton = match.getByRole('button', { name: /^Same claim as this/ })
    await linkButton.waitFor()

    // Another desk links the same two claims while this page shows them unlinked: 409, in words.
    const cookie = await signIn(send, 'checker')
    const made = await send(`/api/claims/${claim.id}/links`, {
      method: 'POST',
      cookie,
      json: { linkedClaimId: port.id },
    })
    expect(made.status).toBe(201)
    const link = (await made.json()) as { id: string; version: number }
    await linkButton.click()
    await column.getByRole('alert').filter({ hasText: 'These are linked already.' }).waitFor()
    await match.getByText('Linked', { exact: true }).waitFor()
    const links = column.getByRole('list', { name: /^Links of / })
    await links.getByRole('link', { name: `“${PORT_CLAIM}”` }).waitFor()

    // Another desk unlinks it while this page still shows it: 412, nothing overwritten, and a reload.
    const removed = await send(`/api/claim-links/${link.id}`, {
      method: 'DELETE',
      cookie,
      headers: { 'if-match': `"${link.version}"` },
    })
    expect(removed.status).toBe(200)
    await column.getByRole('button', { name: /^Unlink / }).click()
    const alert = column.getByRole('alert').filter({ hasText: 'The link was not removed.' })
    await alert.getByText('Someone else changed this record after you opened it').waitFor()
    await alert.getByRole('button', { name: 'Reload the record' }).click()
    await expect.poll(() => links.count()).toBe(0)
    await match.getByRole('button', { name: /^Same claim as this/ }).waitFor()
    await expectNoSeriousA11yViolations(page)
  })

  it('stacks the panel under the text on a phone, with no sideways scroll', async () => {
    const page = await checkerPage({ width: 390, height: 844 })
    await page.getByRole('button', { name: '+ Add claim' }).click()
    const form = page.getByRole('form', { name: 'New claim' })
    const text = form.getByLabel('Claim, verbatim')
    await text.fill(PARAPHRASE)
    const item = form
      .getByRole('region', { name: 'Similar claims on this desk' })
      .getByRole('listitem')
      .filter({ hasText: 'grain terminal in Odesa port' })
    await item.waitFor()
    const textBox = await text.boundingBox()
    const panelBox = await form.locator('.match-panel').boundingBox()
    expect(textBox && panelBox && panelBox.y >= textBox.y + textBox.height).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await saveScreenshot(page, 'matching-phone', true)
    await expectNoSeriousA11yViolations(page)

    // A claim as long as the contract allows, in Cyrillic, still gets an answer (its start is matched).
    await text.fill('Дроны ударили по зерновому терминалу. '.repeat(130).slice(0, 5000))
    await form.getByRole('status').filter({ hasText: 'No similar claims found.' }).waitFor()
    expect(await form.getByText('The matches could not be loaded.').count()).toBe(0)
  })
})
