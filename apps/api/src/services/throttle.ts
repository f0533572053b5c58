/** A clock in milliseconds since the epoch; tests pass their own so no test waits for time to pass. */
export type Clock = () => number

/** A place held in each key's count: kept as a failure, or released when the attempt succeeds. */
export interface Reservation {
  release: () => void
}

// Past this many keys the map is swept of keys whose window has passed, so a spray of made-up
// emails or addresses cannot grow it without end.
const SWEEP_AT = 10_000

/**
 * Counts sign-in attempts per key (an account, an address, a device cookie) in a sliding window.
 * An attempt takes its place BEFORE its password is checked and gives it back only on success, so
 * attempts running at the same time cannot all pass a count that none of them has raised yet.
 * Kept in the one server process: a restart forgives, which is the same as the window passing.
 */
export class FailureThrottle {
  private readonly attempts = new Map<string, number[]>()
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs)
    if (list.length) this.attempts.set(key, list)
    else this.attempts.delete(key)
    return list
  }

  private sweep(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now)
  }

  /** Seconds until every key may try again, or 0 when all may now. */
  retryAfter(keys: readonly string[]): number {
    const now = this.now()
    let wait = 0
    for (const key of keys) {
      const list = this.recent(key, now)
      if (list.length < this.limit) continue
      const oldest = list[list.length - this.limit] ?? now
      wait = Math.max(wait, Math.ceil((oldest + this.windowMs - now) / 1000), 1)
    }
    return wait
  }

  /**
   * Holds a place under every key at once, or none: the seconds to wait when any key is full.
   * Synchronous, so nothing can run between the count and the hold.
   */
  reserve(keys: readonly string[]): Reservation | { retryAfter: number } {
    const wait = this.retryAfter(keys)
    if (wait > 0) return { retryAfter: wait }
    if (this.attempts.size > SWEEP_AT) this.sweep(this.now())
    const at = this.now()
    for (const key of keys) this.attempts.set(key, [...(this.attempts.get(key) ?? []), at])
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        for (const key of keys) {
          const list = this.attempts.get(key)
          const index = list?.indexOf(at) ?? -1
          if (!list || index < 0) continue
          list.splice(index, 1)
          if (!list.length) this.attempts.delete(key)
        }
      },
    }
  }
}
