// While a claim-log import writes from its worker thread (on a connection of its own, holding SQLite's
// one write lock), a write from the main connection would meet SQLITE_BUSY, and better-sqlite3's busy
// wait would block the event loop. So writes on the main thread pass this gate: they wait while an
// import holds the database, and an import waits for the writes already under way (docs/decisions/0008).

/** Who may write to the database now: the server's own requests, or one import. */
export class WriteGate {
  private inFlight = 0
  private closed = false
  private openWaiters: Array<() => void> = []
  private drainWaiters: Array<() => void> = []

  /** True while no import holds, or waits for, the database. */
  get isOpen(): boolean {
    return !this.closed
  }

  /** Resolves once no import holds the database (at once when none does). */
  idle(): Promise<void> {
    if (!this.closed) return Promise.resolve()
    return new Promise((resolve) => this.openWaiters.push(resolve))
  }

  /**
   * Waits until the gate is open, then counts a write as under way until the returned function is
   * called, so an import that starts meanwhile waits for it to end.
   */
  async enter(): Promise<() => void> {
    while (this.closed) await this.idle()
    this.inFlight++
    let left = false
    return () => {
      if (left) return
      left = true
      this.inFlight--
      if (this.inFlight === 0) this.wake('drain')
    }
  }

  /**
   * Runs a write past the gate: waits until it is open, and counts the write as under way until it
   * settles. The count is taken when run() is called if the gate is open (no await comes first).
   */
  async run<T>(write: () => PromiseLike<T>): Promise<T> {
    const leave = await this.enter()
    try {
      return await write()
    } finally {
      leave()
    }
  }

  /** Closes the gate for an import: new writes wait; resolves once the writes under way have ended. */
  async close(): Promise<void> {
    if (this.closed) throw new Error('the write gate is already closed: one import at a time')
    this.closed = true
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve))
  }

  /** Opens the gate again; the writes that waited go on. Opening an open gate does nothing. */
  open(): void {
    if (!this.closed) return
    this.closed = false
    this.wake('open')
  }

  private wake(which: 'open' | 'drain'): void {
    const waiters = which === 'open' ? this.openWaiters : this.drainWaiters
    if (which === 'open') this.openWaiters = []
    else this.drainWaiters = []
    for (const resolve of waiters) resolve()
  }
}
