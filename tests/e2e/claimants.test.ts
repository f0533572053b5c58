import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  // axe-core needs pages of an explicit context.
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await signInAs(page, server.url, 'checker')
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

it('lists the claimants, searches them by name and keeps the search in the address', async () => {
  await page.goto(`${server.url}/claimants`)
  await page.getByRole('heading', { name: 'Claimants', level: 1 }).waitFor()
  await page.getByRole('link', { name: 'Oleg Kiper' }).waitFor()
  expect(await page.getByRole('table').getByRole('row').count()).toBe(7)
  await saveScreenshot(page, 'claimants-list')
  await expectNoSeriousA11yViolations(page)

  await page.getByLabel('Search by name or alias').fill('ministry')
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('ministry')
  await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2)
  await page.reload()
  expect(await page.getByLabel('Search by name or alias').inputValue()).toBe('ministry')
  await page.getByRole('link', { name: 'Russian Ministry of Defence' }).waitFor()

  await page.getByLabel('Search by name or alias').fill('nobody by this name')
  await page.getByText('No claimant’s name or alias contains “nobody by this name”.').waitFor()
})

it("shows a claimant's claims with links to their workbench and a chart of the verdicts by rating", async () => {
  await page.goto(`${server.url}/claimants?q=ministry`)
  await page.getByRole('link', { name: 'Russian Ministry of Defence' }).click()
  await page.getByRole('heading', { name: 'Russian Ministry of Defence', level: 1 }).waitFor()
  await expect.poll(() => page.title()).toBe('Russian Ministry of Defence · Claimants · Counterclaim')

  const chart = page.getByRole('figure', { name: /1 published verdict/ })
  await chart.waitFor()
  // The chart is a table of counts in the rating scale's order: its text is the figures.
  const rows = chart.getByRole('row')
  expect(await rows.allTextContents()).toEqual([
    'RatingVerdicts',
    'True0',
    'Mostly true0',
    'Mixed0',
    'Mostly false0',
    'False0',
    'Misleading1',
    'Unverifiable0',
  ])

  const claim = page.getByRole('link', { name: 'All designated objects were hit' })
  expect(await claim.getAttribute('href')).toMatch(/^\/disputes\/[\w-]+$/)
  const claimRow = page.getByRole('row', { name: /All designated objects were hit/ })
  expect(await claimRow.getByText('Misleading').count()).toBe(1)
  expect(await claimRow.getByText('Published', { exact: true }).count()).toBe(1)
  await saveScreenshot(page, 'claimant-page')
  await expectNoSeriousA11yViolations(page)

  await page.keyboard.press('Tab')
  await claim.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/disputes\/[\w-]+$/)
})

it('says so when a claimant does not exist', async () => {
  await page.goto(`${server.url}/claimants/no-such-claimant`)
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('Claimant not found.')
})

async function newPage(role: TestRole): Promise<Page> {
  const other = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await signInAs(other, server.url, role)
  return other
}

/** The API as another person at another desk uses it: records a test sets up, changes made meanwhile. */
async function otherDesk(role: TestRole): Promise<Send> {
  const send = httpClient(server.url)
  const cookie = await signIn(send, role)
  return (path, init = {}) => send(path, { ...init, cookie })
}

async function created<T = { id: string; version: number }>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as T
}

/** A dispute of the test's own with one claim by each claimant. */
async function disputeWithClaims(
  api: Send,
  question: string,
  claims: Array<[claimantId: string, text: string]>,
) {
  const dispute = await created(
    await api('/api/disputes', { method: 'POST', json: { title: question, question } }),
  )
  for (const [claimantId, text] of claims) {
    await created(
      await api(`/api/disputes/${dispute.id}/claims`, { method: 'POST', json: { claimantId, text } }),
    )
  }
  return dispute
}

