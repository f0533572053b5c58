import { createHash, randomUUID } from 'node:crypto'
import { DisputeSchema, EvidenceSchema, WorkbenchSchema } from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  chars,
  expectError,
  expectInvalid,
  ifMatch,
  oneEvent,
  record,
  unchanged,
  whoAmI,
} from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let checkerId: string
let disputeId: string
beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  checkerId = (await whoAmI(t, cookie)).id
  disputeId = (
    await record(
      await t.request('/api/disputes', {
        method: 'POST',
        json: { title: 'Evidence', question: 'Q?' },
        cookie,
      }),
      201,
      DisputeSchema,
    )
  ).id
})

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const post = (json: unknown, dispute = disputeId) =>
  t.request(`/api/disputes/${dispute}/evidence`, { method: 'POST', json, cookie })
const patch = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(`/api/evidence/${id}`, { method: 'PATCH', json, headers, cookie })
const create = async (json: Record<string, unknown>) => record(await post(json), 201, EvidenceSchema)

describe('POST /api/disputes/:id/evidence', () => {
  it('adds evidence: 201 with the record, the excerpt digest, ETag "1", one history event', async () => {
    const excerpt = 'Photographs show blown-out windows — «пологовий будинок».'
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'evidence', action: 'created' },
      () =>
        post({
          title: 'Photos of the hospital',
          kind: 'photo',
          sourceName: 'Regional administration',
          url: 'https://example.org/photos',
          archiveUrl: 'https://archive.example.org/photos',
          excerpt,
          publishedOn: '2025-06-10',
          accessedOn: '2025-06-11',
          sourceReliability: 'B',
          informationCredibility: 2,
        }),
    )
    const ev = await record(result, 201, EvidenceSchema)
    expect(ev).toMatchObject({
      disputeId,
      title: 'Photos of the hospital',
      kind: 'photo',
      excerpt,
      excerptSha256: sha256(excerpt),
      sourceReliability: 'B',
      informationCredibility: 2,
      archived: false,
      version: 1,
    })
    expect(event).toMatchObject({ entityId: ev.id, disputeId, before: null, after: ev })
  })

  it('fills defaults: no excerpt is the digest of the empty string, no grade is null', async () => {
    const ev = await create({ title: 'Bare', kind: 'other' })
    expect(ev).toMatchObject({
      sourceName: '',
      url: null,
      excerpt: '',
      excerptSha256: sha256(''),
      sourceReliability: null,
      informationCredibility: null,
    })
  })

  it('is 400 for each kind of bad field, and nothing is written', async () => {
    const good = { title: 'T', kind: 'document' }
    const cases: Array<[unknown, string]> = [
      [{ kind: 'document' }, 'title'],
      [{ title: 'T' }, 'kind'],
      [{ ...good, kind: 'rumour' }, 'kind'],
      [{ ...good, title: chars(301) }, 'title'],
      [{ ...good, sourceName: chars(301) }, 'sourceName'],
      [{ ...good, excerpt: chars(50_001) }, 'excerpt'],
      [{ ...good, excerpt: 42 }, 'excerpt'],
      [{ ...good, url: 'javascript:alert(1)' }, 'url'],
      [{ ...good, archiveUrl: 'file:///etc/passwd' }, 'archiveUrl'],
      [{ ...good, publishedOn: '2025-6-1' }, 'publishedOn'],
      [{ ...good, accessedOn: 'yesterday' }, 'accessedOn'],
      [{ ...good, sourceReliability: 'G' }, 'sourceReliability'],
      [{ ...good, informationCredibility: 7 }, 'informationCredibility'],
      [{ ...good, informationCredibility: 2.5 }, 'informationCredibility'],
      [{ ...good, informationCredibility: '2' }, 'informationCredibility'],
      [{ ...good, excerptSha256: sha256('x') }, '(body)'],
    ]
    for (const [body, path] of cases) await unchanged(t, async () => expectInvalid(await post(body), path))
    await create({ ...good, title: chars(300), excerpt: chars(50_000) })
  })

  it('is 404 for an unknown dispute, 401 signed out', async () => {
    await unchanged(t, async () => {
      await expectError(await post({ title: 'T', kind: 'other' }, randomUUID()), 'not_found')
      await expectError(
        await t.request(`/api/disputes/${disputeId}/evidence`, {
          method: 'POST',
          json: { title: 'T', kind: 'other' },
        }),
        'unauthenticated',
      )
    })
  })

  it('a create with its own id, retried with the same body, is 200 with the same record; another body is 409', async () => {
    const body = { id: randomUUID(), title: 'Retried', kind: 'video', excerpt: 'Same' }
    const first = await create(body)
    const again = await unchanged(t, () => post(body))
    expect(await record(again, 200, EvidenceSchema)).toEqual(first)
    await unchanged(t, async () => expectError(await post({ ...body, excerpt: 'Different' }), 'conflict'))
  })
})

