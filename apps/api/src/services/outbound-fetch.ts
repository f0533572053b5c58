import { promises as dns, type LookupAddress } from 'node:dns'
import http, { type ClientRequest, type IncomingMessage } from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { Readable, Transform } from 'node:stream'
import zlib from 'node:zlib'
import ipaddr from 'ipaddr.js'

/**
 * The one door for requests the server makes to other machines (fact-check feeds, webhooks). Every hop,
 * redirects included, is checked against the address rules before a byte is sent, and the connection goes
 * to the very address that was checked, so a name that resolves differently a moment later (DNS
 * rebinding) cannot reach the inside of the network.
 */
export interface OutboundPolicy {
  /** COUNTERCLAIM_ALLOW_PRIVATE_TARGETS: reach private, loopback and link-local addresses too. */
  allowPrivate: boolean
  /** The whole exchange: lookup, connect, headers and body. */
  timeoutMs: number
  /** The most bytes of body read, counted after decompression. */
  maxBytes: number
  maxRedirects: number
  /**
   * An exception to the public-only rule for one address, asked only when allowPrivate is off. Tests use
   * it to reach their own server on a loopback address while every other address keeps the real rule.
   */
  allowAddress?: (ip: string) => boolean
}

/** What feeds and webhooks use unless told otherwise: 15 s, 5 MiB, 5 redirects. */
export const DEFAULT_OUTBOUND: Omit<OutboundPolicy, 'allowPrivate'> = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
}

export interface OutboundResponse {
  status: number
  /** The address of the last hop, after redirects. */
  url: string
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>
  /** Decompressed and decoded (the charset the answer names, else UTF-8). Empty on 304. */
  body: string
  notModified: boolean
}

export type OutboundErrorCode =
  | 'bad_url'
  | 'refused_address'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'network'

/** A fetch that did not happen or did not finish, with a message a newsroom person can act on. */
export class OutboundError extends Error {
  override readonly name = 'OutboundError'
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

export interface OutboundInit {
  policy: OutboundPolicy
  method?: 'GET' | 'POST'
  /** Sent as given (If-None-Match, If-Modified-Since, User-Agent, ...); Accept-Encoding is this module's. */
  headers?: Record<string, string>
  body?: string
  /** The caller's own cancel; its reason is thrown as it is. */
  signal?: AbortSignal
}

const DEFAULT_USER_AGENT = 'Counterclaim'
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
// Cookies and credentials meant for one site do not travel to another through a redirect (as in fetch).
const CROSS_ORIGIN_DROPPED = ['authorization', 'cookie', 'proxy-authorization']
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
]
// Headers the exchange itself decides.
const OWN_HEADERS = new Set(['host', 'accept-encoding', 'content-length', 'connection', 'transfer-encoding'])
const PRIVATE_HINT =
  'feeds and webhooks may only reach public addresses unless COUNTERCLAIM_ALLOW_PRIVATE_TARGETS=on'

/** Fetches a URL under the address, size, time and redirect rules of the policy. */
export async function fetchOutbound(url: string, init: OutboundInit): Promise<OutboundResponse> {
  const { policy } = init
  let current = parseTarget(url)
  const timeout = AbortSignal.timeout(policy.timeoutMs)
  const { signal, release } = eitherSignal(timeout, init.signal)
  let method = init.method ?? 'GET'
  let body = init.body
  let headers = requestHeaders(init.headers)
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await reachableAddresses(current, policy, signal)
      const { req, res } = await send(current, addresses, method, headers, body, signal)
      const status = res.statusCode ?? 0
      const location = res.headers.location
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        res.destroy()
        req.destroy()
        if (hop >= policy.maxRedirects) {
          throw new OutboundError(
            'too_many_redirects',
            `${current.host} redirected more than ${policy.maxRedirects} times in a row, so the chain was given up.`,
          )
        }
        const next = parseTarget(location, current)
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET'
          body = undefined
          headers = without(headers, BODY_HEADERS)
        }
        if (next.origin !== current.origin) headers = without(headers, CROSS_ORIGIN_DROPPED)
        current = next
        continue
      }
      const responseHeaders = flatHeaders(res)
      if (status === 304) {
        res.destroy()
        return { status, url: current.href, headers: responseHeaders, body: '', notModified: true }
      }
      const bytes = await readBody(res, policy.maxBytes, current.host)
      return {
        status,
        url: current.href,
        headers: responseHeaders,
        body: decodeText(bytes, responseHeaders['content-type']),
        notModified: false,
      }
    }
  } catch (error) {
    if (error instanceof OutboundError) throw error
    if (timeout.aborted) {
      throw new OutboundError(
        'timeout',
        `No full answer from ${current.host} within ${seconds(policy.timeoutMs)}.`,
        { cause: error },
      )
    }
    if (init.signal?.aborted) throw init.signal.reason
    throw new OutboundError('network', `Could not reach ${current.host}: ${networkReason(error)}.`, {
      cause: error,
    })
  } finally {
    release()
  }
}

