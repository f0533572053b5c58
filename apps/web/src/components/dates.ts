import type { Locale } from '@counterclaim/shared'
import { currentLocale } from '../i18n/i18n.ts'

/** The Intl locale each interface language formats in: the desk's English writes "10 Jun 2025". */
const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-GB', uk: 'uk' }

const formats = new Map<
  string,
  {
    day: Intl.DateTimeFormat
    moment: Intl.DateTimeFormat
    number: Intl.NumberFormat
    list: Intl.ListFormat
  }
>()

/** The interface language's formats, made once per language. */
function formatsNow() {
  const locale = INTL_LOCALE[currentLocale()]
  let found = formats.get(locale)
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }),
      moment: new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
      number: new Intl.NumberFormat(locale),
      list: new Intl.ListFormat(locale, { type: 'conjunction' }),
    }
    formats.set(locale, found)
  }
  return found
}

/** A calendar date (YYYY-MM-DD) for reading in the interface's language: "10 Jun 2025"; '' for none. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  // Read and written in UTC, so no time zone moves the day.
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`)
  return Number.isNaN(date.getTime()) ? day : formatsNow().day.format(date)
}

/** A timestamp for reading, in the reader's time zone and the interface's language; '' for none. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : formatsNow().moment.format(date)
}

/** A number for reading in the interface's language: "12,480" in English, "12 480" in Ukrainian. */
export function formatNumber(value: number): string {
  return formatsNow().number.format(value)
}

/** A number with a fixed count of decimals, in the interface's language: "0.45" in English, "0,45" in Ukrainian. */
export function formatDecimal(value: number, decimals: number): string {
  const locale = INTL_LOCALE[currentLocale()]
  const key = `${locale}:${decimals}`
  let found = decimalFormats.get(key)
  if (!found) {
    found = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    })
    decimalFormats.set(key, found)
  }
  return found.format(value)
}

const decimalFormats = new Map<string, Intl.NumberFormat>()

/** Words joined as a list in the interface's language: "a, b and c" in English, "a, b і c" in Ukrainian. */
export function formatList(words: readonly string[]): string {
  return formatsNow().list.format(words)
}
