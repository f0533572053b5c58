import { randomUUID } from 'node:crypto'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, signIn } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'
import { expectNoSeriousA11yViolations, saveScreenshot, signInAs } from '../support/web-session.ts'

// Every screen at a phone's size (390 × 844): nothing scrolls the page sideways, and each passes axe.
const PHONE = { width: 390, height: 844 }
const LONG_URL = `https://example.org/archive/2025/06/10/${'odesa-maternity-hospital-damage-'.repeat(3)}${randomUUID()}`
const MOD = 'Ministry of Defence'
const GOVERNOR = 'Odesa regional military administration'
const MAYOR = 'Mayor of Odesa'

let server: ServerHandle
let browser: Browser
let context: BrowserContext
let page: Page
let own: OwnDispute
let seededDisputeId: string
let factCheckId: string

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const send = httpClient(server.url)
  own = await createDispute(send, {
    title: 'Strikes of 10 June, on a phone',
    question: `What did the strikes on Odesa hit (${randomUUID().slice(0, 8)})?`,
    evidence: [
      { title: `Photos of the damaged maternity hospital ${LONG_URL}`, kind: 'photo', url: LONG_URL },
      { title: 'Ministry statement', kind: 'official_statement', url: 'https://example.org/statement' },
    ],
    stances: [
      {
        evidence: `Photos of the damaged maternity hospital ${LONG_URL}`,
        claimant: MOD,
        stance: 'contradicts',
      },
      { evidence: 'Ministry statement', claimant: MOD, stance: 'supports' },
      { evidence: 'Ministry statement', claimant: MAYOR, stance: 'context' },
    ],
    claims: [
      {
        claimant: { name: MOD, kind: 'military' },
        text: 'All designated objects were hit.',
        verdict: {
          state: 'published',
          rating: 'misleading',
          summary: 'A hospital was hit too.',
          rationale: LONG_URL,
          cites: [`Photos of the damaged maternity hospital ${LONG_URL}`],
        },
      },
      {
        claimant: { name: GOVERNOR, kind: 'government' },
        text: `A maternity hospital was hit; photos at ${LONG_URL}`,
        appearanceUrl: LONG_URL,
      },
      { claimant: { name: MAYOR, kind: 'government' }, text: 'Residential buildings were hit.' },
    ],
  })
  const admin = await signIn(send, 'admin')
  const disputes = await (await send('/api/disputes?limit=100', { cookie: admin })).json()
  const seeded = disputes.items.find((d: { question: string }) =>
    d.question.startsWith('What did the 10 June'),
  )
  seededDisputeId = seeded.id
  const review = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: LONG_URL,
    claimReviewed: `Over 300 drones were launched overnight, says ${LONG_URL}`,
    author: { '@type': 'Organization', name: 'Checker Desk', url: 'https://checker.example' },
    datePublished: '2025-06-11',
    reviewRating: { '@type': 'Rating', alternateName: 'Mostly false' },
  }
  const imported = await send('/api/fact-checks/import', { method: 'POST', json: review, cookie: admin })
  expect(imported.status, await imported.clone().text()).toBe(200)
  const found = await (await send('/api/fact-checks?q=drones&limit=100', { cookie: admin })).json()
  factCheckId = found.items.find((f: { url: string }) => f.url === LONG_URL).id

  // Signed in on a wide screen (the sign-in helper looks for the header's "Sign out"), then turned into a phone.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  await signInAs(page, server.url, 'admin')
  await page.setViewportSize(PHONE)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Waits until the screen has its heading and nothing on it is still loading. */
async function loaded(p: Page): Promise<void> {
  await p.getByRole('heading', { level: 1 }).first().waitFor()
  await p.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"]') &&
      !Array.from(document.querySelectorAll('[role="status"]')).some((s) =>
        (s.textContent ?? '').startsWith('Loading'),
      ),
  )
}

