// Text never holds the NUL character (U+0000): PostgreSQL's text cannot store it, so both engines refuse
// it where it arrives, with the same 400 naming the field, and nothing is written.
import { beforeAll, describe, expect, it } from 'vitest'
import { CLAIM_LOG_CSV_HEADER, csvLine } from '../../packages/domain/src/index.ts'
import { expectInvalid, unchanged } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let cookie: string
beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('editor')
})

describe('the NUL character', () => {
  it('is refused in a JSON body, naming the field, and nothing is written', async () => {
    await unchanged(t, async () => {
      const res = await t.request('/api/disputes', {
        method: 'POST',
        cookie,
        json: { title: 'Nul\u0000title', question: 'Is it stored?', tags: ['ok', 'b\u0000d'] },
      })
      const error = await expectInvalid(res, 'title')
      expect(JSON.stringify(error.details)).toContain('U+0000')
    })
    const signIn = await t.request('/api/auth/login', {
      method: 'POST',
      json: { email: '\u0000', password: 'checker-test-password' },
    })
    await expectInvalid(signIn, 'email')
  })

  it('is refused in a query string, and in a path', async () => {
    await expectInvalid(await t.request('/api/claim-log?tag=a%00b', { cookie }), 'query.tag')
    await expectInvalid(await t.request('/api/disputes?q=%00', { cookie }), 'query.q')
    await expectInvalid(await t.request('/api/claimants/a%00b', { cookie }), 'param.id')
  })

  it('is refused in a CSV cell with its line and column, and nothing is imported', async () => {
    const header = CLAIM_LOG_CSV_HEADER.trimEnd().split(',')
    const cells = header.map((h) =>
      h === 'dispute_title'
        ? 'Nul import'
        : h === 'claimant'
          ? 'Someone'
          : h === 'claim_text'
            ? 'A\u0000B'
            : '',
    )
    await unchanged(t, async () => {
      const res = await t.request('/api/claim-log/import', {
        method: 'POST',
        cookie,
        headers: { 'content-type': 'text/csv' },
        body: CLAIM_LOG_CSV_HEADER + csvLine(cells),
      })
      const error = await expectInvalid(res)
      expect(error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ line: 2, column: 'claim_text' })]),
      )
    })
  })
})
