import { beforeAll, describe, expect, it } from 'vitest'
import { importPublished } from '../support/claim-log.ts'
import { currentVerdict, seededClaims } from '../support/seeded-verdicts.ts'
import { BASE, makeTestApp, manualClock, type TestApp } from '../support/test-app.ts'

// Writes are stamped by this clock: a test that needs two moments apart moves it, never sleeps.
const clock = manualClock(Date.now())
let t: TestApp
let seeded: Awaited<ReturnType<typeof seededClaims>>

beforeAll(async () => {
  t = await makeTestApp({ now: clock.now })
  seeded = await seededClaims(t)
})

/** The JSON-LD in the head of an HTML page, parsed. */
function jsonLdOf(html: string): unknown {
  const head = html.slice(0, html.indexOf('</head>'))
  const blocks = [...head.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
  expect(blocks).toHaveLength(1)
  return JSON.parse(blocks[0]?.[1] ?? '')
}

const metaContent = (html: string, attr: 'name' | 'property', key: string) =>
  new RegExp(`<meta ${attr}="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`).exec(html)?.[1]

/** Drafts, submits and publishes a verdict on a new claim of the Belgorod dispute, a minute after the last. */
async function publishNew(claim: { text: string; shortText?: string }, verdict: Record<string, unknown>) {
  clock.advance(60_000)
  const checker = await t.login('checker')
  const editor = await t.login('editor')
  const claimantId = (
    await (await t.request(`/api/disputes/${seeded.belgorodDisputeId}`, { cookie: checker })).json()
  ).claims[0].claimantId
  const created = await (
    await t.request(`/api/disputes/${seeded.belgorodDisputeId}/claims`, {
      method: 'POST',
      cookie: checker,
      json: { ...claim, claimantId, appearanceUrl: 'https://example.org/said-here', statedOn: '2025-06-11' },
    })
  ).json()
  const evidence = await (
    await t.request(`/api/disputes/${seeded.belgorodDisputeId}/evidence`, {
      method: 'POST',
      cookie: checker,
      json: {
        title: 'Regional report <b>bold</b>',
        kind: 'news_report',
        url: 'https://example.org/r?a=1&b=2',
      },
    })
  ).json()
  let res = await t.request(`/api/claims/${created.id}/verdict`, {
    method: 'PUT',
    cookie: checker,
    json: {
      rating: 'false',
      summary: 'No.',
      rationale: 'Because.',
      citedEvidenceIds: [evidence.id],
      ...verdict,
    },
  })
  expect(res.status).toBe(201)
  const post = async (name: string, cookie: string, version: number) =>
    t.request(`/api/claims/${created.id}/verdict/${name}`, {
      method: 'POST',
      cookie,
      headers: { 'if-match': `"${version}"` },
    })
  res = await post('submit', checker, (await res.json()).version)
  res = await post('publish', editor, (await res.json()).version)
  expect(res.status).toBe(200)
  return { claimId: created.id as string, verdict: await res.json() }
}

/** Corrects a published verdict; a change of rating is proposed by the editor and approved by the admin. */
async function correct(claimId: string, version: number, body: Record<string, unknown>) {
  const res = await t.request(`/api/claims/${claimId}/verdict/correct`, {
    method: 'POST',
    cookie: await t.login('editor'),
    headers: { 'if-match': `"${version}"` },
    json: body,
  })
  if (res.status !== 202) {
    expect(res.status).toBe(200)
    return res.json()
  }
  const pending = await res.json()
  const approved = await t.request(`/api/claims/${claimId}/verdict/corrections/${pending.id}/approve`, {
    method: 'POST',
    cookie: await t.login('admin'),
    headers: { 'if-match': `"${version + 1}"` },
  })
  expect(approved.status).toBe(200)
  return approved.json()
}

describe('GET /api/public/verdicts/:claimId', () => {
  it('answers signed out with the ClaimReview JSON-LD and every field', async () => {
    const res = await t.request(`/api/public/verdicts/${seeded.published.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/)
    const review = await res.json()
    const verdict = await currentVerdict(t, seeded.strikesDisputeId, seeded.published.id)
    expect(review).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `${BASE}/v/${seeded.published.id}`,
      claimReviewed: 'All designated objects were hit',
      reviewRating: {
        '@type': 'Rating',
        alternateName: 'Misleading',
        description: 'Accurate in part, but gives a false impression.',
        ratingExplanation:
          'Civilian buildings, including a maternity hospital in Odesa, were hit as well as the named facilities.',
      },
      datePublished: verdict.publishedAt,
      author: { '@type': 'Organization', '@id': `${BASE}#organization`, name: 'Counterclaim', url: BASE },
      itemReviewed: {
        '@type': 'Claim',
        author: {
          '@type': 'Organization',
          name: 'Russian Ministry of Defence',
          sameAs: ['https://eng.mil.ru/'],
        },
        datePublished: '2025-06-10',
        inLanguage: 'en',
        // One appearance: no firstAppearance, which names the earliest of several.
        appearance: {
          '@type': 'CreativeWork',
          url: 'https://t.me/mod_russia_en',
          datePublished: '2025-06-10',
        },
      },
      citation: [
        expect.objectContaining({ '@type': 'CreativeWork', url: 'https://www.reuters.com/world/europe/' }),
        expect.objectContaining({ '@type': 'CreativeWork', url: 'https://t.me/odeskaODA' }),
      ],
    })
  })

  it('gives ratings on the 1–5 scale their value, best 5 and worst 1', async () => {
    const { claimId } = await publishNew({ text: 'A drone killed one person at a petrol station.' }, {})
    const review = await (await t.request(`/api/public/verdicts/${claimId}`)).json()
    expect(review.reviewRating).toMatchObject({
      '@type': 'Rating',
      alternateName: 'False',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
    })
    // No short form: the text is used.
    expect(review.claimReviewed).toBe('A drone killed one person at a petrol station.')
  })

  it('takes a long claim’s whole text up to 300 characters, cut at a word, when there is no short form', async () => {
    const sentence = 'Air defence shot down every drone launched over the region during the night. '
    const { claimId } = await publishNew({ text: sentence.repeat(3).trim() }, {})
    const whole = await (await t.request(`/api/public/verdicts/${claimId}`)).json()
    expect(whole.claimReviewed).toBe(sentence.repeat(3).trim())
    const long = await publishNew({ text: sentence.repeat(6).trim() }, {})
    const cut = await (await t.request(`/api/public/verdicts/${long.claimId}`)).json()
    expect(cut.claimReviewed.length).toBeLessThanOrEqual(300)
    expect(cut.claimReviewed.length).toBeGreaterThan(250)
    expect(cut.claimReviewed.endsWith('…')).toBe(true)
    expect(sentence.repeat(6).startsWith(`${cut.claimReviewed.slice(0, -1)} `)).toBe(true)
  })

  it('is 404 unless the verdict is published', async () => {
    for (const id of [seeded.inReview.id, seeded.draft.id, seeded.unjudged.id, 'no-such-claim']) {
      const res = await t.request(`/api/public/verdicts/${id}`)
      expect(res.status, id).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
      const page = await t.request(`/v/${id}`)
      expect(page.status, id).toBe(404)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await page.text()).toContain('No published fact check here')
    }
  })

  it('names the organisation and the base URL from configuration', async () => {
    const configured = await makeTestApp({
      env: {
        PUBLIC_BASE_URL: 'https://facts.example.org/',
        COUNTERCLAIM_ORG_NAME: 'Example Fact Desk',
        COUNTERCLAIM_ORG_URL: 'https://www.example.org/',
        COUNTERCLAIM_ORG_LOGO: 'https://www.example.org/logo.png',
        COUNTERCLAIM_ORG_SAME_AS: ' https://www.wikidata.org/wiki/Q1 ,https://x.com/example_desk,',
        COUNTERCLAIM_SD_LICENSE: 'https://creativecommons.org/licenses/by/4.0/',
      },
    })
    const claims = await seededClaims(configured)
    const review = await (await configured.request(`/api/public/verdicts/${claims.published.id}`)).json()
    expect(review.url).toBe(`https://facts.example.org/v/${claims.published.id}`)
    expect(review.author).toEqual({
      '@type': 'Organization',
      '@id': 'https://www.example.org/#organization',
      name: 'Example Fact Desk',
      url: 'https://www.example.org/',
      logo: 'https://www.example.org/logo.png',
      sameAs: ['https://www.wikidata.org/wiki/Q1', 'https://x.com/example_desk'],
    })
    expect(review.sdLicense).toBe('https://creativecommons.org/licenses/by/4.0/')
    const html = await (await configured.request(`/v/${claims.published.id}`)).text()
    expect(metaContent(html, 'property', 'og:site_name')).toBe('Example Fact Desk')
    expect(metaContent(html, 'property', 'og:url')).toBe(`https://facts.example.org/v/${claims.published.id}`)
    expect(metaContent(html, 'property', 'og:image')).toBe('https://www.example.org/logo.png')
  })
})

