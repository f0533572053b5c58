import { ClaimReviewFeedSchema, ClaimReviewSchema } from '@counterclaim/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ClaimReviewInput,
  claimHeadline,
  claimReviewedText,
  publicVerdictUrl,
  toClaimReview,
  toClaimReviewFeed,
  trimAtWord,
} from './claim-review.ts'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const base = (): ClaimReviewInput => ({
  verdict: {
    claimId: '6f1c7f9e-4d0f-4a53-9a55-2a7f3f1f0a11',
    rating: 'misleading',
    summary: 'Civilian buildings were hit as well.',
    publishedAt: '2025-06-12T09:00:00.000Z',
    modifiedAt: null,
    updatedAt: '2025-06-12T09:00:00.000Z',
  },
  claim: {
    text: 'The goal of the strikes was achieved. All designated objects were hit.',
    shortText: 'All designated objects were hit',
    statedOn: '2025-06-10',
    appearanceUrl: 'https://t.me/mod_russia_en',
  },
  claimant: { name: 'Russian Ministry of Defence', kind: 'military', url: 'https://eng.mil.ru/', sameAs: [] },
  citedEvidence: [
    {
      title: 'News report',
      url: 'https://www.reuters.com/world/europe/',
      sourceName: 'Reuters',
      publishedOn: '2025-06-10',
    },
    { title: 'Eyewitness, no link', url: null, sourceName: '', publishedOn: null },
  ],
  corrections: [],
  org: { name: 'Desk', url: 'https://desk.example', logo: null },
  baseUrl: 'https://desk.example/',
})

