import { DEFAULT_LOCALE, DOMAIN_CATALOGUES, type Locale } from './locales.ts'

type EnglishDomain = (typeof DOMAIN_CATALOGUES)['en']

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other'
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K
/** The keys of a catalogue, dotted ("rating.false", "quantity.value.at_least"); a plural's key without its suffix. */
export type CatalogueKey<T> = {
  [K in keyof T & string]: T[K] extends string ? WithoutPlural<K> : `${K}.${CatalogueKey<T[K]>}`
}[keyof T & string]

/** A key of the domain catalogue. */
export type DomainKey = CatalogueKey<EnglishDomain>

/** Values a sentence of the catalogue is filled in with; `count` also picks a plural's form. */
export type DomainValues = Readonly<Record<string, string | number>>

/**
 * The domain's words in one language, for pure code that writes sentences (quantity comparisons, reply
 * lines, period names): the web and the server hand it the reader's language, the API's own messages stay
 * English.
 */
export interface DomainWords {
  locale: Locale
  /** A word or sentence of the catalogue with its `{{values}}` filled in. */
  t(key: DomainKey, values?: DomainValues): string
  /** A number as the language writes it, at most two decimals: "2,700" / "2 700"; "351.9" / "351,9". */
  number(value: number): string
}

/** The Intl locale each language formats numbers in; English keeps the form the domain always wrote. */
const NUMBER_LOCALE: Readonly<Record<Locale, string>> = { en: 'en', uk: 'uk' }

function lookup(catalogue: unknown, key: string): string | undefined {
  let node: unknown = catalogue
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

const made = new Map<Locale, DomainWords>()

/**
 * The domain catalogue read without an i18n runtime, in the syntax i18next reads too (`{{name}}`,
 * `{{count, number}}`, plurals as `key_one`/`key_few`/`key_many`/`key_other` by Intl.PluralRules), so the
 * same files serve i18next in the web app and on the server and this reader in pure code. A key missing in
 * a language falls back to English, and a missing English key reads as itself.
 */
export function domainWords(locale: Locale = DEFAULT_LOCALE): DomainWords {
  const ready = made.get(locale)
  if (ready) return ready
  const numbers = new Intl.NumberFormat(NUMBER_LOCALE[locale], { maximumFractionDigits: 2 })
  const plurals = new Intl.PluralRules(locale)
  const number = (value: number) => numbers.format(value)
  const find = (key: string) => lookup(DOMAIN_CATALOGUES[locale], key) ?? lookup(DOMAIN_CATALOGUES.en, key)
  const words: DomainWords = {
    locale,
    number,
    t(key, values = {}) {
      const count = values.count
      const template =
        (typeof count === 'number'
          ? (find(`${key}_${plurals.select(count)}`) ?? find(`${key}_other`))
          : undefined) ??
        find(key) ??
        key
      return template.replace(
        /\{\{\s*(\w+)\s*(?:,\s*(\w+))?\s*\}\}/g,
        (whole, name: string, format?: string) => {
          const value = values[name]
          if (value === undefined) return whole
          return format === 'number' && typeof value === 'number' ? number(value) : String(value)
        },
      )
    },
  }
  made.set(locale, words)
  return words
}

/** The domain's words in English: what pure code writes when no language is asked for. */
export const ENGLISH_WORDS: DomainWords = domainWords('en')
