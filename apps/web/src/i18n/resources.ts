import { DOMAIN_CATALOGUES } from '@counterclaim/shared'
import enAccounts from './locales/en/accounts.json'
import enAgreement from './locales/en/agreement.json'
import enAssignment from './locales/en/assignment.json'
import enAuth from './locales/en/auth.json'
import enClaimants from './locales/en/claimants.json'
import enClaimLog from './locales/en/claimLog.json'
import enClaimLogImport from './locales/en/claimLogImport.json'
import enComments from './locales/en/comments.json'
import enCommon from './locales/en/common.json'
import enDisputes from './locales/en/disputes.json'
import enFactChecks from './locales/en/factChecks.json'
import enLayout from './locales/en/layout.json'
import enMatches from './locales/en/matches.json'
import enMyWork from './locales/en/myWork.json'
import enNotifications from './locales/en/notifications.json'
import enPages from './locales/en/pages.json'
import enPhone from './locales/en/phone.json'
import enQuantities from './locales/en/quantities.json'
import enReplies from './locales/en/replies.json'
import enReview from './locales/en/review.json'
import enSearch from './locales/en/search.json'
import enVerdicts from './locales/en/verdicts.json'
import enWebhooks from './locales/en/webhooks.json'
import enWorkbench from './locales/en/workbench.json'
import ukAccounts from './locales/uk/accounts.json'
import ukAgreement from './locales/uk/agreement.json'
import ukAssignment from './locales/uk/assignment.json'
import ukAuth from './locales/uk/auth.json'
import ukClaimants from './locales/uk/claimants.json'
import ukClaimLog from './locales/uk/claimLog.json'
import ukClaimLogImport from './locales/uk/claimLogImport.json'
import ukComments from './locales/uk/comments.json'
import ukCommon from './locales/uk/common.json'
import ukDisputes from './locales/uk/disputes.json'
import ukFactChecks from './locales/uk/factChecks.json'
import ukLayout from './locales/uk/layout.json'
import ukMatches from './locales/uk/matches.json'
import ukMyWork from './locales/uk/myWork.json'
import ukNotifications from './locales/uk/notifications.json'
import ukPages from './locales/uk/pages.json'
import ukPhone from './locales/uk/phone.json'
import ukQuantities from './locales/uk/quantities.json'
import ukReplies from './locales/uk/replies.json'
import ukReview from './locales/uk/review.json'
import ukSearch from './locales/uk/search.json'
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
    agreement: enAgreement,
    assignment: enAssignment,
    auth: enAuth,
    claimLog: enClaimLog,
    claimLogImport: enClaimLogImport,
    claimants: enClaimants,
    comments: enComments,
    common: enCommon,
    disputes: enDisputes,
    factChecks: enFactChecks,
    layout: enLayout,
    matches: enMatches,
    myWork: enMyWork,
    notifications: enNotifications,
    pages: enPages,
    phone: enPhone,
    quantities: enQuantities,
    replies: enReplies,
    review: enReview,
    search: enSearch,
    verdicts: enVerdicts,
    webhooks: enWebhooks,
    workbench: enWorkbench,
    domain: DOMAIN_CATALOGUES.en,
  },
  uk: {
    accounts: ukAccounts,
    agreement: ukAgreement,
    assignment: ukAssignment,
    auth: ukAuth,
    claimLog: ukClaimLog,
    claimLogImport: ukClaimLogImport,
    claimants: ukClaimants,
    comments: ukComments,
    common: ukCommon,
    disputes: ukDisputes,
    factChecks: ukFactChecks,
    layout: ukLayout,
    matches: ukMatches,
    myWork: ukMyWork,
    notifications: ukNotifications,
    pages: ukPages,
    phone: ukPhone,
    quantities: ukQuantities,
    replies: ukReplies,
    review: ukReview,
    search: ukSearch,
    verdicts: ukVerdicts,
    webhooks: ukWebhooks,
    workbench: ukWorkbench,
    domain: DOMAIN_CATALOGUES.uk,
  },
} as const satisfies Record<string, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
