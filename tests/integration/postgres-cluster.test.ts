import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Client } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, createDatabase, dropDatabase, startCluster } from '../support/postgres-cluster.ts'

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url))

let cluster: Cluster
let deadRunDir: string
let a: string
let b: string

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

const notes = (url: string) =>
  withClient(url, async (c) => (await c.query<{ body: string }>('select body from note order by id')).rows)

beforeAll(async () => {
  // What a killed run leaves: a cluster directory whose process is gone.
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid
  deadRunDir = `${ARTIFACTS}postgres-${deadPid}-0-1`
  mkdirSync(`${deadRunDir}/data`, { recursive: true })
  writeFileSync(`${deadRunDir}/data/PG_VERSION`, '15\n')

  cluster = await startCluster()
  const template = await createDatabase(cluster, 'cluster_template')
  await withClient(template, async (c) => {
    await c.query('create table note (id serial primary key, body text not null)')
    await c.query(`insert into note (body) values ('from the template')`)
  })
  a = await createDatabase(cluster, 'clone_a', 'cluster_template')
  b = await createDatabase(cluster, 'clone_b', 'cluster_template')
})

afterAll(async () => {
  if (!cluster) return
  expect(existsSync(`${cluster.dir}/data/postmaster.pid`)).toBe(true)
  await cluster.stop()
  expect(existsSync(cluster.dir)).toBe(false)
  // Stopping twice (a second afterAll, a retry) is harmless.
  await cluster.stop()
})

describe('a throwaway Postgres cluster', () => {
  it('listens on loopback and names databases by URL', () => {
    expect(a).toBe(`postgres://cc@127.0.0.1:${cluster.port}/clone_a`)
    expect(cluster.url('clone_b')).toBe(b)
  })

  it('clears away what a killed run left behind', () => {
    expect(existsSync(deadRunDir)).toBe(false)
  })

  it('clones a database with its rows from the template', async () => {
    expect(await notes(a)).toEqual([{ body: 'from the template' }])
    expect(await notes(b)).toEqual([{ body: 'from the template' }])
  })

  it('keeps clones apart: a write to one is not in the other', async () => {
    await withClient(a, (c) => c.query(`insert into note (body) values ('only in a')`))
    expect(await notes(a)).toEqual([{ body: 'from the template' }, { body: 'only in a' }])
    expect(await notes(b)).toEqual([{ body: 'from the template' }])
  })

  it('drops a database even with a connection open', async () => {
    const url = await createDatabase(cluster, 'to_drop', 'cluster_template')
    const open = new Client({ connectionString: url })
    await open.connect()
    // A forced drop ends the session under the client: swallow the error it then reports.
    open.on('error', () => {})
    await dropDatabase(cluster, 'to_drop')
    await open.end().catch(() => {})
    await dropDatabase(cluster, 'to_drop')
    await expect(notes(url)).rejects.toThrow(/does not exist/)
  })
})
