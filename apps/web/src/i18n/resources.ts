import { DOMAIN_CATALOGUES } from '@counterclaim/shared'
import enComments from './locales/en/comments.json'
import enCommon from './locales/en/common.json'
import enLayout from './locales/en/layout.json'
import enReplies from './locales/en/replies.json'
import enVerdicts from './locales/en/verdicts.json'
import ukComments from './locales/uk/comments.json'
import ukCommon from './locales/uk/common.json'
import ukLayout from './locales/uk/layout.json'
import ukReplies from './locales/uk/replies.json'
import ukVerdicts from './locales/uk/verdicts.json'

/**
 * The web app's catalogues, one namespace per part of the app (a JSON file per language in ./locales), and
 * the domain words shared with the server (`domain`). English is the source: every other language has the
 * same keys, which the type below holds to.
 */
export const resources = {
  en: {
    common: enCommon,
    layout: enLayout,
    verdicts: enVerdicts,
    comments: enComments,
    replies: enReplies,
    domain: DOMAIN_CATALOGUES.en,
  },
  uk: {
    common: ukCommon,
    layout: ukLayout,
    verdicts: ukVerdicts,
    comments: ukComments,
    replies: ukReplies,
    domain: DOMAIN_CATALOGUES.uk,
  },
} as const satisfies Record<string, Record<string, unknown>>

export type Namespace = keyof (typeof resources)['en']
