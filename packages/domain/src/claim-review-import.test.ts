import { readFileSync } from 'node:fs'
import { RATING_SCALE, type Rating } from '@counterclaim/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ClaimReviewInput, toClaimReview, toClaimReviewFeed } from './claim-review.ts'
import {
  CLAIM_REVIEW_READ_LIMITS,
  ClaimReviewReadError,
  type ExternalFactCheck,
  type ReadResult,
  readClaimReviews,
} from './claim-review-import.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/claim-review/${name}`, import.meta.url), 'utf8')

const readJson = (value: unknown, baseUrl?: string) =>
  readClaimReviews(JSON.stringify(value), 'json', baseUrl ? { baseUrl } : {})

/** The one fact-check a document holds, failing when it holds another number. */
function only(result: ReadResult): ExternalFactCheck {
  expect(result.skipped).toEqual([])
  expect(result.items).toHaveLength(1)
  const [first] = result.items
  if (!first) throw new Error('no fact-check read')
  return first.factCheck
}

const review = (extra: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://checker.example/fc/1',
  claimReviewed: 'The bridge was closed for a year',
  author: { '@type': 'Organization', name: 'Checker', url: 'https://checker.example/' },
  reviewRating: { '@type': 'Rating', alternateName: 'False' },
  ...extra,
})

