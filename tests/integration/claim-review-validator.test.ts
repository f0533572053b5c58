// The app's ClaimReview against a validator written from schema.org's ClaimReview, Claim, Rating,
// Organization, Person and CreativeWork definitions and Google's "Fact check (ClaimReview) structured data"
// required and recommended properties (tests/support/claim-review-validator.ts names both documents):
// every seeded published verdict, and claims at the edges (no short form, a long text, a text already in
// quotation marks, no language), with the organisation's pages and the data licence configured.
import { beforeAll, describe, expect, it } from 'vitest'
import { importPublished } from '../support/claim-log.ts'
import {
  CLAIM_REVIEWED_MAX,
  claimReviewProblems,
  isDateOnly,
  isIsoDate,
} from '../support/claim-review-validator.ts'
import { seededClaims } from '../support/seeded-verdicts.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp

const LICENCE = 'https://creativecommons.org/licenses/by/4.0/'
const SAME_AS = ['https://www.wikidata.org/wiki/Q1', 'https://x.com/example_desk']

beforeAll(async () => {
  t = await makeTestApp({
    env: { COUNTERCLAIM_SD_LICENSE: LICENCE, COUNTERCLAIM_ORG_SAME_AS: SAME_AS.join(',') },
  })
})

const reviewOf = async (claimId: string) => {
  const res = await t.request(`/api/public/verdicts/${claimId}`)
  expect(res.status, claimId).toBe(200)
  return res.json()
}

/** Every ClaimReview in the public feed, following its Link rel="next" pages. */
async function feedReviews(): Promise<Array<Record<string, unknown>>> {
  const reviews: Array<Record<string, unknown>> = []
  let next: string | null = '/api/public/verdicts?limit=2'
  while (next) {
    const res = await t.request(next)
    expect(res.status).toBe(200)
    const feed = await res.json()
    reviews.push(...feed.dataFeedElement.map((element: { item: Record<string, unknown> }) => element.item))
    const link = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1]
    next = link ? new URL(link).pathname + new URL(link).search : null
  }
  return reviews
}

describe('the validator', () => {
  it('finds nothing wrong with a ClaimReview as Google’s documentation writes one', () => {
    expect(
      claimReviewProblems({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: 'https://example.com/news/science/worldisflat.html',
        claimReviewed: 'The world is flat',
        itemReviewed: {
          '@type': 'Claim',
          author: {
            '@type': 'Organization',
            name: 'Square World Society',
            sameAs: 'https://example.flatworlders.com/',
          },
          datePublished: '2016-06-20',
          appearance: {
            '@type': 'CreativeWork',
            url: 'https://example.flatworlders.com/we-know-that-the-world-is-flat',
          },
        },
        author: { '@type': 'Organization', name: 'Example.com science watch' },
        reviewRating: {
          '@type': 'Rating',
          ratingValue: 1,
          bestRating: 5,
          worstRating: 1,
          alternateName: 'False',
        },
      }),
    ).toEqual([])
  })

  it('reports what a search engine would refuse or not understand', () => {
    const problems = claimReviewProblems({
      '@context': 'http://schema.org/',
      '@type': 'ClaimReview',
      url: '/v/relative',
      claimReviewed: '',
      citedEvidenceIds: [],
      datePublished: '10 June 2025',
      author: { '@type': 'Organization', name: 'Desk', jobTitle: 'Editor' },
      itemReviewed: {
        '@type': 'Claim',
        inLanguage: 'English language',
        appearance: { '@type': 'CreativeWork', url: 'ftp://example.org/x' },
      },
      reviewRating: { '@type': 'Rating', ratingValue: 1 },
    })
    expect(problems).toEqual(
      expect.arrayContaining([
        '@context: expected "https://schema.org"',
        'ClaimReview.citedEvidenceIds: not a property of schema.org ClaimReview',
        'claimReviewed: expected Text',
        expect.stringMatching(/^url: expected an absolute URL/),
        expect.stringMatching(/^datePublished: expected an ISO 8601/),
        'author.jobTitle: not a property of schema.org Organization',
        expect.stringMatching(/^itemReviewed\.inLanguage: expected a BCP 47/),
        expect.stringMatching(/^itemReviewed\.appearance\.url: expected an absolute URL/),
        'reviewRating.alternateName: required, missing',
        'reviewRating: a ratingValue without bestRating and worstRating',
      ]),
    )
    expect(claimReviewProblems({ '@context': 'https://schema.org', '@type': 'ClaimReview' })).toEqual(
      expect.arrayContaining([
        'claimReviewed: required, missing',
        'reviewRating: required, missing',
        'url: required, missing',
      ]),
    )
    expect(isIsoDate('2025-02-30')).toBe(false)
    expect(isIsoDate('2025-06-10T09:00:00.000Z')).toBe(true)
  })
})

