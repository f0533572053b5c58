import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale, pickLocale } from '@counterclaim/shared'
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { resources } from './resources.ts'

/** Where this browser keeps the language its reader chose. */
const STORAGE_KEY = 'counterclaim.locale'

function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLocale(value) ? value : null
  } catch {
    return null
  }
}

/** The language to start in: the reader's earlier choice, else the browser's preferred languages, else English. */
function startingLocale(): Locale {
  return storedLocale() ?? pickLocale(globalThis.navigator?.languages ?? [])
}

/** The page's own language follows the interface's, for screen readers and hyphenation. */
function markDocument(locale: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

export const i18n = i18next.createInstance()
i18n.use(initReactI18next).init({
  resources,
  lng: startingLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  defaultNS: 'common',
  ns: Object.keys(resources.en),
  // React escapes what it renders; escaping here too would show "&amp;" in a claimant's name.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
})
markDocument(i18n.language)
i18n.on('languageChanged', markDocument)

/** The interface's language now. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE
}

/** Switch the interface to another language, and remember it in this browser. */
export function chooseLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    // A browser that keeps nothing still switches, for this visit.
  }
  void i18n.changeLanguage(locale)
}
