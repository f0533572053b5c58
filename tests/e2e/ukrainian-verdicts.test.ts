import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { latinTexts, untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

// The verdict editor, the conclusion, the history, the comments and the right-of-reply log of the seeded
// dispute's workbench, read in Ukrainian: no English from the catalogues, no word written into the code.

const QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'

let server: ServerHandle
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  // Signed in as the seeded editor, then the interface switched to Ukrainian, as a reader chooses it.
  await signInAs(page, server.url, 'editor')
  await page.evaluate(() => localStorage.setItem('counterclaim.locale', 'uk'))
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The seeded dispute's id, asked of the API as another desk would. */
async function seededDisputeId(): Promise<string> {
  const send = httpClient(server.url)
  const cookie = await signIn(send, 'checker')
  const res = await send(`/api/disputes?q=${encodeURIComponent('Kyiv and Odesa')}`, { cookie })
  const list = (await res.json()) as { items: { id: string; question: string }[] }
  const id = list.items.find((d) => d.question === QUESTION)?.id
  expect(id).toBeTruthy()
  return id as string
}

/** What each part shows that is not Ukrainian: English catalogue texts, and Latin words from the code. */
async function notUkrainian(...parts: Locator[]): Promise<string[]> {
  const found: string[] = []
  for (const part of parts) {
    for (const one of await part.all()) {
      found.push(...(await untranslatedTexts(one, 'uk')), ...(await latinTexts(one)))
    }
  }
  return found
}

const column = (claimant: string) =>
  page
    .locator('article.claim-column')
    .filter({ has: page.getByRole('heading', { name: claimant, level: 3 }) })

it('shows the verdict editor, the conclusion, the history, comments and replies in Ukrainian', async () => {
  const id = await seededDisputeId()
  await page.goto(`${server.url}/disputes/${id}`)
  await page.getByRole('heading', { name: QUESTION, level: 1 }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk')

  // The verdict editor of the mayor's draft, its rationale previewed.
  await column('Vitali Klitschko').locator('.verdict-box .actions button').first().click()
  const editor = page.locator('section.verdict-editor')
  await editor.getByRole('button', { name: 'Зберегти чернетку' }).waitFor()
  expect(await notUkrainian(editor)).toEqual([])
  await editor.getByRole('button', { name: 'Перегляд', exact: true }).click()
  await editor.getByText('Ще нічого не написано.').waitFor()
  expect(await notUkrainian(editor)).toEqual([])
  await editor.getByRole('button', { name: 'Закрити' }).click()

  // The published conclusion; its status badge is the shared badge's, checked with the shared components.
  const conclusion = page.locator('section.conclusion-panel')
  const conclusionParts = [conclusion.locator('h2'), conclusion.locator(':scope > :not(.section-head)')]
  await conclusion.getByRole('button', { name: 'Виправити висновок' }).waitFor()
  expect(await notUkrainian(...conclusionParts)).toEqual([])
  await conclusion.getByRole('button', { name: 'Виправити висновок' }).click()
  await conclusion.getByRole('button', { name: 'Опублікувати виправлення' }).waitFor()
  expect(await notUkrainian(...conclusionParts)).toEqual([])
  await conclusion.getByRole('button', { name: 'Скасувати' }).click()
  await conclusion.getByRole('button', { name: 'Відкликати… висновок' }).click()
  // Sent without a note: the form says what is missing, and nothing is withdrawn.
  await conclusion.getByRole('button', { name: 'Відкликати висновок' }).click()
  await conclusion.getByText('Напишіть примітку, яку побачать читачі').waitFor()
  expect(await notUkrainian(...conclusionParts)).toEqual([])
  await conclusion.getByRole('button', { name: 'Скасувати' }).click()

  // The history of the whole dispute, then of one claim.
  const history = page.locator('section.history-panel')
  await history.locator('.history-list li').first().waitFor()
  expect(await notUkrainian(history)).toEqual([])
  await history.getByText('опубліковано висновок').first().waitFor()
  await history.getByLabel('Показати історію').selectOption({ index: 1 })
  await history
    .getByText(/вердикт/)
    .first()
    .waitFor()
  expect(await notUkrainian(history)).toEqual([])

  // Comments: none yet, then one posted.
  const comments = page.locator('#comments')
  await comments.getByText('Коментарів ще немає.', { exact: false }).waitFor()
  expect(await notUkrainian(comments)).toEqual([])
  await comments.getByRole('button', { name: 'Опублікувати коментар' }).click()
  await comments.getByText('Спершу напишіть коментар.').waitFor()
  await comments.getByLabel('Коментар', { exact: true }).fill('Перевірте, будь ласка, дату **заяви**.')
  await comments.getByRole('button', { name: 'Опублікувати коментар' }).click()
  await comments.getByRole('article').getByText('Перевірте, будь ласка', { exact: false }).waitFor()
  await comments.locator('article time').waitFor()
  expect(await notUkrainian(comments)).toEqual([])

  // The right-of-reply log of the governor's claim: its lines are the domain's sentences, checked with them.
  const replies = column('Oleg Kiper').locator('.claim-replies')
  const replyParts = [
    replies.locator('h4'),
    replies.locator('.reply-log .actions'),
    replies.locator(':scope > button'),
  ]
  await replies.locator('.reply-log li').first().waitFor()
  expect(await notUkrainian(...replyParts)).toEqual([])
  await replies.getByRole('button', { name: /^Записати відповідь/ }).click()
  await replies.getByRole('button', { name: 'Зберегти відповідь' }).waitFor()
  expect(await notUkrainian(replies.locator('form'))).toEqual([])
  await replies.locator('form').getByRole('button', { name: 'Скасувати' }).click()
  await replies.getByRole('button', { name: /^Додати спробу/ }).click()
  await replies.getByRole('button', { name: 'Записати спробу' }).waitFor()
  expect(await notUkrainian(replies.locator('form'))).toEqual([])

  await expectNoSeriousA11yViolations(page)
})
