import { DEFAULT_LOCALE, DOMAIN_CATALOGUES, type Locale } from './i18n/locales.ts'

/**
 * Who made a claim, as a reader sees it: the claimant's name, or the domain catalogue's word for an
 * unattributed claim (one that circulates without a known speaker) in the given language. The one
 * place the server's pages and texts name a missing speaker; the web app reads `domain:unattributed`.
 */
export function claimantName(
  claimant: { name: string } | null | undefined,
  locale: Locale = DEFAULT_LOCALE,
): string {
  return claimant ? claimant.name : DOMAIN_CATALOGUES[locale].unattributed
}

/** The `claimantId` filter's value for claims without a claimant (`GET /api/claim-log?claimantId=none`). */
export const UNATTRIBUTED_FILTER = 'none'