describe('toClaimReview', () => {
  it('carries every field search engines require and recommend', () => {
    const review = toClaimReview(base())
    expect(ClaimReviewSchema.parse(review)).toEqual(review)
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://desk.example/v/6f1c7f9e-4d0f-4a53-9a55-2a7f3f1f0a11',
      claimReviewed: 'All designated objects were hit',
      datePublished: '2025-06-12T09:00:00.000Z',
      author: {
        '@type': 'Organization',
        '@id': 'https://desk.example#organization',
        name: 'Desk',
        url: 'https://desk.example',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: {
          '@type': 'Organization',
          name: 'Russian Ministry of Defence',
          sameAs: ['https://eng.mil.ru/'],
        },
        datePublished: '2025-06-10',
        appearance: {
          '@type': 'CreativeWork',
          url: 'https://t.me/mod_russia_en',
          datePublished: '2025-06-10',
        },
      },
    })
    // One appearance: there is no earlier one to name.
    expect(review.itemReviewed).not.toHaveProperty('firstAppearance')
    expect(review.itemReviewed).not.toHaveProperty('inLanguage')
    expect(review).not.toHaveProperty('sdLicense')
    expect(review.author).not.toHaveProperty('sameAs')
    expect(review.dateModified).toBeUndefined()
    expect(review.author.logo).toBeUndefined()
    expect(review.correction).toBeUndefined()
  })

  it('names a misleading rating in words and gives no number off the 1–5 scale', () => {
    const rating = toClaimReview(base()).reviewRating
    expect(rating).toEqual({
      '@type': 'Rating',
      alternateName: 'Misleading',
      description: 'Accurate in part, but gives a false impression.',
      ratingExplanation: 'Civilian buildings were hit as well.',
    })
  })

  it('gives ratings on the scale their value between worst 1 and best 5', () => {
    const values = (['true', 'mostly_true', 'mixed', 'mostly_false', 'false'] as const).map((rating) => {
      const input = base()
      input.verdict.rating = rating
      return toClaimReview(input).reviewRating
    })
    expect(values.map((r) => [r.alternateName, r.ratingValue, r.bestRating, r.worstRating])).toEqual([
      ['True', 5, 5, 1],
      ['Mostly true', 4, 5, 1],
      ['Mixed', 3, 5, 1],
      ['Mostly false', 2, 5, 1],
      ['False', 1, 5, 1],
    ])
  })

  it('marks a person as a Person and lists what is known about them', () => {
    const input = base()
    input.claimant = {
      name: 'Vitali Klitschko',
      kind: 'person',
      url: null,
      sameAs: ['https://www.wikidata.org/wiki/Q104186', 'https://www.wikidata.org/wiki/Q104186'],
    }
    expect(toClaimReview(input).itemReviewed.author).toEqual({
      '@type': 'Person',
      name: 'Vitali Klitschko',
      sameAs: ['https://www.wikidata.org/wiki/Q104186'],
    })
    input.claimant.sameAs = []
    expect(toClaimReview(input).itemReviewed.author).toEqual({ '@type': 'Person', name: 'Vitali Klitschko' })
  })

  it('gives a person their job title, affiliation and image, and an organisation its image alone', () => {
    const input = base()
    input.claimant = {
      name: 'Maria Zakharova',
      kind: 'person',
      url: 'https://example.org/zakharova',
      sameAs: ['https://www.wikidata.org/wiki/Q4180084'],
      jobTitle: 'Spokeswoman',
      affiliation: 'Ministry of Foreign Affairs',
      imageUrl: 'https://images.example.org/zakharova.jpg',
    }
    expect(toClaimReview(input).itemReviewed.author).toEqual({
      '@type': 'Person',
      name: 'Maria Zakharova',
      jobTitle: 'Spokeswoman',
      affiliation: { '@type': 'Organization', name: 'Ministry of Foreign Affairs' },
      image: 'https://images.example.org/zakharova.jpg',
      sameAs: ['https://example.org/zakharova', 'https://www.wikidata.org/wiki/Q4180084'],
    })
    input.claimant = { ...input.claimant, kind: 'government', sameAs: [], url: null }
    expect(toClaimReview(input).itemReviewed.author).toEqual({
      '@type': 'Organization',
      name: 'Maria Zakharova',
      image: 'https://images.example.org/zakharova.jpg',
    })
  })

  it('publishes the archived copy, the language, the licence and the organisation’s pages when known', () => {
    const input = base()
    input.claim = {
      ...input.claim,
      statedOn: '2025-06-10T08:30:00.000Z',
      archiveUrl: 'https://archive.ph/abc12',
      language: 'ru',
    }
    input.org = {
      ...input.org,
      url: 'https://desk.example/about#us',
      sameAs: ['https://www.wikidata.org/wiki/Q1', 'https://www.wikidata.org/wiki/Q1', 'https://x.com/desk'],
      sdLicense: 'https://creativecommons.org/licenses/by/4.0/',
    }
    const review = toClaimReview(input)
    expect(ClaimReviewSchema.parse(review)).toEqual(review)
    expect(review.sdLicense).toBe('https://creativecommons.org/licenses/by/4.0/')
    expect(review.author['@id']).toBe('https://desk.example/about#organization')
    expect(review.author.sameAs).toEqual(['https://www.wikidata.org/wiki/Q1', 'https://x.com/desk'])
    expect(review.itemReviewed.inLanguage).toBe('ru')
    expect(review.itemReviewed.datePublished).toBe('2025-06-10')
    expect(review.itemReviewed.appearance).toEqual({
      '@type': 'CreativeWork',
      url: 'https://t.me/mod_russia_en',
      datePublished: '2025-06-10',
      archivedAt: 'https://archive.ph/abc12',
    })
  })

  it('publishes an archived copy even when the page it copies is not recorded', () => {
    const input = base()
    input.claim = { ...input.claim, appearanceUrl: null, statedOn: null, archiveUrl: 'https://archive.ph/x' }
    expect(toClaimReview(input).itemReviewed.appearance).toEqual({
      '@type': 'CreativeWork',
      archivedAt: 'https://archive.ph/x',
    })
  })

  it('leaves out the appearance and the date when the claim has none', () => {
    const input = base()
    input.claim = { ...input.claim, appearanceUrl: null, statedOn: null }
    const item = toClaimReview(input).itemReviewed
    expect(item).not.toHaveProperty('appearance')
    expect(item).not.toHaveProperty('firstAppearance')
    expect(item).not.toHaveProperty('datePublished')
  })

  it('adds dateModified and the corrections once the verdict was corrected, and the logo when set', () => {
    const input = base()
    input.verdict.modifiedAt = '2025-06-14T10:00:00.000Z'
    input.corrections = [{ at: '2025-06-14T10:00:00.000Z', note: 'The hospital is in Odesa, not Kyiv.' }]
    input.org.logo = 'https://desk.example/logo.png'
    const review = toClaimReview(input)
    expect(review.dateModified).toBe('2025-06-14T10:00:00.000Z')
    expect(review.datePublished).toBe('2025-06-12T09:00:00.000Z')
    expect(review.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'The hospital is in Odesa, not Kyiv.',
        datePublished: '2025-06-14T10:00:00.000Z',
      },
    ])
    expect(review.author.logo).toBe('https://desk.example/logo.png')
  })

  it('cites the evidence that has a link', () => {
    expect(toClaimReview(base()).citation).toEqual([
      {
        '@type': 'CreativeWork',
        url: 'https://www.reuters.com/world/europe/',
        name: 'News report',
        publisher: { '@type': 'Organization', name: 'Reuters' },
        datePublished: '2025-06-10',
      },
    ])
  })
})

