import { randomUUID } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_ACCOUNTS, type TestRole } from '../support/accounts.ts'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, type Send, type SendInit, signIn } from '../support/http.ts'
import { type LocalServer, localServer } from '../support/local-server.ts'
import { type ClaimPlan, createDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

let server: ServerHandle
let browser: Browser
let send: Send
let receiver: LocalServer
const people: Record<'editor' | 'checker', { id: string; name: string }> = {
  editor: { id: '', name: 'Ana Petrenko' },
  checker: { id: '', name: 'Taras Bondar' },
}

beforeAll(async () => {
  // A receiver on this machine for webhook deliveries: the server may reach loopback addresses here.
  // Paths under /down answer 503, as a receiver that is down does.
  receiver = await localServer((req, res) => {
    const down = req.url?.startsWith('/down') ?? false
    res.writeHead(down ? 503 : 200, { 'content-type': 'text/plain' })
    res.end(down ? 'down for maintenance' : 'thanks')
  })
  // A desk without the demo, so my work and the notifications hold only what each test makes.
  server = await startServer({ kind: 'empty', env: { COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: 'on' } })
  browser = await launchBrowser()
  send = httpClient(server.url)
  const admin = await signIn(send, 'admin')
  for (const role of ['editor', 'checker'] as const) {
    const res = await send('/api/users', {
      method: 'POST',
      cookie: admin,
      json: { ...TEST_ACCOUNTS[role], name: people[role].name, role },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    people[role].id = ((await res.json()) as { id: string }).id
  }
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await receiver?.close()
})

async function newPage(role: TestRole, width = 1440, height = 900): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height } })).newPage()
  await signInAs(page, server.url, role)
  return page
}

/** A request as one of the desk's people, answering the status it expects, with the body read. */
async function as<T>(role: TestRole, path: string, init: SendInit = {}, status = 200): Promise<T> {
  const res = await send(path, { ...init, cookie: await signIn(send, role) })
  const text = await res.text()
  expect(res.status, `${init.method ?? 'GET'} ${path}: ${text}`).toBe(status)
  return (text ? JSON.parse(text) : undefined) as T
}

interface DisputeRecord {
  id: string
  question: string
  version: number
  assigneeIds: string[]
  dueOn: string | null
}

/** A bare dispute of this test's own, with a tag to find it by. */
function newDispute(title: string, tag: string): Promise<DisputeRecord> {
  const question = `${title}: what happened? (${randomUUID().slice(0, 8)})`
  return as<DisputeRecord>(
    'editor',
    '/api/disputes',
    { method: 'POST', json: { title, question, tags: [tag] } },
    201,
  )
}

const assign = (d: DisputeRecord, assigneeIds: string[], dueOn: string | null) =>
  as<DisputeRecord>('editor', `/api/disputes/${d.id}`, {
    method: 'PATCH',
    headers: { 'if-match': `"${d.version}"` },
    json: { assigneeIds, dueOn },
  })

const section = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) })

const GOVERNOR: ClaimPlan = {
  claimant: { name: 'Oleg Kiper', kind: 'government' },
  text: 'The Russians hit a maternity hospital, an emergency medical ward and residential buildings in Odesa.',
  shortText: 'Russian drones hit a maternity hospital in Odesa',
  statedOn: '2025-06-10',
}

