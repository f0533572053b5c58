import { DOMAIN_CATALOGUES } from '@counterclaim/shared'
import enAgreement from './locales/en/agreement.json'
import enAuth from './locales/en/auth.json'
import enClaimLog from './locales/en/claimLog.json'
import enCommon from './locales/en/common.json'
import enDisputes from './locales/en/disputes.json'
import enLayout from './locales/en/layout.json'
import enMyWork from './locales/en/myWork.json'
import enNotifications from './locales/en/notifications.json'
import enPages from './locales/en/pages.json'
import enSearch from './locales/en/search.json'
import ukAgreement from './locales/uk/agreement.json'
import ukAuth from './locales/uk/auth.json'
import ukClaimLog from './locales/uk/claimLog.json'
import ukCommon from './locales/uk/common.json'
import ukDisputes from './locales/uk/disputes.json'
import ukLayout from './locales/uk/layout.json'
import ukMyWork from './locales/uk/myWork.json'
import ukNotifications from './locales/uk/notifications.json'
import ukPages from './locales/uk/pages.json'
import ukSearch from './locales/uk/search.json'

/**
 * The web app's catalogues, one namespace per part of the app (a JSON file per language in ./locales), and
 * the domain words shared with the server (`domain`). English is the source: every other language has the
 * same keys, which the type below holds to.
 */
export const resources = {
  en: {
    common: enCommon,
    layout: enLayout,
    domain: DOMAIN_CATALOGUES.en,
    agreement: enAgreement,
    auth: enAuth,
    claimLog: enClaimLog,
    disputes: enDisputes,
    myWork: enMyWork,
    notifications: enNotifications,
    pages: enPages,
    search: enSearch,
  },
  uk: {
    common: ukCommon,
    layout: ukLayout,
    domain: DOMAIN_CATALOGUES.uk,
    agreement: ukAgreement,
    auth: ukAuth,
    claimLog: ukClaimLog,
    disputes: ukDisputes,
    myWork: ukMyWork,
    notifications: ukNotifications,
    pages: ukPages,
    search: ukSearch,
  },
} as const satisfies Record<string, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
