/**
 * How tests wait. They wait on conditions, never for time to pass: expect.poll inside Vitest,
 * waitUntil outside it (the spawner, the soak). `pace` is a load generator's own rhythm.
 */

/**
 * Polls `check` until it returns true; fails after `timeoutMs`, a deadline that guards a hang.
 * `check` may throw to give up at once (a process that exited).
 */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 60_000, everyMs = 50 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`)
    await pace(everyMs)
  }
}

/**
 * A load generator's pacing: the gap it leaves between two of its own requests (or a sampler
 * between two samples). It waits for nothing to happen.
 */
export function pace(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
