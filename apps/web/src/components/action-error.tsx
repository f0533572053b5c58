import { ApiError } from '../lib/api-client.ts'
import { useFieldLabels } from './field.tsx'
import { fieldProblems, isUnder } from './field-problems.ts'
import './status-messages.css'

/**
 * What the API's validation details call a field, in words, for problems no field on the screen shows (the
 * review queue's Publish, say). Forms name their own fields through Field.
 */
const FIELD_WORDS: Record<string, string> = {
  rating: 'Rating',
  summary: 'Summary',
  rationale: 'Rationale',
  citedEvidenceIds: 'Cited evidence',
  correctionNote: 'Correction note',
  note: 'Note',
  claimantId: 'Claimant',
}

/**
 * Why an action failed, in the API's words. A conflict (412) says that nothing was saved and offers to
 * reload the record; the form that failed keeps its input. A validation failure's details are listed here
 * only when no Field of the enclosing form shows them, each by the field's name in words, never by the
 * request's property name.
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
  if (!error) return null
  const conflict = error instanceof ApiError && error.status === 412
  const problems = fieldProblems(error).filter(
    (p) => ![...shown.keys()].some((path) => isUnder(p.path, path)),
  )
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
            <li key={`${p.path}:${p.message}`}>{problemWords(p)}</li>
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

/** "Cited evidence needs at least one item."; a problem of the whole request, or of an unnamed part, alone. */
function problemWords({ path, message }: { path: string; message: string }): string {
  const words = FIELD_WORDS[path.split('.')[0] ?? '']
  return words ? `${words} ${message}.` : `${message.charAt(0).toUpperCase()}${message.slice(1)}.`
}
