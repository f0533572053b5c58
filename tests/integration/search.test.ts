import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchHit } from '../../packages/shared/src/index.ts'
import { allLogRows } from '../support/claim-log.ts'
import { errorShapeViolation } from '../support/error-shape.ts'
import { insertFactChecks } from '../support/fact-checks.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string

async function search(q: string, limit?: number): Promise<SearchHit[]> {
  const qs = new URLSearchParams({ q })
  if (limit) qs.set('limit', String(limit))
  const res = await t.request(`/api/search?${qs}`, { cookie })
  if (res.status !== 200) throw new Error(`search ${q} answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { items: SearchHit[] }).items
}

const matched = (hit: SearchHit | undefined) => (hit?.snippet ?? []).filter((p) => p.match).map((p) => p.text)

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
})

describe('GET /api/search', () => {
  it('finds a word from an evidence excerpt, with a highlighted snippet and the kind of the hit', async () => {
    // "pounded" appears only in the seeded Reuters excerpt.
    const hits = await search('pounded')
    const hit = hits.find((h) => h.kind === 'evidence')
    expect(hit).toBeDefined()
    expect(hit?.title).toMatch(/News report/)
    expect(hit?.disputeId).toBeTruthy()
    expect(matched(hit).map((w) => w.toLowerCase())).toContain('pounded')
    expect(hit?.snippet.map((p) => p.text).join('')).toMatch(/Kyiv and Odesa/)
  })

  it('finds claims, claimants and verdicts, ranked by bm25', async () => {
    const hits = await search('maternity hospital', 50)
    expect(new Set(hits.map((h) => h.kind))).toEqual(expect.objectContaining(new Set(['claim', 'evidence'])))
    const scores = hits.map((h) => h.score)
    expect(scores).toEqual([...scores].sort((a, b) => a - b))
    expect((await search('Kiper')).some((h) => h.kind === 'claimant' && h.title === 'Oleg Kiper')).toBe(true)
    const claim = hits.find((h) => h.kind === 'claim')
    expect(claim?.claimId).toBe(claim?.id)
  })

  it('answers 200 to whatever users type: FTS syntax is only text', async () => {
    for (const q of [
      '"unbalanced',
      'AND OR NOT',
      'NEAR(a b',
      '*',
      'title:maternity',
      '-hospital',
      '((',
      "'; DROP TABLE claims; --",
      '',
      '   ',
      'ü^~`',
      'Київ',
    ]) {
      const res = await t.request(`/api/search?q=${encodeURIComponent(q)}`, { cookie })
      expect(res.status, q).toBe(200)
      expect(Array.isArray(((await res.json()) as { items: unknown[] }).items)).toBe(true)
    }
    expect((await search('AND OR NOT')).length).toBe(0)
    expect((await search('title:maternity')).length).toBe(0)
    expect((await search('"maternity')).length).toBeGreaterThan(0)
  })

  it('matches a word by its stem, never by a part from the middle of a word', async () => {
    expect((await search('ternity')).length).toBe(0)
    expect((await search('matern*')).length).toBeGreaterThan(0)
    expect((await search('maternity')).length).toBeGreaterThan(0)
    // Singular and plural find each other, both ways (Snowball stems, searched as prefixes).
    const texts = async (q: string) => (await search(q)).map((hit) => hit.snippet.map((p) => p.text).join(''))
    expect((await texts('drone')).some((text) => /\bdrones\b/i.test(text))).toBe(true)
    expect((await texts('hospitals')).some((text) => /\bhospital\b/i.test(text))).toBe(true)
  })

  it('is for signed-in users, and refuses a bad limit in the error shape', async () => {
    const out = await t.request('/api/search?q=x')
    expect(out.status).toBe(401)
    const bad = await t.request('/api/search?q=x&limit=1000', { cookie })
    expect(bad.status).toBe(400)
    expect(errorShapeViolation(bad.status, bad.headers.get('content-type'), await bad.text())).toBeNull()
  })
})

