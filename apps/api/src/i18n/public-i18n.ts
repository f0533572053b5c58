import {
  type CatalogueKey,
  DEFAULT_LOCALE,
  DOMAIN_CATALOGUES,
  type DomainKey,
  type DomainWords,
  domainWords,
  LOCALES,
  type Locale,
} from '@counterclaim/shared'
import { html, raw } from 'hono/html'
import { escapeToBuffer, type HtmlEscapedString } from 'hono/utils/html'
import i18next from 'i18next'
import enPublic from './en/public.json'
import ukPublic from './uk/public.json'

/**
 * The public pages' own words (`public`), by language; the domain's words (`domain`) are shared with the
 * web app. Every language has the same keys as English.
 */
export const PUBLIC_CATALOGUES = { en: enPublic, uk: ukPublic } as const satisfies Record<
  Locale,
  typeof enPublic
>

/** A key of the public pages' catalogue, or of the domain's as `domain:…`. */
export type PageKey = CatalogueKey<typeof enPublic> | `domain:${DomainKey}`

type Html = HtmlEscapedString | Promise<HtmlEscapedString>

/** Values a sentence is filled in with: text (escaped) or markup already made safe (a link, a date). */
export type PageValues = Readonly<Record<string, string | number | Html>>

/** The Intl locale each language writes dates in: the desk's English writes "10 June 2025". */
const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-GB', uk: 'uk' }

const i18n = i18next.createInstance()
void i18n.init({
  resources: Object.fromEntries(
    LOCALES.map((l) => [l, { public: PUBLIC_CATALOGUES[l], domain: DOMAIN_CATALOGUES[l] }]),
  ),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  ns: ['public', 'domain'],
  defaultNS: 'public',
  // The pages are written with Hono's html helper, which escapes what goes in: see `sentence`.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
})

/** The public pages' words in one language: plain text, sentences with markup in them, dates, the domain's words. */
export interface PageLanguage {
  locale: Locale
  /** A text of the catalogue, plain (for titles, attributes and meta tags: escaped where it is put). */
  text(key: PageKey, values?: Readonly<Record<string, string | number>>): string
  /** A sentence of the catalogue as markup: its text escaped, its values escaped unless they are markup. */
  sentence(key: PageKey, values?: PageValues): HtmlEscapedString
  /** 2025-06-10 or a timestamp as "10 June 2025" / "10 червня 2025 р.". */
  date(value: string): string
  /** The domain's sentences (quantities, periods, numbers) in this language. */
  words: DomainWords
}

const made = new Map<Locale, PageLanguage>()

/** The public pages' words in `locale` (COUNTERCLAIM_LOCALE). */
export function pageLanguage(locale: Locale = DEFAULT_LOCALE): PageLanguage {
  const ready = made.get(locale)
  if (ready) return ready
  // Keys are checked by PageKey: i18next's own key types would be the web app's when its build reads this file.
  const t = i18n.getFixedT(locale) as unknown as (key: string, options: Record<string, unknown>) => string
  const longDate = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' })
  const text = (key: PageKey, values?: Readonly<Record<string, unknown>>) => t(key, { ...values })
  const language: PageLanguage = {
    locale,
    text,
    sentence(key, values = {}) {
      // Markup values stand in the text as numbered marks, the text is escaped, then the marks become the markup.
      const marks: string[] = []
      const plain: Record<string, string | number> = {}
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'string' || typeof value === 'number') plain[name] = value
        else {
          plain[name] = `\uE000${marks.length}\uE001`
          marks.push(String(value))
        }
      }
      const buffer: [string] = ['']
      escapeToBuffer(text(key, plain), buffer)
      return raw(buffer[0].replace(/\uE000(\d+)\uE001/g, (_, i: string) => marks[Number(i)] ?? ''))
    },
    date(value) {
      const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
      return Number.isNaN(date.getTime()) ? value : longDate.format(date)
    },
    words: domainWords(locale),
  }
  made.set(locale, language)
  return language
}

/** Text a person typed (a name, a question), laid out in its own direction inside a sentence. */
export const userText = (value: string) => html`<span dir="auto">${value}</span>`