/**
 * Checks an address against the policy's rules without sending anything: it must be an http(s) URL
 * without credentials and, unless private targets are allowed, its host must be (or resolve to) public
 * addresses only. Throws an OutboundError saying what is wrong. A check, not a promise: the name may
 * resolve differently later, which is why fetchOutbound checks every hop again.
 */
export async function checkTarget(
  url: string,
  policy: Pick<OutboundPolicy, 'allowPrivate' | 'allowAddress' | 'timeoutMs'>,
): Promise<void> {
  const target = parseTarget(url)
  if (policy.allowPrivate) return
  const timeout = AbortSignal.timeout(policy.timeoutMs)
  try {
    await reachableAddresses(target, { ...DEFAULT_OUTBOUND, ...policy }, timeout)
  } catch (error) {
    if (error instanceof OutboundError) throw error
    const reason = timeout.aborted ? 'the lookup took too long' : networkReason(error)
    throw new OutboundError('network', `${target.hostname} could not be looked up: ${reason}.`, {
      cause: error,
    })
  }
}

// AbortSignal.any on Node 20 keeps every joined signal alive for as long as the caller's signal lives
// (nodejs/node#55351), and a poller hands one shutdown signal to every fetch it makes: joined by hand, with
// the listeners taken off when the exchange ends.
function eitherSignal(timeout: AbortSignal, caller: AbortSignal | undefined) {
  if (!caller) return { signal: timeout, release: () => {} }
  const joined = new AbortController()
  const onTimeout = () => joined.abort(timeout.reason)
  const onCancel = () => joined.abort(caller.reason)
  if (caller.aborted) onCancel()
  timeout.addEventListener('abort', onTimeout, { once: true })
  caller.addEventListener('abort', onCancel, { once: true })
  const release = () => {
    timeout.removeEventListener('abort', onTimeout)
    caller.removeEventListener('abort', onCancel)
  }
  return { signal: joined.signal, release }
}

/**
 * Whether an address is on the public internet: IPv4 'unicast' in ipaddr.js's table (not private, loopback,
 * link-local, shared CGNAT, multicast, reserved or documentation); IPv6 'unicast' inside 2000::/3, the
 * global unicast block (which leaves out IPv4-compatible ::a.b.c.d and the unassigned rest). An IPv4-mapped
 * IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address it carries.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false
  const address = ipaddr.process(ip)
  if (address.range() !== 'unicast') return false
  return address.kind() === 'ipv4' || address.match(GLOBAL_UNICAST_V6)
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3')

/** The target of the first link whose rel lists "next" (RFC 8288), resolved against base; null when none. */
export function nextLink(linkHeader: string | undefined, base: string): string | null {
  if (!linkHeader) return null
  for (const link of parseLinks(linkHeader)) {
    const rel = link.params.get('rel')
    if (!rel?.toLowerCase().split(/\s+/).includes('next')) continue
    try {
      return new URL(link.target, base).href
    } catch {
      return null
    }
  }
  return null
}

interface Link {
  target: string
  params: Map<string, string>
}

