// The request guards where only a real socket shows them: bodies over the limit sent as a client
// sends them, and what the server logs about requests its parser refuses or clients abandon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorShapeViolation } from '../support/error-shape.ts'
import { httpClient, rawSocket, sendRaw, signIn } from '../support/http.ts'
import { type ServerHandle, startServer } from '../support/server.ts'

describe('bodies over the limit, over a real socket', () => {
  let server: ServerHandle
  let cookie: string
  beforeAll(async () => {
    server = await startServer()
    cookie = await signIn(httpClient(server.url), 'admin')
  })
  afterAll(async () => {
    await server?.stop()
  })

  const MiB = 1024 * 1024
  /** A JSON document of exactly `size` bytes. */
  const jsonOf = (size: number) => {
    const head = '{"title":"'
    const tail = '","question":"Q?"}'
    return Buffer.from(head + 'a'.repeat(size - head.length - tail.length) + tail)
  }

  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with Content-Length'
    it(`1 MiB + 1 byte of JSON, ${how}, is 413 in the error shape; 1 MiB is read`, async () => {
      for (const path of ['/api/disputes', '/api/auth/login']) {
        // A declared length over the limit is refused on the headers alone, before any of the body.
        const over = await sendRaw(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          ...(chunked ? { body: jsonOf(MiB + 1), chunked } : { declaredLength: MiB + 1 }),
        })
        expect(over.status, path).toBe(413)
        expect(errorShapeViolation(413, String(over.headers['content-type']), over.text)).toBeNull()
        expect(JSON.parse(over.text).error.code).toBe('payload_too_large')
      }
      const at = await sendRaw(`${server.url}/api/disputes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: jsonOf(MiB),
        chunked,
      })
      // Read and validated: a title that long is a field error, not a size error.
      expect(at.status).toBe(400)
      expect(JSON.parse(at.text).error.code).toBe('validation_failed')
    })

    it(`the CSV import takes up to 50 MiB: 50 MiB + 1 byte, ${how}, is 413`, async () => {
      const over = await sendRaw(`${server.url}/api/claim-log/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', cookie },
        ...(chunked ? { body: Buffer.alloc(50 * MiB + 1, 'a'), chunked } : { declaredLength: 50 * MiB + 1 }),
      })
      expect(over.status).toBe(413)
      expect(errorShapeViolation(413, String(over.headers['content-type']), over.text)).toBeNull()
    })
  }

  it('the server still answers after all of it', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  })
})

describe('client aborts and malformed requests, in the server log', () => {
  let server: ServerHandle
  let cookie: string
  beforeAll(async () => {
    // A sign-in for an unknown address still spends a whole password hash (about 0.2 s at 2^16):
    // long enough for a client to leave before the answer.
    server = await startServer({ env: { COUNTERCLAIM_SCRYPT_LOG_N: '16' } })
    cookie = await signIn(httpClient(server.url), 'editor')
  })
  afterAll(async () => {
    await server?.stop()
  })

  const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
  const infoLines = () =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('info ['))
  /** The one info line about `method path` that says `what`, once it is written. */
  const lineAbout = async (method: string, path: string, what: RegExp) => {
    // A long path is cut short in the log, saying how long it was.
    const shown = `${path.replace(/[?.]/g, '\\$&')}(?:\\S*… \\(\\d+ characters\\))?`
    const pattern = new RegExp(`^info \\[(${ID})\\] ${method} ${shown}: `)
    await expect
      .poll(() => infoLines().filter((line) => pattern.test(line) && what.test(line)), { timeout: 10_000 })
      .toHaveLength(1)
    const line = infoLines().find((l) => pattern.test(l) && what.test(l)) ?? ''
    return { line, id: pattern.exec(line)?.[1] ?? '' }
  }
  const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`

  it('are one info line each, with the request id, method, path and what happened, and no stack trace', async () => {
    const before = server.output().length
    // A client that leaves while its sign-in is being checked.
    const login = '{"email":"nobody@example.org","password":"not the password"}'
    await rawSocket(
      server.url,
      head([
        'POST /api/auth/login HTTP/1.1',
        'Host: x',
        'Content-Type: application/json',
        `Content-Length: ${login.length}`,
      ]) + login,
      'at-once',
    )
    await lineAbout(
      'POST',
      '/api/auth/login',
      /the client closed the connection before the answer was complete$/,
    )

    // Bodies cut short: 12 bytes of 100 announced, and a chunked body that stops mid-chunk.
    await rawSocket(
      server.url,
      `${head(['POST /api/disputes HTTP/1.1', 'Host: x', `Cookie: ${cookie}`, 'Content-Type: application/json', 'Content-Length: 100'])}{"title":"x"`,
      'at-once',
    )
    await lineAbout('POST', '/api/disputes', /before its body had fully arrived \(body cut short\)$/)
    await rawSocket(
      server.url,
      `${head(['POST /api/claimants HTTP/1.1', 'Host: x', `Cookie: ${cookie}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked'])}10\r\n{"name":`,
      'at-once',
    )
    await lineAbout('POST', '/api/claimants', /before its body had fully arrived \(body cut short\)$/)

    // Malformed: bad JSON, a header line with no colon, a URL over the header limit, a request cut off.
    const badJson = await rawSocket(
      server.url,
      `${head(['PATCH /api/disputes/x HTTP/1.1', 'Host: x', `Cookie: ${cookie}`, 'Content-Type: application/json', 'Content-Length: 9', 'Connection: close'])}{"title":`,
      'after-answer',
    )
    expect(badJson).toMatch(/^HTTP\/1\.1 400 /)
    const json = await lineAbout('PATCH', '/api/disputes/x', /Malformed JSON.*; answered 400$/)
    expect(badJson.toLowerCase()).toContain(`x-request-id: ${json.id}`)

    const badHeader = await rawSocket(
      server.url,
      head(['GET /api/health HTTP/1.1', 'Host: x', 'No colon here']),
      'after-answer',
    )
    expect(badHeader).toMatch(/^HTTP\/1\.1 400 /)
    const header = await lineAbout('GET', '/api/health', /malformed request \(.+\); answered 400$/)
    expect(badHeader).toContain(`X-Request-Id: ${header.id}`)

    const longUrl = await rawSocket(
      server.url,
      head([`GET /api/search?q=${'a'.repeat(40_000)} HTTP/1.1`, 'Host: x']),
      'after-answer',
    )
    expect(longUrl).toMatch(/^HTTP\/1\.1 431 /)
    const long = await lineAbout('GET', '/api/search?q=a', /over-long URL or header\); answered 431$/)
    // The path is cut in the log: one line of reasonable length.
    expect(long.line.length).toBeLessThan(500)

    await rawSocket(server.url, 'GET /api/heal', 'at-once')
    await expect
      .poll(() => infoLines().filter((l) => l.includes('before its request was complete')), {
        timeout: 10_000,
      })
      .toHaveLength(1)

    // Nothing of it is an internal error, a stack trace, or more than the one line each.
    const written = server.output().slice(before)
    expect(written).not.toMatch(/^error |Error: |^\s+at /m)
    expect(written.trim().split('\n')).toHaveLength(7)
    expect(new Set(infoLines().map((l) => new RegExp(ID).exec(l)?.[0])).size).toBe(infoLines().length)
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  })
})
