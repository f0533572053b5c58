import { ApiError } from '../lib/api-client.ts'
import './status-messages.css'

/** The fields a validation failure names, with what is wrong with each (empty for any other failure). */
export function fieldProblems(error: Error | null): { path: string; message: string }[] {
  if (!error) return []
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !Array.isArray(error.details))
    return []
  return error.details.flatMap((d: unknown) =>
    typeof d === 'object' && d !== null && 'message' in d
      ? [
          {
            path: String((d as { path?: unknown }).path ?? ''),
            message: String((d as { message: unknown }).message),
          },
        ]
      : [],
  )
}

/**
 * Why an action failed, in the API's words. A conflict (412) says that nothing was saved and offers to
 * reload the record; the form that failed keeps its input.
 */
export function ActionError({
  error,
  action,
  onReload,
  shownAtFields = [],
}: {
  error: Error | null
  /** What was being done, as a sentence: "The verdict was not saved." */
  action: string
  onReload?: () => void
  /** Paths whose problems the form shows under their own fields, so they are not listed twice. */
  shownAtFields?: string[]
}) {
  if (!error) return null
  const conflict = error instanceof ApiError && error.status === 412
  const problems = fieldProblems(error).filter((p) => !shownAtFields.includes(p.path))
  return (
    <div role="alert" className="state-message state-error action-error">
      <p>
        <strong>{action}</strong>{' '}
        {conflict
          ? 'Someone else changed this record after you opened it, so nothing was overwritten.'
          : error.message}
      </p>
      {problems.length > 0 ? (
        <ul>
          {problems.map((p) => (
            <li key={`${p.path}:${p.message}`}>
              {p.path ? <code>{p.path}</code> : null} {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {conflict && onReload ? (
        <p>
          <button type="button" onClick={onReload}>
            Reload the record
          </button>{' '}
          <span>to see the current version.</span>
        </p>
      ) : null}
    </div>
  )
}