describe('my work', () => {
  it('is the signed-in home: assigned disputes overdue first, due dates in words, empty sections said so', async () => {
    const tag = `mine-${randomUUID().slice(0, 6)}`
    const later = await newDispute('Kyiv power cuts', tag)
    const late = await newDispute('Odesa port strike', tag)
    await assign(later, [people.checker.id], '2999-12-31')
    await assign(late, [people.checker.id, people.editor.id], '2020-01-02')

    const page = await newPage('checker')
    await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor()
    const assigned = section(page, 'Assigned to me')
    const items = assigned.getByRole('listitem')
    await expect.poll(() => items.count()).toBe(2)
    // The overdue one comes first, and says so in words.
    await expect.poll(() => items.nth(0).textContent()).toContain('Odesa port strike')
    expect(await items.nth(0).textContent()).toContain('Overdue: was due 2 Jan 2020')
    expect(await items.nth(0).textContent()).toContain('Ana Petrenko')
    expect(await items.nth(1).textContent()).toContain('Due 31 Dec 2999')
    expect(await items.nth(1).textContent()).not.toContain('Overdue')
    // A checker reviews nothing; the other sections say they are empty.
    expect(await section(page, 'Awaiting my review').count()).toBe(0)
    await section(page, 'Mentions').getByText('No one has mentioned you in a comment yet.').waitFor()
    await saveScreenshot(page, 'my-work')
    await expectNoSeriousA11yViolations(page)

    await items.nth(0).getByRole('link', { name: 'Odesa port strike' }).click()
    await page.getByRole('heading', { name: late.question, level: 1 }).waitFor()
    await page.getByText('Assigned: Taras Bondar, Ana Petrenko').waitFor()
    await page.getByText('Overdue').first().waitFor()
  })

  it('shows a checker the draft an editor returned, with the note and who returned it, linked to the claim', async () => {
    const own = await createDispute(send, {
      title: 'Strikes on Odesa, 10 June 2025',
      question: `What did the 10 June 2025 strikes on Odesa hit? (${randomUUID().slice(0, 8)})`,
      claims: [
        {
          ...GOVERNOR,
          verdict: { state: 'in_review', rating: 'true', summary: 'The hospital was hit, as he said.' },
        },
      ],
    })
    const claim = own.claimBy('Oleg Kiper')
    const note = `Check the ward's name against the health ministry's list (${randomUUID().slice(0, 4)}).`
    await as('editor', `/api/claims/${claim.id}/verdict/return`, {
      method: 'POST',
      headers: { 'if-match': `"${claim.verdict?.version}"` },
      json: { note },
    })

    const page = await newPage('checker')
    const returned = section(page, 'Returned to me')
    const item = returned.getByRole('listitem').filter({ hasText: note })
    await item.waitFor()
    expect(await item.textContent()).toContain('Returned by Ana Petrenko')
    await item.getByRole('link', { name: 'Russian drones hit a maternity hospital in Odesa' }).click()
    await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
    expect(new URL(page.url()).hash).toBe(`#claim-${claim.id}`)
    // The claim's column is where the link leads: it has the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-claim-id')))
      .toBe(claim.id)

    // An editor sees a verdict waiting for review in a section of their own.
    const version = await currentVerdictVersion(own.id, claim.id)
    await as('checker', `/api/claims/${claim.id}/verdict/submit`, {
      method: 'POST',
      headers: { 'if-match': `"${version}"` },
    })
    const editor = await newPage('editor')
    const review = section(editor, 'Awaiting my review')
    await review.getByRole('listitem').filter({ hasText: own.workbench.title }).waitFor()
    await expectNoSeriousA11yViolations(editor)
  })

  it('keeps an old bookmark of the filtered list working: it goes to the list at /disputes', async () => {
    const page = await newPage('checker')
    await page.goto(`${server.url}/?tag=numbers`)
    await expect.poll(() => new URL(page.url()).pathname).toBe('/disputes')
    expect(new URL(page.url()).searchParams.get('tag')).toBe('numbers')
    expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe('numbers')
  })
})

async function currentVerdictVersion(disputeId: string, claimId: string): Promise<number> {
  const workbench = await as<{ claims: Array<{ id: string; verdict: { version: number } | null }> }>(
    'checker',
    `/api/disputes/${disputeId}`,
  )
  const version = workbench.claims.find((c) => c.id === claimId)?.verdict?.version
  if (version === undefined) throw new Error('no verdict')
  return version
}

