// The timer of the background workers (feed-poller.ts, notification-mailer.ts, webhook-deliverer.ts):
// started by server.ts; tests leave it unstarted and call the worker's tick() themselves.
import type { Db } from '@counterclaim/db'
import type { Clock } from './throttle.ts'
import type { WriteGate } from './write-gate.ts'

/** What every background worker is built with. */
export interface WorkerOptions {
  db: Db
  /** The app's write gate: the worker's writes wait while a claim-log import holds the database. */
  gate: WriteGate
  /** The clock due times are read and written by; the wall clock when absent. */
  now?: Clock
  /** Where failures are logged; console.error when absent. */
  log?: (line: string) => void
}

/** An error as a log line tells it: with its stack when it has one. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

export interface TickerOptions<T> {
  /** One tick's work. */
  run: () => Promise<T>
  /** Where a tick started by the timer or by wake() that failed is reported. */
  onError: (error: unknown) => void
  /**
   * What a beat of the timer does when it finds a tick under way: nothing (the default), or, when
   * true, it asks for one more tick right after, as wake() does.
   */
  beatsFollowUp?: boolean
}

/**
 * Runs a tick now and then every `everyMs` once started, never two at once: tick() while one is under
 * way answers that one. stop() clears the timer and waits for the tick under way.
 */
export class Ticker<T> {
  private timer: ReturnType<typeof setInterval> | null = null
  private ticking: Promise<T> | null = null
  private wokenMidTick = false

  constructor(private readonly options: TickerOptions<T>) {}

  /** Ticks now and then every `everyMs`, until stop(); the timer never holds the process open. */
  start(everyMs: number): void {
    if (this.timer) return
    const beat = this.options.beatsFollowUp ? () => this.wake() : () => this.beat()
    this.timer = setInterval(beat, everyMs)
    this.timer.unref()
    beat()
  }

  /** Runs one tick, or answers the tick under way. */
  tick(): Promise<T> {
    if (this.ticking) return this.ticking
    const work = this.options.run().finally(() => {
      this.ticking = null
    })
    this.ticking = work
    return work
  }

  /** When started: ticks now, or once more right after the tick under way. */
  wake(): void {
    if (!this.timer) return
    if (this.ticking) {
      this.wokenMidTick = true
      return
    }
    this.tick()
      .catch(this.options.onError)
      .finally(() => {
        if (!this.wokenMidTick) return
        this.wokenMidTick = false
        this.wake()
      })
  }

  /** Stops the timer and waits for the tick under way (its failure is not this one's). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.ticking?.catch(() => undefined)
  }

  private beat(): void {
    if (this.ticking) return
    this.tick().catch(this.options.onError)
  }
}