it('merging two claimants: the survivor holds both claims and the other name as an alias', async () => {
  const api = await otherDesk('checker')
  const survivor = await created(
    await api('/api/claimants', { method: 'POST', json: { name: 'Boris Johnson', kind: 'person' } }),
  )
  const duplicate = await created(
    await api('/api/claimants', {
      method: 'POST',
      json: { name: 'Alexander Boris de Pfeffel Johnson', kind: 'person' },
    }),
  )
  await disputeWithClaims(api, 'Did the bus carry the figure?', [
    [survivor.id, 'We send the EU £350 million a week.'],
    [duplicate.id, 'Let us fund our NHS instead.'],
  ])

  const editor = await newPage('editor')
  await editor.goto(`${server.url}/claimants/${duplicate.id}`)
  await editor.getByRole('heading', { name: 'Alexander Boris de Pfeffel Johnson', level: 1 }).waitFor()
  await editor.getByRole('button', { name: 'Merge into another claimant…' }).click()
  const target = editor.getByRole('combobox', { name: 'Claimant to keep' })
  await target.fill('boris johnson')
  await editor.getByRole('option', { name: /^Boris Johnson/ }).click()
  const confirm = editor.getByText(
    '1 claim will move from “Alexander Boris de Pfeffel Johnson” to “Boris Johnson”.',
  )
  await confirm.waitFor()
  await saveScreenshot(editor, 'claimant-merge')
  await expectNoSeriousA11yViolations(editor)
  await editor.getByRole('button', { name: 'Merge into Boris Johnson' }).click()

  await editor.getByRole('heading', { name: 'Boris Johnson', level: 1 }).waitFor()
  expect(new URL(editor.url()).pathname).toBe(`/claimants/${survivor.id}`)
  await editor.getByText('Also known as Alexander Boris de Pfeffel Johnson').waitFor()
  const claims = editor.getByRole('table').last()
  await claims.getByRole('link', { name: 'We send the EU £350 million a week.' }).waitFor()
  await claims.getByRole('link', { name: 'Let us fund our NHS instead.' }).waitFor()
  await expectNoSeriousA11yViolations(editor)

  // The merged claimant's page says where its claims went, and a checker is offered no merge.
  await page.goto(`${server.url}/claimants/${duplicate.id}`)
  const merged = page.getByText(/^Merged into Boris Johnson/)
  await merged.waitFor()
  expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0)
  await merged.getByRole('link', { name: 'Boris Johnson' }).click()
  await page.getByRole('heading', { name: 'Boris Johnson', level: 1 }).waitFor()
  expect(await page.getByRole('button', { name: 'Merge into another claimant…' }).count()).toBe(0)
  await editor.context().close()
})

it('edits a claimant: aliases added and removed, profile fields, and a stale version refused', async () => {
  const api = await otherDesk('checker')
  const claimant = await created(
    await api('/api/claimants', {
      method: 'POST',
      json: { name: 'Ursula von der Leyen', kind: 'person', aliases: ['UvdL', 'Ursula'] },
    }),
  )
  await page.goto(`${server.url}/claimants/${claimant.id}`)
  await page.getByRole('heading', { name: 'Ursula von der Leyen', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'Edit' }).click()
  const form = page.getByRole('form', { name: 'Edit claimant' })
  await form.getByRole('button', { name: 'Remove alias Ursula' }).click()
  await form.getByLabel('New alias').fill('VDL')
  await form.getByRole('button', { name: 'Add alias' }).click()
  await form.getByLabel('Job title').fill('President of the European Commission')
  await form.getByLabel('Affiliation').fill('European Commission')
  await form.getByLabel('Image URL').fill('https://images.example.org/vdl.jpg')
  await form.getByLabel('New link').fill('https://www.wikidata.org/wiki/Q60772')
  await saveScreenshot(page, 'claimant-edit')
  await expectNoSeriousA11yViolations(page)
  await form.getByRole('button', { name: 'Save claimant' }).click()
  await page.getByText('Also known as UvdL · VDL').waitFor()
  await page.getByText('President of the European Commission, European Commission').waitFor()
  await page.getByRole('link', { name: /wikidata\.org/ }).waitFor()
  const saved = (await (await api(`/api/claimants/${claimant.id}`)).json()) as Record<string, unknown>
  expect(saved).toMatchObject({
    aliases: ['UvdL', 'VDL'],
    imageUrl: 'https://images.example.org/vdl.jpg',
    sameAs: ['https://www.wikidata.org/wiki/Q60772'],
    version: 2,
  })

  // Someone changes it meanwhile: the save is refused, nothing is overwritten, and the page reloads it.
  await page.getByRole('button', { name: 'Edit' }).click()
  const res = await api(`/api/claimants/${claimant.id}`, {
    method: 'PATCH',
    json: { description: 'Changed at another desk.' },
    headers: { 'if-match': '"2"' },
  })
  expect(res.status).toBe(200)
  await form.getByLabel('Description').fill('Changed here.')
  await form.getByRole('button', { name: 'Save claimant' }).click()
  await form.getByText('Someone else changed this record after you opened it').waitFor()
  await form.getByRole('button', { name: 'Reload the record' }).click()
  await page.getByText('Changed at another desk.').waitFor()
})

