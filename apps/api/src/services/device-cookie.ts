import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Clock } from './throttle.ts'

export const DEVICE_COOKIE = 'cc_device'
/** How long a browser stays known for an account after its last successful sign-in. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60

/**
 * OWASP's "device cookie": after a successful sign-in the browser gets a token naming the account,
 * signed with a server key. Failures from browsers without one never lock out a browser that has
 * one; each such browser has its own failure budget, keyed by the token's random nonce.
 * The value is `<userId>.<issued, unix seconds>.<nonce>.<HMAC-SHA256 of the three>`.
 */
export class DeviceCookies {
  constructor(
    private readonly key: Buffer,
    private readonly now: Clock,
  ) {}

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest()
  }

  /** A new device token for an account. */
  issue(userId: string): string {
    const payload = `${userId}.${Math.floor(this.now() / 1000)}.${randomBytes(16).toString('base64url')}`
    return `${payload}.${this.sign(payload).toString('base64url')}`
  }

  /** The nonce of a token that this server signed for this account and that has not expired; else null. */
  verify(value: string | undefined, userId: string): string | null {
    if (!value || value.length > 300) return null
    const parts = value.split('.')
    if (parts.length !== 4) return null
    const [id, issued, nonce, mac] = parts as [string, string, string, string]
    if (id !== userId || !/^\d{1,12}$/.test(issued)) return null
    const expected = this.sign(`${id}.${issued}.${nonce}`)
    const given = Buffer.from(mac, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    const ageSeconds = this.now() / 1000 - Number(issued)
    return ageSeconds >= 0 && ageSeconds < DEVICE_COOKIE_MAX_AGE_SECONDS ? nonce : null
  }
}