describe('the app’s ClaimReview', () => {
  it('is valid for every seeded published verdict, in the feed and on its own', async () => {
    const seeded = await seededClaims(t)
    const reviews = await feedReviews()
    expect(reviews.length).toBeGreaterThan(0)
    for (const review of reviews) expect(claimReviewProblems(review), String(review.url)).toEqual([])
    const ministry = await reviewOf(seeded.published.id)
    expect(claimReviewProblems(ministry)).toEqual([])
    expect(reviews).toContainEqual(ministry)
    // The short form, the language, the day it was said: as the desk recorded them.
    expect(ministry.claimReviewed).toBe('All designated objects were hit')
    expect(ministry.itemReviewed.inLanguage).toBe('en')
    expect(isDateOnly(ministry.itemReviewed.datePublished)).toBe(true)
    expect(isDateOnly(ministry.itemReviewed.appearance.datePublished)).toBe(true)
    expect(ministry.sdLicense).toBe(LICENCE)
    expect(ministry.author.sameAs).toEqual(SAME_AS)
    expect(ministry.author['@id']).toBe(`${ministry.author.url}#organization`)
  })

  it('is valid for claims at the edges: no short form, long text, quotation marks, no language, an archived copy', async () => {
    const long = `${'The regional administration reported that every drone was shot down before it reached the city. '.repeat(8)}End.`
    const quoted = '"We shot down all of them," the spokesman said.'
    const [longId, quotedId, archivedId] = await importPublished(t, [
      { claim_text: long },
      { claim_text: quoted, verdict_summary: 'Two got through.\nOne hit a warehouse.' },
      {
        claim_text: 'A claim seen only in an archived copy.',
        stated_on: '2024-02-29',
        appearance_url: 'https://example.org/post/1',
        archive_url: 'https://archive.ph/abcde',
      },
    ])
    const reviews = await Promise.all([longId, quotedId, archivedId].map((id) => reviewOf(id ?? '')))
    for (const review of reviews) expect(claimReviewProblems(review), review.url).toEqual([])
    const [longReview, quotedReview, archivedReview] = reviews

    // No short form: the claim's own words, cut at a word within the limit, not the first 75 characters.
    expect(longReview.claimReviewed.length).toBeLessThanOrEqual(CLAIM_REVIEWED_MAX)
    expect(longReview.claimReviewed.length).toBeGreaterThan(250)
    expect(longReview.claimReviewed.endsWith('…')).toBe(true)
    expect(long.startsWith(`${longReview.claimReviewed.slice(0, -1).trimEnd()} `)).toBe(true)
    // The data keeps the claim's quotation marks as written; no language recorded, none published.
    expect(quotedReview.claimReviewed).toBe(quoted)
    expect(quotedReview.itemReviewed).not.toHaveProperty('inLanguage')
    expect(archivedReview.itemReviewed.appearance).toEqual({
      '@type': 'CreativeWork',
      url: 'https://example.org/post/1',
      datePublished: '2024-02-29',
      archivedAt: 'https://archive.ph/abcde',
    })
    expect(archivedReview.itemReviewed.datePublished).toBe('2024-02-29')
    expect(archivedReview.itemReviewed).not.toHaveProperty('firstAppearance')
    // The page's JSON-LD is the same review.
    const html = await (await t.request(`/v/${quotedId}`)).text()
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}'
    expect(claimReviewProblems(JSON.parse(block))).toEqual([])
  })
})
