import { request } from 'node:http'
import { connect } from 'node:net'

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/**
 * Sends a body over a real socket with node:http: with Content-Length, or chunked (no length),
 * in 64 KiB pieces. The server may answer before it has read everything; the answer counts.
 */
export function sendRaw(
  url: string,
  options: { method: string; headers: Record<string, string>; body: Buffer; chunked: boolean },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers }
    if (options.chunked) headers['transfer-encoding'] = 'chunked'
    else headers['content-length'] = options.body.length
    const req = request(url, { method: options.method, headers, agent: false })
    let answered = false
    req.on('response', (res) => {
      answered = true
      const parts: Buffer[] = []
      res.on('data', (d: Buffer) => parts.push(d))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(parts).toString('utf8'),
        }),
      )
      res.on('error', reject)
    })
    req.on('error', (err) => {
      // A server that answered early may reset the socket while we still write: the answer stands.
      if (!answered) reject(err)
    })
    const piece = 64 * 1024
    let offset = 0
    const writeMore = () => {
      while (offset < options.body.length) {
        const chunk = options.body.subarray(offset, offset + piece)
        offset += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', writeMore)
          return
        }
      }
      req.end()
    }
    // Send the headers alone first: a server that refuses on Content-Length answers before any
    // body arrives, and writing into a socket it has closed would lose that answer.
    req.flushHeaders()
    setTimeout(() => {
      if (answered) req.destroy()
      else writeMore()
    }, 200)
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
