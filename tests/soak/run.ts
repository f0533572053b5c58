// npm run soak: the hardening promises at full count. Prints each figure and exits non-zero when
// one is broken. `npm run soak -- --quick` runs every part at a tenth of its size, to try it out.
// `npm run soak -- --only live` runs the live-events part alone: 200 open event streams on several
// disputes while 20 writers work in them (about 30 s; with --quick, 20 streams, 2 writers, 3 s).
// `--engine sqlite|postgres|both` says which database the live-events part runs on (SQLite unless told;
// every other part always runs on SQLite): on PostgreSQL, a throwaway cluster of the run's own seeded as
// the tests' database, served by two server processes at once with each dispute's streams and writers
// split between them, so about half of every event's deliveries cross processes through LISTEN/NOTIFY.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import {
  closeDb,
  type DatabaseLocation,
  type Engine,
  openDatabase,
  rawQuery,
} from '../../packages/db/src/index.ts'
import type { DisputeEvent } from '../../packages/shared/src/index.ts'
import { largeClaimLogCsv } from '../fixtures/large-claim-log.ts'
import { runCrashes } from '../support/crash.ts'
import {
  DISPUTE_HISTORY_SQL,
  newWorkDispute,
  type WorkDispute,
  workInDispute,
} from '../support/dispute-work.ts'
import { fuzzRoute } from '../support/fuzz.ts'
import { httpClient, type Send, signIn } from '../support/http.ts'
import { runLostUpdates } from '../support/lost-updates.ts'
import { startCluster } from '../support/postgres-cluster.ts'
import { documentedRoutes, makeFixtures, ROUTES } from '../support/route-table.ts'
import { type ServerHandle, spawnServer } from '../support/server.ts'
import { healthAlone, percentile, runSignInLoad } from '../support/signin-load.ts'
import { type EventStream, openEventStream } from '../support/sse.ts'
import { buildPostgresTemplates, buildTemplate, removeDbFile } from '../support/template-db.ts'
import { makeTestApp } from '../support/test-app.ts'
import { pace, waitUntil } from '../support/waits.ts'

const quick = process.argv.includes('--quick')
// `--only signins` (or lost-updates, fuzz, crashes, import, live) runs one part.
const only = process.argv[process.argv.indexOf('--only') + 1]
const runs = (part: string) => !process.argv.includes('--only') || only === part
// `--engine sqlite|postgres|both` (SQLite unless told) is what the live-events part runs on.
const LIVE_ENGINES = { sqlite: ['sqlite'], postgres: ['postgres'], both: ['sqlite', 'postgres'] } as const
const engineArg = process.argv.includes('--engine')
  ? process.argv[process.argv.indexOf('--engine') + 1]
  : 'sqlite'
const liveEngines: readonly Engine[] = LIVE_ENGINES[engineArg as keyof typeof LIVE_ENGINES] ?? []
if (liveEngines.length === 0) throw new Error(`--engine is sqlite, postgres or both, not ${engineArg}`)
const scale = (n: number) => (quick ? Math.max(1, Math.round(n / 10)) : n)
const FULL = {
  writers: 20,
  seconds: scale(60),
  fuzzRuns: scale(10_000),
  kills: quick ? 2 : 10,
  writesPerRound: scale(1_000),
  signIns: 10,
  streams: quick ? 20 : 200,
  streamDisputes: quick ? 2 : 8,
  liveWriters: quick ? 2 : 20,
  liveSeconds: quick ? 3 : 20,
}

const dirs: string[] = []
function freshCopy(template: string): DatabaseLocation {
  const dir = mkdtempSync(join(tmpdir(), 'counterclaim-soak-'))
  dirs.push(dir)
  const path = join(dir, 'soak.db')
  copyFileSync(template, path)
  return { databasePath: path }
}

/** The real app in this process, on its own copy of the template: fuzzing needs no sockets. */
async function inProcess(database: DatabaseLocation): Promise<Send> {
  return (await makeTestApp({ database })).request
}

