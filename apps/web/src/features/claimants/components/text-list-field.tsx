import { useId } from 'react'
import { Field } from '../../../components/field.tsx'

/**
 * A list of short texts a person adds to and removes from (a claimant's aliases, its pages): each with its
 * Remove button, then a field and an Add button for the next. What is typed but not added yet is the
 * form's `draft`, so a save takes it too.
 */
export function TextListField({
  label,
  path,
  error,
  items,
  onChange,
  draft,
  onDraftChange,
  noun,
  type = 'text',
  maxLength,
  className,
}: {
  label: string
  path: string
  error: Error | null
  items: string[]
  onChange: (items: string[]) => void
  draft: string
  onDraftChange: (draft: string) => void
  /** What one item is called: "alias", "link". */
  noun: string
  type?: 'text' | 'url'
  maxLength: number
  className?: string
}) {
  const listId = useId()
  const add = () => {
    const value = draft.trim()
    if (!value) return
    if (!items.includes(value)) onChange([...items, value])
    onDraftChange('')
  }
  return (
    <Field as="group" label={label} path={path} error={error} className={className}>
      {items.length ? (
        <ul className="text-list" id={listId} aria-label={label}>
          {items.map((item, i) => (
            <li key={item}>
              <span className="text-list-item">{item}</span>
              <button
                type="button"
                className="small-button"
                aria-label={`Remove ${noun} ${item}`}
                onClick={() => onChange(items.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">None yet.</p>
      )}
      <div className="text-list-add">
        <Field
          label={`New ${noun}`}
          type={type}
          value={draft}
          maxLength={maxLength}
          onChange={(e) => onDraftChange(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds the item rather than saving the whole form.
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
        />
        <button type="button" onClick={add}>
          Add {noun}
        </button>
      </div>
    </Field>
  )
}

/** The list with what was typed but not added yet, as a save sends it. */
export function withDraft(items: string[], draft: string): string[] {
  const value = draft.trim()
  return value && !items.includes(value) ? [...items, value] : items
}