/** The page's width, and what sticks out past the screen's right edge when it is wider than the screen. */
async function sideways(p: Page): Promise<{ width: number; wider: string[] }> {
  return p.evaluate((limit) => {
    const width = document.documentElement.scrollWidth
    if (width <= limit) return { width, wider: [] }
    const wider = Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 8)
      .map(
        (e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)})`,
      )
    return { width, wider }
  }, PHONE.width)
}

async function expectFitsPhone(p: Page, name: string): Promise<void> {
  const { width, wider } = await sideways(p)
  expect(width, `${name} is ${width} px wide: ${wider.join(', ')}`).toBeLessThanOrEqual(PHONE.width)
  await expectNoSeriousA11yViolations(p)
  await saveScreenshot(p, `phone-${name}`)
}

describe('every screen at 390 × 844', () => {
  const screens: Array<[string, () => string]> = [
    ['my-work', () => '/'],
    ['disputes', () => '/disputes'],
    ['workbench-seeded', () => `/disputes/${seededDisputeId}`],
    ['workbench-long-url', () => `/disputes/${own.id}`],
    ['claim-log', () => '/claim-log'],
    ['review', () => '/review'],
    ['claimants', () => '/claimants'],
    ['claimant', () => `/claimants/${own.claimBy(GOVERNOR).claimant.id}`],
    ['fact-checks', () => '/fact-checks'],
    ['fact-check-feeds', () => '/fact-checks/feeds'],
    ['fact-check', () => `/fact-checks/${factCheckId}`],
    ['search', () => '/search?q=drones'],
    ['agreement', () => '/agreement'],
    ['accounts', () => '/accounts'],
    ['account', () => '/account'],
    ['password', () => '/account/password'],
    ['webhooks', () => '/webhooks'],
    ['notifications', () => '/notifications'],
    ['not-found', () => '/no-such-screen'],
  ]
  for (const [name, path] of screens) {
    it(`${name} fits the phone's width`, async () => {
      await page.goto(`${server.url}${path()}`)
      await loaded(page)
      await expectFitsPhone(page, name)
    })
  }

  it('the sign-in screen fits the phone', async () => {
    const signedOut = await (await browser.newContext({ viewport: PHONE })).newPage()
    await signedOut.goto(server.url)
    await signedOut.getByRole('button', { name: 'Sign in' }).waitFor()
    await expectFitsPhone(signedOut, 'sign-in')
    await signedOut.context().close()
  })

  it('the public pages of a verdict and of a dispute fit the phone, long addresses wrapped', async () => {
    const reader = await (await browser.newContext({ viewport: PHONE })).newPage()
    const verdict = await reader.goto(`${server.url}/v/${own.claimBy(MOD).id}`)
    expect(verdict?.status()).toBe(200)
    await expectFitsPhone(reader, 'public-verdict')
    const dispute = await reader.goto(`${server.url}/d/${own.id}`)
    expect(dispute?.status()).toBe(200)
    await expectFitsPhone(reader, 'public-dispute')
    await reader.context().close()
  })
})

