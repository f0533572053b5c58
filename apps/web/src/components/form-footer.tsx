import { useTranslation } from 'react-i18next'
import { ActionError } from './action-error.tsx'

/**
 * How every form ends: why the last try failed (in the API's words, with a reload on a conflict), then
 * the submit button, which says it is working while the request runs, and Cancel.
 */
export function FormFooter({
  error,
  failed,
  onReload,
  pending,
  submitLabel,
  pendingLabel,
  onCancel,
}: {
  error: Error | null
  /** What did not happen, as a sentence: "The claim was not saved." */
  failed: string
  onReload?: () => void
  pending: boolean
  submitLabel: string
  pendingLabel?: string
  onCancel: () => void
}) {
  const { t } = useTranslation('common')
  return (
    <>
      <ActionError error={error} action={failed} {...(onReload ? { onReload } : {})} />
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? (pendingLabel ?? t('saving')) : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  )
}
