import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/** One request a local server received, with a promise that settles when its connection closes. */
export interface Received {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
  closed: Promise<void>
}

/** A plain HTTP server on a loopback address, standing in for another site that the server fetches from. */
export interface LocalServer {
  /** An absolute URL on this server. */
  url: (path?: string) => string
  /** Every request so far, in arrival order. */
  received: Received[]
  close: () => Promise<void>
}

/**
 * Starts a fixture server on `host` (127.0.0.1 unless told; any 127.x.y.z or ::1 works on Linux). The
 * handler sees the request with its body already read.
 */
export async function localServer(
  handler: (req: IncomingMessage, res: ServerResponse, received: Received) => void,
  host = '127.0.0.1',
): Promise<LocalServer> {
  const received: Received[] = []
  const server = createServer(async (req, res) => {
    const closed = once(res, 'close').then(() => undefined)
    let body = ''
    for await (const chunk of req) body += chunk
    const entry: Received = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      closed,
    }
    received.push(entry)
    handler(req, res, entry)
  })
  server.listen(0, host)
  await once(server, 'listening')
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  return {
    url: (path = '/') => `${origin}${path}`,
    received,
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
