import { randomUUID } from 'node:crypto'
import {
  closeDb,
  type DatabaseLocation,
  type Db,
  openDatabase,
  rawQuery,
} from '../../packages/db/src/index.ts'
import { httpClient, type Send, signIn } from './http.ts'
import { databaseIntegrity, type ServerHandle, spawnServer } from './server.ts'

export interface CrashOptions {
  /** A SQLite file or a PostgreSQL database; the server is killed, the database stays. */
  database: DatabaseLocation
  /** How many times the server is killed with SIGKILL. */
  kills: number
  /** Acknowledged writes per round, at most; the kill comes at a random point before. */
  writesPerRound: number
  writers: number
  env?: Record<string, string>
  /** Called after each round, for progress output. */
  onRound?: (round: number, summary: string) => void
}

export interface CrashResult {
  crashesSurvived: number
  acknowledged: number
  /** Creates cut off by a kill, sent again with the same id and body after the restart. */
  retried: number
  /** Acknowledged writes missing (or older) after a restart. */
  lost: number
  /** Retried creates that were not answered 200/201, or records made twice. */
  duplicates: number
  fiveXx: number
  /** The database's integrity check (server.ts) after every kill and at the end; every entry should be 'ok'. */
  integrity: string[]
}

interface PendingCreate {
  id: string
  body: { id: string; title: string; question: string }
}

/** Opens the database while no server runs, and closes it after `use`. */
async function withDatabase<T>(location: DatabaseLocation, use: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(location)
  try {
    return await use(db)
  } finally {
    await closeDb(db)
  }
}

/**
 * Starts the server, runs concurrent writers, kills it with SIGKILL at a random moment, and
 * checks the database before restarting: every acknowledged create and change is there, and
 * the database is sound. Creates cut off by the kill are retried with their id: never a second record.
 */
export async function runCrashes(options: CrashOptions): Promise<CrashResult> {
  const result: CrashResult = {
    crashesSurvived: 0,
    acknowledged: 0,
    retried: 0,
    lost: 0,
    duplicates: 0,
    fiveXx: 0,
    integrity: [],
  }
  const ackedCreates = new Set<string>()
  // The version and summary of the last acknowledged change of each writer's own record.
  const ackedChanges = new Map<string, { version: number; summary: string }>()
  let pending: PendingCreate[] = []
  const ownRecords: string[] = []

  for (let round = 0; round <= options.kills; round++) {
    const server: ServerHandle = await spawnServer({ database: options.database, env: options.env })
    const send: Send = httpClient(server.url)
    try {
      const cookie = await signIn(send, 'checker')
      for (const p of pending) {
        const res = await send('/api/disputes', { method: 'POST', cookie, json: p.body })
        await res.arrayBuffer()
        result.retried++
        if (res.status === 200 || res.status === 201) ackedCreates.add(p.id)
        else result.duplicates++
      }
      pending = []
      if (round === options.kills) {
        const exit = await server.stop('SIGTERM')
        if (exit.code !== 0) throw new Error(`the last start did not stop cleanly: ${JSON.stringify(exit)}`)
      } else {
        // Each writer's own record, made once, changed without contention.
        while (ownRecords.length < options.writers) {
          const id = randomUUID()
          const res = await send('/api/disputes', {
            method: 'POST',
            cookie,
            json: { id, title: 'Crash writer', question: 'Is every acknowledged change kept?' },
          })
          if (res.status !== 201) throw new Error(`create answered ${res.status}`)
          await res.arrayBuffer()
          ownRecords.push(id)
        }
        const killAfter = Math.max(1, Math.floor(options.writesPerRound * (0.3 + 0.7 * Math.random())))
        let roundAcks = 0
        let killed = false
        const kill = () => {
          if (!killed) {
            killed = true
            server.process.kill('SIGKILL')
          }
        }
        const writer = async (w: number) => {
          const own = ownRecords[w] ?? ''
          let version = -1
          let n = 0
          while (!killed) {
            try {
              if (version < 0) {
                const got = await send(`/api/disputes/${own}`, { cookie })
                version = ((await got.json()) as { version: number }).version
              }
              if (n++ % 3 === 2) {
                const summary = `round ${round} writer ${w} change ${n}`
                const res = await send(`/api/disputes/${own}`, {
                  method: 'PATCH',
                  cookie,
                  headers: { 'if-match': `"${version}"` },
                  json: { summary },
                })
                await res.arrayBuffer()
                if (res.status >= 500) result.fiveXx++
                if (res.status !== 200) throw new Error(`PATCH answered ${res.status}`)
                version++
                ackedChanges.set(own, { version, summary })
              } else {
                const id = randomUUID()
                const body = { id, title: `Crash round ${round}`, question: `Written by ${w}, number ${n}?` }
                pending.push({ id, body })
                const res = await send('/api/disputes', { method: 'POST', cookie, json: body })
                await res.arrayBuffer()
                if (res.status >= 500) result.fiveXx++
                if (res.status !== 201) throw new Error(`POST answered ${res.status}`)
                pending = pending.filter((p) => p.id !== id)
                ackedCreates.add(id)
              }
              result.acknowledged++
              if (++roundAcks >= killAfter) kill()
            } catch (err) {
              // A request the kill cut off: unanswered, so promised nothing.
              if (!killed) throw err
            }
          }
        }
        await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)))
        await server.stop('SIGKILL')
        result.crashesSurvived++
      }
    } catch (err) {
      await server.stop('SIGKILL')
      throw new Error(`${err instanceof Error ? err.message : err}\n${server.output().slice(-2000)}`)
    }
    // Before the restart: the database alone must hold every acknowledged write.
    await withDatabase(options.database, async (db) => {
      const has = async (id: string) =>
        (
          await rawQuery<{ version: number; summary: string }>(
            db,
            'select version, summary from disputes where id = $1',
            [id],
          )
        )[0]
      for (const id of ackedCreates) if (!(await has(id))) result.lost++
      for (const [id, acked] of ackedChanges) {
        const row = await has(id)
        // A later change may have committed without its answer reaching us: newer is fine, older is lost.
        if (
          !row ||
          row.version < acked.version ||
          (row.version === acked.version && row.summary !== acked.summary)
        )
          result.lost++
      }
      result.integrity.push(await databaseIntegrity(db))
    })
    options.onRound?.(
      round + 1,
      `${round < options.kills ? `kill ${round + 1}` : 'last start, stopped with SIGTERM'}: ${result.acknowledged} acknowledged so far, ${pending.length} cut off, lost ${result.lost}`,
    )
  }
  // No create made twice: one "created" history event per acknowledged record.
  await withDatabase(options.database, async (db) => {
    for (const id of ackedCreates) {
      const [row] = await rawQuery<{ n: number }>(
        db,
        `select count(*) as n from history_events where entity = 'dispute' and entity_id = $1 and action = 'created'`,
        [id],
      )
      if (row?.n !== 1) result.duplicates++
    }
    result.integrity.push(await databaseIntegrity(db))
  })
  return result
}
