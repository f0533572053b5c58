import { RATING_SCALE, type Rating } from '@counterclaim/shared'

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' })

/** A language tag for reading: "Spanish (es)"; the tag alone when it names no language we know. */
export function languageName(tag: string | null | undefined): string {
  if (!tag) return ''
  try {
    const name = languageNames.of(tag)
    return name && name !== tag ? `${name} (${tag})` : tag
  } catch {
    // Not a well-formed tag: shown as it came.
    return tag
  }
}

/** The rating filter's choices: our scale's labels, and the ratings that do not map onto it. */
export const RATING_FILTER_OPTIONS: ReadonlyArray<{ value: Rating | 'none'; label: string }> = [
  ...RATING_SCALE.map((r) => ({ value: r.rating, label: r.label })),
  { value: 'none', label: 'Not mapped' },
]

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
