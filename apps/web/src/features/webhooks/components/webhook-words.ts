import type { DeliveryStatus, WebhookEvent } from '@counterclaim/shared'

/** The events a webhook may follow, in words. */
export const EVENT_WORDS: Record<WebhookEvent, string> = {
  'verdict.published': 'A verdict is published',
  'verdict.corrected': 'A published verdict is corrected',
  'verdict.withdrawn': 'A published verdict is withdrawn',
}

/** A delivery's status, in words. */
export const STATUS_WORDS: Record<DeliveryStatus, string> = {
  pending: 'Waiting to be sent',
  retrying: 'Not received yet: will try again',
  delivered: 'Delivered',
  failed: 'Failed: no more tries',
}
