// Other desks' fact-checks through the real routes, on the file's engine: the import of every shape
// publishers send, updates by url, the answers it refuses, the list with its filters, paging and full text,
// the facets, and evidence of kind fact_check.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  ClaimLogPageSchema,
  DisputeSchema,
  EvidenceSchema,
  type FactCheck,
  FactCheckFacetsSchema,
  FactCheckImportResultSchema,
  FactCheckListSchema,
  FactCheckSchema,
  HistoryEventSchema,
  pageOf,
  SearchResultSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  chars,
  eventsSince,
  exact,
  expectError,
  expectInvalid,
  ifMatch,
  lastSeq,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/claim-review/${name}`, import.meta.url), 'utf8')

let t: TestApp
let editor: string
let checker: string
let editorId: string

beforeAll(async () => {
  t = await makeTestApp()
  editor = await t.login('editor')
  checker = await t.login('checker')
  editorId = (await whoAmI(t, editor)).id
})

const importAs = (cookie: string, body: string, type: string, query = '') =>
  t.request(`/api/fact-checks/import${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': type },
    cookie,
  })

async function imported(body: string, type = 'application/ld+json', query = '') {
  const res = await importAs(editor, body, type, query)
  expect(res.status, await res.clone().text()).toBe(200)
  return exact(res, FactCheckImportResultSchema)
}

async function list(
  query = '',
  app: TestApp = t,
): Promise<{ items: FactCheck[]; nextCursor: string | null }> {
  const res = await app.request(`/api/fact-checks${query}`, { cookie: await app.login('checker') })
  expect(res.status, await res.clone().text()).toBe(200)
  return exact(res, FactCheckListSchema)
}

/** Every fact-check the list gives for a query (`?a=b&…` or ''), following the cursor. */
async function everything(query = '', app: TestApp = t): Promise<FactCheck[]> {
  const all: FactCheck[] = []
  let cursor: string | null = null
  do {
    const params = new URLSearchParams(query)
    if (cursor) params.set('cursor', cursor)
    const page: { items: FactCheck[]; nextCursor: string | null } = await list(`?${params}`, app)
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return all
}

async function byUrl(url: string): Promise<FactCheck> {
  const found = (await everything()).find((f) => f.url === url)
  if (!found) throw new Error(`${url} is not on the desk`)
  return found
}

const review = (extra: Record<string, unknown> = {}) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: `https://desk.example/fact-checks/${randomUUID()}`,
  claimReviewed: 'Over 300 drones were launched overnight',
  author: { '@type': 'Organization', name: 'Desk Example', url: 'https://desk.example/' },
  datePublished: '2025-06-11',
  inLanguage: 'en',
  reviewRating: { '@type': 'Rating', alternateName: 'Mostly false' },
  ...extra,
})

