import { getEventListeners } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { type LocalServer, localServer } from '../../../../tests/support/local-server.ts'
import {
  DEFAULT_OUTBOUND,
  fetchOutbound,
  isPublicAddress,
  nextLink,
  OutboundError,
  type OutboundErrorCode,
  type OutboundInit,
  type OutboundPolicy,
} from './outbound-fetch.ts'

// Fixture servers live on loopback, so the happy paths allow private targets; the refusals do not.
const LOCAL: OutboundPolicy = { ...DEFAULT_OUTBOUND, allowPrivate: true }
const PUBLIC_ONLY: OutboundPolicy = { ...DEFAULT_OUTBOUND, allowPrivate: false }

const servers: LocalServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, received: LocalServer['received'][number]) => void,
  host?: string,
): Promise<LocalServer> {
  const server = await localServer(handler, host)
  servers.push(server)
  return server
}

/** The OutboundError a fetch fails with (fails the test when it succeeds or fails otherwise). */
async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(OutboundError)
  return error as OutboundError
}

async function failsWith(promise: Promise<unknown>, code: OutboundErrorCode): Promise<string> {
  const error = await failure(promise)
  expect(error.code, error.message).toBe(code)
  return error.message
}

describe('fetchOutbound', () => {
  it('reads a 200 answer with its headers, sending a User-Agent of Counterclaim unless the caller names one', async () => {
    const site = await serve((_req, res) => {
      res.setHeader('content-type', 'application/ld+json')
      res.setHeader('x-total', ['1', '2'])
      res.end('{"@type":"ClaimReview","name":"Ложь"}')
    })
    const answer = await fetchOutbound(site.url('/feed?page=1'), { policy: LOCAL })
    expect(answer).toEqual({
      status: 200,
      url: site.url('/feed?page=1'),
      headers: expect.objectContaining({ 'content-type': 'application/ld+json', 'x-total': '1, 2' }),
      body: '{"@type":"ClaimReview","name":"Ложь"}',
      notModified: false,
    })
    expect(site.received[0]?.headers['user-agent']).toBe('Counterclaim')
    expect(site.received[0]?.headers['accept-encoding']).toBe('gzip, deflate, br')

    await fetchOutbound(site.url(), {
      policy: LOCAL,
      headers: { 'User-Agent': 'Counterclaim (+https://desk.example)' },
    })
    expect(site.received[1]?.headers['user-agent']).toBe('Counterclaim (+https://desk.example)')
  })

  it('connects to the address it checked while naming the host itself in Host', async () => {
    const site = await serve((req, res) => res.end(req.headers.host))
    const port = new URL(site.url()).port
    const answer = await fetchOutbound(`http://localhost:${port}/`, { policy: LOCAL })
    expect(answer.body).toBe(`localhost:${port}`)
  })

  it('hands back error statuses as answers: the caller decides what a 404 means', async () => {
    const site = await serve((_req, res) => {
      res.statusCode = 404
      res.end('gone')
    })
    const answer = await fetchOutbound(site.url(), { policy: LOCAL })
    expect([answer.status, answer.body]).toEqual([404, 'gone'])
  })

  it('passes If-None-Match and If-Modified-Since through and reports a 304 as not modified, with no body', async () => {
    const stamp = 'Tue, 10 Jun 2025 08:00:00 GMT'
    const site = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === stamp) {
        res.statusCode = 304
        res.setHeader('etag', '"v1"')
        res.end()
        return
      }
      res.setHeader('etag', '"v1"')
      res.setHeader('last-modified', stamp)
      res.end('[]')
    })
    const first = await fetchOutbound(site.url(), { policy: LOCAL })
    expect(first).toMatchObject({ status: 200, body: '[]', notModified: false })
    const again = await fetchOutbound(site.url(), {
      policy: LOCAL,
      headers: {
        'If-None-Match': first.headers.etag ?? '',
        'If-Modified-Since': first.headers['last-modified'] ?? '',
      },
    })
    expect(again).toMatchObject({ status: 304, body: '', notModified: true, headers: { etag: '"v1"' } })
  })

  it('follows a chain of 301, 302, 307 and 308 redirects, relative and absolute, to the final address', async () => {
    const other = await serve((_req, res) => res.end('arrived'))
    const site = await serve((req, res) => {
      const hops: Record<string, [number, string]> = {
        '/a': [301, '/b'],
        '/b': [302, 'c'],
        '/c': [307, other.url('/d')],
      }
      const hop = hops[req.url ?? '']
      res.writeHead(hop?.[0] ?? 500, hop ? { location: hop[1] } : {}).end()
    })
    const behind = await serve((_req, res) => res.writeHead(308, { location: site.url('/a') }).end())
    const answer = await fetchOutbound(behind.url('/start'), { policy: LOCAL })
    expect([answer.status, answer.body, answer.url]).toEqual([200, 'arrived', other.url('/d')])
    expect(site.received.map((r) => r.path)).toEqual(['/a', '/b', '/c'])
  })

  it('turns a POST into a GET without its body after a 303, and keeps POST and body through a 307', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/see-other') res.writeHead(303, { location: '/result' }).end()
      else if (req.url === '/temporary') res.writeHead(307, { location: '/result' }).end()
      else res.end('done')
    })
    const post: OutboundInit = {
      policy: LOCAL,
      method: 'POST',
      body: '{"event":"verdict.published"}',
      headers: { 'content-type': 'application/json' },
    }
    await fetchOutbound(site.url('/see-other'), post)
    await fetchOutbound(site.url('/temporary'), post)
    const seen = site.received.map((r) => [r.path, r.method, r.body, r.headers['content-type']])
    expect(seen).toEqual([
      ['/see-other', 'POST', post.body, 'application/json'],
      ['/result', 'GET', '', undefined],
      ['/temporary', 'POST', post.body, 'application/json'],
      ['/result', 'POST', post.body, 'application/json'],
    ])
  })

  it('does not carry Authorization or Cookie through a redirect to another site', async () => {
    const other = await serve((_req, res) => res.end('other'))
    const site = await serve((_req, res) => res.writeHead(302, { location: other.url() }).end())
    await fetchOutbound(site.url(), {
      policy: LOCAL,
      headers: { Authorization: 'Bearer secret', Cookie: 'a=b' },
    })
    expect(site.received[0]?.headers.authorization).toBe('Bearer secret')
    expect(other.received[0]?.headers.authorization).toBeUndefined()
    expect(other.received[0]?.headers.cookie).toBeUndefined()
  })

  it('gives up after maxRedirects redirects', async () => {
    const site = await serve((req, res) => {
      const n = Number(req.url?.slice(1))
      res.writeHead(302, { location: `/${n + 1}` }).end()
    })
    const message = await failsWith(
      fetchOutbound(site.url('/0'), { policy: { ...LOCAL, maxRedirects: 3 } }),
      'too_many_redirects',
    )
    expect(message).toMatch(/redirected more than 3 times/)
    expect(site.received.map((r) => r.path)).toEqual(['/0', '/1', '/2', '/3'])
  })

  describe('addresses', () => {
    it('refuses loopback, private and link-local addresses, however the URL spells them, before connecting', async () => {
      const inside = await serve((_req, res) => res.end('inside'))
      const port = new URL(inside.url()).port
      const spellings = [
        inside.url(),
        `http://localhost:${port}/`,
        `http://2130706433:${port}/`,
        `http://0x7f.0.0.1:${port}/`,
        `http://0177.0.0.1:${port}/`,
        `http://127.1:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
        `http://[::ffff:7f00:1]:${port}/`,
        `http://[::1]:${port}/`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.5/feed',
        'http://192.168.1.1/',
        'http://100.64.0.1/',
        'http://0.0.0.0/',
        'https://[fd00::1]/',
      ]
      for (const url of spellings) {
        await failsWith(fetchOutbound(url, { policy: PUBLIC_ONLY }), 'refused_address')
      }
      expect(inside.received).toEqual([])
      // The same spellings reach the server when private targets are allowed: WHATWG URL normalised them.
      const reached = await fetchOutbound(`http://2130706433:${port}/`, { policy: LOCAL })
      expect(reached.body).toBe('inside')
    })

    it('says in plain words why an address is refused and which setting allows it', async () => {
      const message = await failsWith(
        fetchOutbound('http://10.0.0.5/feed', { policy: PUBLIC_ONLY }),
        'refused_address',
      )
      expect(message).toBe(
        'The address 10.0.0.5 is a private network address; feeds and webhooks may only reach public addresses ' +
          'unless COUNTERCLAIM_ALLOW_PRIVATE_TARGETS=on.',
      )
      const named = await failsWith(
        fetchOutbound('http://localhost/', { policy: PUBLIC_ONLY }),
        'refused_address',
      )
      expect(named).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/)
    })

    it('never follows a redirect to a refused address: the first hop is allowed, the target is not fetched', async () => {
      // The first hop is the one loopback address this policy lets through, so the real public-only rule
      // judges every redirect target.
      const policy: OutboundPolicy = { ...PUBLIC_ONLY, allowAddress: (ip) => ip === '127.0.0.2' }
      const loopback = await serve((_req, res) => res.end('loopback'))
      const loopbackV6 = await serve((_req, res) => res.end('loopback v6'), '::1')
      const targets = [
        loopback.url('/secret'),
        loopbackV6.url('/secret'),
        `http://localhost:${new URL(loopback.url()).port}/secret`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.1.2.3/admin',
      ]
      const front = await serve((req, res) => {
        const target = targets[Number(req.url?.slice(1))] ?? '/'
        res.writeHead(302, { location: target }).end()
      }, '127.0.0.2')
      for (const [i, target] of targets.entries()) {
        const message = await failsWith(fetchOutbound(front.url(`/${i}`), { policy }), 'refused_address')
        expect(message, target).toMatch(/COUNTERCLAIM_ALLOW_PRIVATE_TARGETS=on/)
      }
      expect(front.received).toHaveLength(targets.length)
      expect(loopback.received).toEqual([])
      expect(loopbackV6.received).toEqual([])
    })
  })

  it('refuses addresses that are not http or https, or that carry credentials', async () => {
    for (const url of [
      'ftp://example.org/feed',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://user:secret@example.org/feed',
      'not an address',
    ]) {
      await failsWith(fetchOutbound(url, { policy: LOCAL }), 'bad_url')
    }
    const site = await serve((_req, res) => res.writeHead(301, { location: 'file:///etc/passwd' }).end())
    expect(await failsWith(fetchOutbound(site.url(), { policy: LOCAL }), 'bad_url')).toMatch(/redirected to/)
  })

  describe('time', () => {
    it('times out on a server that never answers', async () => {
      const silent = await serve(() => {})
      const message = await failsWith(
        fetchOutbound(silent.url(), { policy: { ...LOCAL, timeoutMs: 200 } }),
        'timeout',
      )
      expect(message).toBe(`No full answer from ${new URL(silent.url()).host} within 0.2 seconds.`)
    })

    it('times out on a body that never ends: the limit covers the whole exchange', async () => {
      const trickle = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('[')
      })
      await failsWith(fetchOutbound(trickle.url(), { policy: { ...LOCAL, timeoutMs: 200 } }), 'timeout')
      await trickle.received[0]?.closed
    })

    it("stops at the caller's own cancel and throws its reason", async () => {
      const silent = await serve(() => {})
      const cancel = new AbortController()
      const pending = fetchOutbound(silent.url(), { policy: LOCAL, signal: cancel.signal })
      await expect.poll(() => silent.received.length).toBe(1)
      const reason = new Error('shutting down')
      cancel.abort(reason)
      await expect(pending).rejects.toBe(reason)
    })

    it("leaves nothing listening on the caller's signal once an exchange ends", async () => {
      const site = await serve((_req, res) => res.end('ok'))
      const shutdown = new AbortController()
      for (let i = 0; i < 3; i++) await fetchOutbound(site.url(), { policy: LOCAL, signal: shutdown.signal })
      expect(getEventListeners(shutdown.signal, 'abort')).toEqual([])
    })
  })

  describe('size', () => {
    // A timeout well inside the test's own, so a refusal that waited for the body shows as 'timeout'.
    const policy = { ...LOCAL, maxBytes: 1024, timeoutMs: 2000 }

    it('refuses a declared Content-Length over the cap before reading the body', async () => {
      // The body never comes: only a refusal that does not wait for it ends before the timeout.
      const big = await serve((_req, res) => {
        res.writeHead(200, { 'content-length': '1025' })
        res.flushHeaders()
      })
      const message = await failsWith(fetchOutbound(big.url(), { policy }), 'too_large')
      expect(message).toBe(
        `The answer from ${new URL(big.url()).host} is larger than 1 KiB, the most Counterclaim reads.`,
      )
      await big.received[0]?.closed
    })

    it('stops reading a body without Content-Length at the cap and closes the connection', async () => {
      const endless = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        const more = () => {
          while (!res.destroyed && res.write('x'.repeat(256)));
        }
        res.on('drain', more)
        more()
      })
      await failsWith(fetchOutbound(endless.url(), { policy }), 'too_large')
      await endless.received[0]?.closed
    })

    it('reads a body of exactly the cap', async () => {
      const full = await serve((_req, res) => res.end('y'.repeat(1024)))
      expect((await fetchOutbound(full.url(), { policy })).body).toHaveLength(1024)
    })
  })

  describe('compression', () => {
    const text = JSON.stringify({ '@type': 'DataFeed', note: 'Engañoso, Faux, Falsch, Ложь. '.repeat(20) })
    const encodings: [string, (b: Buffer) => Buffer][] = [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ]

    it.each(encodings)('decodes a %s body', async (coding, encode) => {
      const site = await serve((_req, res) => {
        res.writeHead(200, { 'content-encoding': coding, 'content-type': 'application/json; charset=utf-8' })
        res.end(encode(Buffer.from(text)))
      })
      expect((await fetchOutbound(site.url(), { policy: LOCAL })).body).toBe(text)
    })

    it('counts the cap in decoded bytes, so a small compressed body cannot unpack past it', async () => {
      const bomb = gzipSync(Buffer.alloc(1024 * 1024))
      const site = await serve((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) })
        res.end(bomb)
      })
      expect(bomb.length).toBeLessThan(64 * 1024)
      await failsWith(fetchOutbound(site.url(), { policy: { ...LOCAL, maxBytes: 64 * 1024 } }), 'too_large')
    })

    it('reports a damaged compressed body or an unknown encoding as a network failure in words', async () => {
      const site = await serve((req, res) => {
        if (req.url === '/damaged') {
          res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.from(text)).subarray(0, 20))
        } else res.writeHead(200, { 'content-encoding': 'zstd' }).end('???')
      })
      expect(await failsWith(fetchOutbound(site.url('/damaged'), { policy: LOCAL }), 'network')).toMatch(
        /compressed answer is damaged/,
      )
      expect(await failsWith(fetchOutbound(site.url('/odd'), { policy: LOCAL }), 'network')).toMatch(
        /encoding Counterclaim cannot read \(zstd\)/,
      )
    })
  })

  it('decodes the charset the answer names', async () => {
    // "Привет" in windows-1251, as older Russian-language sites still serve pages.
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' })
      res.end(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]))
    })
    expect((await fetchOutbound(site.url(), { policy: LOCAL })).body).toBe('Привет')
  })

  it('reports a refused connection as a network failure in words', async () => {
    const gone = await serve(() => {})
    const url = gone.url('/feed')
    await servers.splice(0)[0]?.close()
    const message = await failsWith(fetchOutbound(url, { policy: LOCAL }), 'network')
    expect(message).toBe(`Could not reach ${new URL(url).host}: the connection was refused.`)
  })
})

