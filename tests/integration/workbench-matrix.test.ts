import { decodeStanceMatrix, placedStanceCells } from '@counterclaim/domain'
import {
  ClaimantSchema,
  ClaimSchema,
  DisputeSchema,
  EvidenceSchema,
  type StanceValue,
  type Workbench,
  WorkbenchSchema,
} from '@counterclaim/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectError, ifMatch, record } from '../support/api.ts'
import { makeTestApp, type TestApp } from '../support/test-app.ts'

// The workbench's evidence matrix (docs/decisions/0019-compact-workbench.md): a row per live evidence item,
// a letter per live claim, versions for If-Match, and a table of the cells that have notes.

let t: TestApp
let cookie: string
let claimantId: string

beforeAll(async () => {
  t = await makeTestApp()
  cookie = await t.login('checker')
  claimantId = (
    await record(
      await t.request('/api/claimants', {
        method: 'POST',
        json: { name: 'Speaker', kind: 'person' },
        cookie,
      }),
      201,
      ClaimantSchema,
    )
  ).id
})

const post = (path: string, json: unknown) => t.request(path, { method: 'POST', json, cookie })
const patch = (path: string, json: unknown, version: number) =>
  t.request(path, { method: 'PATCH', json, cookie, headers: ifMatch(version) })
const workbench = async (id: string): Promise<Workbench> =>
  record(await t.request(`/api/disputes/${id}`, { cookie }), 200, WorkbenchSchema)

/** A dispute with `claims` claims and `items` evidence items, made in order. */
async function dispute(claims: number, items: number) {
  const d = await record(
    await post('/api/disputes', { title: 'Matrix', question: 'Which?' }),
    201,
    DisputeSchema,
  )
  const claimList = []
  for (let i = 0; i < claims; i++)
    claimList.push(
      await record(
        await post(`/api/disputes/${d.id}/claims`, { claimantId, text: `Claim ${i}`, shortText: `C${i}` }),
        201,
        ClaimSchema,
      ),
    )
  const evidence = []
  for (let i = 0; i < items; i++)
    evidence.push(
      await record(
        await post(`/api/disputes/${d.id}/evidence`, { title: `Item ${i}`, kind: 'document' }),
        201,
        EvidenceSchema,
      ),
    )
  return { id: d.id, claims: claimList, evidence }
}

interface Cell {
  stance: StanceValue | null
  note: string
  version: number
}

/** Sets a cell through PUT /api/stances (If-Match when it exists) and answers what the server keeps. */
async function setCell(
  evidenceId: string,
  claimId: string,
  body: { stance: StanceValue | null; note?: string },
  version = 0,
): Promise<Cell> {
  const res = await t.request('/api/stances', {
    method: 'PUT',
    json: { evidenceId, claimId, ...body },
    cookie,
    headers: version ? ifMatch(version) : {},
  })
  expect(res.status, await res.clone().text()).toBe(version ? 200 : 201)
  const { stance, note, version: next } = (await res.json()) as Cell
  return { stance, note, version: next }
}