describe('readClaimReviews: publishers as they publish', () => {
  it('reads a single object (Full Fact)', () => {
    expect(only(readClaimReviews(fixture('full-fact.json'), 'json'))).toEqual({
      url: 'https://fullfact.org/health/nhs-waiting-list-march-2024/',
      publisher: { name: 'Full Fact', url: 'https://fullfact.org/' },
      claimReviewed: 'The NHS waiting list has fallen every month this year.',
      claimant: 'Jane Example MP',
      claimDate: '2024-03-10',
      reviewDate: '2024-03-12',
      language: 'en',
      appearanceUrls: [
        'https://www.parliament.uk/business/debates/2024-03-10/',
        'https://x.com/janeexample/status/1766000000000000000',
      ],
      rating: {
        label: 'Incorrect. NHS England figures show the waiting list grew in January and February.',
        value: null,
        best: null,
        worst: null,
        normalized: 'false',
      },
    })
  })

  it('reads a numeric rating given as strings, on a six-step scale (PolitiFact)', () => {
    const factCheck = only(readClaimReviews(fixture('politifact.json'), 'json'))
    expect(factCheck.rating).toEqual({ label: 'half-true', value: 4, best: 6, worst: 1, normalized: 'mixed' })
    expect(factCheck.publisher).toEqual({ name: 'PolitiFact', url: 'https://www.politifact.com/' })
    expect(factCheck.claimant).toBe('John Doe')
    // The date as written, not moved to UTC (18:30 at -04:00 is already the next day there).
    expect(factCheck.claimDate).toBe('2024-04-28')
    expect(factCheck.appearanceUrls).toEqual(['https://www.youtube.com/watch?v=dQw4w9WgXcQ'])
  })

  it('reads the ClaimReviews of an @graph, following @id references, ignoring the other nodes (Maldita.es)', () => {
    const result = readClaimReviews(fixture('maldita-graph.json'), 'json')
    expect(result.skipped).toEqual([])
    expect(result.items.map((i) => i.index)).toEqual([0, 1])
    const [first, second] = result.items.map((i) => i.factCheck)
    expect(first).toMatchObject({
      url: 'https://maldita.es/malditobulo/20240611/foto-inundaciones-valencia/',
      publisher: { name: 'Maldita.es', url: 'https://maldita.es/' },
      claimant: 'Cuentas de Facebook y X',
      claimDate: '2024-06-09',
      reviewDate: '2024-06-11',
      language: 'es',
      appearanceUrls: ['https://www.facebook.com/permalink.php?story_fbid=1234567890'],
      rating: { label: 'Falso', value: 1, best: 5, worst: 1, normalized: 'false' },
    })
    expect(second).toMatchObject({
      claimReviewed: 'El ayuntamiento no avisó de la alerta roja',
      publisher: { name: 'Maldita.es' },
      claimant: 'Usuario de TikTok',
      appearanceUrls: [
        'https://www.tiktok.com/@usuario/video/7380000000000000000',
        'https://www.tiktok.com/@usuario/video/7380000000000000001',
      ],
      rating: { label: 'Engañoso: el aviso se envió a las 19:00', normalized: 'misleading' },
    })
  })

  it('reads the JSON-LD blocks of an HTML page, skipping a broken block with its reason (AFP)', () => {
    const result = readClaimReviews(fixture('afp.html'), 'html', { baseUrl: 'https://factcheck.afp.com/' })
    expect(result.skipped).toEqual([{ index: 1, reason: 'JSON-LD block 2 on the page is not valid JSON' }])
    expect(result.items).toHaveLength(1)
    expect(result.items[0]).toEqual({
      index: 0,
      factCheck: {
        url: 'https://factcheck.afp.com/doc.afp.com.36GX7QY',
        // The desk, not the reporter listed first.
        publisher: { name: 'AFP Fact Check', url: 'https://factcheck.afp.com/' },
        claimReviewed: "Video shows an airport flooded by this week's storm",
        claimant: 'Multiple sources',
        claimDate: '2024-09-16',
        reviewDate: '2024-09-18',
        // From the page's lang: the ClaimReview does not say.
        language: 'en',
        appearanceUrls: [
          'https://www.facebook.com/watch/?v=100000000000001',
          'https://www.instagram.com/reel/C_example/',
        ],
        // "Missing context" wins over ratingValue 2: no number says misleading.
        rating: { label: 'Missing context', value: 2, best: 5, worst: 1, normalized: 'misleading' },
      },
    })
  })

  it('reads a DataFeed whose elements are ClaimReviews, wrapped or not, one or a list', () => {
    const result = readClaimReviews(fixture('datafeed.json'), 'json')
    expect(result.items.map((i) => [i.index, i.factCheck.url, i.factCheck.rating.normalized])).toEqual([
      [0, 'https://leadstories.com/hoax-alert/2024/11/fake-ballot-video.html', 'false'],
      [1, 'https://leadstories.com/hoax-alert/2024/11/polling-hours.html', 'unverifiable'],
      [2, 'https://leadstories.com/hoax-alert/2024/11/voter-id.html', 'false'],
      [3, 'https://leadstories.com/hoax-alert/2024/11/direct-element.html', 'misleading'],
    ])
    expect(result.skipped).toEqual([
      { index: 4, reason: 'the feed item holds no ClaimReview' },
      { index: 5, reason: 'not a ClaimReview: NewsArticle' },
    ])
    expect(result.items[0]?.factCheck).toMatchObject({
      claimant: null,
      claimDate: '2024-11-04',
      appearanceUrls: ['https://x.com/someone/status/1853000000000000000'],
    })
  })

  it('reads German, with a prefixed @type and a context object (CORRECTIV)', () => {
    expect(only(readClaimReviews(fixture('correctiv-de.json'), 'json'))).toMatchObject({
      publisher: { name: 'CORRECTIV.Faktencheck', url: 'https://correctiv.org/faktencheck/' },
      claimant: 'Nutzer auf Telegram',
      reviewDate: '2024-02-14',
      language: 'de',
      appearanceUrls: ['https://t.me/beispielkanal/4711'],
      rating: { label: 'Fehlender Kontext', value: 2, best: 5, worst: 1, normalized: 'misleading' },
    })
  })

  it('reads Ukrainian, with a full-URL @type, a claimant as plain text and a non-web appearance dropped (VoxCheck)', () => {
    expect(only(readClaimReviews(fixture('voxcheck-uk.json'), 'json'))).toMatchObject({
      publisher: { name: 'VoxCheck' },
      claimReviewed: 'ЗСУ обстріляли цивільних у містечку на Донеччині',
      claimant: 'Телеграм-канали',
      language: 'uk',
      appearanceUrls: ['https://t.me/kanal/1001'],
      rating: { label: 'Маніпуляція', normalized: 'misleading' },
    })
  })

  it('reads Russian, with a Language object and a sentence for a rating (Provereno.media)', () => {
    expect(only(readClaimReviews(fixture('provereno-ru.json'), 'json'))).toMatchObject({
      publisher: { name: 'Проверено.Медиа', url: 'https://provereno.media/' },
      claimant: 'Городской паблик',
      claimDate: '2024-07-30',
      reviewDate: '2024-08-01',
      language: 'ru',
      rating: {
        label: 'Скорее неправда. Воду отключат на три дня, а не на месяц.',
        normalized: 'mostly_false',
      },
    })
  })

  it('skips the malformed items of a list with their reasons and reads the rest', () => {
    const result = readClaimReviews(fixture('malformed-list.json'), 'json')
    expect(result.skipped).toEqual([
      { index: 1, reason: 'no url' },
      { index: 2, reason: 'url is not http or https' },
      { index: 3, reason: 'claimReviewed is empty' },
      { index: 4, reason: 'no claimReviewed' },
      { index: 5, reason: 'not a ClaimReview: Article' },
      { index: 6, reason: 'not a ClaimReview: not an object' },
      { index: 7, reason: 'not a ClaimReview: not an object' },
      { index: 8, reason: 'not a ClaimReview: not an object' },
      { index: 10, reason: 'url is relative and there is no page address to resolve it against' },
      { index: 11, reason: 'url is not a valid address' },
      { index: 12, reason: 'refers to https://checker.example/#elsewhere, which is not in this document' },
    ])
    expect(result.items.map((i) => i.index)).toEqual([0, 9])
    expect(result.items[1]?.factCheck).toEqual({
      url: 'https://checker.example/fact-checks/wrong-types',
      publisher: { name: 'checker.example', url: 'https://checker.example/' },
      claimReviewed: 'Fields of the wrong kinds are left out',
      claimant: null,
      claimDate: null,
      reviewDate: null,
      language: null,
      appearanceUrls: [],
      rating: { label: null, value: null, best: null, worst: null, normalized: null },
    })
  })

  it('resolves relative addresses against the page it was read from', () => {
    const result = readClaimReviews(fixture('malformed-list.json'), 'json', {
      baseUrl: 'https://checker.example/',
    })
    const relative = result.items.find((i) => i.index === 10)?.factCheck
    expect(relative).toMatchObject({
      url: 'https://checker.example/fact-checks/relative',
      reviewDate: null, // 30 February is no date
      rating: { label: 'Wahr', value: 9, best: 5, worst: 1, normalized: 'true' },
    })
  })
})