describe('assignment', () => {
  it('assigns two disputes at once from the list, one of them changed meanwhile, and filters by "Assigned to me"', async () => {
    const tag = `bulk-${randomUUID().slice(0, 6)}`
    const first = await newDispute('Kharkiv shelling', tag)
    const second = await newDispute('Dnipro bridge', tag)
    await assign(second, [people.editor.id], null)

    const page = await newPage('editor')
    await page.goto(`${server.url}/disputes?tag=${tag}`)
    await page.getByRole('link', { name: first.question }).waitFor()
    await page.getByRole('checkbox', { name: `Select “${first.question}”` }).check()
    await page.getByRole('checkbox', { name: `Select “${second.question}”` }).check()
    await page.getByText('2 disputes selected').waitFor()
    await page.getByRole('button', { name: 'Assign…' }).click()
    const form = page.getByRole('form', { name: 'Assign 2 disputes' })
    await form.getByRole('checkbox', { name: 'Taras Bondar' }).check()
    await form.getByLabel(/^Due date/).fill('2999-06-30')
    await expectNoSeriousA11yViolations(page)

    // A colleague changes the second dispute after the list was read: its version is stale now.
    const current = await as<DisputeRecord>('editor', `/api/disputes/${second.id}`)
    await as('editor', `/api/disputes/${second.id}`, {
      method: 'PATCH',
      headers: { 'if-match': `"${current.version}"` },
      json: { summary: 'Changed by a colleague meanwhile.' },
    })

    await form.getByRole('button', { name: 'Assign 2 disputes' }).click()
    await page.getByRole('status').filter({ hasText: 'Assigned 2 disputes.' }).waitFor()
    const after = await as<DisputeRecord>('editor', `/api/disputes/${second.id}`)
    // Added to whoever was on it already; the colleague's change kept.
    expect(after.assigneeIds).toEqual([people.editor.id, people.checker.id])
    expect(after.dueOn).toBe('2999-06-30')
    expect(
      (await as<DisputeRecord & { summary: string }>('editor', `/api/disputes/${second.id}`)).summary,
    ).toBe('Changed by a colleague meanwhile.')
    expect((await as<DisputeRecord>('editor', `/api/disputes/${first.id}`)).assigneeIds).toEqual([
      people.checker.id,
    ])
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: first.question }) })
    await row.getByText('Assigned: Taras Bondar').waitFor()

    // The checker finds both under "Assigned to me".
    const checker = await newPage('checker')
    await checker.goto(`${server.url}/disputes`)
    // The box follows the address: it shows ticked once the list's navigation has been rendered, which
    // may come a moment after the click, so the test waits for that instead of reading it at once.
    const mine = checker.getByRole('checkbox', { name: 'Assigned to me' })
    await mine.click()
    await expect.poll(() => mine.isChecked()).toBe(true)
    await expect.poll(() => new URL(checker.url()).searchParams.get('assignee')).toBe('me')
    await checker.getByRole('link', { name: first.question }).waitFor()
    await checker.getByRole('link', { name: second.question }).waitFor()
  })

  it('changes the assignment on the workbench, and a stale save says so and keeps the choice', async () => {
    const dispute = await newDispute('Zaporizhzhia plant', `wb-${randomUUID().slice(0, 6)}`)
    const page = await newPage('editor')
    // A page that does not hear of the colleague's change below: its live stream is cut, so it keeps the old version.
    await page.route('**/api/disputes/*/events', (route) => route.abort())
    await page.goto(`${server.url}/disputes/${dispute.id}`)
    await page.getByRole('heading', { name: dispute.question, level: 1 }).waitFor()
    await page.getByText('No one assigned').waitFor()
    await page.getByRole('button', { name: 'Change assignment' }).click()
    const form = page.getByRole('form', { name: 'Assignment' })
    await form.getByRole('checkbox', { name: 'Taras Bondar' }).check()
    await form.getByLabel('Due date').fill('2999-01-15')
    await form.getByRole('button', { name: 'Save assignment' }).click()
    await page.getByText('Assigned: Taras Bondar · Due 15 Jan 2999').waitFor()
    // The history says what changed in words, not field names.
    await page.getByText('changed People assigned, Due date').waitFor()

    // Someone else changes the dispute while this page still has the old version.
    await page.getByRole('button', { name: 'Change assignment' }).click()
    const now = await as<DisputeRecord>('editor', `/api/disputes/${dispute.id}`)
    await as('editor', `/api/disputes/${dispute.id}`, {
      method: 'PATCH',
      headers: { 'if-match': `"${now.version}"` },
      json: { summary: 'A colleague was here.' },
    })
    await form.getByRole('checkbox', { name: 'Ana Petrenko' }).check()
    await form.getByRole('button', { name: 'Save assignment' }).click()
    await form
      .getByRole('alert')
      .filter({
        hasText: 'Someone else changed this record after you opened it, so nothing was overwritten.',
      })
      .waitFor()
    expect(await form.getByRole('checkbox', { name: 'Ana Petrenko' }).isChecked()).toBe(true)
    expect((await as<DisputeRecord>('editor', `/api/disputes/${dispute.id}`)).assigneeIds).toEqual([
      people.checker.id,
    ])
  })
})