// RFC 8288 section 3: `<target>; name=token; name="quoted"`, links separated by commas. Commas and
// semicolons inside <...> or quotes belong to the value. A parameter given twice keeps its first value.
function parseLinks(header: string): Link[] {
  const links: Link[] = []
  let i = 0
  const skipSpace = () => {
    while (i < header.length && /[ \t]/.test(header.charAt(i))) i++
  }
  while (i < header.length) {
    while (i < header.length && /[ \t,]/.test(header.charAt(i))) i++
    if (header.charAt(i) !== '<') {
      // Not a link: skip to the next comma outside quotes.
      i = skipPast(header, i)
      continue
    }
    const close = header.indexOf('>', i)
    if (close < 0) break
    const link: Link = { target: header.slice(i + 1, close).trim(), params: new Map() }
    i = close + 1
    for (;;) {
      skipSpace()
      if (header.charAt(i) !== ';') break
      i++
      skipSpace()
      const nameStart = i
      while (i < header.length && !/[=;, \t]/.test(header.charAt(i))) i++
      const name = header.slice(nameStart, i).toLowerCase()
      skipSpace()
      let value = ''
      if (header.charAt(i) === '=') {
        i++
        skipSpace()
        if (header.charAt(i) === '"') {
          i++
          while (i < header.length && header.charAt(i) !== '"') {
            if (header.charAt(i) === '\\') i++
            value += header.charAt(i)
            i++
          }
          i++
        } else {
          const valueStart = i
          while (i < header.length && !/[;, \t]/.test(header.charAt(i))) i++
          value = header.slice(valueStart, i)
        }
      }
      if (name && !link.params.has(name)) link.params.set(name, value)
    }
    links.push(link)
    i = skipPast(header, i)
  }
  return links
}

function skipPast(header: string, from: number): number {
  let i = from
  let quoted = false
  for (; i < header.length; i++) {
    const c = header.charAt(i)
    if (quoted && c === '\\') i++
    else if (c === '"') quoted = !quoted
    else if (c === ',' && !quoted) return i + 1
  }
  return i
}

