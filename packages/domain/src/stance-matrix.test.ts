import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeStanceMatrix,
  encodeStanceMatrix,
  type MatrixCell,
  placedStanceCells,
  stanceCellAt,
  withStanceCell,
} from './stance-matrix.ts'

const NONE: MatrixCell = { stance: null, note: '', version: 0 }
const cellArb = fc.record({
  stance: fc.constantFrom('supports', 'contradicts', 'context', null),
  note: fc.oneof(fc.constant(''), fc.string({ maxLength: 20 })),
  version: fc.integer({ min: 1, max: 50 }),
})
/** A grid of rows × columns, each cell set (a MatrixCell) or never set (null). */
const gridArb = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 5 }))
  .chain(([rows, columns]) =>
    fc.array(fc.array(fc.option(cellArb, { nil: null }), { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  )

describe('the evidence matrix codec', () => {
  it('decodes what it encodes: every set cell as set, every other cell as never set', () => {
    fc.assert(
      fc.property(gridArb, (grid) => {
        const columns = grid[0]?.length ?? 0
        const evidenceIds = grid.map((_, row) => `e${row}`)
        const cells = grid.flatMap((cells, row) =>
          cells.flatMap((cell, column) => (cell ? [{ ...cell, evidenceId: `e${row}`, column }] : [])),
        )
        const matrix = encodeStanceMatrix(evidenceIds, columns, cells.reverse())
        expect(decodeStanceMatrix(matrix)).toEqual(grid.map((cells) => cells.map((cell) => cell ?? NONE)))
        for (const [row, cells] of grid.entries())
          for (const [column, cell] of cells.entries())
            expect(stanceCellAt(matrix, row, column)).toEqual(cell ?? NONE)
        expect(matrix.notes.every((n) => n.note !== '')).toBe(true)
      }),
    )
  })

  it('writes a letter per claim: s supports, c contradicts, x context, . none', () => {
    const matrix = encodeStanceMatrix(['a', 'b'], 4, [
      { evidenceId: 'a', column: 0, stance: 'supports', note: '', version: 1 },
      { evidenceId: 'a', column: 1, stance: 'contradicts', note: '', version: 2 },
      { evidenceId: 'a', column: 2, stance: 'context', note: 'why', version: 3 },
      { evidenceId: 'b', column: 3, stance: null, note: '', version: 4 },
      // Not on the matrix: an archived item, a column past the claims.
      { evidenceId: 'gone', column: 0, stance: 'supports', note: '', version: 1 },
      { evidenceId: 'b', column: 4, stance: 'supports', note: '', version: 1 },
    ])
    expect(matrix).toEqual({
      stances: ['scx.', '....'],
      versions: [
        [1, 2, 3, 0],
        [0, 0, 0, 4],
      ],
      notes: [{ row: 0, column: 2, note: 'why' }],
    })
    expect(stanceCellAt(matrix, 2, 0)).toBeNull()
    expect(stanceCellAt(matrix, 0, 4)).toBeNull()
  })

  it('replaces one cell, its note added, changed or dropped, and leaves the matrix given unchanged', () => {
    const matrix = encodeStanceMatrix(['a', 'b'], 2, [
      { evidenceId: 'b', column: 1, stance: 'supports', note: 'old', version: 1 },
    ])
    const noted = withStanceCell(matrix, 0, 0, { stance: 'context', note: 'new', version: 0 })
    expect(noted).toEqual({
      stances: ['x.', '.s'],
      versions: [
        [0, 0],
        [0, 1],
      ],
      notes: [
        { row: 0, column: 0, note: 'new' },
        { row: 1, column: 1, note: 'old' },
      ],
    })
    const dropped = withStanceCell(noted, 1, 1, { stance: null, note: '', version: 2 })
    expect(dropped.notes).toEqual([{ row: 0, column: 0, note: 'new' }])
    expect(stanceCellAt(dropped, 1, 1)).toEqual({ stance: null, note: '', version: 2 })
    expect(matrix.stances).toEqual(['..', '.s'])
    expect(withStanceCell(matrix, 5, 0, NONE)).toBe(matrix)
  })

  it('places the set cells by the workbench’s evidence and claims', () => {
    const matrix = encodeStanceMatrix(['e1', 'e2'], 2, [
      { evidenceId: 'e2', column: 0, stance: 'contradicts', note: 'n', version: 3 },
    ])
    expect(
      placedStanceCells({
        evidence: [{ id: 'e1' }, { id: 'e2' }],
        claims: [{ id: 'c1' }, { id: 'c2' }],
        matrix,
      }),
    ).toEqual([{ evidenceId: 'e2', claimId: 'c1', stance: 'contradicts', note: 'n', version: 3 }])
  })
})