describe('the evidence matrix of GET /api/disputes/:id', () => {
  it('round-trips every stance and note: each cell reads back as it was set, unset cells as version 0', async () => {
    const d = await dispute(3, 4)
    const plan: Array<[number, number, StanceValue | null, string]> = [
      [0, 0, 'supports', ''],
      [0, 2, 'contradicts', 'The photos show another building.'],
      [1, 1, 'context', 'Background: «the wire story», "quoted" \\ and a line\nbreak'],
      [2, 0, 'contradicts', ''],
      [2, 1, 'supports', 'Фото підтверджують пошкодження.'],
      [3, 2, 'context', 'الصور تظهر مبنى آخر'],
    ]
    const want = new Map<string, Cell>()
    for (const [row, column, stance, note] of plan) {
      const e = d.evidence[row]?.id ?? ''
      const c = d.claims[column]?.id ?? ''
      want.set(`${row}:${column}`, await setCell(e, c, { stance, note }))
    }
    // A cell changed twice, and one cleared with its note kept: both exist, so they carry their versions.
    const changed = want.get('0:0')
    want.set(
      '0:0',
      await setCell(
        d.evidence[0]?.id ?? '',
        d.claims[0]?.id ?? '',
        { stance: 'contradicts' },
        changed?.version,
      ),
    )
    const cleared = want.get('1:1')
    want.set(
      '1:1',
      await setCell(d.evidence[1]?.id ?? '', d.claims[1]?.id ?? '', { stance: null }, cleared?.version),
    )
    expect(want.get('0:0')).toEqual({ stance: 'contradicts', note: '', version: 2 })
    expect(want.get('1:1')?.stance).toBeNull()

    const wb = await workbench(d.id)
    expect(wb.evidence.map((e) => e.id)).toEqual(d.evidence.map((e) => e.id))
    expect(wb.claims.map((c) => c.id)).toEqual(d.claims.map((c) => c.id))
    expect(wb.matrix.stances).toEqual(['c.c', '...', 'cs.', '..x'])
    expect(wb.matrix.versions).toEqual([
      [2, 0, 1],
      [0, 2, 0],
      [1, 1, 0],
      [0, 0, 1],
    ])
    // Only the cells with a note, in row and column order; a cleared cell keeps its note.
    expect(wb.matrix.notes.map((n) => [n.row, n.column])).toEqual([
      [0, 2],
      [1, 1],
      [2, 1],
      [3, 2],
    ])
    const grid = decodeStanceMatrix(wb.matrix)
    for (const [row, cells] of grid.entries())
      for (const [column, cell] of cells.entries())
        expect(cell, `row ${row}, column ${column}`).toEqual(
          want.get(`${row}:${column}`) ?? { stance: null, note: '', version: 0 },
        )
    expect(placedStanceCells(wb)).toHaveLength(want.size)
  })

  it('gives the version a change needs: If-Match from the matrix is taken, a stale one is 412', async () => {
    const d = await dispute(1, 1)
    const [e, c] = [d.evidence[0]?.id ?? '', d.claims[0]?.id ?? '']
    await setCell(e, c, { stance: 'supports' })
    await setCell(e, c, { stance: 'context' }, 1)
    const version = (await workbench(d.id)).matrix.versions[0]?.[0] ?? 0
    expect(version).toBe(2)
    await expectError(
      await t.request('/api/stances', {
        method: 'PUT',
        json: { evidenceId: e, claimId: c, stance: 'supports' },
        cookie,
        headers: ifMatch(1),
      }),
      'precondition_failed',
    )
    expect(await setCell(e, c, { stance: 'supports' }, version)).toMatchObject({ version: 3 })
  })

  it('is empty for a dispute with nothing in it, and a row of no letters for each item before any claim', async () => {
    const empty = await dispute(0, 0)
    const wb = await workbench(empty.id)
    expect(wb.claims).toEqual([])
    expect(wb.evidence).toEqual([])
    expect(wb.matrix).toEqual({ stances: [], versions: [], notes: [] })
    const noClaims = await dispute(0, 2)
    expect((await workbench(noClaims.id)).matrix).toEqual({
      stances: ['', ''],
      versions: [[], []],
      notes: [],
    })
  })

  it('leaves out an archived claim’s column and an archived item’s row; the other cells keep theirs; restoring brings them back', async () => {
    const d = await dispute(3, 3)
    for (const [row, e] of d.evidence.entries())
      for (const [column, c] of d.claims.entries())
        await setCell(e.id, c.id, {
          stance: (['supports', 'contradicts', 'context'] as const)[(row + column) % 3] ?? null,
          note: column === 2 ? `note ${row}` : '',
        })
    const before = await workbench(d.id)
    expect(before.matrix.stances).toEqual(['scx', 'cxs', 'xsc'])

    const middle = d.claims[1]
    if (!middle) throw new Error('no middle claim')
    const archived = await record(
      await patch(`/api/claims/${middle.id}`, { archived: true }, 1),
      200,
      ClaimSchema,
    )
    const without = await workbench(d.id)
    expect(without.claims.map((c) => c.id)).toEqual([d.claims[0]?.id, d.claims[2]?.id])
    expect(without.matrix.stances).toEqual(['sx', 'cs', 'xc'])
    expect(without.matrix.versions).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ])
    // The notes of the last claim now sit in column 1.
    expect(without.matrix.notes).toEqual([0, 1, 2].map((row) => ({ row, column: 1, note: `note ${row}` })))

    const item = d.evidence[0]
    if (!item) throw new Error('no first item')
    await record(await patch(`/api/evidence/${item.id}`, { archived: true }, 1), 200, EvidenceSchema)
    const fewer = await workbench(d.id)
    expect(fewer.evidence.map((e) => e.id)).toEqual([d.evidence[1]?.id, d.evidence[2]?.id])
    expect(fewer.matrix.stances).toEqual(['cs', 'xc'])
    expect(fewer.matrix.notes.map((n) => n.row)).toEqual([0, 1])

    await record(
      await patch(`/api/claims/${middle.id}`, { archived: false }, archived.version),
      200,
      ClaimSchema,
    )
    await record(await patch(`/api/evidence/${item.id}`, { archived: false }, 2), 200, EvidenceSchema)
    expect((await workbench(d.id)).matrix).toEqual(before.matrix)
  })

  it('lists evidence without what every item shares or the workbench never shows', async () => {
    const d = await dispute(1, 1)
    const [item] = (await workbench(d.id)).evidence
    for (const key of ['disputeId', 'excerptSha256', 'archived', 'createdAt', 'updatedAt'])
      expect(item).not.toHaveProperty(key)
    expect(item).toMatchObject({ id: d.evidence[0]?.id, title: 'Item 0', kind: 'document', version: 1 })
  })
})
