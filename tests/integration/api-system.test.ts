import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { exact, expectError, expectInvalid } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'
import { loseDatabase } from '../support/test-db.ts'

const REDOCLY = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url))

const OperationSchema = z.looseObject({
  operationId: z.string().min(1),
  summary: z.string().min(1),
  tags: z.array(z.string()).min(1),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  responses: z.record(z.string(), z.looseObject({ description: z.string().min(1) })),
})
const DocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string(), license: z.looseObject({}) }),
  servers: z.array(z.looseObject({ url: z.string() })).min(1),
  tags: z.array(z.looseObject({ name: z.string(), description: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), OperationSchema)),
})

// Every route this issue implements, as the document names it.
const FOUNDATION_OPERATIONS = [
  'get /api/health',
  'post /api/auth/login',
  'post /api/auth/logout',
  'get /api/auth/me',
  'get /api/users',
  'post /api/users',
  'patch /api/users/{id}',
  'get /api/claimants',
  'post /api/claimants',
  'get /api/claimants/{id}',
  'patch /api/claimants/{id}',
  'get /api/disputes',
  'post /api/disputes',
  'get /api/disputes/{id}',
  'patch /api/disputes/{id}',
  'post /api/disputes/{id}/claims',
  'patch /api/claims/{id}',
  'post /api/disputes/{id}/evidence',
  'patch /api/evidence/{id}',
  'put /api/stances',
  'put /api/claims/{id}/verdict',
  'get /api/history',
]
const PUBLIC_OPERATIONS = new Set(['get /api/health', 'post /api/auth/login'])
// What no API token may do: these list the session cookie alone; every other signed-in route lists both.
const SESSION_ONLY_OPERATIONS = new Set([
  'get /api/users',
  'post /api/users',
  'patch /api/users/{id}',
  'post /api/auth/password',
  'get /api/tokens',
  'post /api/tokens',
  'delete /api/tokens/{id}',
])
const SIGNED_IN_SECURITY = [{ session: [] }, { bearer: [] }]

let t: TestApp
let doc: z.infer<typeof DocumentSchema>
beforeAll(async () => {
  t = await makeTestApp()
  const res = await t.request('/api/openapi.json')
  expect(res.status).toBe(200)
  doc = DocumentSchema.parse(await res.json())
})

describe('GET /api/health', () => {
  it('answers {"status":"ok"} signed out, with the security headers', async () => {
    const res = await t.request('/api/health')
    expect(res.status).toBe(200)
    expect(await exact(res, z.object({ status: z.literal('ok') }))).toEqual({ status: 'ok' })
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses query parameters it does not know', async () => {
    await expectInvalid(await t.request('/api/health?verbose=1'))
  })

  it('answers 500 internal in the error shape, without stack or SQL, when the database is gone', async () => {
    const broken = await makeTestApp()
    await loseDatabase(broken.db, broken.database)
    const error = await expectError(await broken.request('/api/health'), 'internal')
    expect(error.details).toBeUndefined()
  })
})

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document served signed out, with servers, license and declared tags', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers[0]?.url).toBe('http://127.0.0.1:3000')
    expect(doc.info.title).toBe('Counterclaim API')
    const declared = new Set(doc.tags.map((tag) => tag.name))
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops)) for (const tag of op.tags) expect(declared).toContain(tag)
  })

  it('lists every foundation route with an operationId, a summary and its security', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    )
    for (const op of FOUNDATION_OPERATIONS) expect(listed).toContain(op)
    const ids = new Set<string>()
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(ids.has(op.operationId), op.operationId).toBe(false)
        ids.add(op.operationId)
        const key = `${method} ${path}`
        if (PUBLIC_OPERATIONS.has(key)) expect(op.security, key).toEqual([])
        else if (SESSION_ONLY_OPERATIONS.has(key)) expect(op.security, key).toEqual([{ session: [] }])
        else if (FOUNDATION_OPERATIONS.includes(key) || op.security.length > 0)
          expect(op.security, key).toEqual(SIGNED_IN_SECURITY)
      }
    }
  })

  it('describes write routes with their error answers in the one error shape', () => {
    const createDispute = doc.paths['/api/disputes']?.post
    expect(Object.keys(createDispute?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '404', '409', '415']),
    )
    const patchDispute = doc.paths['/api/disputes/{id}']?.patch
    expect(Object.keys(patchDispute?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '412', '428']),
    )
  })

  it("lints clean under Redocly CLI's recommended rules, without a single warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterclaim-openapi-'))
    try {
      const file = join(dir, 'openapi.json')
      writeFileSync(file, await (await t.request('/api/openapi.json')).text())
      // Run in the temp folder so no redocly.yaml of the checkout changes the rules.
      const run = spawnSync(REDOCLY, ['lint', '--extends=recommended', file], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        timeout: 60_000,
      })
      const output = `${run.stdout}\n${run.stderr}`
      expect(run.status, output).toBe(0)
      expect(output).toMatch(/valid/i)
      expect(output).not.toMatch(/warning was generated|You have \d+ warnings?|error was generated/i)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('unknown routes', () => {
  it('are 404 not_found in the error shape, signed in or not, for any method', async () => {
    const cookie = await t.login('checker')
    await expectError(await t.request('/api/nothing-here', { cookie }), 'not_found')
    await expectError(await t.request('/api/disputes/x/y/z', { cookie }), 'not_found')
    await expectError(await t.request('/api/nothing-here', { method: 'POST', json: {}, cookie }), 'not_found')
  })

  it('signed out, an unknown API route is refused before it is looked up: 401', async () => {
    await expectError(await t.request('/api/nothing-here'), 'unauthenticated')
  })
})
