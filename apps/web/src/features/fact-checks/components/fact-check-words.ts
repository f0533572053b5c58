import { RATING_SCALE, type Rating } from '@counterclaim/shared'
import { createElement } from 'react'
import { currentLocale, i18n } from '../../../i18n/i18n.ts'

const languageNamesByLocale = new Map<string, Intl.DisplayNames>()

/** Language names in the interface's language, made once per language. */
function languageNames(): Intl.DisplayNames {
  const locale = currentLocale()
  let names = languageNamesByLocale.get(locale)
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language' })
    languageNamesByLocale.set(locale, names)
  }
  return names
}

/** A language tag for reading, in the interface's language: "Spanish (es)"; the tag alone when it names no language we know. */
export function languageName(tag: string | null | undefined): string {
  if (!tag) return ''
  try {
    const name = languageNames().of(tag)
    return name && name !== tag ? `${name} (${tag})` : tag
  } catch {
    // Not a well-formed tag: shown as it came.
    return tag
  }
}

/** The rating filter's choices: our scale's labels, and the ratings that do not map onto it. */
export function ratingFilterOptions(): ReadonlyArray<{ value: Rating | 'none'; label: string }> {
  return [
    ...RATING_SCALE.map((r) => ({ value: r.rating, label: i18n.t(`domain:rating.${r.rating}`) })),
    { value: 'none', label: i18n.t('factChecks:filters.notMapped') },
  ]
}

/** `<tech>` in a catalogue sentence: names of formats and standards, kept as they are in every language. */
export const TECH = { tech: createElement('span', { translate: 'no' }) }

/** A link from another desk's data, only when it is http or https (never javascript: and the like). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}
