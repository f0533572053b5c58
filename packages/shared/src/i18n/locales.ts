import enDomain from './en/domain.json'
import ukDomain from './uk/domain.json'

/**
 * The languages the desk's interface and public pages are written in: English, and Ukrainian (the demo
 * desk's own). Every catalogue is written for each of them; English is the source the others follow.
 */
export const LOCALES = ['en', 'uk'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

/** Each language named in itself, for the language switch. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', uk: 'Українська' }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The first of a reader's preferred languages ("uk-UA", "en-GB") the desk speaks; English when none is. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0]
    if (isLocale(language)) return language
  }
  return DEFAULT_LOCALE
}

/**
 * The words of the domain every part shows (ratings, verdict statuses, stances, kinds, roles, field
 * labels), by language: the i18n namespace `domain`, for the web app and the server's public pages alike.
 */
export const DOMAIN_CATALOGUES = { en: enDomain, uk: ukDomain } as const satisfies Record<
  Locale,
  typeof enDomain
>
