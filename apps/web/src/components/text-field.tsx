import { type ReactNode, useId } from 'react'
import { fieldProblems } from './action-error.tsx'

/**
 * A labelled input whose server-side problem, when the last request named its field, is shown under
 * it in words that start with the field's label ("New password must be at least 12 characters").
 */
export function TextField({
  label,
  path,
  error,
  value,
  onChange,
  type = 'text',
  autoComplete,
  hint,
  required = false,
  maxLength,
}: {
  label: string
  /** The field's name in the request body, as the API's validation details name it. */
  path: string
  error: Error | null
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'email' | 'password'
  autoComplete?: string
  hint?: ReactNode
  required?: boolean
  maxLength?: number
}) {
  const id = useId()
  const problems = fieldProblems(error).filter((p) => p.path === path)
  const described = [hint ? `${id}-hint` : '', problems.length ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        aria-invalid={problems.length ? true : undefined}
        aria-describedby={described || undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {problems.length ? (
        <p id={`${id}-error`} className="field-error">
          {problems.map((p) => `${label} ${p.message}.`).join(' ')}
        </p>
      ) : null}
    </div>
  )
}
