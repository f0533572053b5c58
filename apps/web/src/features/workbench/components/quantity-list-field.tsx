import { describeQuantity, quantityFromInput } from '@counterclaim/domain'
import {
  domainWords,
  LIMITS,
  type Quantity,
  type QuantityInput,
  type QuantityQualifier,
  QuantityQualifierSchema,
} from '@counterclaim/shared'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../../components/field.tsx'
import { currentLocale, i18n } from '../../../i18n/i18n.ts'

const QUALIFIERS = QuantityQualifierSchema.options
const isQualifier = (v: string): v is QuantityQualifier => (QUALIFIERS as readonly string[]).includes(v)

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
      return i18n.t('quantities:needsParts', { n: i + 1 })
    }
    const max = row.valueMax.trim() === '' ? null : Number(row.valueMax)
    if (max !== null && !Number.isFinite(max)) return i18n.t('quantities:toNotNumber', { n: i + 1 })
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
  if (typeof rows === 'string') return i18n.t('quantities:incomplete')
  if (rows.length === 0) return i18n.t('quantities:noneGiven')
  const words = domainWords(currentLocale())
  return rows.map((q) => describeQuantity(quantityFromInput(q), words)).join('; ')
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
  const { t } = useTranslation('quantities')
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
        {t('title')} <span className="hint">{t('titleHint')}</span>
      </p>
      {rows.map((row, i) => {
        const n = i + 1
        const path = (field: keyof QuantityDraft) => `quantities.${i}.${field}`
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no ids; their place in the list is what the request names
          <fieldset key={i} className="quantity-row">
            <legend>{t('row', { n })}</legend>
            <Field
              label={t('measure')}
              path={path('measure')}
              error={error}
              value={row.measure}
              onChange={(e) => set(i, { measure: e.target.value })}
              placeholder={t('measurePlaceholder')}
              dir="auto"
              maxLength={LIMITS.measure}
            />
            <Field
              as="select"
              label={t('qualifierLabel')}
              path={path('qualifier')}
              error={error}
              value={row.qualifier}
              onChange={(e) => {
                if (isQualifier(e.target.value)) set(i, { qualifier: e.target.value })
              }}
            >
              {QUALIFIERS.map((q) => (
                <option key={q} value={q}>
                  {t(`qualifier.${q}`)}
                </option>
              ))}
            </Field>
            <Field
              label={t('value')}
              path={path('value')}
              error={error}
              type="number"
              step="any"
              value={row.value}
              onChange={(e) => set(i, { value: e.target.value })}
            />
            <Field
              label={t('toValue')}
              labelNote={t('forRange')}
              path={path('valueMax')}
              error={error}
              type="number"
              step="any"
              value={row.valueMax}
              onChange={(e) => set(i, { valueMax: e.target.value })}
            />
            <Field
              label={t('unit')}
              path={path('unit')}
              error={error}
              value={row.unit}
              onChange={(e) => set(i, { unit: e.target.value })}
              placeholder={t('unitPlaceholder')}
              dir="auto"
              maxLength={LIMITS.unit}
            />
            <Field
              label={t('periodFrom')}
              path={path('periodFrom')}
              error={error}
              type="date"
              value={row.periodFrom}
              onChange={(e) => set(i, { periodFrom: e.target.value })}
            />
            <Field
              label={t('periodTo')}
              path={path('periodTo')}
              error={error}
              type="date"
              value={row.periodTo}
              onChange={(e) => set(i, { periodTo: e.target.value })}
              hint={t('nightHint')}
            />
            <Field
              label={t('placeLabel')}
              path={path('place')}
              error={error}
              value={row.place}
              onChange={(e) => set(i, { place: e.target.value })}
              placeholder={t('placePlaceholder')}
              dir="auto"
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
              {t('remove', { n })}
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
          {t('add')}
        </button>
      ) : null}
    </div>
  )
}