describe('POST /api/fact-checks/import', () => {
  it('reads every shape publishers send, through the real route, with history for each new one', async () => {
    const seq = await lastSeq(t.db)
    const cases: Array<[string, string, string, { created: number; skipped: number[] }]> = [
      ['full-fact.json', 'application/ld+json', '', { created: 1, skipped: [] }],
      ['politifact.json', 'application/json', '', { created: 1, skipped: [] }],
      ['maldita-graph.json', 'application/ld+json; charset=utf-8', '', { created: 2, skipped: [] }],
      ['datafeed.json', 'application/ld+json', '', { created: 4, skipped: [4, 5] }],
      ['correctiv-de.json', 'application/json', '', { created: 1, skipped: [] }],
      ['voxcheck-uk.json', 'application/ld+json', '', { created: 1, skipped: [] }],
      ['provereno-ru.json', 'application/ld+json', '', { created: 1, skipped: [] }],
      [
        'afp.html',
        'text/html; charset=utf-8',
        `?baseUrl=${encodeURIComponent('https://factcheck.afp.com/')}`,
        { created: 1, skipped: [1] },
      ],
      [
        'malformed-list.json',
        'application/json',
        '',
        { created: 2, skipped: [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12] },
      ],
    ]
    let created = 0
    for (const [name, type, query, expected] of cases) {
      const result = await imported(fixture(name), type, query)
      expect({ name, ...result, skipped: result.skipped.map((s) => s.index) }).toEqual({
        name,
        created: expected.created,
        updated: 0,
        unchanged: 0,
        skipped: expected.skipped,
      })
      for (const s of result.skipped) expect(s.reason.length, name).toBeGreaterThan(3)
      created += expected.created
    }
    const events = await eventsSince(t.db, seq)
    expect(events).toHaveLength(created)
    for (const event of events) {
      expect(event).toMatchObject({
        actorId: editorId,
        entity: 'fact_check',
        action: 'created',
        before: null,
      })
      FactCheckSchema.parse(event.after)
    }

    // What the reader read is what the desk keeps: publisher, ratings in their words and on our scale.
    expect(
      (
        await byUrl(
          'https://www.politifact.com/factchecks/2024/may/02/john-doe/unemployment-lowest-since-1969/',
        )
      ).rating,
    ).toEqual({ label: 'half-true', value: 4, best: 6, worst: 1, normalized: 'mixed' })
    const afp = await byUrl('https://factcheck.afp.com/doc.afp.com.36GX7QY')
    expect(afp).toMatchObject({
      publisher: { name: 'AFP Fact Check', url: 'https://factcheck.afp.com/' },
      language: 'en',
      reviewDate: '2024-09-18',
      rating: { label: 'Missing context', value: 2, best: 5, worst: 1, normalized: 'misleading' },
      feedId: null,
      version: 1,
    })
    const wrongTypes = await byUrl('https://checker.example/fact-checks/wrong-types')
    expect(wrongTypes.rating).toEqual({ label: null, value: null, best: null, worst: null, normalized: null })
  })

  it('knows a fact-check by its url: the same again is unchanged, a changed one is updated with history, never a second record', async () => {
    const first = review({ claimant: undefined })
    expect(await imported(JSON.stringify(first))).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: [],
    })
    const before = await byUrl(first.url)

    const seq = await lastSeq(t.db)
    expect(await imported(JSON.stringify([first]))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      skipped: [],
    })
    expect(await eventsSince(t.db, seq)).toEqual([])
    expect(await byUrl(first.url)).toEqual(before)

    const changed = { ...first, reviewRating: { '@type': 'Rating', alternateName: 'False' } }
    const other = review()
    expect(
      await imported(JSON.stringify({ '@context': 'https://schema.org', '@graph': [changed, other] })),
    ).toEqual({ created: 1, updated: 1, unchanged: 0, skipped: [] })
    const after = await byUrl(first.url)
    expect(after).toMatchObject({
      id: before.id,
      version: 2,
      rating: { label: 'False', normalized: 'false' },
      createdAt: before.createdAt,
    })
    const events = await eventsSince(t.db, seq)
    expect(events.map((e) => [e.entityId, e.action])).toEqual([
      [before.id, 'updated'],
      [(await byUrl(other.url)).id, 'created'],
    ])
    expect(events[0]).toMatchObject({ actorId: editorId, before, after })
    expect((await everything()).filter((f) => f.url === first.url)).toHaveLength(1)

    // The record's history reads back through the history route.
    const history = await t.request(`/api/history?entity=fact_check&id=${before.id}`, { cookie: checker })
    const page = await exact(history, pageOf(HistoryEventSchema))
    expect(page.items.map((e) => e.action)).toEqual(['updated', 'created'])
  })

  it('the same url twice in one body is one record: the second reading updates the first', async () => {
    const one = review()
    const again = { ...one, claimReviewed: 'Over 400 drones were launched overnight' }
    expect(await imported(JSON.stringify([one, again]))).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      skipped: [],
    })
    expect(await byUrl(one.url)).toMatchObject({ claimReviewed: again.claimReviewed, version: 2 })
  })

  it('answers 415 to other bodies, 413 over 10 MiB, 400 in words to one it cannot read at all, 403 to checkers', async () => {
    await unchanged(t, async () => {
      for (const type of ['text/plain', 'text/csv', 'application/xml', 'multipart/form-data; boundary=x']) {
        await expectError(await importAs(editor, JSON.stringify(review()), type), 'unsupported_media_type')
      }
      const huge = JSON.stringify([review({ reviewBody: chars(10 * 1024 * 1024) })])
      await expectError(await importAs(editor, huge, 'application/ld+json'), 'payload_too_large')
      const notJson = await expectInvalid(
        await importAs(editor, '{"@type": "ClaimReview",', 'application/json'),
      )
      expect(notJson.message).toBe('The body is not valid JSON.')
      const noReview = await expectInvalid(
        await importAs(editor, '<html><body><p>Nothing to see</p></body></html>', 'text/html'),
        '(body)',
      )
      expect(noReview.message).toMatch(/^The page holds no ClaimReview/)
      await expectInvalid(await importAs(editor, '[]', 'application/ld+json'), '(body)')
      await expectInvalid(
        await importAs(editor, JSON.stringify(review()), 'application/json', '?baseUrl=ftp%3A%2F%2Fx'),
        'query.baseUrl',
      )
      await expectError(await importAs(checker, JSON.stringify(review()), 'application/json'), 'forbidden')
      await expectError(
        await t.request('/api/fact-checks/import', {
          method: 'POST',
          body: '[]',
          headers: { 'content-type': 'application/json' },
        }),
        'unauthenticated',
      )
    })
  })

  it('skips items it cannot use, with their reasons, and never fails on text holding NUL', async () => {
    const withNul = review({ claimReviewed: 'Drones\u0000 over the city' })
    const result = await imported(
      JSON.stringify([withNul, { '@type': 'ClaimReview', claimReviewed: 'no url' }]),
    )
    expect(result).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      skipped: [{ index: 1, reason: 'no url' }],
    })
    expect((await byUrl(withNul.url)).claimReviewed).toBe('Drones over the city')
  })
})