describe('readClaimReviews: our own feed reads back', () => {
  const input = (n: number, rating: Rating | null): ClaimReviewInput => ({
    verdict: {
      claimId: `00000000-0000-4000-8000-00000000000${n}`,
      rating,
      summary: 'The figures say otherwise.',
      publishedAt: `2025-06-1${n}T09:00:00.000Z`,
      modifiedAt: null,
      updatedAt: `2025-06-1${n}T09:00:00.000Z`,
    },
    claim: {
      text: `Claim number ${n} about the strikes`,
      shortText: null,
      statedOn: '2025-06-01',
      appearanceUrl: n % 2 ? 'https://t.me/mod_russia_en/1' : null,
    },
    claimant: { name: 'Russian Ministry of Defence', kind: 'military', url: null, sameAs: [] },
    citedEvidence: [],
    corrections: [],
    org: { name: 'Desk', url: 'https://desk.example', logo: null },
    baseUrl: 'https://desk.example',
  })

  it('maps every published rating of ours back to itself, and an unrated verdict to none', () => {
    const ratings: Array<Rating | null> = [...RATING_SCALE.map((r) => r.rating), null]
    const inputs = ratings.map((rating, n) => input(n, rating))
    const feed = toClaimReviewFeed({
      reviews: inputs.map(toClaimReview),
      org: inputs[0]?.org ?? { name: '', url: '', logo: null },
      baseUrl: 'https://desk.example',
    })
    const result = readClaimReviews(JSON.stringify(feed), 'json')
    expect(result.skipped).toEqual([])
    expect(result.items.map((i) => i.factCheck.rating.normalized)).toEqual(ratings)
    expect(result.items[1]?.factCheck).toEqual({
      url: 'https://desk.example/v/00000000-0000-4000-8000-000000000001',
      publisher: { name: 'Desk', url: 'https://desk.example/' },
      claimReviewed: 'Claim number 1 about the strikes',
      claimant: 'Russian Ministry of Defence',
      claimDate: '2025-06-01',
      reviewDate: '2025-06-11',
      language: null,
      appearanceUrls: ['https://t.me/mod_russia_en/1'],
      rating: { label: 'Mostly true', value: 4, best: 5, worst: 1, normalized: 'mostly_true' },
    })
  })

  it('reads one of our ClaimReviews from a page script block', () => {
    const json = JSON.stringify(toClaimReview(input(5, 'misleading'))).replaceAll('<', '\\u003c')
    const page = `<html><head><script type="application/ld+json">${json}</script></head></html>`
    expect(only(readClaimReviews(page, 'html')).rating.normalized).toBe('misleading')
  })
})

