import { describeQuantity, quantityFromInput } from '@counterclaim/domain'
import { LIMITS, type Quantity, type QuantityInput, type QuantityQualifier } from '@counterclaim/shared'
import { useEffect, useRef, useState } from 'react'
import { Field } from '../../../components/field.tsx'

const QUALIFIERS: { value: QuantityQualifier; label: string }[] = [
  { value: 'exact', label: 'exactly' },
  { value: 'at_least', label: 'at least' },
  { value: 'at_most', label: 'at most' },
  { value: 'approx', label: 'about (±10%)' },
]
const isQualifier = (v: string): v is QuantityQualifier => QUALIFIERS.some((q) => q.value === v)

/** One quantity as the form holds it: every field as typed. */
export interface QuantityDraft {
  measure: string
  qualifier: QuantityQualifier
  value: string
  valueMax: string
  unit: string
  periodFrom: string
  periodTo: string
  place: string
}

const EMPTY: QuantityDraft = {
  measure: '',
  qualifier: 'exact',
  value: '',
  valueMax: '',
  unit: '',
  periodFrom: '',
  periodTo: '',
  place: '',
}

/** A claim's quantities as the form's rows. */
export function quantityDrafts(quantities: readonly Quantity[]): QuantityDraft[] {
  return quantities.map((q) => ({
    measure: q.measure,
    qualifier: q.qualifier,
    value: String(q.value),
    valueMax: q.valueMax === null ? '' : String(q.valueMax),
    unit: q.unit,
    periodFrom: q.periodFrom ?? '',
    periodTo: q.periodTo ?? '',
    place: q.place ?? '',
  }))
}

/**
 * The rows as the request's list, or what is wrong in words before anything is sent. A row left wholly
 * empty is dropped; the server checks the rest (lengths, dates, ranges) and names the field.
 */
export function quantitiesFromDrafts(rows: readonly QuantityDraft[]): QuantityInput[] | string {
  const out: QuantityInput[] = []
  for (const [i, row] of rows.entries()) {
    const filled = row.measure.trim() || row.value.trim() || row.unit.trim() || row.valueMax.trim()
    if (!filled && !row.periodFrom && !row.periodTo && !row.place.trim()) continue
    const value = Number(row.value)
    if (!row.value.trim() || !Number.isFinite(value) || !row.unit.trim() || !row.measure.trim()) {
      return `Number ${i + 1} needs what is counted, a value and a unit, such as drones launched, 479, drones.`
    }
    const max = row.valueMax.trim() === '' ? null : Number(row.valueMax)
    if (max !== null && !Number.isFinite(max)) return `Number ${i + 1}: the "to" value must be a number.`
    out.push({
      measure: row.measure.trim(),
      qualifier: row.qualifier,
      value,
      valueMax: max,
      unit: row.unit.trim(),
      periodFrom: row.periodFrom || null,
      periodTo: row.periodTo || null,
      place: row.place.trim() || null,
    })
  }
  return out
}

/** The rows in words, for the conflict choices: "at least 300 drones launched on the night of …". */
export function quantityDraftWords(value: unknown): string {
  const rows = quantitiesFromDrafts(value as QuantityDraft[])
  if (typeof rows === 'string') return '(incomplete numbers)'
  if (rows.length === 0) return '(none)'
  return rows.map((q) => describeQuantity(quantityFromInput(q))).join('; ')
}

/** The claim form's list of quantities: add and remove rows, each with what it counts, value, unit, period, place. */
export function QuantityListField({
  rows,
  onChange,
  error,
}: {
  rows: readonly QuantityDraft[]
  onChange: (rows: QuantityDraft[]) => void
  error: Error | null
}) {
  const listRef = useRef<HTMLDivElement>(null)
  // After adding a row, the keyboard goes to its first field; after removing one, to the add button.
  const [focus, setFocus] = useState<number | 'add' | null>(null)
  useEffect(() => {
    if (focus === null) return
    const list = listRef.current
    const target =
      focus === 'add'
        ? list?.querySelector<HTMLElement>('.quantity-add')
        : list?.querySelectorAll<HTMLElement>('.quantity-row')[focus]?.querySelector<HTMLElement>('input')
    target?.focus()
    setFocus(null)
  }, [focus])

  const set = (i: number, change: Partial<QuantityDraft>) =>
    onChange(rows.map((row, at) => (at === i ? { ...row, ...change } : row)))

  return (
    <div className="quantity-list span-2" ref={listRef}>
      <p className="quantity-list-title">
        Numbers <span className="hint">(optional: each with what it counts, the period and the place)</span>
      </p>
      {rows.map((row, i) => {
        const n = i + 1
        const path = (field: keyof QuantityDraft) => `quantities.${i}.${field}`
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no ids; their place in the list is what the request names
          <fieldset key={i} className="quantity-row">
            <legend>Number {n}</legend>
            <Field
              label="What is counted"
              path={path('measure')}
              error={error}
              value={row.measure}
              onChange={(e) => set(i, { measure: e.target.value })}
              placeholder="drones launched"
              maxLength={LIMITS.measure}
            />
            <Field
              as="select"
              label="Qualifier"
              path={path('qualifier')}
              error={error}
              value={row.qualifier}
              onChange={(e) => {
                if (isQualifier(e.target.value)) set(i, { qualifier: e.target.value })
              }}
            >
              {QUALIFIERS.map((q) => (
                <option key={q.value} value={q.value}>
                  {q.label}
                </option>
              ))}
            </Field>
            <Field
              label="Value"
              path={path('value')}
              error={error}
              type="number"
              step="any"
              value={row.value}
              onChange={(e) => set(i, { value: e.target.value })}
            />
            <Field
              label="To value"
              labelNote=" (for a range)"
              path={path('valueMax')}
              error={error}
              type="number"
              step="any"
              value={row.valueMax}
              onChange={(e) => set(i, { valueMax: e.target.value })}
            />
            <Field
              label="Unit"
              path={path('unit')}
              error={error}
              value={row.unit}
              onChange={(e) => set(i, { unit: e.target.value })}
              placeholder="drones"
              maxLength={LIMITS.unit}
            />
            <Field
              label="Period from"
              path={path('periodFrom')}
              error={error}
              type="date"
              value={row.periodFrom}
              onChange={(e) => set(i, { periodFrom: e.target.value })}
            />
            <Field
              label="Period to"
              path={path('periodTo')}
              error={error}
              type="date"
              value={row.periodTo}
              onChange={(e) => set(i, { periodTo: e.target.value })}
              hint="A night is the two dates it spans."
            />
            <Field
              label="Place"
              path={path('place')}
              error={error}
              value={row.place}
              onChange={(e) => set(i, { place: e.target.value })}
              placeholder="Ukraine"
              maxLength={LIMITS.place}
            />
            <button
              type="button"
              className="link-button small quantity-remove"
              onClick={() => {
                onChange(rows.filter((_, at) => at !== i))
                setFocus('add')
              }}
            >
              Remove number {n}
            </button>
          </fieldset>
        )
      })}
      {rows.length < LIMITS.quantities ? (
        <button
          type="button"
          className="link-button quantity-add"
          onClick={() => {
            onChange([...rows, { ...EMPTY }])
            setFocus(rows.length)
          }}
        >
          + Add a number
        </button>
      ) : null}
    </div>
  )
}
