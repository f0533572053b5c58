import type { ClaimantKind } from '@counterclaim/shared'
import { i18n } from '../i18n/i18n.ts'

/** The words for a kind of claimant, in the interface's language. */
export function claimantKindLabel(kind: ClaimantKind): string {
  return i18n.t(`domain:claimantKind.${kind}`)
}