describe('GET /api/public/verdicts: the feed', () => {
  it('is a DataFeed of ClaimReviews, newest first, paged with Link rel="next"', async () => {
    const a = await publishNew({ text: 'Feed item one.' }, { rating: 'true' })
    const b = await publishNew({ text: 'Feed item two.' }, { rating: 'mixed' })
    const res = await t.request('/api/public/verdicts')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/)
    expect(res.headers.get('link')).toBeNull()
    const feed = await res.json()
    expect(feed['@context']).toBe('https://schema.org')
    expect(feed['@type']).toBe('DataFeed')
    const items = feed.dataFeedElement as Array<{
      '@type': string
      dateCreated: string
      item: { '@type': string; url: string; datePublished: string }
    }>
    for (const element of items) {
      expect(element['@type']).toBe('DataFeedItem')
      expect(element.item['@type']).toBe('ClaimReview')
      expect(element.item.url).toMatch(new RegExp(`^${BASE}/v/`))
      expect(element.dateCreated).toBe(element.item.datePublished)
    }
    const urls = items.map((e) => e.item.url)
    expect(urls.indexOf(`${BASE}/v/${b.claimId}`)).toBe(0)
    expect(urls.indexOf(`${BASE}/v/${a.claimId}`)).toBe(1)
    expect(urls).toContain(`${BASE}/v/${seeded.published.id}`)
    expect(urls).not.toContain(`${BASE}/v/${seeded.inReview.id}`)
    const dates = items.map((e) => e.item.datePublished)
    expect([...dates].sort().reverse()).toEqual(dates)

    // One at a time, following the Link header, gives the same list.
    const paged: string[] = []
    let next: string | null = `${BASE}/api/public/verdicts?limit=1`
    while (next) {
      const page: Response = await t.request(next.replace(BASE, ''))
      expect(page.status).toBe(200)
      const body = await page.json()
      expect(body.dataFeedElement.length).toBeLessThanOrEqual(1)
      paged.push(...body.dataFeedElement.map((e: { item: { url: string } }) => e.item.url))
      const link = page.headers.get('link')
      next = link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? 'unparsable') : null
      expect(paged.length).toBeLessThanOrEqual(urls.length)
    }
    expect(paged).toEqual(urls)
  })

  it('refuses a bad limit or cursor with 400', async () => {
    for (const q of ['limit=0', 'limit=501', 'limit=abc', 'cursor=not-a-cursor']) {
      const res = await t.request(`/api/public/verdicts?${q}`)
      expect(res.status, q).toBe(400)
      expect((await res.json()).error.code).toBe('validation_failed')
    }
  })
})

