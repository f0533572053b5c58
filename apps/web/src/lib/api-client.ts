import type { AppType } from '@counterclaim/api'
import type { ErrorBody } from '@counterclaim/shared'
import { type ClientResponse, hc } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import { i18n } from '../i18n/i18n.ts'

/** The one typed client of the API. */
export const api = hc<AppType>('/', { init: { credentials: 'same-origin' } }).api

/** An API failure, carrying the contract's error code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly etag?: string | null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Reads an answer: the record on success, an ApiError with the API's own words otherwise. */
// biome-ignore lint/suspicious/noExplicitAny: matches any response of the typed client
type AnyResponse = ClientResponse<any, number, string>
/** The body type of a response's success statuses. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, string> ? (S extends SuccessStatusCode ? T : never) : never

export async function unwrap<R extends AnyResponse>(response: Promise<R>): Promise<SuccessBody<R>> {
  let res: R
  try {
    res = await response
  } catch {
    throw new ApiError(0, 'network', i18n.t('common:serverUnreachable'))
  }
  // 204 No Content has no body to read.
  if (res.status === 204) return undefined as SuccessBody<R>
  if (res.ok) return (await res.json()) as SuccessBody<R>
  let body: ErrorBody | null = null
  try {
    body = (await res.json()) as unknown as ErrorBody
  } catch {
    // Not the error shape (a proxy page, say): fall through to a generic message.
  }
  throw new ApiError(
    res.status,
    body?.error.code ?? 'internal',
    body?.error.message ?? i18n.t('common:serverAnswered', { status: res.status }),
    body?.error.details,
    res.headers.get('etag'),
  )
}

/** The If-Match header for a record's version. */
export const ifMatch = (version: number) => ({ headers: { 'If-Match': `"${version}"` } })