describe('our own feed, read back by another desk', () => {
  it('imports /api/public/verdicts into a second desk with each rating mapped back onto ours', async () => {
    const feed = await t.request('/api/public/verdicts')
    expect(feed.status).toBe(200)
    const text = await feed.text()
    const reviews = (
      JSON.parse(text) as {
        dataFeedElement: Array<{ item: { url: string; reviewRating: { alternateName: string } } }>
      }
    ).dataFeedElement.map((e) => e.item)
    expect(reviews.length).toBeGreaterThan(0)

    const other = await makeTestApp({ kind: 'empty' })
    const cookie = await other.login('admin')
    const res = await other.request('/api/fact-checks/import', {
      method: 'POST',
      body: text,
      headers: { 'content-type': feed.headers.get('content-type') ?? '' },
      cookie,
    })
    expect(await exact(res, FactCheckImportResultSchema)).toEqual({
      created: reviews.length,
      updated: 0,
      unchanged: 0,
      skipped: [],
    })
    const theirs = await exact(
      await other.request('/api/fact-checks?limit=500', { cookie }),
      FactCheckListSchema,
    )
    const ours = await exact(
      await t.request('/api/claim-log?status=published&limit=500', { cookie: checker }),
      ClaimLogPageSchema,
    )
    for (const claimReview of reviews) {
      const claimId = claimReview.url.split('/v/')[1]
      const fact = theirs.items.find((f) => f.url === claimReview.url)
      const row = ours.items.find((r) => r.claimId === claimId)
      expect(fact?.rating.label).toBe(claimReview.reviewRating.alternateName)
      expect(fact?.rating.normalized).toBe(row?.rating)
      expect(fact?.publisher.name).toBe('Counterclaim')
    }
    // Read twice, nothing changes.
    const again = await other.request('/api/fact-checks/import', {
      method: 'POST',
      body: text,
      headers: { 'content-type': 'application/ld+json' },
      cookie,
    })
    expect(await exact(again, FactCheckImportResultSchema)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: reviews.length,
    })
  })
})