describe('comments and notifications', () => {
  it('completes an @mention by keyboard, renders the Markdown, and the person mentioned is told', async () => {
    const own = await createDispute(send, {
      title: 'Strikes on Odesa, 10 June 2025',
      question: `Which buildings in Odesa were hit on 10 June 2025? (${randomUUID().slice(0, 8)})`,
      claims: [GOVERNOR],
    })
    // The checker starts with nothing unread, so the count below is this mention's.
    await as('checker', '/api/notifications/read', { method: 'POST', json: { all: true } })
    const page = await newPage('editor')
    await page.goto(`${server.url}/disputes/${own.id}`)
    await page.getByRole('heading', { name: own.question, level: 1 }).waitFor()
    const comments = page.getByRole('region', { name: /^Comments/ })
    await comments.getByText('No comments yet.', { exact: false }).waitFor()

    await page.getByRole('button', { name: "Comment on Oleg Kiper's claim" }).click()
    const box = comments.getByRole('textbox', { name: 'Comment' })
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await comments.getByLabel('About').inputValue()).toBe(`claim:${own.claimBy('Oleg Kiper').id}`)
    await box.pressSequentially('Please check the **ward** figure, @tar')
    const options = comments.getByRole('listbox', { name: 'People to mention' })
    await options.getByRole('option', { name: 'Taras Bondar' }).waitFor()
    await expectNoSeriousA11yViolations(page)
    await box.press('Enter')
    await expect.poll(() => box.inputValue()).toBe('Please check the **ward** figure, @Taras Bondar ')
    expect(await options.isHidden()).toBe(true)
    // Escape closes the list without choosing.
    await box.pressSequentially('and @an')
    await options.getByRole('option', { name: 'Ana Petrenko' }).waitFor()
    await box.press('Escape')
    await expect.poll(() => options.isHidden()).toBe(true)
    for (let n = 0; n < 3; n += 1) await box.press('Backspace')
    await box.pressSequentially('by noon.')
    await comments.getByRole('button', { name: 'Post comment' }).click()

    const comment = comments.getByRole('article', { name: 'Comment by Ana Petrenko' })
    await comment.waitFor()
    expect(await comment.locator('strong', { hasText: 'ward' }).count()).toBe(1)
    expect(await comment.textContent()).toContain("About Oleg Kiper's claim")
    await expect.poll(() => comment.textContent()).not.toContain('sending')
    expect(await box.inputValue()).toBe('')
    await saveScreenshot(page, 'comments')

    // The person mentioned: the count in the header, the notification, and where it leads.
    const checker = await newPage('checker', 390, 844)
    const bell = checker.getByRole('button', { name: 'Notifications, 1 unread' })
    await bell.waitFor()
    await bell.click()
    const panel = checker.getByRole('region', { name: 'Notifications' })
    const note = panel.getByRole('listitem').filter({ hasText: 'Unread' })
    await note.waitFor()
    expect(await note.textContent()).toContain('Ana Petrenko')
    expect(await checker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await saveScreenshot(checker, 'notifications-phone')
    await expectNoSeriousA11yViolations(checker)
    await note.getByRole('link').click()
    await checker.getByRole('heading', { name: own.question, level: 1 }).waitFor()
    await checker.getByRole('button', { name: 'Notifications, none unread' }).waitFor()
    await checker
      .getByRole('article', { name: 'Comment by Ana Petrenko' })
      .getByText('by noon.', { exact: false })
      .waitFor()

    // My work lists the mention too.
    await checker.goto(server.url)
    const mentions = section(checker, 'Mentions')
    await mentions.getByRole('link', { name: 'Ana Petrenko mentioned you' }).waitFor()
    expect(await mentions.textContent()).toContain('Please check the ward figure')
  })

  it('marks every notification read at once', async () => {
    const a = await newDispute('Lviv rail depot', `n-${randomUUID().slice(0, 6)}`)
    const b = await newDispute('Sumy power plant', `n-${randomUUID().slice(0, 6)}`)
    const page = await newPage('checker')
    await page.getByRole('button', { name: /^Notifications, / }).waitFor()
    await assign(a, [people.checker.id], null)
    await assign(b, [people.checker.id], null)
    await page.goto(`${server.url}/notifications`)
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor()
    await page
      .getByRole('link', { name: /Lviv rail depot/ })
      .first()
      .waitFor()
    await page.getByRole('button', { name: 'Mark all read' }).click()
    await page.getByText('All read.').waitFor()
    await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor()
    await expectNoSeriousA11yViolations(page)
  })
})

