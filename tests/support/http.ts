import { ERROR_STATUS, type ErrorCode } from '../../packages/shared/src/index.ts'
import { TEST_ACCOUNTS, type TestRole } from './accounts.ts'

export type SendInit = RequestInit & { json?: unknown; cookie?: string }
/** Sends one request to the app, in-process (app.request) or over a socket (fetch). */
export type Send = (path: string, init?: SendInit) => Promise<Response>

/** A Send over real HTTP to a listening server. */
export function httpClient(base: string): Send {
  return (path, init = {}) => {
    const { json, cookie, headers, ...rest } = init
    const h = new Headers(headers)
    if (json !== undefined) h.set('content-type', 'application/json')
    if (cookie) h.set('cookie', cookie)
    return fetch(`${base}${path}`, {
      ...rest,
      headers: h,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    })
  }
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

/**
 * What is wrong with an error answer, or null when it is in the one error shape:
 * exactly {"error": {"code", "message", "details"?}}, a JSON content type, and the code's status.
 */
export function errorShapeViolation(status: number, contentType: string | null, text: string): string | null {
  if (!(contentType ?? '').toLowerCase().startsWith('application/json'))
    return `${status} with content type ${contentType}: ${text.slice(0, 200)}`
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `${status} with a body that is not JSON: ${text.slice(0, 200)}`
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `${status}: not an object`
  const keys = Object.keys(body)
  if (keys.length !== 1 || keys[0] !== 'error') return `${status}: top-level keys ${keys.join(',')}`
  const error = (body as { error: unknown }).error
  if (typeof error !== 'object' || error === null) return `${status}: error is not an object`
  const e = error as Record<string, unknown>
  const extra = Object.keys(e).filter((k) => !['code', 'message', 'details'].includes(k))
  if (extra.length) return `${status}: extra keys ${extra.join(',')}`
  if (typeof e.code !== 'string' || typeof e.message !== 'string' || !e.message)
    return `${status}: code or message missing`
  if (!(e.code in ERROR_STATUS)) return `${status}: unknown code ${e.code}`
  if (ERROR_STATUS[e.code as ErrorCode] !== status)
    return `${status}: code ${e.code} belongs to another status`
  return null
}

/** Reads an answer once and checks its error shape when it is a 4xx or 5xx. */
export async function checkAnswer(
  res: Response,
): Promise<{ status: number; text: string; violation: string | null }> {
  const text = await res.text()
  const violation =
    res.status >= 400 ? errorShapeViolation(res.status, res.headers.get('content-type'), text) : null
  return { status: res.status, text, violation }
}

/** The version an answer's ETag carries. */
export function etagVersion(res: Response): string {
  const etag = res.headers.get('etag')
  if (!etag) throw new Error(`no ETag on ${res.status} ${res.url}`)
  return etag
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
