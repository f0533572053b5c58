import { useEffect, useId, useState } from 'react'

/**
 * A text field that hands its value on a moment after the last key, so the address and the query change once
 * per pause rather than once per letter. It follows the value when that changes from outside (back, forward).
 */
export function DebouncedTextField({
  label,
  value,
  onCommit,
  type = 'text',
  size,
  hint,
}: {
  label: string
  value: string
  onCommit: (value: string) => void
  type?: 'text' | 'search'
  size?: number
  hint?: string
}) {
  const id = useId()
  const hintId = useId()
  const [draft, setDraft] = useState(value)

  useEffect(() => setDraft((d) => (d.trim() === value ? d : value)), [value])
  useEffect(() => {
    if (draft.trim() === value) return
    const timer = setTimeout(() => onCommit(draft.trim()), 300)
    return () => clearTimeout(timer)
  }, [draft, value, onCommit])

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={draft}
        size={size}
        autoComplete="off"
        dir="auto"
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          // Enter applies at once.
          if (e.key === 'Enter' && draft.trim() !== value) onCommit(draft.trim())
        }}
      />
      {hint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  )
}