describe('the public page /v/:claimId', () => {
  it('renders the verdict as HTML, with the JSON-LD, a title, a description and Open Graph in its head', async () => {
    const res = await t.request(`/v/${seeded.published.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    const html = await res.text()
    const api = await (await t.request(`/api/public/verdicts/${seeded.published.id}`)).json()
    expect(jsonLdOf(html)).toEqual(api)
    // The short form is the checker's paraphrase: a headline without quotation marks.
    expect(html).toMatch(/<title>Misleading: All designated objects were hit \| Counterclaim<\/title>/)
    expect(html).toContain('<h1 dir="auto">All designated objects were hit</h1>')
    expect(metaContent(html, 'name', 'description')).toBe(
      'Civilian buildings, including a maternity hospital in Odesa, were hit as well as the named facilities.',
    )
    expect(metaContent(html, 'property', 'og:title')).toBe('Misleading: All designated objects were hit')
    expect(metaContent(html, 'property', 'og:type')).toBe('article')
    expect(metaContent(html, 'property', 'og:url')).toBe(`${BASE}/v/${seeded.published.id}`)
    expect(metaContent(html, 'property', 'og:description')).toBeTruthy()
    expect(html).toContain(`<link rel="canonical" href="${BASE}/v/${seeded.published.id}">`)

    // The claim, the claimant, the rating, the summary, the rationale, the sources.
    expect(html).toContain('The goal of the strikes was achieved. All designated objects were hit.')
    expect(html).toContain('Russian Ministry of Defence')
    expect(html).toContain('<span class="rating-label">Misleading</span>')
    expect(html).toContain('Civilian buildings, including a maternity hospital in Odesa')
    expect(html).toContain('<strong>maternity hospital</strong>')
    expect(html).toContain('<li>The claim that targets were hit may be true in part.</li>')
    expect(html).toContain(
      '<a href="https://www.reuters.com/world/europe/">News report: Russia strikes Kyiv and Odesa, hitting a maternity hospital</a>',
    )
    expect(html).toContain('<a href="https://t.me/mod_russia_en">where it was said</a>')
    expect(html).not.toContain('Corrections')
  })

  it('quotes a claim without a short form once, keeps the summary’s line breaks and leaves out an empty “Why”', async () => {
    // Imported from a desk's archive: published with a summary and no rationale.
    const [claimId] = await importPublished(t, [
      {
        claim_text: '“We shot down all of them,” the spokesman said.',
        verdict_summary: 'Two drones got through.\nOne hit a warehouse.\n\nNo one was hurt.',
      },
    ])
    const html = await (await t.request(`/v/${claimId}`)).text()
    // Already in quotation marks: not wrapped in another pair; the headline holds the whole text.
    expect(html).toContain('<h1 dir="auto">“We shot down all of them,” the spokesman said.</h1>')
    expect(html).toMatch(/<title>False: “We shot down all of them,” the spokesman said\. \|/)
    expect(html).not.toContain('““')
    expect(html).not.toContain('<blockquote')
    expect(html).toContain(
      '<p class="summary" dir="auto">Two drones got through.<br>One hit a warehouse.</p>',
    )
    expect(html).toContain('<p class="summary" dir="auto">No one was hurt.</p>')
    expect(html).not.toContain('rationale-heading')
    expect(html).not.toMatch(/<h2[^>]*>Why<\/h2>/)

    const plain = await publishNew({ text: 'Nothing was hit.' }, {})
    const page = await (await t.request(`/v/${plain.claimId}`)).text()
    expect(page).toContain('<h1 dir="auto">“Nothing was hit.”</h1>')
    expect(page).toMatch(/<h2 id="rationale-heading">Why<\/h2>/)
  })

  it('works without scripts: no script but the JSON-LD, no inline styles, one linked stylesheet', async () => {
    const html = await (await t.request(`/v/${seeded.published.id}`)).text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts).toEqual(['<script type="application/ld+json">'])
    expect(html).not.toMatch(/\sstyle=/i)
    expect(html).not.toMatch(/<style/i)
    expect(html).not.toMatch(/\son[a-z]+=/i)
    const sheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1]
    expect(sheet).toBe('/v/public.css')
    const css = await t.request(sheet ?? '')
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toMatch(/^text\/css/)
    expect(await css.text()).toContain('.rating')
  })

  it('shows every correction with its date and note, and dateModified moves with each', async () => {
    const { claimId, verdict } = await publishNew(
      { text: 'Corrections are public.', shortText: 'Corrections are public' },
      { rating: 'mostly_false' },
    )
    let review = await (await t.request(`/api/public/verdicts/${claimId}`)).json()
    expect(review.dateModified).toBeUndefined()
    const datePublished = review.datePublished

    clock.advance(60_000)
    const first = await correct(claimId, verdict.version, {
      rating: 'false',
      correctionNote: 'A second source settles it: rating lowered.',
    })
    review = await (await t.request(`/api/public/verdicts/${claimId}`)).json()
    expect(review.datePublished).toBe(datePublished)
    expect(review.dateModified).toBe(first.modifiedAt)
    expect(review.dateModified > datePublished).toBe(true)
    expect(review.reviewRating.alternateName).toBe('False')

    clock.advance(60_000)
    const second = await correct(claimId, first.version, {
      rationale: 'Because of **two** sources.',
      correctionNote: 'Rationale names both sources.',
    })
    review = await (await t.request(`/api/public/verdicts/${claimId}`)).json()
    expect(review.dateModified).toBe(second.modifiedAt)
    expect(second.modifiedAt > first.modifiedAt).toBe(true)
    expect(review.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'A second source settles it: rating lowered.',
        datePublished: first.modifiedAt,
      },
      {
        '@type': 'CorrectionComment',
        text: 'Rationale names both sources.',
        datePublished: second.modifiedAt,
      },
    ])

    const html = await (await t.request(`/v/${claimId}`)).text()
    expect(jsonLdOf(html)).toEqual(review)
    expect(html).toContain('<h2 id="corrections-heading">Corrections</h2>')
    expect(html).toContain('A second source settles it: rating lowered.')
    expect(html).toContain('Rating changed from Mostly false to False.')
    expect(html).toContain('Rationale names both sources.')
    expect(html).toContain('Rationale updated.')
    expect(html).toContain(`<time datetime="${first.modifiedAt}">`)
    expect(html).toContain(`<time datetime="${second.modifiedAt}">`)
    expect(html).toContain('Because of <strong>two</strong> sources.')
    expect(metaContent(html, 'property', 'article:modified_time')).toBe(second.modifiedAt)
  })

  it('escapes all user text and renders the rationale without raw HTML or unsafe links', async () => {
    const { claimId } = await publishNew(
      { text: 'Evil </script><script>alert(1)</script> "quoted" & <b>bold</b>' },
      {
        summary: 'Summary with </script> and <img src=x onerror=alert(1)>',
        rationale:
          '<script>alert(2)</script>\n\n[click me](javascript:alert(3)) and [fine](https://example.org/ok)\n\n<iframe src="https://evil.example"></iframe>',
      },
    )
    const html = await (await t.request(`/v/${claimId}`)).text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts).toEqual(['<script type="application/ld+json">'])
    expect(html).not.toMatch(/<img|<iframe|<b>bold|href="javascript:/i)
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp;')
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;')
    expect(html).toContain('<a href="https://example.org/ok">fine</a>')
    // A link of another scheme stays as its text, never as a link.
    expect(html).toContain('[click me](javascript:alert(3))')
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1] ?? '')
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|\/api\/public\/verdicts\/|\/d\/)/)
    // The JSON-LD block cannot be closed early, and reads back exactly.
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''
    expect(block).not.toContain('<')
    expect(block).toContain('\\u003c/script\\u003e')
    const review = await (await t.request(`/api/public/verdicts/${claimId}`)).json()
    expect(JSON.parse(block)).toEqual(review)
    expect(review.claimReviewed).toBe('Evil </script><script>alert(1)</script> "quoted" & <b>bold</b>')
  })
})

describe('signed out', () => {
  it('reads nothing but the public routes, health, the OpenAPI document and sign-in', async () => {
    const doc = await (await t.request('/api/openapi.json')).json()
    const open: string[] = []
    const someId = '8f0c2c57-3a55-4a53-9b55-2a7f3f1f0a99'
    for (const [path, ops] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{[^}]+\}/g, someId)
        if (op.security?.length === 0) {
          open.push(`${method.toUpperCase()} ${path}`)
          continue
        }
        // No body: what is refused here is the missing session, not the body.
        const res = await t.request(url, { method: method.toUpperCase() })
        expect(res.status, `${method} ${path}`).toBe(401)
      }
    }
    expect(open.sort()).toEqual(
      [
        'GET /api/health',
        'GET /api/openapi.json',
        'POST /api/auth/login',
        'GET /api/public/verdicts',
        'GET /api/public/verdicts/{claimId}',
      ]
        .filter((route) => doc.paths[route.split(' ')[1] ?? ''])
        .sort(),
    )
    expect(open).toContain('GET /api/public/verdicts')
    expect(open).toContain('GET /api/public/verdicts/{claimId}')
    expect((await t.request('/api/health')).status).toBe(200)
    expect((await t.request('/api/public/verdicts')).status).toBe(200)
    expect((await t.request(`/api/public/verdicts/${seeded.published.id}`)).status).toBe(200)
    expect((await t.request(`/v/${seeded.published.id}`)).status).toBe(200)
  })
})