describe('isPublicAddress', () => {
  it.each([
    ['1.1.1.1', true],
    ['8.8.8.8', true],
    ['2606:4700::1111', true],
    ['2a00:1450:4001:80b::200e', true],
    ['::ffff:1.1.1.1', true],
    // IPv4 private, loopback, link-local, shared CGNAT, multicast, unspecified, broadcast, documentation
    ['10.0.0.5', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['100.127.255.255', false],
    ['224.0.0.1', false],
    ['239.255.255.250', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['192.0.2.1', false],
    ['198.51.100.7', false],
    ['203.0.113.9', false],
    ['240.0.0.1', false],
    // IPv6 loopback, unspecified, link-local, unique local, multicast, documentation
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['fd12:3456:789a::1', false],
    ['fc00::1', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    // IPv4 inside IPv6: mapped addresses are judged as IPv4; other embeddings are not public
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.5', false],
    ['::ffff:169.254.169.254', false],
    ['::127.0.0.1', false],
    ['64:ff9b::a00:5', false],
    ['2002:a00:5::1', false],
    // Not addresses at all
    ['', false],
    ['example.org', false],
    ['1.1.1.1.1', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected)
  })
})

describe('nextLink', () => {
  const base = 'https://desk.example/api/public/verdicts?page=2'

  it.each([
    [
      '<https://desk.example/api/public/verdicts?page=3>; rel="next"',
      'https://desk.example/api/public/verdicts?page=3',
    ],
    ['<?page=3>; rel=next', 'https://desk.example/api/public/verdicts?page=3'],
    ['</feed/3>; rel="next"', 'https://desk.example/feed/3'],
    ['<page-3>; rel="next"', 'https://desk.example/api/public/page-3'],
    [
      '<?page=1>; rel="prev", <?page=3>; rel="next", <?page=9>; rel="last"',
      'https://desk.example/api/public/verdicts?page=3',
    ],
    ['<?page=3>; rel="last next"', 'https://desk.example/api/public/verdicts?page=3'],
    ['<?page=3>; rel="NEXT"', 'https://desk.example/api/public/verdicts?page=3'],
    ['<?page=3>;rel=next;title="a, b; c"', 'https://desk.example/api/public/verdicts?page=3'],
    [
      '<?a=1,2>; title="next, please"; rel="prev", <?page=3>; type="application/ld+json"; rel="next"',
      'https://desk.example/api/public/verdicts?page=3',
    ],
    ['<?page=3>; title="rel=next"', null],
    ['<?page=1>; rel="prev"', null],
    ['<?page=3>; rel="nextish"', null],
    ['<?page=3>; rel="prev"; rel="next"', null],
    ['rel="next"', null],
    ['', null],
  ])('%s', (header, expected) => {
    expect(nextLink(header, base)).toBe(expected)
  })

  it('is null without a Link header', () => {
    expect(nextLink(undefined, base)).toBeNull()
  })
})