describe('claimReviewed', () => {
  it('prefers the short form', () => {
    expect(claimReviewedText({ text: 'A long text', shortText: '  Short  form ' })).toBe('Short form')
  })

  it('takes the claim’s whole text when there is no short form, not its first 75 characters', () => {
    const text =
      'The goal of the strikes was achieved. All designated objects were hit. The targets were aviation facilities.'
    expect(claimReviewedText({ text, shortText: null })).toBe(text)
    expect(claimReviewedText({ text, shortText: '   ' })).toBe(text)
  })

  it('cuts a text longer than 300 characters at a word', () => {
    const text = `${'word '.repeat(70)}ending`
    const got = claimReviewedText({ text, shortText: null })
    expect(got.length).toBeLessThanOrEqual(300)
    expect(got).toMatch(/^(word )+word…$/)
    const whole = `${'x'.repeat(295)} abcd`
    expect(claimReviewedText({ text: whole, shortText: null })).toBe(whole)
  })

  it('never exceeds the limit, never splits a character and ends at a word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const got = trimAtWord(text, 75)
        expect(got.length).toBeLessThanOrEqual(75)
        expect(got).not.toMatch(LONE_SURROGATE)
        const flat = text.replace(/\s+/g, ' ').trim()
        if (flat.length <= 75) expect(got).toBe(flat)
        else {
          expect(got.endsWith('…')).toBe(true)
          const head = got.slice(0, -1)
          // Either a prefix of whole words, or (one word longer than the limit) a prefix of it.
          expect(flat.startsWith(head)).toBe(true)
        }
      }),
    )
  })
})

describe('claimHeadline', () => {
  it('is the short form as written, or the claim quoted once', () => {
    expect(claimHeadline({ text: 'The words.', shortText: ' Short  form ' })).toBe('Short form')
    expect(claimHeadline({ text: 'Nothing was hit.', shortText: null })).toBe('“Nothing was hit.”')
    for (const text of ['"We won," he said.', '«Мы победили»', '„Wir haben gewonnen“', '“Done.”']) {
      expect(claimHeadline({ text, shortText: null })).toBe(text)
    }
  })
})

describe('toClaimReviewFeed', () => {
  it('wraps each ClaimReview in a DataFeedItem', () => {
    const review = toClaimReview(base())
    const feed = toClaimReviewFeed({ reviews: [review], org: base().org, baseUrl: 'https://desk.example' })
    expect(ClaimReviewFeedSchema.parse(feed)).toEqual(feed)
    expect(feed).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      url: 'https://desk.example/api/public/verdicts',
      dataFeedElement: [{ '@type': 'DataFeedItem', dateCreated: review.datePublished, item: review }],
    })
  })

  it('builds the public page URL from the base URL', () => {
    expect(publicVerdictUrl('https://desk.example/news/', 'abc')).toBe('https://desk.example/news/v/abc')
  })
})
