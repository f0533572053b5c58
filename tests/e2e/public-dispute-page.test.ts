import { randomUUID } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchBrowser } from '../support/browser.ts'
import { httpClient, signIn } from '../support/http.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { type ServerHandle, startServer } from '../support/server.ts'

let server: ServerHandle
let browser: Browser
let own: OwnDispute

const MOD = 'Ministry of Defence'
const GOVERNOR = 'Odesa regional military administration, whose name is long enough to wrap on a phone'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const send = httpClient(server.url)
  own = await createDispute(send, {
    title: 'Strikes of 10 June',
    question: `What did the 10 June 2025 strikes on Kyiv and Odesa hit (${randomUUID().slice(0, 8)})?`,
    evidence: [
      {
        title: 'Photos of the damaged maternity hospital in Odesa, taken the morning after',
        kind: 'photo',
        url: 'https://example.org/photos-of-the-damaged-maternity-hospital-in-odesa-taken-the-morning-after',
      },
      { title: 'Ministry statement', kind: 'official_statement', url: 'https://example.org/statement' },
    ],
    stances: [
      {
        evidence: 'Photos of the damaged maternity hospital in Odesa, taken the morning after',
        claimant: MOD,
        stance: 'contradicts',
      },
      {
        evidence: 'Photos of the damaged maternity hospital in Odesa, taken the morning after',
        claimant: GOVERNOR,
        stance: 'supports',
      },
      { evidence: 'Ministry statement', claimant: MOD, stance: 'supports' },
    ],
    claims: [
      {
        claimant: { name: MOD, kind: 'military' },
        text: 'The goal of the strikes was achieved. All designated objects were hit.',
        shortText: 'All designated objects were hit',
        quantity: { value: 300, unit: 'drones', qualifier: 'at_least' },
        verdict: {
          state: 'in_review',
          rating: 'misleading',
          summary: 'A maternity hospital was hit too.',
          rationale: 'Photos.',
          cites: [
            'Photos of the damaged maternity hospital in Odesa, taken the morning after',
            'Ministry statement',
          ],
        },
      },
      {
        claimant: { name: GOVERNOR, kind: 'government' },
        text: 'The Russians hit a maternity hospital, an emergency ward and residential buildings.',
        quantity: { value: 479, unit: 'drones', qualifier: 'exact' },
        verdict: {
          state: 'published',
          rating: 'true',
          summary: 'Photos confirm it.',
          rationale: 'Photos.',
          cites: ['Photos of the damaged maternity hospital in Odesa, taken the morning after'],
        },
      },
    ],
  })
  // The ministry was asked for comment and replied before its verdict was published.
  const checker = await signIn(send, 'checker')
  const editor = await signIn(send, 'editor')
  const mod = own.claimBy(MOD)
  const reply = await send(`/api/claims/${mod.id}/replies`, {
    method: 'POST',
    cookie: checker,
    json: {
      askedOn: '2025-06-10',
      channel: 'email',
      contact: "the ministry's press office",
      question: 'Was the maternity hospital among the designated objects?',
      answer: 'All designated objects were military.',
      answeredOn: '2025-06-11',
    },
  })
  expect(reply.status).toBe(201)
  const published = await send(`/api/claims/${mod.id}/verdict/publish`, {
    method: 'POST',
    cookie: editor,
    headers: { 'if-match': `"${mod.verdict?.version}"` },
  })
  expect(published.status, await published.clone().text()).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function axeSerious(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze()
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

it('shows the claims side by side with JavaScript off, with the chart, the matrix, the reply log and every ClaimReview', async () => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
  })
  try {
    const page = await context.newPage()
    const res = await page.goto(`${server.url}/d/${own.id}`)
    expect(res?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(own.question)
    const cards = page.locator('.claims > li')
    expect(await cards.count()).toBe(2)
    // Side by side on a wide screen: the two cards share a row.
    const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()]
    expect(first?.y).toBe(second?.y)
    expect((first?.x ?? 0) < (second?.x ?? 0)).toBe(true)
    expect(
      await page.getByRole('heading', { name: 'All designated objects were hit', exact: true }).count(),
    ).toBe(1)
    expect(await page.getByText('Our rating: Misleading').count()).toBe(1)
    expect(await page.getByText('Our rating: True').count()).toBe(1)
    // The reply log of the ministry's claim.
    const replies = page.getByRole('region', { name: 'Right of reply' })
    expect(await replies.count()).toBe(1)
    expect(await replies.textContent()).toContain(
      "We asked the ministry's press office on 10 June 2025 (by email): “Was the maternity hospital among the designated objects?”.",
    )
    expect(await replies.textContent()).toContain(
      'They replied on 11 June 2025: “All designated objects were military.”.',
    )
    // The chart and its table alternative.
    expect(await page.getByRole('img', { name: /drones: each claim’s number on one line/ }).count()).toBe(1)
    const numbers = page.getByRole('region', { name: 'drones: the numbers as a table' })
    expect(await numbers.getByRole('row').count()).toBe(3)
    // The matrix: stances in words, with a sign besides, never colour alone.
    const matrix = page.getByRole('region', { name: 'The evidence and how it bears on each claim' })
    expect(await matrix.getByRole('cell', { name: 'Contradicts' }).count()).toBe(1)
    expect(await matrix.getByRole('cell', { name: 'Supports' }).count()).toBe(2)
    expect(await matrix.getByRole('cell', { name: 'Not cited' }).count()).toBe(1)
    // Each claim links to its own page, which links back.
    await page.getByRole('link', { name: `Read the fact check of ${MOD}’s claim` }).click()
    await page.waitForURL(`${server.url}/v/${own.claimBy(MOD).id}`)
    expect(await page.getByRole('region', { name: 'Right of reply' }).textContent()).toContain(
      'They replied on 11 June 2025',
    )
    await page.getByRole('link', { name: 'See all claims about this question' }).click()
    await page.waitForURL(`${server.url}/d/${own.id}`)
    const ld = JSON.parse((await page.locator('head script[type="application/ld+json"]').textContent()) ?? '')
    expect(ld['@graph'].map((r: { '@type': string; url: string }) => [r['@type'], r.url])).toEqual([
      ['ClaimReview', `${server.url}/v/${own.claimBy(MOD).id}`],
      ['ClaimReview', `${server.url}/v/${own.claimBy(GOVERNOR).id}`],
    ])
  } finally {
    await context.close()
  }
})