const figures: Array<[string, string | number]> = []
const broken: string[] = []
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`)
function promise(ok: boolean, what: string) {
  if (!ok) broken.push(what)
}

async function lostUpdates(template: string) {
  log(`lost updates: ${FULL.writers} writers × ${FULL.seconds} s …`)
  const server = await spawnServer({ database: freshCopy(template) })
  try {
    const r = await runLostUpdates(httpClient(server.url), {
      writers: FULL.writers,
      seconds: FULL.seconds,
      slots: 4,
      retireAt: 2_000,
    })
    log(`  ${JSON.stringify(r)}`)
    promise(r.lost === 0 && r.phantom === 0, 'lost updates: a token was lost or invented')
    promise(r.finalTokens === r.acknowledged, 'lost updates: final tokens ≠ 2xx answers')
    promise(r.historyEvents === r.acknowledged, 'lost updates: history events ≠ 2xx answers')
    promise(r.fiveXx === 0 && r.unexpected.length === 0, 'lost updates: an answer was neither 2xx nor 412')
    return r
  } finally {
    const exit = await server.stop()
    promise(exit.code === 0, `lost updates: server exit ${JSON.stringify(exit)}`)
  }
}

async function fuzz(template: string) {
  const send = await inProcess(freshCopy(template))
  const f = await makeFixtures(send)
  const keys = (await documentedRoutes(send)).filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k))
  const cookies = new Map<string, string>()
  for (const key of keys) cookies.set(key, await signIn(send, 'admin'))
  let requests = 0
  let fiveXx = 0
  let shape = 0
  for (const key of keys) {
    const entry = ROUTES[key]
    if (!entry) {
      promise(false, `fuzz: ${key} has no entry in tests/support/route-table.ts`)
      continue
    }
    const started = Date.now()
    const r = await fuzzRoute(
      send,
      entry.access === 'public' ? undefined : cookies.get(key),
      await entry.build(f),
      FULL.fuzzRuns,
    )
    requests += r.requests
    fiveXx += r.fiveXx
    shape += r.shapeViolations
    log(
      `  fuzz ${key}: ${r.requests} requests, ${r.fiveXx} 5xx, ${r.shapeViolations} out of shape (${Date.now() - started} ms)`,
    )
    for (const failure of r.failures) log(`    ${failure}`)
  }
  promise(fiveXx === 0, 'fuzz: 5xx answers')
  promise(shape === 0, 'fuzz: error answers out of shape')
  return { routes: keys.length, requests, fiveXx, shape }
}

async function crashes(template: string) {
  log(`crashes: ${FULL.kills} × SIGKILL, up to ${FULL.writesPerRound} writes a round …`)
  const r = await runCrashes({
    database: freshCopy(template),
    kills: FULL.kills,
    writesPerRound: FULL.writesPerRound,
    writers: 8,
    onRound: (_, line) => log(`  ${line}`),
  })
  log(`  ${JSON.stringify(r)}`)
  promise(r.crashesSurvived === FULL.kills, 'crashes: not every kill was survived')
  promise(r.lost === 0, 'crashes: an acknowledged write was lost')
  promise(r.duplicates === 0, 'crashes: a retried create made a second record or was refused')
  promise(r.fiveXx === 0, 'crashes: 5xx answers')
  promise(
    r.integrity.every((i) => i === 'ok'),
    `crashes: integrity_check ${r.integrity.join(', ')}`,
  )
  return r
}

async function signIns(template: string) {
  log(`sign-ins: ${FULL.signIns} at once at scrypt N=2^17 while health is asked …`)
  const server = await spawnServer({
    database: freshCopy(template),
    env: { COUNTERCLAIM_SCRYPT_LOG_N: '17' },
  })
  try {
    // Once to warm the server up, then the measured run.
    await runSignInLoad(httpClient(server.url), 2)
    const baseline = percentile(await healthAlone(httpClient(server.url), 3_000), 99)
    const r = await runSignInLoad(httpClient(server.url), FULL.signIns)
    const p99 = percentile(r.healthMs, 99)
    const p95 = percentile(r.signInMs, 95)
    promise(
      r.signInStatuses.every((s) => s === 200),
      'sign-ins: not every sign-in succeeded',
    )
    promise(
      r.healthStatuses.every((s) => s === 200),
      'sign-ins: health failed during sign-ins',
    )
    promise(p99 < 50, `sign-ins: health p99 ${p99.toFixed(1)} ms is not under 50 ms`)
    return {
      healthRequests: r.healthMs.length,
      healthP99: p99,
      healthMax: Math.max(...r.healthMs),
      baselineP99: baseline,
      signInP95: p95,
    }
  } finally {
    await server.stop()
  }
}

/** A process's resident memory from /proc, in MiB: now (VmRSS) and its peak since it started (VmHWM). */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
}

/**
 * POSTs one claim-log CSV of `mib` MiB to a fresh server while GET /api/health is asked one at a time
 * every 5 ms, and reads the server's peak RSS afterwards (VmHWM: its highest since it started).
 */
async function importOnce(template: string, mib: number) {
  const dir = mkdtempSync(join(tmpdir(), 'counterclaim-soak-'))
  dirs.push(dir)
  const file = join(dir, 'claim-log.csv')
  const made = largeClaimLogCsv(file, Math.floor(mib * 1024 * 1024))
  const body = readFileSync(file)
  const server = await spawnServer({ database: freshCopy(template) })
  try {
    const send = httpClient(server.url)
    const cookie = await signIn(send, 'editor')
    const atRest = memoryMiB(server.process.pid ?? 0)
    const health: number[] = []
    let failures = 0
    let importing = true
    const poller = (async () => {
      while (importing) {
        const started = performance.now()
        // A request that fails (the server closed a kept-alive socket after a stall) counts as failed.
        const status = await send('/api/health').then(
          async (res) => {
            await res.arrayBuffer()
            return res.status
          },
          () => 0,
        )
        health.push(performance.now() - started)
        if (status !== 200) failures++
        await pace(5)
      }
    })()
    const started = performance.now()
    const res = await send('/api/claim-log/import', {
      method: 'POST',
      cookie,
      headers: { 'content-type': 'text/csv' },
      body,
    })
    const answer = await res.text()
    const seconds = (performance.now() - started) / 1000
    importing = false
    await poller
    const memory = memoryMiB(server.process.pid ?? 0)
    promise(
      res.status === 200,
      `import under load: the ${mib.toFixed(0)} MiB import answered ${res.status}: ${answer.slice(0, 300)}`,
    )
    promise(
      failures === 0,
      `import under load: ${failures} health requests failed during the ${mib.toFixed(0)} MiB import`,
    )
    return { ...made, seconds, answer, health, failures, atRest: atRest.rss, peak: memory.peak }
  } catch (error) {
    log(
      `  the server (exit ${server.process.exitCode}, signal ${server.process.signalCode}) said:\n${server.output().slice(-3000)}`,
    )
    throw error
  } finally {
    await server.stop()
  }
}

async function importUnderLoad(template: string) {
  const sizes = quick ? [4.5, 5] : [45, 50]
  log(
    `import under load: a ${sizes[0]} MiB claim-log CSV while health is asked, then ${sizes[1]} MiB for peak RSS …`,
  )
  const [healthMiB, peakMiB] = sizes as [number, number]
  const under = await importOnce(template, healthMiB)
  const largest = await importOnce(template, peakMiB - 1 / 1024)
  const p99 = percentile(under.health, 99)
  const rssLimit = 400
  const result = {
    file: `${(under.bytes / 2 ** 20).toFixed(1)} MiB, ${under.rows} rows, imported in ${under.seconds.toFixed(1)} s`,
    healthRequests: under.health.length,
    healthP99: p99,
    healthMax: Math.max(...under.health),
    healthFailed: under.failures + largest.failures,
    peakRss: under.peak,
    restRss: under.atRest,
    largest: `${(largest.bytes / 2 ** 20).toFixed(1)} MiB, ${largest.rows} rows, imported in ${largest.seconds.toFixed(1)} s`,
    largestPeakRss: largest.peak,
  }
  log(`  ${JSON.stringify(result)}`)
  promise(p99 < 100, `import under load: health p99 ${p99.toFixed(1)} ms is not under 100 ms`)
  promise(
    largest.peak < rssLimit,
    `import under load: peak RSS ${largest.peak.toFixed(0)} MiB for a ${peakMiB} MiB file is not under ${rssLimit} MiB`,
  )
  return result
}

/** A database the live-events part runs on, the server processes that share it, and a reader beside them. */
interface LiveDatabase {
  engine: Engine
  location: DatabaseLocation
  /** How many server processes serve it: one on SQLite (one process serves the file), two on PostgreSQL. */
  processes: number
  /** A statement with $n parameters, read outside the servers. */
  query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>
  close(): Promise<void>
}

async function liveDatabase(engine: Engine, template: string): Promise<LiveDatabase> {
  if (engine === 'sqlite') {
    const location = freshCopy(template)
    const db = openDatabase(location)
    return {
      engine,
      location,
      processes: 1,
      query: (sql, params) => rawQuery(db, sql, params),
      close: () => closeDb(db),
    }
  }
  // A throwaway cluster seeded as the tests' (in a child process). The reader is a plain pg client: this
  // process may already run on SQLite, and one process opens one engine through packages/db.
  const cluster = await startCluster()
  try {
    const { demo } = await buildPostgresTemplates(cluster)
    const client = new pg.Client({ connectionString: demo })
    await client.connect()
    return {
      engine,
      location: { databaseUrl: demo, databasePath: '' },
      processes: 2,
      query: async (sql, params) => (await client.query(sql, params)).rows,
      close: async () => {
        await client.end().catch(() => {})
        await cluster.stop()
      },
    }
  } catch (error) {
    await cluster.stop()
    throw error
  }
}

/**
 * FULL.streams event streams open on FULL.streamDisputes disputes of a real server while FULL.liveWriters
 * writers work in those disputes; then every stream must have received every event of its dispute, in
 * seq order, once. The delay is from the write's timestamp (taken as its transaction starts, so before
 * its commit) to the receipt. On PostgreSQL two server processes share the database: each dispute's
 * streams and writers are split between them, so about half of each event's deliveries cross processes
 * (LISTEN/NOTIFY).
 */
async function liveEvents(engine: Engine, template: string) {
  const label = `live events (${engine})`
  const live = await liveDatabase(engine, template)
  log(
    `${label}: ${FULL.streams} streams on ${FULL.streamDisputes} disputes, ${FULL.liveWriters} writers × ${FULL.liveSeconds} s, ${live.processes} server process${live.processes > 1 ? 'es' : ''} …`,
  )
  const servers: ServerHandle[] = []
  const streams: Array<{ dispute: WorkDispute; stream: EventStream; after: number }> = []
  try {
    for (let i = 0; i < live.processes; i++) servers.push(await spawnServer({ database: live.location }))
    const sends = servers.map((s) => httpClient(s.url))
    // The i-th stream or writer (on dispute i mod the disputes): each dispute's alternate between the
    // servers, and so do the writers as a whole, however few there are.
    const serverFor = (i: number) => (i + Math.floor(i / FULL.streamDisputes)) % servers.length
    const send = sends[0] as Send
    const cookies = [await signIn(send, 'editor'), await signIn(send, 'checker')]
    const editor = cookies[0] ?? ''
    const disputes: WorkDispute[] = []
    for (let i = 0; i < FULL.streamDisputes; i++) disputes.push(await newWorkDispute(send, editor))
    const lastSeq = async (id: string) =>
      Number(
        (await live.query('SELECT max(seq) AS seq FROM history_events WHERE dispute_id = $1', [id]))[0]
          ?.seq ?? 0,
      )
    const starts = new Map<string, number>()
    for (const d of disputes) starts.set(d.id, await lastSeq(d.id))
    for (let i = 0; i < FULL.streams; i++) {
      const dispute = disputes[i % disputes.length] as WorkDispute
      const server = servers[serverFor(i)] as ServerHandle
      const stream = await openEventStream(`${server.url}/api/disputes/${dispute.id}/events`, {
        cookie: cookies[i % 2] ?? '',
      })
      promise(stream.status === 200, `${label}: a stream answered ${stream.status}`)
      streams.push({ dispute, stream, after: starts.get(dispute.id) ?? 0 })
    }
    // One at a time: sign-ins in flight count against the sign-in throttle (10 a window) until they succeed.
    const writerCookies: string[] = []
    for (let w = 0; w < FULL.liveWriters; w++)
      writerCookies.push(await signIn(sends[serverFor(w)] as Send, w % 2 ? 'checker' : 'editor'))
    const deadline = Date.now() + FULL.liveSeconds * 1000
    let writes = 0
    let failed = 0
    await Promise.all(
      Array.from({ length: FULL.liveWriters }, async (_, w) => {
        const through = sends[serverFor(w)] as Send
        const cookie = writerCookies[w] ?? ''
        const dispute = disputes[w % disputes.length] as WorkDispute
        while (Date.now() < deadline) {
          await workInDispute(through, cookie, dispute, 1).then(
            () => {
              writes += 4
            },
            () => {
              failed++
            },
          )
        }
      }),
    )
    const want = new Map<string, number[]>()
    for (const d of disputes) {
      const rows = await live.query(DISPUTE_HISTORY_SQL, [d.id, starts.get(d.id) ?? 0])
      want.set(
        d.id,
        rows.map((r) => Number(r.seq)),
      )
    }
    const complete = (s: (typeof streams)[number]) =>
      s.stream.changes().length >= (want.get(s.dispute.id)?.length ?? 0)
    await waitUntil('every stream to receive every event', () => streams.every(complete), {
      timeoutMs: 60_000,
    }).catch((error) => log(`  ${error instanceof Error ? error.message : error}`))
    const events = [...want.values()].reduce((n, seqs) => n + seqs.length, 0)
    let wrong = 0
    const delays: number[] = []
    for (const s of streams) {
      const got = s.stream.changes()
      const same =
        JSON.stringify(got.map((e: DisputeEvent) => e.seq)) === JSON.stringify(want.get(s.dispute.id))
      if (!same) wrong++
      const byData = new Map(got.map((e) => [e.seq, e]))
      for (const m of s.stream.messages) {
        if (m.event !== 'message') continue
        const event = byData.get(Number(m.lastEventId))
        if (event) delays.push(m.receivedAt - Date.parse(event.at))
      }
    }
    const result = {
      engine,
      processes: servers.length,
      streams: streams.length,
      disputes: disputes.length,
      writers: FULL.liveWriters,
      events,
      writes,
      failedWrites: failed,
      deliveries: delays.length,
      streamsIncomplete: wrong,
      p50: percentile(delays, 50),
      p99: percentile(delays, 99),
      // Spread over this many deliveries would overflow the stack.
      max: delays.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
    }
    log(`  ${JSON.stringify(result)}`)
    promise(
      wrong === 0,
      `${label}: ${wrong} of ${streams.length} streams missed, repeated or reordered events`,
    )
    promise(failed === 0, `${label}: ${failed} writes failed`)
    promise(events > 0, `${label}: nothing was written`)
    return result
  } finally {
    for (const s of streams) s.stream.close()
    for (const server of servers) {
      const exit = await server.stop()
      promise(exit.code === 0, `${label}: server exit ${JSON.stringify(exit)}`)
    }
    await live.close()
  }
}

async function main() {
  const started = Date.now()
  const template = await buildTemplate('soak-template', 'demo')
  try {
    const lu = runs('lost-updates') ? await lostUpdates(template) : null
    if (runs('fuzz')) log(`fuzzing every write route, ${FULL.fuzzRuns} runs a route …`)
    const fz = runs('fuzz') ? await fuzz(template) : null
    const cr = runs('crashes') ? await crashes(template) : null
    const si = runs('signins') ? await signIns(template) : null
    const im = runs('import') ? await importUnderLoad(template) : null
    for (const engine of runs('live') ? liveEngines : []) {
      const le = await liveEvents(engine, template)
      figures.push([
        `live events (${engine}): p99 delivery delay`,
        `${le.p99.toFixed(0)} ms (p50 ${le.p50.toFixed(0)}, max ${le.max.toFixed(0)}; ${le.events} events × their streams = ${le.deliveries} deliveries to ${le.streams} streams on ${le.processes} server process${le.processes > 1 ? 'es' : ''}, ${le.streamsIncomplete} incomplete)`,
      ])
    }
    if (im)
      figures.push(
        [
          'health p99 during a 45 MiB import',
          `${im.healthP99.toFixed(1)} ms (max ${im.healthMax.toFixed(0)} ms, ${im.healthRequests} requests, ${im.healthFailed} failed; file ${im.file})`,
        ],
        [
          'server peak RSS, 45 MiB / 50 MiB import',
          `${im.peakRss.toFixed(0)} MiB / ${im.largestPeakRss.toFixed(0)} MiB (${im.restRss.toFixed(0)} MiB at rest; ${im.largest})`,
        ],
      )
    if (lu && fz && cr && si)
      figures.push(
        ['writes (acknowledged)', lu.acknowledged + cr.acknowledged],
        [
          '  lost-update writes: 2xx / 412 / attempts',
          `${lu.acknowledged} / ${lu.preconditionFailed} / ${lu.attempts} (${lu.writers} writers × ${lu.seconds} s, ${lu.records} records)`,
        ],
        ['  crash-run writes acknowledged', cr.acknowledged],
        ['lost', lu.lost + cr.lost],
        ['  lost updates: final tokens / history events', `${lu.finalTokens} / ${lu.historyEvents}`],
        ['  creates retried after a kill / duplicates', `${cr.retried} / ${cr.duplicates}`],
        ['5xx', lu.fiveXx + fz.fiveXx + cr.fiveXx],
        ['fuzz requests', `${fz.requests} over ${fz.routes} write routes`],
        ['error-shape violations', fz.shape],
        [
          'crashes survived',
          `${cr.crashesSurvived} of ${FULL.kills} (integrity_check: ${[...new Set(cr.integrity)].join(', ')})`,
        ],
        [
          'health p99 during 10 sign-ins (N=2^17)',
          `${si.healthP99.toFixed(1)} ms (max ${si.healthMax.toFixed(1)} ms, ${si.healthRequests} requests; ${si.baselineP99.toFixed(1)} ms with no sign-ins)`,
        ],
        ['sign-in p95 (10 at once, N=2^17)', `${si.signInP95.toFixed(0)} ms`],
      )
    else for (const part of [lu, fz, cr, si]) if (part) console.log(JSON.stringify(part))
  } finally {
    removeDbFile(template)
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
  console.log(`\nSoak${quick ? ' (quick)' : ''} finished in ${Math.round((Date.now() - started) / 1000)} s`)
  for (const [name, value] of figures) console.log(`${name.padEnd(44)} ${value}`)
  if (broken.length) {
    console.log('\nBROKEN PROMISES:')
    for (const b of broken) console.log(`  ${b}`)
    process.exit(1)
  }
  console.log('\nEvery promise held.')
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
