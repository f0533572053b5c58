import AxeBuilder from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { type ServerHandle, startServer } from '../support/server.ts'

let server: ServerHandle
let browser: Browser
let pageUrl: string
let claimReview: unknown

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  // Signed out, as a crawler would: the feed names the published verdicts' public pages (the ministry's
  // and the two drone counts').
  const feed = await (await fetch(`${server.url}/api/public/verdicts`)).json()
  const items = feed.dataFeedElement.map((e: { item: { url: string; claimReviewed: string } }) => e.item)
  expect(items).toHaveLength(3)
  const ministry = items.find((item: { claimReviewed: string }) =>
    item.claimReviewed.includes('All designated objects were hit'),
  )
  pageUrl = ministry.url
  expect(pageUrl.startsWith(`${server.url}/v/`)).toBe(true)
  claimReview = await (await fetch(`${server.url}/api/public/verdicts/${pageUrl.split('/v/')[1]}`)).json()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

it('shows the published verdict with JavaScript off, its JSON-LD in the head', async () => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  })
  try {
    const page = await context.newPage()
    const styles: number[] = []
    page.on('response', (res) => {
      if (res.url().endsWith('/v/public.css')) styles.push(res.status())
    })
    const res = await page.goto(pageUrl)
    expect(res?.status()).toBe(200)
    // The short form is the checker's paraphrase: a headline without quotation marks, the words quoted below.
    expect(await page.title()).toBe('Misleading: All designated objects were hit | Counterclaim')
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('All designated objects were hit')
    expect(await page.locator('.claim blockquote').textContent()).toContain(
      'The goal of the strikes was achieved. All designated objects were hit.',
    )
    expect(await page.getByRole('heading', { name: 'Our rating: Misleading' }).count()).toBe(1)
    expect(await page.locator('figcaption .claimant').textContent()).toBe('Russian Ministry of Defence')
    expect(await page.locator('.rationale strong').textContent()).toBe('maternity hospital')
    const source = page.getByRole('link', {
      name: 'News report: Russia strikes Kyiv and Odesa, hitting a maternity hospital',
    })
    expect(await source.getAttribute('href')).toBe('https://www.reuters.com/world/europe/')

    const ld = await page.locator('head script[type="application/ld+json"]').textContent()
    const parsed = JSON.parse(ld ?? '')
    expect(parsed['@context']).toBe('https://schema.org')
    expect(parsed['@type']).toBe('ClaimReview')
    expect(parsed).toEqual(claimReview)
    expect(await page.locator('head meta[property="og:title"]').getAttribute('content')).toBe(
      'Misleading: All designated objects were hit',
    )
    // The linked stylesheet loads under the strict CSP.
    expect(styles).toEqual([200])
  } finally {
    await context.close()
  }
})

it('reads well on a phone and passes axe without serious or critical violations', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text())
    })
    await page.goto(pageUrl)
    await page.locator('h1').waitFor()
    // Nothing wider than the screen, and the stylesheet applied (the masthead's colour).
    const layout = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      masthead: getComputedStyle(document.querySelector('.masthead') as Element).backgroundColor,
    }))
    expect(layout.scroll).toBeLessThanOrEqual(layout.width)
    expect(layout.masthead).toBe('rgb(31, 42, 55)')
    const axe = await new AxeBuilder({ page }).analyze()
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    // No CSP refusals: no inline script or style on the page.
    expect(errors).toEqual([])
  } finally {
    await context.close()
  }
})

it('answers an unpublished verdict with a 404 page', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    const res = await page.goto(`${server.url}/v/00000000-0000-4000-8000-000000000000`)
    expect(res?.status()).toBe(404)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No published fact check here')
  } finally {
    await context.close()
  }
})
