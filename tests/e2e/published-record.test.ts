import { randomUUID } from 'node:crypto'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_ACCOUNTS, type TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient } from '../support/http.ts'
import { createDispute, type VerdictPlan } from '../support/own-dispute.ts'
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

type Call = (path: string, init?: { method?: string; json?: unknown; version?: number }) => Promise<Response>

/** The API as another desk sees it: a signed-in session of one of the seeded roles. */
async function apiAs(role: TestRole): Promise<Call> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ACCOUNTS[role]),
  })
  expect(login.status).toBe(200)
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return (path, init = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        cookie,
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.version === undefined ? {} : { 'if-match': `"${init.version}"` }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    })
}

async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const answer = await res
  const text = await answer.text()
  expect(answer.status, text).toBe(status)
  return JSON.parse(text) as T
}

interface Verdict {
  status: string
  version: number
  rating: string | null
  pendingCorrection: { id: string } | null
  corrections: { note: string; approver?: { name: string } | null }[]
}

interface Fixture {
  disputeId: string
  question: string
  claimId: string
  claimText: string
  claimVersion: number
  claimant: string
  /** How the workbench names the claim in its buttons: "Harbour office 1a2b's claim". */
  claimLabel: string
  evidenceId: string
  verdict: () => Promise<Verdict>
}

/**
 * A dispute of its own with one claim and one evidence item. The checker drafts the verdict; unless told
 * otherwise it is submitted and the admin publishes it.
 */
async function newClaim(
  options: {
    draft?: Pick<VerdictPlan, 'rating' | 'summary' | 'rationale'>
    evidenceUrl?: string | null
    until?: 'draft' | 'in_review' | 'published'
  } = {},
): Promise<Fixture> {
  const tag = randomUUID().slice(0, 8)
  const admin = await apiAs('admin')
  const question = `Did the harbour crane fall on ${tag}?`
  const claimant = `Harbour office ${tag}`
  const claimText = `The crane at berth 4 fell at dawn (${tag}).`
  const evidenceTitle = `Port log for the night (${tag})`
  const own = await createDispute(httpClient(server.url), {
    title: `Harbour crane ${tag}`,
    question,
    claims: [
      {
        claimant: { name: claimant, kind: 'government' },
        text: claimText,
        verdict: {
          state: options.until ?? 'published',
          ...(options.draft ?? {
            rating: 'mostly_false',
            summary: 'The crane stands; a smaller hoist fell.',
            rationale: 'The port log records a hoist, not the crane.',
            cites: [evidenceTitle],
          }),
        },
      },
    ],
    evidence: [
      {
        title: evidenceTitle,
        kind: 'document',
        sourceName: 'Port authority',
        ...(options.evidenceUrl === null
          ? {}
          : { url: options.evidenceUrl ?? 'https://example.org/port-log' }),
      },
    ],
    publisher: 'admin',
  })
  const claim = own.claimBy(claimant)
  const verdict = async () => {
    const wb = await ok<{ claims: { id: string; verdict: Verdict }[] }>(admin(`/api/disputes/${own.id}`))
    const found = wb.claims.find((c) => c.id === claim.id)?.verdict
    if (!found) throw new Error('the claim has no verdict')
    return found
  }
  return {
    disputeId: own.id,
    question,
    claimId: claim.id,
    claimText,
    claimVersion: claim.version,
    claimant,
    claimLabel: `${claimant}'s claim`,
    evidenceId: own.evidenceTitled(evidenceTitle).id,
    verdict,
  }
}

async function newPage(role: TestRole, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  const page = await context.newPage()
  await signInAs(page, server.url, role)
  return page
}

async function openWorkbench(page: Page, f: Fixture): Promise<Locator> {
  await page.goto(`${server.url}/disputes/${f.disputeId}`)
  await page.getByRole('heading', { name: f.question, level: 1 }).waitFor()
  const column = page
    .locator('article.claim-column')
    .filter({ has: page.getByRole('heading', { name: f.claimant, level: 3 }) })
  await column.waitFor()
  return column
}

