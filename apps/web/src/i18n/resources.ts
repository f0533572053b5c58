import { DOMAIN_CATALOGUES } from '@counterclaim/shared'
import enAccounts from './locales/en/accounts.json'
import enAssignment from './locales/en/assignment.json'
import enClaimants from './locales/en/claimants.json'
import enClaimLogImport from './locales/en/claimLogImport.json'
import enCommon from './locales/en/common.json'
import enFactChecks from './locales/en/factChecks.json'
import enLayout from './locales/en/layout.json'
import enMatches from './locales/en/matches.json'
import enPhone from './locales/en/phone.json'
import enReview from './locales/en/review.json'
import enWebhooks from './locales/en/webhooks.json'
import enWorkbench from './locales/en/workbench.json'
import ukAccounts from './locales/uk/accounts.json'
import ukAssignment from './locales/uk/assignment.json'
import ukClaimants from './locales/uk/claimants.json'
import ukClaimLogImport from './locales/uk/claimLogImport.json'
import ukCommon from './locales/uk/common.json'
import ukFactChecks from './locales/uk/factChecks.json'
import ukLayout from './locales/uk/layout.json'
import ukMatches from './locales/uk/matches.json'
import ukPhone from './locales/uk/phone.json'
import ukReview from './locales/uk/review.json'
import ukWebhooks from './locales/uk/webhooks.json'
import ukWorkbench from './locales/uk/workbench.json'

/**
 * The web app's catalogues, one namespace per part of the app (a JSON file per language in ./locales), and
 * the domain words shared with the server (`domain`). English is the source: every other language has the
 * same keys, which the type below holds to.
 */
export const resources = {
  en: {
    accounts: enAccounts,
    assignment: enAssignment,
    claimLogImport: enClaimLogImport,
    claimants: enClaimants,
    common: enCommon,
    factChecks: enFactChecks,
    layout: enLayout,
    matches: enMatches,
    phone: enPhone,
    review: enReview,
    webhooks: enWebhooks,
    workbench: enWorkbench,
    domain: DOMAIN_CATALOGUES.en,
  },
  uk: {
    accounts: ukAccounts,
    assignment: ukAssignment,
    claimLogImport: ukClaimLogImport,
    claimants: ukClaimants,
    common: ukCommon,
    factChecks: ukFactChecks,
    layout: ukLayout,
    matches: ukMatches,
    phone: ukPhone,
    review: ukReview,
    webhooks: ukWebhooks,
    workbench: ukWorkbench,
    domain: DOMAIN_CATALOGUES.uk,
  },
} as const satisfies Record<string, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
