import type { DeliveryStatus, WebhookEvent } from '@counterclaim/shared'
import { i18n } from '../../../i18n/i18n.ts'

/** An event a webhook may follow, in words of the interface's language. */
export function eventWords(event: WebhookEvent): string {
  switch (event) {
    case 'verdict.published':
      return i18n.t('webhooks:event.published')
    case 'verdict.corrected':
      return i18n.t('webhooks:event.corrected')
    case 'verdict.withdrawn':
      return i18n.t('webhooks:event.withdrawn')
  }
}

/** A delivery's status, in words of the interface's language. */
export function statusWords(status: DeliveryStatus): string {
  return i18n.t(`webhooks:status.${status}`)
}
