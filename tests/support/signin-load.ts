import { randomUUID } from 'node:crypto'
import { type Send, signIn } from './http.ts'
import { pace } from './waits.ts'

export interface SignInLoadResult {
  signIns: number
  signInStatuses: number[]
  signInMs: number[]
  healthStatuses: number[]
  healthMs: number[]
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

/** GET /api/health latencies, one request at a time every `everyMs`, for `forMs`: the baseline. */
export async function healthAlone(send: Send, forMs: number, everyMs = 5): Promise<number[]> {
  const ms: number[] = []
  const until = performance.now() + forMs
  while (performance.now() < until) {
    const started = performance.now()
    await (await send('/api/health')).arrayBuffer()
    ms.push(performance.now() - started)
    await pace(everyMs)
  }
  return ms
}

/**
 * Makes an account on the server (hashed at the server's own scrypt cost), then runs `signIns`
 * sign-ins at once while GET /api/health is asked every `healthEveryMs`, one at a time.
 */
export async function runSignInLoad(send: Send, signIns = 10, healthEveryMs = 5): Promise<SignInLoadResult> {
  const admin = await signIn(send, 'admin')
  const email = `load-${randomUUID().slice(0, 8)}@example.org`
  const password = `load-password-${randomUUID()}`
  const made = await send('/api/users', {
    method: 'POST',
    cookie: admin,
    json: { email, name: 'Sign-in load', role: 'checker', password },
  })
  if (made.status !== 201) throw new Error(`create account answered ${made.status}: ${await made.text()}`)
  const result: SignInLoadResult = {
    signIns,
    signInStatuses: [],
    signInMs: [],
    healthStatuses: [],
    healthMs: [],
  }
  let running = true
  const health = (async () => {
    while (running) {
      const started = performance.now()
      const res = await send('/api/health')
      await res.arrayBuffer()
      result.healthMs.push(performance.now() - started)
      result.healthStatuses.push(res.status)
      await pace(healthEveryMs)
    }
  })()
  await Promise.all(
    Array.from({ length: signIns }, async () => {
      const started = performance.now()
      const res = await send('/api/auth/login', { method: 'POST', json: { email, password } })
      await res.arrayBuffer()
      result.signInMs.push(performance.now() - started)
      result.signInStatuses.push(res.status)
    }),
  )
  running = false
  await health
  return result
}