it('the claimant picker offers the claimant already on the desk, and creates another only when asked', async () => {
  const api = await otherDesk('checker')
  const truss = await created<{ id: string; name: string }>(
    await api('/api/claimants', {
      method: 'POST',
      json: { name: 'Liz Truss', kind: 'person', aliases: ['Mary Elizabeth Truss'] },
    }),
  )
  await created(
    await api('/api/claimants', { method: 'POST', json: { name: 'A Liz Truss adviser', kind: 'person' } }),
  )
  const dispute = await disputeWithClaims(api, 'How long did the lettuce last?', [])
  await page.goto(`${server.url}/disputes/${dispute.id}`)
  await page.getByRole('heading', { name: 'How long did the lettuce last?', level: 1 }).waitFor()
  await page.getByRole('button', { name: '+ Add claim' }).click()

  // Searching, the claimant whose name is the search comes first, before names that only contain it.
  await page.getByLabel('Find a claimant').fill('liz truss')
  const choice = page.getByLabel('Who made the claim')
  await expect
    .poll(() => choice.locator('option').allTextContents())
    .toEqual([
      'Choose a claimant',
      'Unattributed (no known speaker)',
      'Liz Truss (also Mary Elizabeth Truss)',
      'A Liz Truss adviser',
    ])

  await page.getByRole('button', { name: 'New claimant…' }).click()
  await page.getByLabel('Name').fill('mary-elizabeth truss')
  await page.getByRole('button', { name: 'Create claimant' }).click()
  const warning = page.getByRole('alert').filter({ hasText: 'Already on the desk:' })
  await warning.waitFor()
  await warning.getByText('Liz Truss', { exact: true }).waitFor()
  await saveScreenshot(page, 'claimant-picker-already-on-desk')
  await expectNoSeriousA11yViolations(page)
  await warning.getByRole('button', { name: 'Use Liz Truss' }).click()
  await expect.poll(() => choice.inputValue()).toBe(truss.id)
  expect(await page.getByLabel('Name').count()).toBe(0)

  // Asked for, a second claimant of that name is made and chosen.
  await page.getByRole('button', { name: 'New claimant…' }).click()
  await page.getByLabel('Name').fill('LIZ TRUSS')
  await page.getByRole('button', { name: 'Create claimant' }).click()
  await page
    .getByRole('alert')
    .filter({ hasText: 'Already on the desk:' })
    .getByRole('button', { name: 'Create anyway' })
    .click()
  await expect
    .poll(async () => (await choice.inputValue()) !== truss.id && (await choice.inputValue()) !== '')
    .toBe(true)
  await expect.poll(() => choice.locator('option:checked').textContent()).toBe('LIZ TRUSS')
  await page.getByLabel('Claim, verbatim').fill('I am a fighter and not a quitter.')
  await page.getByRole('button', { name: 'Add claim' }).click()
  await page.getByRole('heading', { name: 'LIZ TRUSS', level: 3 }).waitFor()
})
