import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../routes/route-kit.ts'

/** Where one-line notes about requests go: console.info unless the app is given another sink. */
export type RequestLog = (line: string) => void

export const consoleRequestLog: RequestLog = (line) => console.info(line)

const PATH_SHOWN = 200

/** One info line: request id, method, path (cut short when long) and what happened. */
export function requestNote(id: string, method: string, path: string, what: string): string {
  const shown = path.length > PATH_SHOWN ? `${path.slice(0, PATH_SHOWN)}… (${path.length} characters)` : path
  return `info [${id}] ${method} ${shown}: ${what}`
}

// A request is noted once, whichever of the abort signal and the error formatter sees it first.
const noted = new WeakSet<Request>()

/** Notes, once per request, something that went wrong on the client's side. */
export function noteRequest(c: Context<AppEnv>, what: string): void {
  if (noted.has(c.req.raw)) return
  noted.add(c.req.raw)
  const log = c.get('deps')?.log ?? consoleRequestLog
  log(requestNote(c.get('requestId') ?? '-', c.req.method, c.req.path, what))
}

/** An answer that ends when its client leaves (an event stream): its close is not worth a note. */
export function endsWhenClientLeaves(c: Context<AppEnv>): void {
  noted.add(c.req.raw)
}

const CUT_SHORT = 'the client closed the connection before its body had fully arrived (body cut short)'
const GONE = 'the client closed the connection before the answer was complete'

/** Whether an error is the request body ending early because the client went away. */
export function isClientAbort(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as NodeJS.ErrnoException).code
  return (code === 'ECONNRESET' && err.message === 'aborted') || code === 'ERR_STREAM_PREMATURE_CLOSE'
}

/** What a client abort was, in words. */
export const clientAbortWords = (err: unknown) =>
  err instanceof Error && err.message === 'aborted' ? CUT_SHORT : GONE

/**
 * Notes a request whose socket closed before its answer was complete: the Node adapter aborts the
 * request's signal then, with the body's own error when the body was cut short.
 */
export const clientAborts = createMiddleware<AppEnv>(async (c, next) => {
  const signal = c.req.raw.signal
  // The listener reaches the context only weakly. The request's own finalizer (undici's) holds its
  // signal, and so this listener, until the request is collected: a listener holding the context, and
  // through it the request, would keep every request of the server's life in memory. While the request
  // is being answered the handlers hold the context, so an abort then still finds it.
  const context = new WeakRef(c)
  signal.addEventListener(
    'abort',
    () => {
      const live = context.deref()
      if (live) noteRequest(live, String(signal.reason).includes('aborted') ? CUT_SHORT : GONE)
    },
    { once: true },
  )
  await next()
})

// What Node answers a request it could not parse; the same, with the id that the log line carries.
const PARSE_ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'the request line and headers are longer than the server reads (an over-long URL or header)',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [
    413,
    'Payload Too Large',
    'chunk extensions are longer than the server reads',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'the client took too long to send its request'],
}

/**
 * Node's `clientError`: a request the HTTP parser refused (a malformed header, an over-long URL, a
 * request cut off mid-headers) is one info line, answered as Node would answer it. A socket whose
 * request the app is handling is left to the app, which notes that request itself.
 */
export function logClientErrors(server: Server, log: RequestLog = consoleRequestLog): void {
  const handling = new WeakSet<Socket>()
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handling.add(req.socket)
    res.once('close', () => handling.delete(req.socket))
  })
  server.on(
    'clientError',
    (err: Error & { code?: string; reason?: string; rawPacket?: Buffer }, socket: Socket) => {
      // A reset is no request of its own: before one arrived there is nothing to say, and during
      // one the app notes it.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || handling.has(socket)) {
        socket.destroy()
        return
      }
      const id = randomUUID()
      const first = /^([A-Z]{1,20}) (\S+)/.exec(err.rawPacket?.toString('latin1', 0, 20_000) ?? '')
      const [status, text, what] = PARSE_ANSWERS[err.code ?? ''] ?? [
        400,
        'Bad Request',
        err.code === 'HPE_INVALID_EOF_STATE'
          ? 'the client closed the connection before its request was complete'
          : `malformed request (${err.reason ?? err.message})`,
      ]
      log(requestNote(id, first?.[1] ?? '-', first?.[2] ?? '-', `${what}; answered ${status}`))
      // As Node does: answer, then drop the socket, so the parser reads nothing more from it.
      if (socket.writable)
        socket.write(`HTTP/1.1 ${status} ${text}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n`)
      socket.destroy()
    },
  )
}
