import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { latinTexts, untranslatedTexts } from '../support/untranslated.ts'
import { expectNoSeriousA11yViolations, signInAs } from '../support/web-session.ts'

// The workbench's claim columns and evidence matrix, read in Ukrainian: every word of the interface comes
// from the Ukrainian catalogue, and what people wrote is left as they wrote it.

const SEEDED_QUESTION = 'What did the 10 June 2025 strikes on Kyiv and Odesa hit?'

let server: ServerHandle
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  page = await context.newPage()
  await signInAs(page, server.url, 'checker')
  // From the next page on, the interface is in Ukrainian, as the reader chose it in this browser.
  await context.addInitScript(() => localStorage.setItem('counterclaim.locale', 'uk'))
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** A dispute a Ukrainian desk wrote: its people's words are Ukrainian too. */
function ukrainianDispute(): Promise<OwnDispute> {
  return createDispute(httpClient(server.url), {
    title: 'Удари по Одесі',
    question: `Що влучило в порт Одеси ${Date.now()}?`,
    summary: 'Дві версії того, що сталося вночі.',
    tags: ['одеса'],
    claims: [
      {
        claimant: { name: 'Обласна адміністрація', kind: 'government' },
        text: 'Ракета влучила в зерновий термінал.',
        shortText: 'Зерновий термінал',
        statedOn: '2025-06-10',
        appearanceUrl: 'https://example.org/oda',
      },
      {
        claimant: { name: 'Олена Коваль', kind: 'person' },
        text: 'Уламки впали на пасажирський причал.',
        verdict: { state: 'draft', rating: 'mixed', summary: 'Частково підтверджено фото.' },
      },
    ],
    evidence: [
      {
        title: 'Фото причалу',
        kind: 'photo',
        sourceName: 'Місцевий канал',
        excerpt: 'На фото видно уламки біля причалу.',
        sourceReliability: 'B',
        informationCredibility: 2,
        origin: 'Пресслужба порту',
      },
      { title: 'Заява порту', kind: 'official_statement', origin: 'Пресслужба порту' },
      { title: 'Супутниковий знімок', kind: 'satellite' },
    ],
    stances: [
      {
        evidence: 'Фото причалу',
        claimant: 'Олена Коваль',
        stance: 'supports',
        note: 'Збігається з місцем.',
      },
      { evidence: 'Заява порту', claimant: 'Обласна адміністрація', stance: 'contradicts' },
      { evidence: 'Супутниковий знімок', claimant: 'Обласна адміністрація', stance: 'context' },
    ],
  })
}

async function openInUkrainian(id: string, question: string): Promise<{ claims: Locator; matrix: Locator }> {
  await page.goto(`${server.url}/disputes/${id}`)
  await page.getByRole('heading', { name: question, level: 1 }).waitFor()
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk')
  const claims = page.getByRole('region', { name: /^Твердження/ })
  const matrix = page.getByRole('region', { name: 'Докази', exact: true })
  await claims.waitFor()
  await matrix.waitFor()
  return { claims, matrix }
}

async function expectUkrainian(region: Locator, { latin = true } = {}): Promise<void> {
  expect(await untranslatedTexts(region, 'uk')).toEqual([])
  if (latin) expect(await latinTexts(region)).toEqual([])
}

it('shows a Ukrainian desk’s dispute with its claim columns, evidence matrix, details and menus all in Ukrainian', async () => {
  const dispute = await ukrainianDispute()
  const { claims, matrix } = await openInUkrainian(dispute.id, dispute.question)

  await claims.getByRole('heading', { name: 'Обласна адміністрація', exact: true }).waitFor()
  await claims.getByRole('button', { name: 'Редагувати чернетку щодо: твердження (Олена Коваль)' }).waitFor()
  await expectUkrainian(claims)

  // An evidence item's details, open, and a cell's stance menu.
  await matrix.getByRole('button', { name: 'Фото причалу', exact: true }).click()
  await matrix.getByText('Одне першоджерело:').first().waitFor()
  await matrix.getByText('здебільшого надійне', { exact: false }).waitFor()
  await expectUkrainian(matrix)

  const cell = matrix.getByRole('button', {
    name: 'Позиція доказу «Фото причалу» щодо: твердження (Олена Коваль): підтверджує',
  })
  await cell.click()
  const menu = page.getByRole('dialog', {
    name: 'Позиція доказу «Фото причалу» щодо: твердження (Олена Коваль)',
  })
  await menu.getByRole('menuitemradio', { name: 'Підтверджує' }).waitFor()
  await expectUkrainian(menu)
  await expectNoSeriousA11yViolations(page)
  await menu.getByRole('button', { name: 'Скасувати' }).click()

  // How the two claims relate, and the form for new evidence.
  await claims.getByRole('button', { name: /^Як співвідносяться/ }).click()
  const relationMenu = page.getByRole('dialog', { name: /^Як співвідносяться/ })
  await relationMenu.getByRole('menuitemradio', { name: 'Суперечать' }).waitFor()
  await expectUkrainian(relationMenu)
  await relationMenu.getByRole('button', { name: 'Скасувати' }).click()

  await matrix.getByRole('button', { name: '+ Додати доказ' }).click()
  const form = matrix.getByRole('form', { name: 'Новий доказ' })
  await form.getByLabel('Першоджерело').waitFor()
  await expectUkrainian(form)
  await expectNoSeriousA11yViolations(page)
})

it('shows the seeded dispute’s claim columns and evidence matrix in Ukrainian, the people’s English words left as written', async () => {
  const list = (await (
    await fetch(`${server.url}/api/disputes?q=${encodeURIComponent('Kyiv and Odesa')}`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    })
  ).json()) as { items: { id: string; question: string }[] }
  const seeded = list.items.find((d) => d.question === SEEDED_QUESTION)
  expect(seeded).toBeTruthy()
  const { claims, matrix } = await openInUkrainian(seeded?.id ?? '', SEEDED_QUESTION)
  await matrix.getByRole('row').nth(1).waitFor()
  // The names and titles people wrote in English stay English inside the interface's sentences, so only
  // the catalogue check applies here; the Ukrainian desk's dispute above checks for stray Latin words.
  await expectUkrainian(claims, { latin: false })
  await expectUkrainian(matrix, { latin: false })
  await expectNoSeriousA11yViolations(page)
})