it('fits a phone: stacked claims, no sideways scrolling at 390 px, and no serious axe violations', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text())
    })
    await page.goto(`${server.url}/d/${own.id}`)
    await page.locator('h1').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const cards = page.locator('.claims > li')
    const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()]
    expect((second?.y ?? 0) > (first?.y ?? 0) + (first?.height ?? 0) - 1).toBe(true)
    // The chart's words keep a readable size on a phone, and its axis labels stay inside it.
    const chart = await page.locator('svg.chart').first().boundingBox()
    const label = await page.locator('svg.chart .chart-label').first().boundingBox()
    expect(label?.height ?? 0).toBeGreaterThanOrEqual(12)
    for (const tick of await page.locator('svg.chart .chart-tick-label').all()) {
      const box = await tick.boundingBox()
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((chart?.x ?? 0) + (chart?.width ?? 0))
      expect(box?.x ?? -1).toBeGreaterThanOrEqual(chart?.x ?? 0)
    }
    expect(await axeSerious(page)).toEqual([])
    // No CSP refusals: no inline script or style.
    expect(errors).toEqual([])
  } finally {
    await context.close()
  }
})

it('answers a dispute with nothing published with the 404 page', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    const res = await page.goto(`${server.url}/d/${randomUUID()}`)
    expect(res?.status()).toBe(404)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No published fact check here')
  } finally {
    await context.close()
  }
})