function parseTarget(raw: string, base?: URL): URL {
  let url: URL
  const where = base ? `${base.host} redirected to "${raw}", which` : `"${raw}"`
  try {
    url = new URL(raw, base)
  } catch {
    throw new OutboundError('bad_url', `${where} is not a web address.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('bad_url', `${where} is not an http or https address.`)
  }
  if (url.username || url.password) {
    throw new OutboundError(
      'bad_url',
      `${where} carries a user name or password; leave them out of the address.`,
    )
  }
  return url
}

// WHATWG URL has already turned 2130706433, 0x7f.1 and the like into dotted IPv4; IPv6 keeps its brackets.
function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
}

async function reachableAddresses(
  url: URL,
  policy: OutboundPolicy,
  signal: AbortSignal,
): Promise<LookupAddress[]> {
  const host = bareHost(url)
  const family = isIP(host)
  const addresses = family
    ? [{ address: host, family }]
    : await untilAborted(dns.lookup(host, { all: true, verbatim: true }), signal)
  if (addresses.length === 0) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' })
  if (!policy.allowPrivate) {
    for (const { address } of addresses) {
      if (isPublicAddress(address) || policy.allowAddress?.(address)) continue
      const what = family ? `The address ${address}` : `${host} resolves to ${address}, which`
      throw new OutboundError('refused_address', `${what} is ${addressKind(address)}; ${PRIVATE_HINT}.`)
    }
  }
  return addresses
}

function addressKind(ip: string): string {
  if (!ipaddr.isValid(ip)) return 'not an internet address'
  switch (ipaddr.process(ip).range()) {
    case 'private':
    case 'uniqueLocal':
      return 'a private network address'
    case 'loopback':
      return 'a loopback address (this machine itself)'
    case 'linkLocal':
      return 'a link-local address (where cloud servers keep their metadata)'
    case 'carrierGradeNat':
      return "a carrier's shared address (100.64.0.0/10)"
    case 'multicast':
      return 'a multicast address'
    case 'unspecified':
      return 'the unspecified address'
    case 'broadcast':
      return 'the broadcast address'
    case 'reserved':
      return 'a reserved or documentation address'
    default:
      return 'a special-purpose address, not a public one'
  }
}

// dns.lookup cannot be cancelled; the exchange stops waiting for it instead.
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

// Hands the connection exactly the addresses that were checked: no second lookup happens.
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined
    const usable = family ? addresses.filter((a) => a.family === family) : addresses
    const first = usable[0]
    if (!first) {
      callback(
        Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }),
        '',
        0,
      )
    } else if (options.all) {
      callback(null, usable)
    } else {
      callback(null, first.address, first.family)
    }
  }
}

function requestHeaders(given: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': DEFAULT_USER_AGENT }
  for (const [name, value] of Object.entries(given ?? {})) {
    const key = name.toLowerCase()
    if (!OWN_HEADERS.has(key)) headers[key] = value
  }
  headers['accept-encoding'] = 'gzip, deflate, br'
  return headers
}

function without(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)))
}

function send(
  url: URL,
  addresses: LookupAddress[],
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
): Promise<{ req: ClientRequest; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const req = client.request(
      {
        protocol: url.protocol,
        // The name, not the address, so Host and TLS's SNI and certificate check name the site.
        hostname: bareHost(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers:
          body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(addresses),
        // A fresh connection per exchange: a pooled one may have been opened to an address another
        // policy allowed.
        agent: false,
        signal,
      },
      (res) => resolve({ req, res }),
    )
    req.on('error', reject)
    req.end(body)
  })
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

async function readBody(res: IncomingMessage, maxBytes: number, host: string): Promise<Buffer> {
  const tooLarge = () =>
    new OutboundError(
      'too_large',
      `The answer from ${host} is larger than ${size(maxBytes)}, the most Counterclaim reads.`,
    )
  const stages: Transform[] = []
  try {
    const declared = Number(res.headers['content-length'])
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge()
    let stream: Readable = res
    for (const stage of decoders(res.headers['content-encoding'])) {
      stages.push(stage)
      stream.on('error', (error) => stage.destroy(error))
      stream = stream.pipe(stage)
    }
    const chunks: Buffer[] = []
    let total = 0
    for await (const chunk of stream) {
      const buffer = chunk as Buffer
      total += buffer.length
      if (total > maxBytes) throw tooLarge()
      chunks.push(buffer)
    }
    return Buffer.concat(chunks)
  } finally {
    // Closes the socket too when reading stopped early.
    for (const stage of stages) stage.destroy()
    res.destroy()
  }
}

// Content-Encoding lists codings in the order they were applied; they are undone in reverse.
function decoders(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse()
  return codings.map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip()
      case 'deflate':
        return zlib.createInflate()
      case 'br':
        return zlib.createBrotliDecompress()
      default:
        throw Object.assign(new Error(`unknown content encoding ${coding}`), {
          code: 'UNKNOWN_ENCODING',
          coding,
        })
    }
  })
}

function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes)
    } catch {
      // An unknown label: read it as UTF-8 like everything else.
    }
  }
  return new TextDecoder('utf-8').decode(bytes)
}

function networkReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  if (code === 'ENOTFOUND') return 'no such host is known'
  if (code === 'EAI_AGAIN') return 'its name could not be looked up just now'
  if (code === 'ECONNREFUSED') return 'the connection was refused'
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the connection was cut off'
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the network cannot reach it'
  if (code === 'ETIMEDOUT') return 'the connection timed out'
  if (code === 'UNKNOWN_ENCODING' && typeof error === 'object' && error !== null && 'coding' in error) {
    return `it answered in an encoding Counterclaim cannot read (${String(error.coding)})`
  }
  if (code.startsWith('Z_') || code.startsWith('ERR__ERROR')) {
    return 'its compressed answer is damaged'
  }
  if (code.startsWith('HPE_')) return 'its answer is not valid HTTP'
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code)) {
    return `its security certificate could not be trusted (${code})`
  }
  return error instanceof Error ? error.message : String(error)
}

function seconds(ms: number): string {
  const s = ms / 1000
  return s === 1 ? '1 second' : `${s} seconds`
}

function size(bytes: number): string {
  const mib = bytes / (1024 * 1024)
  if (mib >= 1) return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`
  const kib = bytes / 1024
  if (kib >= 1) return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB`
  return `${bytes} bytes`
}
