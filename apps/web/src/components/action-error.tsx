import { Trans, useTranslation } from 'react-i18next'
import { ApiError } from '../lib/api-client.ts'
import { useFieldLabels } from './field.tsx'
import { fieldProblems, isUnder, problemWords } from './field-problems.ts'
import './status-messages.css'

/**
 * Why an action failed, in the API's words. A conflict (412) says that nothing was saved and offers to
 * reload the record; the form that failed keeps its input. A validation failure's details are listed here
 * only when no Field of the enclosing form shows them, each by the field's name in words (packages/shared's
 * FIELD_LABELS), never by the request's property name.
 */
export function ActionError({
  error,
  action,
  onReload,
}: {
  error: Error | null
  /** What was being done, as a sentence: "The verdict was not saved." */
  action: string
  onReload?: () => void
}) {
  const shown = useFieldLabels()
  const { t } = useTranslation('common')
  if (!error) return null
  const conflict = error instanceof ApiError && error.status === 412
  // A problem of the whole request the API already said as its message ("Nothing was changed: …") is not said twice.
  const problems = fieldProblems(error)
    .filter((p) => ![...shown.keys()].some((path) => isUnder(p.path, path)))
    .map(problemWords)
    .filter((sentence) => sentence !== error.message)
  return (
    <div role="alert" className="state-message state-error action-error">
      <p>
        <strong>{action}</strong> {conflict ? t('actionError.conflict') : error.message}
      </p>
      {problems.length > 0 ? (
        <ul>
          {problems.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      ) : null}
      {conflict && onReload ? (
        <p>
          <Trans
            t={t}
            i18nKey="actionError.reload"
            components={{ reload: <button type="button" onClick={onReload} /> }}
          />
        </p>
      ) : null}
    </div>
  )
}
