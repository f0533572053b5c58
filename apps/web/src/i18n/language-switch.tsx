import { LOCALE_NAMES, LOCALES, type Locale } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { chooseLocale, currentLocale } from './i18n.ts'

/** The interface's language, chosen by the reader: each language is named in itself. */
export function LanguageSwitch() {
  const { t } = useTranslation('layout')
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language')}</span>
      <select value={currentLocale()} onChange={(event) => chooseLocale(event.target.value as Locale)}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  )
}
