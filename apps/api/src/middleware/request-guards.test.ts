import { AppError } from '@counterclaim/shared'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../routes/route-kit.ts'
import { bodyLimits, CSV_LIMIT, contentTypes, FACT_CHECK_IMPORT_LIMIT, sameOrigin } from './request-guards.ts'

const OWN = 'http://127.0.0.1:3000'
const MiB = 1024 * 1024

/** The guards in front of two routes that answer with the size of the body they read. */
function guarded(publicOrigin: string | null = null) {
  const app = new Hono<AppEnv>()
  app.use('/api/*', sameOrigin(publicOrigin, OWN), contentTypes, bodyLimits)
  const read = async (c: { req: { text: () => Promise<string> }; json: (v: unknown) => Response }) =>
    c.json({ read: (await c.req.text()).length })
  app.post('/api/disputes', (c) => read(c))
  app.post('/api/claim-log/import', (c) => read(c))
  app.post('/api/fact-checks/import', (c) => read(c))
  app.get('/api/disputes', (c) => c.json({ read: 0 }))
  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: { code: err.code } }, err.status)
    throw err
  })
  return app
}

const post = (
  app: Hono<AppEnv>,
  url: string,
  {
    origin,
    site,
    type = 'application/json',
    body = '{}',
  }: { origin?: string; site?: string; type?: string | null; body?: string } = {},
) =>
  app.request(url, {
    method: 'POST',
    headers: {
      ...(origin ? { origin } : {}),
      ...(site ? { 'sec-fetch-site': site } : {}),
      ...(type ? { 'content-type': type } : {}),
    },
    body,
  })

const codeOf = async (res: Response) =>
  `${res.status} ${res.status >= 400 ? (await res.json()).error.code : ''}`.trim()

describe('sameOrigin', () => {
  it('with PUBLIC_BASE_URL set, takes its origin alone: the Host header never vouches for another', async () => {
    const app = guarded('https://facts.example.org')
    expect(
      await codeOf(await post(app, `${OWN}/api/disputes`, { origin: 'https://facts.example.org' })),
    ).toBe('200')
    for (const [url, origin] of [
      // The address the request reached, which is not the public one.
      [`${OWN}/api/disputes`, OWN],
      // A Host the client chose, named again in Origin.
      ['http://evil.example/api/disputes', 'http://evil.example'],
      ['https://evil.example/api/disputes', 'https://evil.example'],
      // The public host on another scheme or port.
      ['http://facts.example.org/api/disputes', 'http://facts.example.org'],
      ['https://facts.example.org:8443/api/disputes', 'https://facts.example.org:8443'],
    ] as const) {
      for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
        expect(await codeOf(await post(app, url, { origin, type })), `${url} from ${origin}, ${type}`).toBe(
          '403 forbidden',
        )
      }
    }
  })

  it('without PUBLIC_BASE_URL, takes the server’s own address or the one the browser used', async () => {
    const app = guarded()
    expect(await codeOf(await post(app, `${OWN}/api/disputes`, { origin: OWN }))).toBe('200')
    expect(
      await codeOf(
        await post(app, 'http://localhost:3000/api/disputes', { origin: 'http://localhost:3000' }),
      ),
    ).toBe('200')
    expect(await codeOf(await post(app, `${OWN}/api/disputes`, { origin: 'http://localhost:3000' }))).toBe(
      '403 forbidden',
    )
  })

  it('refuses a request a browser marks cross-site, whatever its Origin; lets a client naming neither through', async () => {
    const app = guarded()
    expect(await codeOf(await post(app, `${OWN}/api/disputes`, { site: 'cross-site' }))).toBe('403 forbidden')
    expect(await codeOf(await post(app, `${OWN}/api/disputes`, { origin: OWN, site: 'cross-site' }))).toBe(
      '403 forbidden',
    )
    expect(await codeOf(await post(app, `${OWN}/api/disputes`))).toBe('200')
    // Safe methods are never checked.
    const read = await app.request(`${OWN}/api/disputes`, { headers: { origin: 'https://evil.example' } })
    expect(read.status).toBe(200)
  })
})

describe('contentTypes', () => {
  it('answers 415 to any body that is not JSON, a body with no content type included', async () => {
    const app = guarded()
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'text/csv',
      null,
    ]) {
      expect(await codeOf(await post(app, `${OWN}/api/disputes`, { type, body: 'a=1' })), String(type)).toBe(
        '415 unsupported_media_type',
      )
    }
    expect(
      await codeOf(await post(app, `${OWN}/api/disputes`, { type: 'application/json; charset=utf-8' })),
    ).toBe('200')
  })

  it('takes CSV, and only CSV, on the import route', async () => {
    const app = guarded()
    expect(
      await codeOf(await post(app, `${OWN}/api/claim-log/import`, { type: 'text/csv', body: 'a,b\r\n' })),
    ).toBe('200')
    expect(await codeOf(await post(app, `${OWN}/api/claim-log/import`))).toBe('415 unsupported_media_type')
  })
})

describe('the fact-check import', () => {
  it('takes JSON-LD, JSON or HTML, with their parameters; anything else is 415', async () => {
    const app = guarded()
    for (const type of [
      'application/ld+json',
      'application/json; charset=utf-8',
      'text/html; charset=UTF-8',
    ]) {
      expect(await codeOf(await post(app, `${OWN}/api/fact-checks/import`, { type })), type).toBe('200')
    }
    for (const type of ['text/plain', 'text/csv', 'application/xml', null]) {
      expect(await codeOf(await post(app, `${OWN}/api/fact-checks/import`, { type })), String(type)).toBe(
        '415 unsupported_media_type',
      )
    }
    // Its types are its own: HTML is still 415 elsewhere.
    expect(await codeOf(await post(app, `${OWN}/api/disputes`, { type: 'text/html' }))).toBe(
      '415 unsupported_media_type',
    )
  })

  it('reads up to 10 MiB and refuses one byte more with 413', async () => {
    const app = guarded()
    const at = await post(app, `${OWN}/api/fact-checks/import`, { body: 'a'.repeat(FACT_CHECK_IMPORT_LIMIT) })
    expect(await at.json()).toEqual({ read: FACT_CHECK_IMPORT_LIMIT })
    expect(
      await codeOf(
        await post(app, `${OWN}/api/fact-checks/import`, { body: 'a'.repeat(FACT_CHECK_IMPORT_LIMIT + 1) }),
      ),
    ).toBe('413 payload_too_large')
  })
})

describe('bodyLimits', () => {
  it('reads 1 MiB of JSON and refuses one byte more with 413', async () => {
    const app = guarded()
    const at = await post(app, `${OWN}/api/disputes`, { body: 'a'.repeat(MiB) })
    expect(await at.json()).toEqual({ read: MiB })
    expect(await codeOf(await post(app, `${OWN}/api/disputes`, { body: 'a'.repeat(MiB + 1) }))).toBe(
      '413 payload_too_large',
    )
  })

  it('refuses an import that declares more than 50 MiB before reading any of it; takes a larger JSON limit on no other route', async () => {
    const app = guarded()
    const declared = await app.request(`${OWN}/api/claim-log/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'content-length': String(CSV_LIMIT + 1) },
      body: 'a,b\r\n',
    })
    expect(await codeOf(declared)).toBe('413 payload_too_large')
    const twoMiB = await post(app, `${OWN}/api/claim-log/import`, {
      type: 'text/csv',
      body: 'a'.repeat(2 * MiB),
    })
    expect(await twoMiB.json()).toEqual({ read: 2 * MiB })
  })
})
