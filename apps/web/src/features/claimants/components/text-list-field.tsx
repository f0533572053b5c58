import { useId } from 'react'
import { useTranslation } from 'react-i18next'
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
  /** What one item is: an alias or a link (its words are in the catalogue). */
  noun: 'alias' | 'link'
  type?: 'text' | 'url'
  maxLength: number
  className?: string
}) {
  const { t } = useTranslation('claimants')
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
              <span className="text-list-item" dir="auto">
                {item}
              </span>
              <button
                type="button"
                className="small-button"
                aria-label={t(`textList.${noun}.remove`, { item })}
                onClick={() => onChange(items.filter((_, j) => j !== i))}
              >
                {t('textList.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('textList.noneYet')}</p>
      )}
      <div className="text-list-add">
        <Field
          label={t(`textList.${noun}.new`)}
          type={type}
          dir="auto"
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
          {t(`textList.${noun}.add`)}
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