describe('readClaimReviews: shapes', () => {
  it('accepts @context as a string or an object, http or https, or none', () => {
    for (const context of [
      'http://schema.org',
      'https://schema.org/',
      { '@vocab': 'http://schema.org/' },
      undefined,
    ]) {
      expect(only(readJson(review({ '@context': context }))).url).toBe('https://checker.example/fc/1')
    }
  })

  it('accepts @type as a string or a list, bare, prefixed or as a URL; and a ClaimReview with no @type', () => {
    const types = [
      'ClaimReview',
      ['ClaimReview', 'Review'],
      'schema:ClaimReview',
      'https://schema.org/ClaimReview',
    ]
    for (const type of types) expect(only(readJson(review({ '@type': type }))).claimReviewed).toBeTruthy()
    expect(only(readJson(review({ '@type': undefined }))).url).toBe('https://checker.example/fc/1')
  })

  it('takes author as an object or a list (the organisation first), else publisher, else the site', () => {
    const person = { '@type': 'Person', name: 'Ann Writer' }
    const org = { '@type': 'Organization', name: 'The Desk', url: 'https://desk.example' }
    expect(only(readJson(review({ author: [person, org] }))).publisher).toEqual({
      name: 'The Desk',
      url: 'https://desk.example/',
    })
    expect(only(readJson(review({ author: person, publisher: org }))).publisher.name).toBe('The Desk')
    expect(only(readJson(review({ author: person }))).publisher.name).toBe('Ann Writer')
    expect(
      only(readJson(review({ author: [{ '@type': 'Organization' }, 'Plain Name'] }))).publisher.name,
    ).toBe('Plain Name')
    expect(
      only(readJson(review({ author: undefined, url: 'https://www.checker.example/fc/2' }))).publisher,
    ).toEqual({ name: 'checker.example', url: 'https://www.checker.example/' })
  })

  it('takes the claimant as a Person, an Organization, a list or missing', () => {
    const claimant = (author: unknown) =>
      only(readJson(review({ itemReviewed: { '@type': 'Claim', author } }))).claimant
    expect(claimant({ '@type': 'Person', name: 'A Person' })).toBe('A Person')
    expect(claimant({ '@type': 'Organization', name: 'An Organisation' })).toBe('An Organisation')
    expect(claimant([{ '@type': 'Person' }, { '@type': 'Person', name: 'Second' }])).toBe('Second')
    expect(claimant(undefined)).toBeNull()
  })

  it('takes appearance as one object or a list, plus firstAppearance, http(s) only, once each, in order', () => {
    const item = {
      '@type': 'Claim',
      appearance: [
        'https://a.example/1',
        { '@type': 'CreativeWork', url: 'https://b.example/2' },
        { '@type': 'CreativeWork', url: 'ftp://c.example/3' },
        { '@type': 'CreativeWork' },
        'https://a.example/1',
      ],
      firstAppearance: { '@type': 'CreativeWork', url: 'https://d.example/4' },
    }
    expect(only(readJson(review({ itemReviewed: item }))).appearanceUrls).toEqual([
      'https://a.example/1',
      'https://b.example/2',
      'https://d.example/4',
    ])
    const one = { '@type': 'Claim', appearance: { '@type': 'CreativeWork', url: 'https://a.example/1' } }
    expect(only(readJson(review({ itemReviewed: one }))).appearanceUrls).toEqual(['https://a.example/1'])
  })

  it('reads dates as dates or date-times, keeping the date as written', () => {
    const date = (datePublished: unknown) => only(readJson(review({ datePublished }))).reviewDate
    expect(date('2024-05-02')).toBe('2024-05-02')
    expect(date('2024-05-02T23:30:00-07:00')).toBe('2024-05-02')
    expect(date('2024-05-02T01:00:00+14:00')).toBe('2024-05-02')
    expect(date('2024-05-02 10:00')).toBe('2024-05-02')
    expect(date('02/05/2024')).toBeNull()
    expect(date('2024-13-01')).toBeNull()
    expect(date(20240502)).toBeNull()
  })

  it('reads the language as its primary subtag, from a tag or a Language object', () => {
    const language = (inLanguage: unknown) => only(readJson(review({ inLanguage }))).language
    expect(language('es-ES')).toBe('es')
    expect(language('PT_br')).toBe('pt')
    expect(language({ '@type': 'Language', name: 'uk' })).toBe('uk')
    expect(language({ '@type': 'Language', name: 'French', alternateName: 'fr' })).toBe('fr')
    expect(language({ '@type': 'Language', name: 'French' })).toBeNull()
    expect(language('und')).toBeNull()
    expect(language('')).toBeNull()
  })

  it('reads ratings with or without numbers, numbers as strings, the label from alternateName else name', () => {
    const rating = (reviewRating: unknown) => only(readJson(review({ reviewRating }))).rating
    expect(rating({ '@type': 'Rating', name: 'Faux' })).toMatchObject({ label: 'Faux', normalized: 'false' })
    expect(rating({ alternateName: 'Plutôt vrai', name: 'Rating 4' }).label).toBe('Plutôt vrai')
    expect(rating({ ratingValue: ' 3,8 ', bestRating: '5', worstRating: '1' })).toEqual({
      label: null,
      value: 3.8,
      best: 5,
      worst: 1,
      normalized: 'mostly_true',
    })
    expect(rating(undefined)).toEqual({ label: null, value: null, best: null, worst: null, normalized: null })
    expect(rating([{ alternateName: 'Satire' }]).normalized).toBeNull()
  })

  it('finds a ClaimReview held in the property of another node of a page', () => {
    const page = { '@context': 'https://schema.org', '@type': 'WebPage', mainEntity: review() }
    expect(only(readJson(page)).url).toBe('https://checker.example/fc/1')
  })

  it('says so when a body is a container with no ClaimReview in it', () => {
    expect(
      readJson({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }] }).skipped,
    ).toEqual([{ index: 0, reason: 'no ClaimReview in its @graph' }])
    expect(readJson({ name: 'x' }).skipped).toEqual([
      { index: 0, reason: 'not a ClaimReview: it has no @type' },
    ])
  })

  it('numbers candidates across the whole page, blocks in order', () => {
    const blocks = [
      [review({ url: 'https://a.example/1' })],
      'not json',
      { '@graph': [review({ url: 'https://a.example/2' })] },
    ]
    const page = blocks
      .map(
        (b) => `<script type="application/ld+json">${typeof b === 'string' ? b : JSON.stringify(b)}</script>`,
      )
      .join('\n')
    const result = readClaimReviews(page, 'html')
    expect(result.items.map((i) => [i.index, i.factCheck.url])).toEqual([
      [0, 'https://a.example/1'],
      [2, 'https://a.example/2'],
    ])
    expect(result.skipped).toEqual([{ index: 1, reason: 'JSON-LD block 2 on the page is not valid JSON' }])
  })

  it('reads script blocks with a charset, in capitals, inside comment or CDATA wrappers', () => {
    const json = JSON.stringify(review())
    const page = [
      `<SCRIPT TYPE="Application/LD+JSON; charset=utf-8">${json}</SCRIPT>`,
      `<script type="application/ld+json"><!--${json}--></script>`,
      `<script type="application/ld+json"><![CDATA[${json}]]></script>`,
      `<script type="application/json">${json}</script>`,
    ].join('')
    expect(readClaimReviews(page, 'html').items).toHaveLength(3)
  })

  it('reads JSON-LD with raw line breaks inside its strings', () => {
    const body = JSON.stringify(review({ claimReviewed: 'LINE' })).replace('LINE', 'first line\nsecond line')
    expect(only(readClaimReviews(body, 'json')).claimReviewed).toBe('first line second line')
  })

  it('answers an HTML page with no JSON-LD, or no ClaimReview, with nothing read and nothing skipped', () => {
    for (const page of [
      '<html><body><p>Nothing here</p></body></html>',
      '',
      'not html at all',
      '<script type="application/ld+json">{"@type":"Organization","name":"X"}</script>',
    ]) {
      expect(readClaimReviews(page, 'html')).toEqual({ items: [], skipped: [] })
    }
  })

  it('refuses a JSON body that is not JSON, as a whole', () => {
    for (const body of ['', '<html></html>', '{"@type": "ClaimReview",}', 'null null']) {
      expect(() => readClaimReviews(body, 'json')).toThrow(ClaimReviewReadError)
    }
    expect(() => readClaimReviews('', 'json')).toThrow('The body is not valid JSON.')
  })
})

