import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../apps/api/src/env.ts'
import { createDispute, type OwnDispute } from '../support/own-dispute.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

// The public pages are written in the desk's language, COUNTERCLAIM_LOCALE: a Ukrainian desk's readers see
// Ukrainian headings, rating words and dates; people's own words stay as typed, each in its direction.

const MOD = 'Міністерство оборони'
const SPOKESMAN = 'المتحدث العسكري'
const ARABIC_CLAIM = 'أسقطنا جميع الطائرات المسيّرة فوق المدينة.'

let uk: TestApp
let en: TestApp
let dispute: OwnDispute

/** A dispute of two published claims, one of them in Arabic, with numbers and a logged reply attempt. */
function ownDispute(t: TestApp): Promise<OwnDispute> {
  return createDispute(t.request, {
    title: 'Удари 10 червня',
    question: `Що влучили удари 10 червня (${randomUUID().slice(0, 8)})?`,
    evidence: [{ title: 'Фото пологового будинку', kind: 'photo', url: 'https://example.org/photos' }],
    stances: [{ evidence: 'Фото пологового будинку', claimant: MOD, stance: 'contradicts' }],
    claims: [
      {
        claimant: { name: MOD, kind: 'military' },
        text: 'Усі призначені об’єкти уражено.',
        statedOn: '2025-06-10',
        language: 'uk',
        quantity: { value: 300, unit: 'drones', qualifier: 'at_least' },
        verdict: {
          state: 'published',
          rating: 'misleading',
          summary: 'Влучили також у пологовий будинок.',
          rationale: 'Фото показують лікарню.',
          cites: ['Фото пологового будинку'],
        },
      },
      {
        claimant: { name: SPOKESMAN, kind: 'military' },
        text: ARABIC_CLAIM,
        language: 'ar',
        quantity: { value: 2700, unit: 'drones', qualifier: 'approx' },
        verdict: {
          state: 'published',
          rating: 'false',
          summary: 'لم يتم إسقاط جميع الطائرات.',
          rationale: 'Photos.',
          cites: ['Фото пологового будинку'],
        },
      },
    ],
  })
}

beforeAll(async () => {
  uk = await makeTestApp({ env: { COUNTERCLAIM_LOCALE: 'uk' } })
  en = await makeTestApp()
  dispute = await ownDispute(uk)
})

const pageOf = async (t: TestApp, path: string) => {
  const res = await t.request(path)
  expect(res.status, path).toBe(200)
  return res.text()
}

function jsonLdOf(html: string): {
  reviewRating: { alternateName: string }
  itemReviewed: { inLanguage?: string }
} {
  const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1]
  return JSON.parse(block ?? '{}')
}

/** "10 червня 2025 р.": a date as Ukrainian writes it. */
const UKRAINIAN_DATE =
  /\d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня) \d{4} р\./

describe('the public pages in the desk’s language (COUNTERCLAIM_LOCALE)', () => {
  it('writes a verdict’s page in Ukrainian: headings, the rating and its meaning, dates, lang="uk"', async () => {
    const html = await pageOf(uk, `/v/${dispute.claimBy(MOD).id}`)
    expect(html).toMatch(/<html lang="uk">/)
    expect(html).toContain('<span class="rating-label">Маніпуляція</span>')
    expect(html).toContain('Наша оцінка:')
    expect(html).toContain('Частково точне, але створює хибне враження.')
    expect(html).toMatch(/<h2 id="rationale-heading">Чому<\/h2>/)
    expect(html).toMatch(/<h2 id="sources-heading">Джерела<\/h2>/)
    expect(html).toContain('<time datetime="2025-06-10">10 червня 2025 р.</time>')
    expect(html).toContain('<meta property="og:locale" content="uk_UA">')
    expect(html).toContain('Фото')
    for (const english of ['Our rating', 'Sources', 'Fact check', 'Published by', 'where it was said']) {
      expect(html).not.toContain(english)
    }
    // The ClaimReview names the rating in the page's language; the claim's language stays the claim's.
    const review = jsonLdOf(html)
    expect(review.reviewRating.alternateName).toBe('Маніпуляція')
    expect(review.itemReviewed.inLanguage).toBe('uk')
  })

  it('writes the dispute’s page in Ukrainian, its numbers too', async () => {
    const html = await pageOf(uk, `/d/${dispute.id}`)
    expect(html).toMatch(/<html lang="uk">/)
    expect(html).toMatch(/<h2 id="claims-heading">Твердження<\/h2>/)
    expect(html).toMatch(/<h2 id="numbers-heading">Числа поруч<\/h2>/)
    expect(html).toMatch(/<h2 id="evidence-heading">Докази і як вони стосуються кожного твердження<\/h2>/)
    expect(html).toContain('<span class="rating-label">Неправда</span>')
    expect(html).toContain('щонайменше 300 drones')
    expect(html).toContain('близько 2\u00a0700 drones')
    expect(html).toContain('Спростовує')
    expect(html).toMatch(UKRAINIAN_DATE)
    for (const english of ['Our rating', 'The claims', 'Read the fact check', 'at least 300', 'Not cited']) {
      expect(html).not.toContain(english)
    }
  })

  it('lays a right-to-left claim, its claimant and its summary out in their own direction', async () => {
    const html = await pageOf(uk, `/v/${dispute.claimBy(SPOKESMAN).id}`)
    const heading = /<h1([^>]*)>([^<]*)<\/h1>/.exec(html)
    expect(heading?.[2]).toContain(ARABIC_CLAIM.slice(0, 20))
    expect(heading?.[1]).toContain('dir="auto"')
    expect(heading?.[1]).toContain('lang="ar"')
    expect(html).toContain(`<span class="claimant" dir="auto">${SPOKESMAN}</span>`)
    expect(html).toContain('<p class="summary" dir="auto">لم يتم إسقاط جميع الطائرات.</p>')
    const onDispute = await pageOf(uk, `/d/${dispute.id}`)
    expect(onDispute).toContain(`<p class="claimant" dir="auto">${SPOKESMAN}</p>`)
  })

  it('keeps English by default', async () => {
    const own = await ownDispute(en)
    const html = await pageOf(en, `/v/${own.claimBy(MOD).id}`)
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toContain('Our rating: <span class="rating-label">Misleading</span>')
    expect(html).toContain('<time datetime="2025-06-10">10 June 2025</time>')
    expect(jsonLdOf(html).reviewRating.alternateName).toBe('Misleading')
    const onDispute = await pageOf(en, `/d/${own.id}`)
    expect(onDispute).toContain('at least 300 drones')
    expect(onDispute).toContain('about 2,700 drones')
  })

  it('refuses to start with a language it does not have, naming the ones it has', () => {
    expect(() => readConfig({ COUNTERCLAIM_LOCALE: 'fr' })).toThrow(
      /^invalid configuration: COUNTERCLAIM_LOCALE: expected one of en, uk/,
    )
    expect(readConfig({}).locale).toBe('en')
    expect(readConfig({ COUNTERCLAIM_LOCALE: 'uk' }).locale).toBe('uk')
  })
})