/** The text of the element a control's aria-describedby names. */
async function description(control: Locator): Promise<string> {
  const ids = (await control.getAttribute('aria-describedby')) ?? ''
  expect(ids).not.toBe('')
  const page = control.page()
  const texts = await Promise.all(ids.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()))
  return texts.join(' ')
}

/** The public page of a claim's verdict, signed out. */
async function publicText(claimId: string): Promise<string> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const res = await page.goto(`${server.url}/v/${claimId}`)
    expect(res?.status()).toBe(200)
    return (await page.locator('main').textContent()) ?? ''
  } finally {
    await context.close()
  }
}

async function userName(role: TestRole): Promise<string> {
  const me = await ok<{ user: { name: string } }>((await apiAs(role))('/api/auth/me'))
  return me.user.name
}

describe('the published record in the workbench', () => {
  it('shows what changed since publication, and an editor’s correction publishes it and clears the notice', async () => {
    const f = await newClaim()
    // A checker edits the published claim's text: the public page keeps what was published.
    const checker = await apiAs('checker')
    const edited = `The crane at berth 4 fell at dusk, not at dawn (${f.claimId.slice(0, 4)}).`
    await ok(
      checker(`/api/claims/${f.claimId}`, {
        method: 'PATCH',
        json: { text: edited },
        version: f.claimVersion,
      }),
    )
    expect(await publicText(f.claimId)).toContain(f.claimText)
    expect(await publicText(f.claimId)).not.toContain(edited)

    const page = await newPage('editor')
    const column = await openWorkbench(page, f)
    const notice = column.getByRole('region', { name: /^Changed since publication/ })
    await notice.waitFor()
    expect(await notice.locator('p').first().textContent()).toContain('Changed since publication: claim text')
    await notice.getByText('Show the differences').click()
    const difference = notice.getByRole('listitem').filter({ hasText: 'Claim text' })
    await expect.poll(() => difference.textContent()).toContain(`Published: ${f.claimText}`)
    expect(await difference.textContent()).toContain(`Now: ${edited}`)
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'published-record-changed')

    // At 390 px wide the notice and its differences still fit the column.
    await page.setViewportSize({ width: 390, height: 844 })
    await notice.scrollIntoViewIfNeeded()
    const box = await notice.boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
    await saveScreenshot(page, 'published-record-changed-390')
    await page.setViewportSize({ width: 1440, height: 900 })

    await notice.getByRole('button', { name: `Publish a correction on ${f.claimLabel}` }).click()
    const form = page.getByRole('region', { name: `Correct the verdict on ${f.claimLabel}` })
    await form.waitFor()
    await form.getByText('This correction also publishes what changed since publication:').waitFor()
    // Which evidence is cited can change too: the form starts from what is published.
    expect(await form.getByRole('checkbox', { name: /^Port log for the night/ }).isChecked()).toBe(true)
    await form
      .getByLabel('Correction note (required)')
      .fill('The claim was made at dusk, as the recording shows.')
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'published-record-correction-form')
    await form.getByRole('button', { name: 'Publish correction' }).click()

    await column.getByText('Correction published.').waitFor()
    await expect.poll(() => notice.count()).toBe(0)
    await column.getByText('Corrected once').waitFor()
    await expectNoSeriousA11yViolations(page)
    expect(await publicText(f.claimId)).toContain(edited)
    const verdict = await f.verdict()
    expect(verdict.corrections.map((c) => c.note)).toEqual([
      'The claim was made at dusk, as the recording shows.',
    ])
  })

  it('withdraws a published fact check with a public note; archiving waits until then', async () => {
    const f = await newClaim()
    const page = await newPage('editor')
    const column = await openWorkbench(page, f)

    // Archiving a claim whose fact check is public says why it cannot be done yet.
    const archive = column.getByRole('button', { name: /^Archive claim/ })
    expect(await archive.getAttribute('aria-disabled')).toBe('true')
    expect(await description(archive)).toBe('To archive this claim, withdraw the published fact check first.')

    await column.getByRole('button', { name: `Withdraw… on ${f.claimLabel}` }).click()
    const form = column.getByRole('form', { name: `Withdraw the fact check on ${f.claimLabel}` })
    await form.waitFor()
    const note = form.getByLabel('Public note: why it is withdrawn (required)')
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await description(note)).toContain('The public page will say that this fact check was withdrawn')
    // Without a note nothing is sent.
    await form.getByRole('button', { name: 'Withdraw the fact check' }).click()
    await form.getByText('Write the note readers will see').waitFor()
    expect((await f.verdict()).status).toBe('published')
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'published-record-withdraw-form')

    const reason = 'The port log we relied on was a forgery.'
    await note.fill(reason)
    await form.getByRole('button', { name: 'Withdraw the fact check' }).click()
    const withdrawn = column.locator('.withdrawn-notice')
    await expect.poll(() => withdrawn.textContent()).toContain(reason)
    expect(await withdrawn.locator('strong').textContent()).toBe('Withdrawn')
    expect(await withdrawn.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    await column.getByText('Withdrawn', { exact: true }).first().waitFor()
    expect(await column.getByRole('button', { name: /^(Withdraw|Correct verdict)/ }).count()).toBe(0)
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'published-record-withdrawn')

    // The public page stays and says so; the JSON answers 410.
    const text = await publicText(f.claimId)
    expect(text).toContain('This fact check was withdrawn')
    expect(text).toContain(reason)
    expect((await fetch(`${server.url}/api/public/verdicts/${f.claimId}`)).status).toBe(410)

    // Now the claim may be archived.
    expect(await archive.getAttribute('aria-disabled')).toBeNull()
    await archive.click()
    await page.getByRole('status').filter({ hasText: 'Claim archived' }).waitFor()
  })

  it('a rating change waits for a second editor, who approves it', async () => {
    const f = await newClaim()
    const editorName = await userName('editor')
    const adminName = await userName('admin')
    const page = await newPage('editor')
    const column = await openWorkbench(page, f)
    await column.getByRole('button', { name: `Correct verdict on ${f.claimLabel}` }).click()
    const form = page.getByRole('region', { name: `Correct the verdict on ${f.claimLabel}` })
    await form.getByLabel('Rating').selectOption('false')
    await form
      .getByLabel('Correction note (required)')
      .fill('The hoist was the crane’s own; nothing else fell.')
    await form.getByRole('button', { name: 'Publish correction' }).click()

    await column
      .getByText('Rating change proposed. It is not public yet: it waits for another editor’s approval.')
      .waitFor()
    const pending = column.getByRole('region', { name: /^Rating change proposed by/ })
    await pending.waitFor()
    expect(await pending.locator('p').first().textContent()).toContain(
      `Rating change proposed by ${editorName}: Mostly false → False — waiting for a second editor`,
    )
    // The proposer cannot approve it, and is told so.
    expect(await pending.getByRole('button', { name: /^Approve/ }).count()).toBe(0)
    await pending.getByText('You proposed it: another editor must approve it').waitFor()
    expect(await column.getByRole('button', { name: /^Correct verdict/ }).count()).toBe(0)
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'published-record-pending')
    const waiting = await f.verdict()
    expect(waiting.rating).toBe('mostly_false')
    expect(waiting.pendingCorrection).not.toBeNull()

    // A second editor approves it from the workbench.
    const second = await newPage('admin')
    const theirColumn = await openWorkbench(second, f)
    const theirs = theirColumn.getByRole('region', { name: /^Rating change proposed by/ })
    await theirs.getByRole('button', { name: `Approve the rating change on ${f.claimLabel}` }).click()
    await expect.poll(() => theirs.count()).toBe(0)
    await theirColumn.getByText('False', { exact: true }).waitFor()
    await theirColumn.getByText('Corrected once').waitFor()
    await expectNoSeriousA11yViolations(second)
    const applied = await f.verdict()
    expect(applied.rating).toBe('false')
    expect(applied.pendingCorrection).toBeNull()
    expect(applied.corrections[0]?.approver?.name).toBe(adminName)
  })

  it('a second editor turns a proposed rating change down with a note; nothing is published', async () => {
    const f = await newClaim()
    const editor = await apiAs('editor')
    const before = await f.verdict()
    await ok(
      editor(`/api/claims/${f.claimId}/verdict/correct`, {
        json: { rating: 'true', correctionNote: 'The crane did fall.' },
        version: before.version,
      }),
      202,
    )
    const page = await newPage('admin')
    const column = await openWorkbench(page, f)
    const pending = column.getByRole('region', { name: /^Rating change proposed by/ })
    await pending.getByRole('button', { name: `Reject… the rating change on ${f.claimLabel}` }).click()
    const why = pending.getByLabel('Why not (required)')
    await expect.poll(() => why.evaluate((el) => el === document.activeElement)).toBe(true)
    await pending.getByRole('button', { name: 'Reject the rating change' }).click()
    await pending.getByText('Write a note').waitFor()
    expect(await why.getAttribute('aria-invalid')).toBe('true')
    await expectNoSeriousA11yViolations(page)
    await why.fill('The hoist fell, not the crane: the port log is clear.')
    await pending.getByRole('button', { name: 'Reject the rating change' }).click()
    await expect.poll(() => pending.count()).toBe(0)
    await column.getByRole('button', { name: `Correct verdict on ${f.claimLabel}` }).waitFor()
    const after = await f.verdict()
    expect(after.rating).toBe('mostly_false')
    expect(after.pendingCorrection).toBeNull()
    expect(after.corrections).toEqual([])
  })

  it('says why Submit for review and Publish cannot be used yet', async () => {
    // An empty draft: nothing to review.
    const empty = await newClaim({ draft: { rationale: 'Notes so far.' }, until: 'draft' })
    const checkerPage = await newPage('checker')
    const draftColumn = await openWorkbench(checkerPage, empty)
    const submit = draftColumn.getByRole('button', { name: `Submit for review on ${empty.claimLabel}` })
    expect(await submit.getAttribute('aria-disabled')).toBe('true')
    expect(await description(submit)).toBe('Give it a rating or a summary before submitting it for review.')
    // Reached and pressed from the keyboard, it does nothing.
    await submit.focus()
    await checkerPage.keyboard.press('Enter')
    expect((await empty.verdict()).status).toBe('draft')
    await expectNoSeriousA11yViolations(checkerPage)
    await saveScreenshot(checkerPage, 'published-record-submit-reason')

    // In review, but with no rationale and a source without a URL.
    const thin = await newClaim({
      draft: { rating: 'mixed', summary: 'Partly so.' },
      evidenceUrl: null,
      until: 'in_review',
    })
    const checker = await apiAs('checker')
    const editorPage = await newPage('editor')
    const column = await openWorkbench(editorPage, thin)
    const publish = column.getByRole('button', { name: `Publish on ${thin.claimLabel}` })
    expect(await publish.getAttribute('aria-disabled')).toBe('true')
    expect(await description(publish)).toContain(
      'It needs a rationale and at least one cited evidence item with a URL before it can be published.',
    )
    await publish.focus()
    await editorPage.keyboard.press('Enter')
    expect((await thin.verdict()).status).toBe('in_review')
    await expectNoSeriousA11yViolations(editorPage)
    await saveScreenshot(editorPage, 'published-record-publish-reason')

    // Complete, but the editor edited the draft: another editor publishes it.
    const edited = await newClaim({ until: 'draft' })
    const editor = await apiAs('editor')
    const before = await edited.verdict()
    await ok(
      editor(`/api/claims/${edited.claimId}/verdict`, {
        method: 'PUT',
        json: { summary: 'The crane stands; only a hoist fell.' },
        version: before.version,
      }),
    )
    await ok(
      checker(`/api/claims/${edited.claimId}/verdict/submit`, {
        method: 'POST',
        version: before.version + 1,
      }),
    )
    const own = await openWorkbench(editorPage, edited)
    const ownPublish = own.getByRole('button', { name: `Publish on ${edited.claimLabel}` })
    expect(await description(ownPublish)).toContain(
      'You wrote or edited this verdict: another editor must publish it.',
    )
    const adminPage = await newPage('admin')
    const theirs = await openWorkbench(adminPage, edited)
    const theirPublish = theirs.getByRole('button', { name: `Publish on ${edited.claimLabel}` })
    expect(await theirPublish.getAttribute('aria-disabled')).toBeNull()
    await theirPublish.click()
    await theirs.getByText('Published', { exact: true }).waitFor()
  })
})