describe('readClaimReviews: hostile documents', () => {
  it('stops following nesting at its depth limit, without failing', () => {
    const depth = 100_000
    const deep = `${'['.repeat(depth)}${JSON.stringify(review())}${']'.repeat(depth)}`
    expect(readClaimReviews(deep, 'json')).toEqual({
      items: [],
      skipped: [{ index: 0, reason: 'nested more than 32 levels deep' }],
    })
    const deepInPage = `<script type="application/ld+json">${deep}</script>`
    expect(readClaimReviews(deepInPage, 'html')).toEqual({ items: [], skipped: [] })
    // Within the limit, nesting is followed.
    let nested: unknown = review()
    for (let level = 0; level < CLAIM_REVIEW_READ_LIMITS.depth; level++) nested = [nested]
    expect(readJson(nested).items).toHaveLength(1)
  })

  it('reads at most its item limit from one document and says the rest were not read', () => {
    const list = Array.from({ length: 25_000 }, (_, n) => review({ url: `https://checker.example/fc/${n}` }))
    const result = readJson(list)
    expect(result.items).toHaveLength(CLAIM_REVIEW_READ_LIMITS.items)
    expect(result.skipped).toEqual([
      {
        index: CLAIM_REVIEW_READ_LIMITS.items,
        reason: 'only the first 10,000 fact-checks of a document are read',
      },
    ])
  })

  it('keeps at most its limit of appearance links', () => {
    const appearance = Array.from({ length: 5000 }, (_, n) => `https://a.example/${n}`)
    const factCheck = only(readJson(review({ itemReviewed: { '@type': 'Claim', appearance } })))
    expect(factCheck.appearanceUrls).toHaveLength(CLAIM_REVIEW_READ_LIMITS.appearances)
  })

  it('takes nothing through __proto__ or constructor keys and pollutes no prototype', () => {
    const body = `[
      {"__proto__": {"polluted": "yes", "@type": "ClaimReview", "url": "https://evil.example/", "claimReviewed": "x"}},
      {"@type": "ClaimReview", "claimReviewed": "Hidden url", "__proto__": {"url": "https://evil.example/"}},
      {"@type": "ClaimReview", "url": "https://ok.example/", "claimReviewed": "ok",
       "constructor": {"prototype": {"polluted": "yes"}}, "author": {"__proto__": {"name": "Evil"}},
       "itemReviewed": {"author": {"name": "toString"}}}
    ]`
    const result = readClaimReviews(body, 'json')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(result.skipped).toEqual([
      { index: 0, reason: 'not a ClaimReview: it has no @type' },
      { index: 1, reason: 'no url' },
    ])
    expect(result.items[0]?.factCheck).toMatchObject({
      url: 'https://ok.example/',
      publisher: { name: 'ok.example' },
      claimant: 'toString',
    })
  })

  it('removes NUL characters from every text and cuts what is too long', () => {
    const nul = '\u0000'
    const factCheck = only(
      readJson(
        review({
          claimReviewed: `A${nul}B ${'word '.repeat(3000)}`,
          author: { '@type': 'Organization', name: `Desk${nul}` },
          itemReviewed: { author: { name: `Jo${nul}hn` } },
          reviewRating: { alternateName: `Fal${nul}se` },
        }),
      ),
    )
    expect(JSON.stringify(factCheck)).not.toContain('\\u0000')
    expect(factCheck.claimReviewed.startsWith('AB word')).toBe(true)
    expect(factCheck.claimReviewed.length).toBeLessThanOrEqual(5000)
    expect(factCheck).toMatchObject({
      publisher: { name: 'Desk' },
      claimant: 'John',
      rating: { label: 'False' },
    })
    expect(readJson(review({ url: `https://checker.example/${'a'.repeat(3000)}` })).skipped).toEqual([
      { index: 0, reason: 'url is longer than 2000 characters' },
    ])
  })

  it('never throws on any JSON document, nor on any text read as a page', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = readJson(value)
        expect(result.items.length + result.skipped.length).toBeLessThanOrEqual(
          CLAIM_REVIEW_READ_LIMITS.items + 1,
        )
      }),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.string(), (text) => {
        readClaimReviews(`<script type="application/ld+json">${text}</script>${text}`, 'html')
      }),
      { numRuns: 300 },
    )
  })
})
