import { request } from 'node:http'
import { connect } from 'node:net'
import { TEST_ACCOUNTS, type TestRole } from './accounts.ts'

// The one way tests make requests: a Send, in-process (support/test-app.ts, app.request) or over a
// socket (httpClient, fetch), both built by requestInit; and, below, raw sockets for what no client sends.

export type SendInit = RequestInit & { json?: unknown; cookie?: string }
/** Sends one request to the app, in-process (app.request) or over a socket (fetch). */
export type Send = (path: string, init?: SendInit) => Promise<Response>

/** A request's init from a SendInit: a JSON body encoded with its content type, the cookie in its header. */
export function requestInit(init: SendInit = {}): RequestInit {
  const { json, cookie, headers, ...rest } = init
  const h = new Headers(headers)
  if (json !== undefined) h.set('content-type', 'application/json')
  if (cookie) h.set('cookie', cookie)
  return { ...rest, headers: h, body: json !== undefined ? JSON.stringify(json) : rest.body }
}

/** A Send over real HTTP to a listening server. */
export function httpClient(base: string): Send {
  return (path, init) => fetch(`${base}${path}`, requestInit(init))
}

/** The session cookie (name=value) of a sign-in answer. */
export function sessionCookie(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/** Signs in as a seeded role through any Send; throws on anything but 200. */
export async function signIn(send: Send, role: TestRole): Promise<string> {
  const res = await send('/api/auth/login', { method: 'POST', json: TEST_ACCOUNTS[role] })
  if (res.status !== 200) throw new Error(`sign-in as ${role} answered ${res.status}: ${await res.text()}`)
  return sessionCookie(res)
}

/** The version an answer's ETag carries. */
export function etagVersion(res: Response): string {
  const etag = res.headers.get('etag')
  if (!etag) throw new Error(`no ETag on ${res.status} ${res.url}`)
  return etag
}

// ---------------------------------------------------------------- raw sockets

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/**
 * Sends a request over a real socket with node:http. With a `body`, it goes at once, with
 * Content-Length or chunked (no length), in 64 KiB pieces as the socket drains; the server may
 * answer before it has read everything, and the answer counts. With `declaredLength` instead, only
 * the headers go, declaring that length: the answer must come without any of the body.
 */
export function sendRaw(
  url: string,
  options: { method: string; headers: Record<string, string> } & (
    | { body: Buffer; chunked: boolean }
    | { declaredLength: number }
  ),
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers }
    if ('declaredLength' in options) headers['content-length'] = options.declaredLength
    else if (options.chunked) headers['transfer-encoding'] = 'chunked'
    else headers['content-length'] = options.body.length
    const req = request(url, { method: options.method, headers, agent: false })
    let answered = false
    req.on('response', (res) => {
      answered = true
      const parts: Buffer[] = []
      res.on('data', (d: Buffer) => parts.push(d))
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(parts).toString('utf8'),
        })
        // Nothing more to send: a body the server did not read goes no further.
        req.destroy()
      })
      res.on('error', reject)
    })
    req.on('error', (err) => {
      // A server that answered early may reset the socket while we still write: the answer stands.
      if (!answered) reject(err)
    })
    if ('declaredLength' in options) {
      req.flushHeaders()
      return
    }
    const { body } = options
    const piece = 64 * 1024
    let offset = 0
    const writeMore = () => {
      while (offset < body.length && !answered) {
        const chunk = body.subarray(offset, offset + piece)
        offset += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', writeMore)
          return
        }
      }
      if (!answered) req.end()
    }
    writeMore()
  })
}

/**
 * Writes raw bytes to a server over a plain socket, for requests no HTTP client would send. With
 * `close: 'at-once'` the socket is destroyed as soon as the bytes are written (a client that leaves
 * before the answer); with `'after-answer'` everything the server sends is read until it closes.
 */
export function rawSocket(url: string, bytes: string, close: 'at-once' | 'after-answer'): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes, () => {
        if (close === 'at-once') {
          socket.destroy()
          resolve('')
        }
      })
    })
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => {
      answer += d
    })
    socket.on('close', () => resolve(answer))
    socket.on('error', (err) => {
      if (close === 'after-answer' && !answer) reject(err)
    })
  })
}

/** Whether a server takes TCP connections at this URL's port (false once its listener is closed). */
export function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.destroy()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}