describe('PATCH /api/evidence/:id', () => {
  it('changing the excerpt changes its digest; other changes keep it; one event each', async () => {
    const ev = await create({ title: 'Quote', kind: 'news_report', excerpt: 'Original words.' })
    const { result, event } = await oneEvent(
      t,
      { actorId: checkerId, entity: 'evidence', action: 'updated' },
      () => patch(ev.id, { excerpt: 'Edited words.' }, ifMatch(1)),
    )
    const edited = await record(result, 200, EvidenceSchema)
    expect(edited.excerptSha256).toBe(sha256('Edited words.'))
    expect(edited.excerptSha256).not.toBe(ev.excerptSha256)
    expect(edited.version).toBe(2)
    expect(event).toMatchObject({ entityId: ev.id, disputeId, before: ev, after: edited })
    const regraded = await record(
      await patch(
        ev.id,
        { sourceReliability: 'A', informationCredibility: 1, title: 'Quote, regraded' },
        ifMatch(2),
      ),
      200,
      EvidenceSchema,
    )
    expect(regraded).toMatchObject({ sourceReliability: 'A', informationCredibility: 1, version: 3 })
    expect(regraded.excerptSha256).toBe(edited.excerptSha256)
  })

  it('archives with {archived: true}: the item leaves the workbench', async () => {
    const ev = await create({ title: 'To archive', kind: 'other' })
    const { result } = await oneEvent(t, { actorId: checkerId, entity: 'evidence', action: 'archived' }, () =>
      patch(ev.id, { archived: true }, ifMatch(1)),
    )
    expect((await record(result, 200, EvidenceSchema)).archived).toBe(true)
    const wb = await record(await t.request(`/api/disputes/${disputeId}`, { cookie }), 200, WorkbenchSchema)
    expect(wb.evidence.map((e) => e.id)).not.toContain(ev.id)
  })

  it('428 without If-Match, 412 stale with the current record, 404 unknown, 400 bad; nothing changes', async () => {
    const ev = await create({ title: 'Versioned', kind: 'other', excerpt: 'Kept.' })
    await unchanged(t, async () => {
      await expectError(await patch(ev.id, { excerpt: 'X' }), 'precondition_required')
      const stale = await expectError(await patch(ev.id, { excerpt: 'X' }, ifMatch(3)), 'precondition_failed')
      expect(stale.details).toEqual(ev)
      await expectError(await patch(randomUUID(), { excerpt: 'X' }, ifMatch(1)), 'not_found')
      for (const [json, path] of [
        [{ url: 'javascript:alert(1)' }, 'url'],
        [{ title: null }, 'title'],
        [{ excerpt: chars(50_001) }, 'excerpt'],
        [{ publishedOn: '2025-02-29' }, 'publishedOn'],
        [{ disputeId: randomUUID() }, '(body)'],
      ] as const) {
        await expectInvalid(await patch(ev.id, json, ifMatch(1)), path)
      }
    })
  })
})
