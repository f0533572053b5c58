import { UNATTRIBUTED_FILTER } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { i18n } from '../i18n/i18n.ts'

/** A claimant as the places that show one have it: a record with a name, the claim log's name, or none. */
type Speaker = { name: string } | string | null | undefined

const nameOf = (claimant: Speaker): string | null =>
  typeof claimant === 'string' ? claimant : (claimant?.name ?? null)

/**
 * Who made a claim, as plain text: the claimant's name, or the interface's word for an unattributed claim
 * (no known speaker). For accessible names, messages and other strings; in the page, use <ClaimantName>.
 */
export function claimantLabel(claimant: Speaker): string {
  return nameOf(claimant) ?? i18n.t('domain:unattributed')
}

/**
 * Who made a claim, in the page: the claimant's name as the person typed it (laid out with dir="auto"), or
 * the interface's word for an unattributed claim, which is interface text and follows the page.
 */
export function ClaimantName({ claimant, className }: { claimant: Speaker; className?: string }) {
  const { t } = useTranslation('domain')
  const name = nameOf(claimant)
  return name === null ? (
    <span className={className}>{t('unattributed')}</span>
  ) : (
    <span className={className} dir="auto">
      {name}
    </span>
  )
}

/** How an unattributed claim is named where a claim is named by its claimant ("Oleg Kiper's claim"). */
export function unattributedClaimName(short: string | null = null): string {
  return short === null
    ? i18n.t('domain:attribution.claim')
    : i18n.t('domain:attribution.claimQuoted', { short })
}

/** The claimant filter's choice of the unattributed claims (`claimantId=none`). */
export function UnattributedOption() {
  const { t } = useTranslation('domain')
  return <option value={UNATTRIBUTED_FILTER}>{t('unattributed')}</option>
}