describe('the header on a phone', () => {
  it('folds navigation, search and the account into a menu that opens and closes by keyboard', async () => {
    await page.goto(`${server.url}/disputes`)
    await loaded(page)
    const banner = page.getByRole('banner')
    const menu = banner.getByRole('button', { name: 'Menu' })
    const nav = banner.getByRole('navigation', { name: 'Main' })
    // The brand, notifications and the menu stay; the rest waits behind the menu.
    expect(await banner.getByRole('link', { name: 'Counterclaim' }).isVisible()).toBe(true)
    expect(await banner.getByRole('button', { name: /^Notifications/ }).isVisible()).toBe(true)
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await nav.isVisible()).toBe(false)
    for (const id of ((await menu.getAttribute('aria-controls')) ?? '').split(' ')) {
      expect(await page.locator(`#${id}`).count(), id).toBe(1)
    }

    await menu.focus()
    await page.keyboard.press('Enter')
    await nav.waitFor()
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    expect(await banner.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true)
    expect(await banner.getByRole('combobox', { name: 'Interface language' }).isVisible()).toBe(true)
    expect((await sideways(page)).width).toBeLessThanOrEqual(PHONE.width)
    await expectNoSeriousA11yViolations(page)
    await saveScreenshot(page, 'phone-header-menu-open')

    // Escape closes it from inside, and the focus goes back to the button.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Escape')
    await nav.waitFor({ state: 'hidden' })
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true)

    // Choosing a link closes it, on the chosen screen.
    await page.keyboard.press('Space')
    await nav.getByRole('link', { name: 'Claim log' }).click()
    await page.waitForURL(/\/claim-log$/)
    await nav.waitFor({ state: 'hidden' })
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
  })

  it('keeps the full header on a wide screen, with no menu button', async () => {
    const wide = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await signInAs(wide, server.url, 'admin')
    const banner = wide.getByRole('banner')
    expect(await banner.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true)
    expect(await banner.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false)
    await wide.context().close()
  })
})

describe('the workbench on a phone', () => {
  const row = (p: Page): Locator => p.locator('.claim-columns')
  const position = (p: Page): Locator => p.getByRole('status').filter({ hasText: /^Claim \d+ of \d+$/ })

  it('shows one claim at a time in a row to swipe, and says which one', async () => {
    await page.goto(`${server.url}/disputes/${own.id}`)
    await loaded(page)
    await position(page).filter({ hasText: 'Claim 1 of 3' }).waitFor()
    // One column is about the screen's width.
    const first = await page.getByRole('article', { name: MOD }).boundingBox()
    expect(first?.width ?? 0).toBeGreaterThan(PHONE.width * 0.75)

    await page.getByRole('button', { name: 'Next claim' }).click()
    await position(page).filter({ hasText: 'Claim 2 of 3' }).waitFor()
    await saveScreenshot(page, 'phone-workbench-claim-2')

    // A swipe to the end of the row (scrolled as a finger would scroll it).
    await row(page).evaluate((el) => el.scrollTo({ left: el.scrollWidth }))
    await position(page).filter({ hasText: 'Claim 3 of 3' }).waitFor()
    expect(await page.getByRole('button', { name: 'Next claim' }).getAttribute('aria-disabled')).toBe('true')

    await page.getByRole('button', { name: 'Previous claim' }).click()
    await position(page).filter({ hasText: 'Claim 2 of 3' }).waitFor()
  })

  it('scrolls the evidence matrix inside its own region, the evidence column staying at its left edge', async () => {
    await page.goto(`${server.url}/disputes/${own.id}`)
    await loaded(page)
    const region = page.getByRole('region', { name: 'Evidence matrix, scrolls sideways' })
    await region.waitFor()
    expect(await region.getAttribute('tabindex')).toBe('0')
    const evidence = region.getByRole('rowheader').filter({ hasText: 'Ministry statement' })
    await region.scrollIntoViewIfNeeded()
    const before = await evidence.boundingBox()
    const scrolled = await region.evaluate((el) => {
      el.scrollTo({ left: el.scrollWidth })
      return el.scrollLeft
    })
    expect(scrolled).toBeGreaterThan(0)
    await expect.poll(async () => (await region.evaluate((el) => el.scrollLeft)) === scrolled).toBe(true)
    const box = await region.boundingBox()
    const after = await evidence.boundingBox()
    expect(Math.abs((after?.x ?? -1) - (box?.x ?? 0))).toBeLessThanOrEqual(1)
    expect(after?.x).toBe(before?.x)
    // The column is opaque: the stance cells scrolled under it do not show through.
    const background = await evidence.evaluate((el) => getComputedStyle(el).backgroundColor)
    expect(background).not.toBe('rgba(0, 0, 0, 0)')
    expect((await sideways(page)).width).toBeLessThanOrEqual(PHONE.width)
    await saveScreenshot(page, 'phone-workbench-matrix-scrolled')
  })
})
