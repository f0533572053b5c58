import { NO_STANCE_CODE, STANCE_CODES, type StanceMatrix, type StanceValue } from '@counterclaim/shared'

/** One cell of the evidence matrix as a reader wants it. Version 0: no one has set the cell yet. */
export interface MatrixCell {
  stance: StanceValue | null
  note: string
  version: number
}

/** A cell with the evidence item and claim it belongs to. */
export interface PlacedMatrixCell extends MatrixCell {
  evidenceId: string
  claimId: string
}

const STANCE_OF_CODE = new Map<string, StanceValue>(
  Object.entries(STANCE_CODES).map(([stance, code]) => [code, stance as StanceValue]),
)

const codeOf = (stance: StanceValue | null) => (stance ? STANCE_CODES[stance] : NO_STANCE_CODE)

/**
 * The workbench's matrix (decision 0019) from its set cells, in any order: rows follow `evidenceIds`, each
 * cell names its column (its claim's position); a cell of an item not in `evidenceIds` is left out.
 */
export function encodeStanceMatrix(
  evidenceIds: readonly string[],
  columns: number,
  cells: Iterable<MatrixCell & { evidenceId: string; column: number }>,
): StanceMatrix {
  const rowOf = new Map(evidenceIds.map((id, i) => [id, i]))
  const codes = evidenceIds.map(() => new Array<string>(columns).fill(NO_STANCE_CODE))
  const versions = evidenceIds.map(() => new Array<number>(columns).fill(0))
  const notes: StanceMatrix['notes'] = []
  for (const cell of cells) {
    const row = rowOf.get(cell.evidenceId)
    const { column } = cell
    if (row === undefined || column < 0 || column >= columns) continue
    ;(codes[row] as string[])[column] = codeOf(cell.stance)
    ;(versions[row] as number[])[column] = cell.version
    if (cell.note) notes.push({ row, column, note: cell.note })
  }
  notes.sort((a, b) => a.row - b.row || a.column - b.column)
  return { stances: codes.map((r) => r.join('')), versions, notes }
}

/** The matrix as rows × columns of cells, for reading many cells (one pass over the notes). */
export function decodeStanceMatrix(matrix: StanceMatrix): MatrixCell[][] {
  const grid = matrix.stances.map((codes, row) =>
    [...codes].map(
      (code, column): MatrixCell => ({
        stance: STANCE_OF_CODE.get(code) ?? null,
        note: '',
        version: matrix.versions[row]?.[column] ?? 0,
      }),
    ),
  )
  for (const { row, column, note } of matrix.notes) {
    const cell = grid[row]?.[column]
    if (cell) cell.note = note
  }
  return grid
}

/**
 * Every cell someone has set, with its evidence and claim ids: what diagnosticity, origin counts and
 * tests read. `evidence` and `claims` are the workbench's lists, in the matrix's order.
 */
export function placedStanceCells(workbench: {
  evidence: readonly { id: string }[]
  claims: readonly { id: string }[]
  matrix: StanceMatrix
}): PlacedMatrixCell[] {
  return decodeStanceMatrix(workbench.matrix).flatMap((cells, row) =>
    cells.flatMap((cell, column) => {
      const evidenceId = workbench.evidence[row]?.id
      const claimId = workbench.claims[column]?.id
      return cell.version > 0 && evidenceId && claimId ? [{ ...cell, evidenceId, claimId }] : []
    }),
  )
}

/** One cell of the matrix; null outside it. */
export function stanceCellAt(matrix: StanceMatrix, row: number, column: number): MatrixCell | null {
  const code = matrix.stances[row]?.[column]
  if (code === undefined) return null
  return {
    stance: STANCE_OF_CODE.get(code) ?? null,
    note: matrix.notes.find((n) => n.row === row && n.column === column)?.note ?? '',
    version: matrix.versions[row]?.[column] ?? 0,
  }
}

/** The matrix with one cell replaced (a page showing a change before the server confirms it). */
export function withStanceCell(
  matrix: StanceMatrix,
  row: number,
  column: number,
  cell: MatrixCell,
): StanceMatrix {
  const codes = matrix.stances[row]
  const versions = matrix.versions[row]
  if (codes === undefined || versions === undefined || column < 0 || column >= codes.length) return matrix
  const notes = matrix.notes.filter((n) => n.row !== row || n.column !== column)
  if (cell.note) {
    notes.push({ row, column, note: cell.note })
    notes.sort((a, b) => a.row - b.row || a.column - b.column)
  }
  return {
    stances: matrix.stances.map((s, r) =>
      r === row ? s.slice(0, column) + codeOf(cell.stance) + s.slice(column + 1) : s,
    ),
    versions: matrix.versions.map((v, r) =>
      r === row ? v.map((n, c) => (c === column ? cell.version : n)) : v,
    ),
    notes,
  }
}
