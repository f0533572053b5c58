import { DOMAIN_CATALOGUES } from '@counterclaim/shared'
import enAccounts from './locales/en/accounts.json'
import enAssignment from './locales/en/assignment.json'
import enClaimants from './locales/en/claimants.json'
import enClaimLogImport from './locales/en/claimLogImport.json'
import enComments from './locales/en/comments.json'
import enCommon from './locales/en/common.json'
import enFactChecks from './locales/en/factChecks.json'
import enLayout from './locales/en/layout.json'
import enMatches from './locales/en/matches.json'
import enPhone from './locales/en/phone.json'
import enReplies from './locales/en/replies.json'
import enReview from './locales/en/review.json'
import enVerdicts from './locales/en/verdicts.json'
import enWebhooks from './locales/en/webhooks.json'
import enWorkbench from './locales/en/workbench.json'
import ukAccounts from './locales/uk/accounts.json'
import ukAssignment from './locales/uk/assignment.json'
import ukClaimants from './locales/uk/claimants.json'
import ukClaimLogImport from './locales/uk/claimLogImport.json'
import ukComments from './locales/uk/comments.json'
import ukCommon from './locales/uk/common.json'
import ukFactChecks from './locales/uk/factChecks.json'
import ukLayout from './locales/uk/layout.json'
import ukMatches from './locales/uk/matches.json'
import ukPhone from './locales/uk/phone.json'
import ukReplies from './locales/uk/replies.json'
import ukReview from './locales/uk/review.json'
import ukVerdicts from './locales/uk/verdicts.json'
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
    comments: enComments,
    common: enCommon,
    factChecks: enFactChecks,
    layout: enLayout,
    matches: enMatches,
    phone: enPhone,
    replies: enReplies,
    review: enReview,
    verdicts: enVerdicts,
    webhooks: enWebhooks,
    workbench: enWorkbench,
    domain: DOMAIN_CATALOGUES.en,
  },
  uk: {
    accounts: ukAccounts,
    assignment: ukAssignment,
    claimLogImport: ukClaimLogImport,
    claimants: ukClaimants,
    comments: ukComments,
    common: ukCommon,
    factChecks: ukFactChecks,
    layout: ukLayout,
    matches: ukMatches,
    phone: ukPhone,
    replies: ukReplies,
    review: ukReview,
    verdicts: ukVerdicts,
    webhooks: ukWebhooks,
    workbench: ukWorkbench,
    domain: DOMAIN_CATALOGUES.uk,
  },
} as const satisfies Record<string, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