describe('words of scripts with vowel signs', () => {
  it('keeps Sinhala, Devanagari and Tamil words whole, joiners included', async () => {
    const editor = await t.login('editor')
    const post = async (path: string, json: unknown) => {
      const res = await t.request(path, { method: 'POST', cookie: editor, json })
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`)
      return (await res.json()) as { id: string }
    }
    const dispute = await post('/api/disputes', { title: 'Scripts', question: 'Are words kept whole?' })
    const evidence = await post(`/api/disputes/${dispute.id}/evidence`, {
      title: 'ශ්\u200dරී ලංකාව යනු දූපතකි',
      kind: 'document',
      excerpt: 'नमस्ते दुनिया; வணக்கம் உலகம்',
    })
    const ids = async (q: string) => (await search(q)).map((hit) => hit.id)
    for (const q of ['යනු', 'ශ්\u200dරී', 'नमस्ते', 'வணக்கம்']) expect(await ids(q), q).toContain(evidence.id)
    // A word cut at a vowel sign is another word: it finds nothing.
    for (const q of ['යන', 'नमस', 'வணக']) expect(await ids(q), q).not.toContain(evidence.id)
  })
})

describe('the index stays current with the records', () => {
  it('follows evidence, claims, claimants and verdicts as they are written, changed and archived', async () => {
    const editor = await t.login('editor')
    const send = async (method: string, path: string, json: unknown, version?: string) => {
      const res = await t.request(path, {
        method,
        cookie: editor,
        json,
        headers: version ? { 'if-match': version } : {},
      })
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return { body: await res.json(), etag: res.headers.get('etag') ?? '' }
    }
    const claimant = await send('POST', '/api/claimants', { name: 'Zyxwvut Quorra', kind: 'person' })
    const dispute = await send('POST', '/api/disputes', {
      title: 'Index test',
      question: 'Does the index follow?',
    })
    const evidence = await send('POST', `/api/disputes/${dispute.body.id}/evidence`, {
      title: 'Satellite frame',
      kind: 'satellite',
      excerpt: 'A scorched quokkaberry warehouse on the pier.',
    })
    expect((await search('quokkaberry')).map((h) => h.id)).toEqual([evidence.body.id])
    const changed = await send(
      'PATCH',
      `/api/evidence/${evidence.body.id}`,
      { excerpt: 'An intact flibbertigibbet depot.' },
      evidence.etag,
    )
    expect(await search('quokkaberry')).toEqual([])
    expect((await search('flibbertigibbet')).map((h) => h.id)).toEqual([evidence.body.id])
    await send('PATCH', `/api/evidence/${evidence.body.id}`, { archived: true }, changed.etag)
    expect(await search('flibbertigibbet')).toEqual([])

    const claim = await send('POST', `/api/disputes/${dispute.body.id}/claims`, {
      text: 'Thirteen snarkwhistle launchers were destroyed.',
      claimantId: claimant.body.id,
    })
    expect((await search('snarkwhistle')).map((h) => [h.kind, h.id])).toEqual([['claim', claim.body.id]])
    await send('PUT', `/api/claims/${claim.body.id}/verdict`, {
      rating: 'false',
      summary: 'No launchers: the plinthgrove photos show decoys.',
      rationale: 'The wobblequist analysis is conclusive.',
    })
    const verdictHits = await search('wobblequist')
    expect(verdictHits.map((h) => [h.kind, h.claimId])).toEqual([['verdict', claim.body.id]])
    expect((await search('plinthgrove')).map((h) => h.kind)).toEqual(['verdict'])
    // The claim log's q uses the same index: claim text, verdict and claimant name all find the claim.
    for (const q of ['snarkwhistle', 'wobblequist', 'Zyxwvut']) {
      expect(
        (await allLogRows(t, editor, `q=${q}`)).map((r) => r.claimId),
        q,
      ).toEqual([claim.body.id])
    }
    await send('PATCH', `/api/claimants/${claimant.body.id}`, { name: 'Renamed Quorra' }, claimant.etag)
    expect(await search('Zyxwvut')).toEqual([])
    expect((await search('Renamed Quorra')).map((h) => h.kind)).toEqual(['claimant'])
    await send('PATCH', `/api/claims/${claim.body.id}`, { archived: true }, claim.etag)
    expect((await search('snarkwhistle')).length).toBe(0)
    // Its verdict leaves with it.
    expect(await search('wobblequist')).toEqual([])
  })
})

describe('an archived dispute', () => {
  it('takes its claims, evidence and verdicts out of search, as out of the claim log, and restoring brings them back', async () => {
    const editor = await t.login('editor')
    const send = async (method: string, path: string, json: unknown, version?: string) => {
      const res = await t.request(path, {
        method,
        cookie: editor,
        json,
        headers: version ? { 'if-match': version } : {},
      })
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return { body: await res.json(), etag: res.headers.get('etag') ?? '' }
    }
    const claimant = await send('POST', '/api/claimants', { name: 'Grumbleweed Harrow', kind: 'person' })
    const dispute = await send('POST', '/api/disputes', { title: 'Shelved', question: 'Will it be shelved?' })
    const claim = await send('POST', `/api/disputes/${dispute.body.id}/claims`, {
      text: 'The zanzibarite mine closed in May.',
      claimantId: claimant.body.id,
    })
    const evidence = await send('POST', `/api/disputes/${dispute.body.id}/evidence`, {
      title: 'Zanzibarite ledger',
      kind: 'document',
      excerpt: 'Shipments continued through June.',
    })
    await send('PUT', `/api/claims/${claim.body.id}/verdict`, {
      rating: 'false',
      summary: 'Zanzibarite kept moving.',
      rationale: 'The ledger shows it.',
    })
    // Another dispute's claim with the same word stays found throughout.
    const other = await send('POST', '/api/disputes', { title: 'Open', question: 'Still open?' })
    const kept = await send('POST', `/api/disputes/${other.body.id}/claims`, {
      text: 'Zanzibarite prices doubled.',
      claimantId: claimant.body.id,
    })
    const hits = async () => (await search('zanzibarite', 50)).map((h) => `${h.kind} ${h.id}`).sort()
    const everything = [
      `claim ${claim.body.id}`,
      `claim ${kept.body.id}`,
      `evidence ${evidence.body.id}`,
      expect.stringMatching(/^verdict /),
    ]
    expect(await hits()).toEqual(expect.arrayContaining(everything))
    expect(await hits()).toHaveLength(4)

    const archived = await send('PATCH', `/api/disputes/${dispute.body.id}`, { archived: true }, dispute.etag)
    expect(await hits()).toEqual([`claim ${kept.body.id}`])
    expect((await allLogRows(t, editor, 'q=zanzibarite')).map((r) => r.claimId)).toEqual([kept.body.id])
    // The claimant is no record of the dispute: it is still found.
    expect((await search('Grumbleweed')).map((h) => h.kind)).toEqual(['claimant'])

    await send('PATCH', `/api/disputes/${dispute.body.id}`, { archived: false }, archived.etag)
    expect(await hits()).toEqual(expect.arrayContaining(everything))
    expect(await hits()).toHaveLength(4)
    expect((await allLogRows(t, editor, 'q=zanzibarite')).map((r) => r.claimId).sort()).toEqual(
      [claim.body.id, kept.body.id].sort(),
    )

    // A renamed claimant is found by its new name only; an archived claim leaves with its verdict.
    const kinds = async (q: string) => (await search(q)).map((h) => h.kind)
    await send('PATCH', `/api/claimants/${claimant.body.id}`, { name: 'Quillfeather Harrow' }, claimant.etag)
    expect(await kinds('Grumbleweed')).toEqual([])
    expect(await kinds('Quillfeather')).toEqual(['claimant'])
    await send('PATCH', `/api/claims/${claim.body.id}`, { archived: true }, claim.etag)
    expect(await hits()).toEqual([`claim ${kept.body.id}`, `evidence ${evidence.body.id}`].sort())
  })
})

describe("other desks' fact-checks", () => {
  it('are hits of their own kind: "publisher — the claim", in no dispute, the claim marked', async () => {
    const [id] = await insertFactChecks(t.db, [
      { claimReviewed: 'Snorkelmint vaccines cause infertility in women', publisherName: 'Full Fact' },
    ])
    const hits = await search('snorkelmint vaccine')
    expect(hits).toHaveLength(1)
    const [hit] = hits
    expect(hit).toMatchObject({
      kind: 'fact_check',
      id,
      disputeId: null,
      claimId: null,
      title: 'Full Fact — Snorkelmint vaccines cause infertility in women',
    })
    expect(matched(hit)).toEqual(['Snorkelmint', 'vaccines'])
    expect((await search('Full Fact snorkelmint')).map((h) => h.id)).toEqual([id])
  })
})

describe('snippets', () => {
  it('are plain text: a rationale with **bold**, [links](https://x) and # headings shows none of those marks', async () => {
    const editor = await t.login('editor')
    const post = async (path: string, json: unknown) => {
      const res = await t.request(path, { method: 'POST', cookie: editor, json })
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`)
      return (await res.json()) as { id: string }
    }
    const claimant = await post('/api/claimants', { name: 'Markdown speaker', kind: 'person' })
    const dispute = await post('/api/disputes', { title: 'Markdown', question: 'Is the snippet plain?' })
    const claim = await post(`/api/disputes/${dispute.id}/claims`, {
      text: 'The depot was destroyed.',
      claimantId: claimant.id,
    })
    const res = await t.request(`/api/claims/${claim.id}/verdict`, {
      method: 'PUT',
      cookie: editor,
      json: {
        rating: 'false',
        summary: 'The depot stands.',
        rationale: [
          '# What the images show',
          '',
          'The **quibbletonic** depot is intact in [the satellite image](https://x.example/frame-12) of _June 3_.',
          '',
          '## Sources',
          '',
          '- `frame 12`, taken at noon',
          '> quoted from the operator',
        ].join('\n'),
      },
    })
    expect(res.status).toBe(201)
    const [hit] = await search('quibbletonic')
    expect(hit?.kind).toBe('verdict')
    const text = hit?.snippet.map((p) => p.text).join('') ?? ''
    expect(text).toBe(
      '…the images show The quibbletonic depot is intact in the satellite image of June 3. Sources…',
    )
    expect(text).not.toMatch(/[*#_`>[\]()]|https?:/)
    expect(matched(hit)).toEqual(['quibbletonic'])
  })
})