describe('webhooks', () => {
  it('an admin adds a webhook with a generated secret, sees its deliveries, and removes it', async () => {
    const page = await newPage('admin')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click()
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor()
    await page.getByText('No webhooks yet.', { exact: false }).waitFor()
    await page.getByRole('button', { name: 'New webhook' }).click()
    const form = page.getByRole('form', { name: 'New webhook' })
    const url = receiver.url(`/hooks/${randomUUID().slice(0, 8)}`)
    await form.getByLabel(/^Address/).fill(url)
    await form.getByRole('checkbox', { name: /corrected/ }).uncheck()
    await form.getByRole('button', { name: 'Generate' }).click()
    const secret = await form.getByLabel('Secret').inputValue()
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    await form.getByText('Copy it to the receiver now', { exact: false }).waitFor()
    await expectNoSeriousA11yViolations(page)
    await form.getByRole('button', { name: 'Add webhook' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Webhook added: ${url}.` })
      .waitFor()
    const hook = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: url }) })
    expect(await hook.textContent()).toContain(`ends in ${secret.slice(-4)}`)
    expect(await hook.textContent()).toContain('A verdict is published')
    expect(await hook.textContent()).not.toContain('corrected')

    await hook.getByRole('button', { name: `Deliveries to ${url}` }).click()
    await hook.getByText('Nothing sent yet.', { exact: false }).waitFor()
    await hook.getByRole('button', { name: `Hide deliveries to ${url}` }).click()

    // A second receiver, which is down, added through the API.
    const downUrl = receiver.url(`/down/${randomUUID().slice(0, 8)}`)
    await as(
      'admin',
      '/api/webhooks',
      { method: 'POST', json: { url: downUrl, events: ['verdict.published'], secret: 'x'.repeat(32) } },
      201,
    )
    await page.reload()
    const down = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: downUrl }) })
    await down.waitFor()

    // A verdict published: the receiver that is up gets it, and each list says how its delivery went.
    const wire = {
      title: 'Reuters: strikes hit a maternity hospital in Odesa',
      kind: 'news_report',
      url: 'https://www.reuters.com/world/europe/',
    }
    await createDispute(send, {
      title: 'Strikes on Odesa, 10 June 2025',
      question: `What did the governor of Odesa say on 10 June 2025? (${randomUUID().slice(0, 8)})`,
      evidence: [wire],
      claims: [
        {
          ...GOVERNOR,
          verdict: {
            state: 'published',
            rating: 'true',
            summary: 'As he said.',
            rationale: 'A wire report matches.',
            cites: [wire.title],
          },
        },
      ],
    })
    await hook.getByRole('button', { name: `Deliveries to ${url}` }).click()
    const table = hook.getByRole('table', { name: `Deliveries to ${url}` })
    await table.getByText('Delivered').waitFor({ timeout: 30_000 })
    expect(receiver.received.some((r) => r.path === new URL(url).pathname)).toBe(true)
    expect(await table.textContent()).toContain('A verdict is published')
    expect(await table.textContent()).toContain('Answered 200: thanks')
    expect(await table.getByRole('button', { name: /^Try again now/ }).count()).toBe(0)

    await down.getByRole('button', { name: `Deliveries to ${downUrl}` }).click()
    const downTable = down.getByRole('table', { name: `Deliveries to ${downUrl}` })
    await downTable.getByText('Not received yet: will try again').waitFor({ timeout: 30_000 })
    expect(await downTable.textContent()).toContain('Answered 503: down for maintenance')
    const triesCell = downTable.locator('tbody tr').first().locator('td').nth(2)
    const tries = Number(await triesCell.textContent())
    await downTable.getByRole('button', { name: /^Try again now/ }).click()
    await expect.poll(async () => Number(await triesCell.textContent())).toBe(tries + 1)
    await saveScreenshot(page, 'webhooks', true)
    await expectNoSeriousA11yViolations(page)

    await hook.getByRole('button', { name: `Remove… ${url}` }).click()
    await hook.getByRole('button', { name: 'Remove webhook' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Webhook removed: ${url}.` })
      .waitFor()
    await expect.poll(() => page.getByRole('heading', { name: url }).count()).toBe(0)
  })
})