describe('GET /api/fact-checks, /facets, /:id', () => {
  // A desk of its own, so the list holds exactly what these tests put there.
  let d: TestApp
  let admin: string
  const desk = (name: string, url: string) => ({ '@type': 'Organization', name, url })
  const fullFact = desk('Full Fact', 'https://fullfact.org/')
  const maldita = desk('Maldita.es', 'https://maldita.es/')
  const vox = desk('VoxCheck', 'https://voxcheck.com.ua/')
  const rated = (alternateName: string) => ({ '@type': 'Rating', alternateName })
  const reviews = [
    review({
      author: fullFact,
      datePublished: '2025-06-12',
      claimReviewed: 'Drones hit the maternity hospital',
      reviewRating: rated('False'),
    }),
    review({
      author: fullFact,
      datePublished: '2025-06-10',
      claimReviewed: 'The drone count was 479',
      reviewRating: rated('Correct'),
    }),
    review({
      author: fullFact,
      datePublished: undefined,
      claimReviewed: 'Undated claim about energy prices',
      reviewRating: rated('Satire'),
    }),
    review({
      author: maldita,
      inLanguage: 'es',
      datePublished: '2025-06-11',
      claimReviewed: 'Los drones no causaron daños',
      reviewRating: rated('Falso'),
    }),
    review({
      author: maldita,
      inLanguage: 'es',
      datePublished: '2025-06-11',
      claimReviewed: 'El hospital estaba vacío',
      reviewRating: rated('Engañoso'),
    }),
    review({
      author: vox,
      inLanguage: 'uk',
      datePublished: '2025-06-09',
      claimReviewed: 'Удари дронів по лікарні',
      reviewRating: rated('Маніпуляція'),
    }),
    review({
      author: vox,
      inLanguage: 'uk',
      datePublished: undefined,
      claimReviewed: 'Undated Ukrainian claim',
      reviewRating: rated('Неправда'),
    }),
  ]
  const urls = (items: FactCheck[]) => items.map((f) => f.url)

  beforeAll(async () => {
    d = await makeTestApp({ kind: 'empty' })
    admin = await d.login('admin')
    const res = await d.request('/api/fact-checks/import', {
      method: 'POST',
      json: reviews,
      cookie: admin,
    })
    expect(await exact(res, FactCheckImportResultSchema)).toMatchObject({
      created: reviews.length,
      skipped: [],
    })
  })

  const listed = async (query: string) => {
    const res = await d.request(`/api/fact-checks${query}`, { cookie: admin })
    expect(res.status, await res.clone().text()).toBe(200)
    return exact(res, FactCheckListSchema)
  }
  /** Every page of a query, at `limit` a page. */
  const walk = async (query: string, limit: number) => {
    const all: FactCheck[] = []
    let cursor: string | null = null
    do {
      const params = new URLSearchParams(query)
      params.set('limit', String(limit))
      if (cursor) params.set('cursor', cursor)
      const page: { items: FactCheck[]; nextCursor: string | null } = await listed(`?${params}`)
      expect(page.items.length).toBeLessThanOrEqual(limit)
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return all
  }

  it('lists newest review first, undated last, then by id; every page size walks to the same list', async () => {
    const all = await walk('', 500)
    expect(all).toHaveLength(reviews.length)
    const dated = all.filter((f) => f.reviewDate !== null)
    expect(dated.map((f) => f.reviewDate)).toEqual([
      '2025-06-12',
      '2025-06-11',
      '2025-06-11',
      '2025-06-10',
      '2025-06-09',
    ])
    expect(all.slice(5).map((f) => f.reviewDate)).toEqual([null, null])
    // Ties by id, the larger first.
    for (const [a, b] of [
      [all[1], all[2]],
      [all[5], all[6]],
    ] as const)
      expect((a?.id ?? '') > (b?.id ?? '')).toBe(true)
    for (const limit of [1, 2, 3]) expect(urls(await walk('', limit))).toEqual(urls(all))
  })

  it('filters by publisher (exact), language and rating (ours, or none for ratings that do not map)', async () => {
    expect(urls(await walk('publisher=Full Fact', 2))).toEqual(
      urls((await walk('', 500)).filter((f) => f.publisher.name === 'Full Fact')),
    )
    expect(await walk('publisher=full fact', 2)).toEqual([])
    expect((await walk('language=es', 1)).map((f) => f.claimReviewed)).toEqual(
      expect.arrayContaining(['Los drones no causaron daños', 'El hospital estaba vacío']),
    )
    expect(await walk('language=es', 1)).toHaveLength(2)
    expect((await walk('rating=false', 1)).map((f) => f.rating.label).sort()).toEqual([
      'False',
      'Falso',
      'Неправда',
    ])
    expect((await walk('rating=none', 1)).map((f) => f.rating.label)).toEqual(['Satire'])
    expect((await walk('rating=misleading&language=uk', 1)).map((f) => f.rating.label)).toEqual([
      'Маніпуляція',
    ])
    await expectInvalid(await d.request('/api/fact-checks?rating=bogus', { cookie: admin }), 'query.rating')
    await expectInvalid(await d.request('/api/fact-checks?cursor=nonsense', { cookie: admin }), 'cursor')
  })

  it('q searches the claim and the publisher in full text, with the other filters and paging', async () => {
    expect((await walk('q=maternity hospital', 1)).map((f) => f.claimReviewed)).toEqual([
      'Drones hit the maternity hospital',
    ])
    expect((await walk('q=Maldita', 1)).map((f) => f.publisher.name)).toEqual(['Maldita.es', 'Maldita.es'])
    // Other forms of a word match too (its stem): "drones" finds "drone".
    expect((await walk('q=drones', 1)).map((f) => f.claimReviewed).sort()).toEqual(
      ['Drones hit the maternity hospital', 'Los drones no causaron daños', 'The drone count was 479'].sort(),
    )
    expect((await walk('q=drones&language=es', 1)).map((f) => f.claimReviewed)).toEqual([
      'Los drones no causaron daños',
    ])
    expect((await walk('q=лікарні', 1)).map((f) => f.publisher.name)).toEqual(['VoxCheck'])
    expect((await walk('q=undated claim', 1)).map((f) => f.reviewDate)).toEqual([null, null])
    expect(await walk('q=nothing-like-this-anywhere', 1)).toEqual([])
    expect(await walk('q=%22%20*%20(', 1)).toEqual([])
  })

  it('GET /api/search finds fact-checks too, by claim or publisher, titled "publisher — the claim"', async () => {
    const res = await d.request('/api/search?q=maternity', { cookie: admin })
    const { items } = await exact(res, SearchResultSchema)
    const [hospital] = await walk('q=maternity', 1)
    expect(items.map((i) => [i.kind, i.id, i.disputeId, i.claimId, i.title])).toEqual([
      ['fact_check', hospital?.id, null, null, `Full Fact — ${hospital?.claimReviewed}`],
    ])
    expect(items[0]?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['maternity'])
    const byPublisher = await exact(
      await d.request('/api/search?q=VoxCheck', { cookie: admin }),
      SearchResultSchema,
    )
    expect(byPublisher.items.map((i) => [i.kind, i.title.split(' — ')[0]])).toEqual([
      ['fact_check', 'VoxCheck'],
      ['fact_check', 'VoxCheck'],
    ])
  })

  it('facets: publishers and languages with their counts, most first', async () => {
    const res = await d.request('/api/fact-checks/facets', { cookie: admin })
    expect(await exact(res, FactCheckFacetsSchema)).toEqual({
      publishers: [
        { name: 'Full Fact', count: 3 },
        { name: 'Maldita.es', count: 2 },
        { name: 'VoxCheck', count: 2 },
      ],
      languages: [
        { language: 'en', count: 3 },
        { language: 'es', count: 2 },
        { language: 'uk', count: 2 },
      ],
    })
  })

  it('GET one answers the fact-check with its ETag; an unknown one is 404; signed out 401', async () => {
    const [first] = await walk('', 1)
    if (!first) throw new Error('no fact-check')
    expect(
      await record(await d.request(`/api/fact-checks/${first.id}`, { cookie: admin }), 200, FactCheckSchema),
    ).toEqual(first)
    await expectError(await d.request(`/api/fact-checks/${randomUUID()}`, { cookie: admin }), 'not_found')
    await expectError(await d.request('/api/fact-checks'), 'unauthenticated')
    await expectError(await d.request('/api/fact-checks/facets'), 'unauthenticated')
  })
})

describe('evidence of kind fact_check', () => {
  let disputeId: string
  let factCheck: FactCheck
  const long = `The ministry said ${chars(400, 'x')} drones`

  beforeAll(async () => {
    disputeId = (
      await record(
        await t.request('/api/disputes', {
          method: 'POST',
          json: { title: 'Checked elsewhere', question: 'Q?' },
          cookie: checker,
        }),
        201,
        DisputeSchema,
      )
    ).id
    const source = review({
      author: { '@type': 'Organization', name: 'PolitiFact', url: 'https://www.politifact.com/' },
      claimReviewed: 'Says 479 drones were launched in one night.',
      datePublished: '2025-06-11T08:00:00Z',
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 2,
        bestRating: 6,
        worstRating: 1,
        alternateName: 'Mostly False',
      },
    })
    await imported(JSON.stringify(source))
    factCheck = await byUrl(source.url)
  })

  const add = (json: unknown) =>
    t.request(`/api/disputes/${disputeId}/evidence`, { method: 'POST', json, cookie: checker })

  it('fills what is left out from the fact-check, copies its rating, and answers factCheck', async () => {
    const seq = await lastSeq(t.db)
    const ev = await record(await add({ kind: 'fact_check', factCheckId: factCheck.id }), 201, EvidenceSchema)
    expect(ev).toMatchObject({
      kind: 'fact_check',
      title: 'PolitiFact: “Says 479 drones were launched in one night.”',
      sourceName: 'PolitiFact',
      url: factCheck.url,
      publishedOn: '2025-06-11',
      excerpt: 'Says 479 drones were launched in one night.\n\nRating: Mostly False',
      factCheck: { id: factCheck.id, ratingLabel: 'Mostly False', rating: factCheck.rating.normalized },
    })
    expect(factCheck.rating.normalized).not.toBeNull()
    const events = await eventsSince(t.db, seq)
    expect(events).toMatchObject([{ entity: 'evidence', action: 'created', disputeId, after: ev }])
    // What the user gives wins; the rating is the fact-check's whatever the user writes.
    const own = await record(
      await add({
        kind: 'fact_check',
        factCheckId: factCheck.id,
        title: 'Our title',
        sourceName: 'PF',
        excerpt: 'Quote',
      }),
      201,
      EvidenceSchema,
    )
    expect(own).toMatchObject({ title: 'Our title', sourceName: 'PF', excerpt: 'Quote', url: factCheck.url })
    // The workbench carries it too.
    const bench = await t.request(`/api/disputes/${disputeId}`, { cookie: checker })
    const body = (await bench.json()) as { evidence: Array<{ id: string; factCheck: unknown }> }
    expect(body.evidence.find((e) => e.id === ev.id)?.factCheck).toEqual(ev.factCheck)
  })

  it('keeps a made title within 300 characters, the claim cut with …', async () => {
    const source = review({ author: { '@type': 'Organization', name: 'Desk' }, claimReviewed: long })
    await imported(JSON.stringify(source))
    const fc = await byUrl(source.url)
    const ev = await record(await add({ kind: 'fact_check', factCheckId: fc.id }), 201, EvidenceSchema)
    expect(ev.title).toHaveLength(300)
    expect(ev.title).toMatch(/^Desk: “The ministry said x+…”$/)
  })

  it('is 400 on factCheckId when it names no fact-check, is missing, or comes with another kind', async () => {
    await unchanged(t, async () => {
      await expectInvalid(await add({ kind: 'fact_check', factCheckId: randomUUID() }), 'factCheckId')
      await expectInvalid(await add({ kind: 'fact_check', title: 'No fact-check' }), 'factCheckId')
      await expectInvalid(
        await add({ kind: 'document', title: 'A document', factCheckId: factCheck.id }),
        'factCheckId',
      )
      await expectInvalid(await add({ kind: 'document' }), 'title')
    })
  })

  it('a change to another kind lets the fact-check go; naming another copies its rating', async () => {
    const ev = await record(await add({ kind: 'fact_check', factCheckId: factCheck.id }), 201, EvidenceSchema)
    const patch = (json: unknown, version: number) =>
      t.request(`/api/evidence/${ev.id}`, {
        method: 'PATCH',
        json,
        headers: ifMatch(version),
        cookie: checker,
      })
    await unchanged(t, async () => {
      await expectInvalid(await patch({ factCheckId: null }, 1), 'factCheckId')
      await expectInvalid(await patch({ kind: 'document', factCheckId: factCheck.id }, 1), 'factCheckId')
      await expectInvalid(await patch({ factCheckId: randomUUID() }, 1), 'factCheckId')
    })
    const other = review({ reviewRating: { '@type': 'Rating', alternateName: 'True' } })
    await imported(JSON.stringify(other))
    const otherFc = await byUrl(other.url)
    const moved = await record(await patch({ factCheckId: otherFc.id }, 1), 200, EvidenceSchema)
    expect(moved).toMatchObject({
      title: ev.title,
      factCheck: { id: otherFc.id, ratingLabel: 'True', rating: 'true' },
    })
    const plain = await record(await patch({ kind: 'document' }, 2), 200, EvidenceSchema)
    expect(plain).toMatchObject({ kind: 'document', factCheck: null, title: ev.title })
    await expectInvalid(await patch({ kind: 'fact_check' }, 3), 'factCheckId')
  })
})
