import { DOMAIN_CATALOGUES } from '@counterclaim/shared'
import enCommon from './locales/en/common.json'
import enLayout from './locales/en/layout.json'
import enQuantities from './locales/en/quantities.json'
import ukCommon from './locales/uk/common.json'
import ukLayout from './locales/uk/layout.json'
import ukQuantities from './locales/uk/quantities.json'

/**
 * The web app's catalogues, one namespace per part of the app (a JSON file per language in ./locales), and
 * the domain words shared with the server (`domain`). English is the source: every other language has the
 * same keys, which the type below holds to.
 */
export const resources = {
  en: { common: enCommon, layout: enLayout, quantities: enQuantities, domain: DOMAIN_CATALOGUES.en },
  uk: { common: ukCommon, layout: ukLayout, quantities: ukQuantities, domain: DOMAIN_CATALOGUES.uk },
} as const satisfies Record<string, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
