import { beforeAll, describe, expect, it } from 'vitest'
import { rawQuery } from '../../packages/db/src/index.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
let claimantId: string

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  const claimant = await (
    await t.request('/api/claimants', {
      method: 'POST',
      cookie,
      json: { name: 'Port authority', kind: 'government' },
    })
  ).json()
  claimantId = claimant.id
})

async function call(method: string, path: string, json?: unknown, version?: number) {
  return t.request(path, {
    method,
    cookie,
    ...(json === undefined ? {} : { json }),
    ...(version === undefined ? {} : { headers: { 'if-match': `"${version}"` } }),
  })
}

async function body(res: Response | Promise<Response>, status: number) {
  const answer = await res
  const json = await answer.json()
  expect(answer.status, JSON.stringify(json)).toBe(status)
  return json
}

/** A dispute with one claim and one evidence item, and the stance between them set. */
async function setUp() {
  const dispute = await body(
    call('POST', '/api/disputes', { title: 'Port fire', question: 'Did the port burn?' }),
    201,
  )
  const claim = await body(
    call('POST', `/api/disputes/${dispute.id}/claims`, { text: 'The port burned.', claimantId }),
    201,
  )
  const evidence = await body(
    call('POST', `/api/disputes/${dispute.id}/evidence`, { title: 'Harbour photo', kind: 'photo' }),
    201,
  )
  const stance = await body(
    call('PUT', '/api/stances', { evidenceId: evidence.id, claimId: claim.id, stance: 'supports' }),
    201,
  )
  return { dispute, claim, evidence, stance }
}

const tableCounts = async () => {
  const counts = await rawQuery(
    t.db,
    `SELECT (SELECT count(*) FROM history_events) AS history, (SELECT count(*) FROM stances) AS stances,
      (SELECT count(*) FROM verdicts) AS verdicts`,
  )
  const versions = await rawQuery<{ version: number }>(t.db, 'SELECT version FROM stances ORDER BY id')
  return { counts, stanceVersions: versions.map((row) => row.version) }
}

describe('archived records take no writes', () => {
  it('refuses a stance on an archived claim or evidence item with 409, changing nothing', async () => {
    const { claim, evidence, stance } = await setUp()
    const archivedClaim = await body(
      call('PATCH', `/api/claims/${claim.id}`, { archived: true }, claim.version),
      200,
    )
    const before = await tableCounts()
    const refused = await body(
      call(
        'PUT',
        '/api/stances',
        { evidenceId: evidence.id, claimId: claim.id, stance: 'contradicts' },
        stance.version,
      ),
      409,
    )
    expect(refused.error.message).toBe('This claim is archived: restore it before setting its stances.')
    expect(await tableCounts()).toEqual(before)

    await body(call('PATCH', `/api/claims/${claim.id}`, { archived: false }, archivedClaim.version), 200)
    const archivedEvidence = await body(
      call('PATCH', `/api/evidence/${evidence.id}`, { archived: true }, evidence.version),
      200,
    )
    const stillRefused = await body(
      call(
        'PUT',
        '/api/stances',
        { evidenceId: evidence.id, claimId: claim.id, stance: 'context' },
        stance.version,
      ),
      409,
    )
    expect(stillRefused.error.message).toBe(
      'This evidence item is archived: restore it before setting its stances.',
    )
    // Restored, it takes writes again.
    await body(
      call('PATCH', `/api/evidence/${evidence.id}`, { archived: false }, archivedEvidence.version),
      200,
    )
    await body(
      call(
        'PUT',
        '/api/stances',
        { evidenceId: evidence.id, claimId: claim.id, stance: 'context' },
        stance.version,
      ),
      200,
    )
  })

  it('refuses edits of an archived claim, evidence item or dispute, but takes the restore itself', async () => {
    const { dispute, claim, evidence } = await setUp()
    const c = await body(call('PATCH', `/api/claims/${claim.id}`, { archived: true }, claim.version), 200)
    expect(
      (
        await body(
          call('PATCH', `/api/claims/${claim.id}`, { text: 'Edited while archived.' }, c.version),
          409,
        )
      ).error.message,
    ).toBe('This claim is archived: restore it before changing it.')
    expect(
      (await body(call('PUT', `/api/claims/${claim.id}/verdict`, { summary: 'S' }), 409)).error.message,
    ).toBe('This claim is archived: restore it before changing its verdict.')
    const restored = await body(
      call('PATCH', `/api/claims/${claim.id}`, { archived: false, text: 'Restored and edited.' }, c.version),
      200,
    )
    expect(restored).toMatchObject({ archived: false, text: 'Restored and edited.' })

    const e = await body(
      call('PATCH', `/api/evidence/${evidence.id}`, { archived: true }, evidence.version),
      200,
    )
    await body(
      call('PATCH', `/api/evidence/${evidence.id}`, { title: 'Edited while archived' }, e.version),
      409,
    )

    const d = await body(
      call('PATCH', `/api/disputes/${dispute.id}`, { archived: true }, dispute.version),
      200,
    )
    await body(
      call('PATCH', `/api/disputes/${dispute.id}`, { title: 'Edited while archived' }, d.version),
      409,
    )
    // Nothing inside an archived dispute changes either.
    const refused = await body(
      call('PATCH', `/api/claims/${claim.id}`, { text: 'Inside an archived dispute.' }, restored.version),
      409,
    )
    expect(refused.error.message).toBe('This dispute is archived: restore it before changing anything in it.')
    await body(call('PATCH', `/api/disputes/${dispute.id}`, { archived: false }, d.version), 200)
    await body(
      call('PATCH', `/api/claims/${claim.id}`, { text: 'Back in a live dispute.' }, restored.version),
      200,
    )
  })
})
