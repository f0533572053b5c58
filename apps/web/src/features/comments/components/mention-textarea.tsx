import type { Person } from '@counterclaim/shared'
import { type KeyboardEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, type FieldProps } from '../../../components/field.tsx'

/** How many people the list offers at once. */
const MAX_OPTIONS = 8

/** Text as names are compared: lower case, accents dropped. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()

/** The `@name` being typed just before the caret: where its `@` is and the letters after it. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret)
  const start = before.lastIndexOf('@')
  if (start < 0) return null
  // An `@` inside a word is an e-mail address, not a mention.
  if (start > 0 && /[\p{L}\p{N}]/u.test(before.charAt(start - 1))) return null
  const query = before.slice(start + 1)
  if (!query || query.length > 40 || /^\s|\s\s|[\n@]/u.test(query)) return null
  return { start, query }
}

/** The people whose name, or a word of it, begins with what was typed. */
export function mentionOptions(people: readonly Person[], query: string): Person[] {
  const q = fold(query)
  return people
    .filter((p) => {
      const name = fold(p.name)
      return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q))
    })
    .slice(0, MAX_OPTIONS)
}

type TextareaProps = Extract<FieldProps, { as: 'textarea' }>

/**
 * A Markdown textarea that completes `@` mentions: `@` and a few letters offer the desk's people in a list
 * (the arrow keys walk it, Enter or Tab puts `@Full Name ` in the text, Escape closes it; a pointer works
 * too). The textarea keeps the focus; the list's current option is its active descendant.
 */
export function MentionTextarea({
  people,
  value,
  onValue,
  ...field
}: Omit<TextareaProps, 'as' | 'value' | 'onChange' | 'onKeyDown' | 'after'> & {
  people: readonly Person[]
  value: string
  onValue: (text: string) => void
}) {
  const { t } = useTranslation('comments')
  const listId = useId()
  const ref = useRef<HTMLTextAreaElement>(null)
  const [caret, setCaret] = useState(0)
  const [active, setActive] = useState(0)
  const [dismissed, setDismissed] = useState<number | null>(null)

  const at = mentionAt(value, caret)
  const options = at && at.start !== dismissed ? mentionOptions(people, at.query) : []
  const open = options.length > 0
  const current = open ? Math.min(active, options.length - 1) : -1

  const track = () => {
    const el = ref.current
    if (el) setCaret(el.selectionStart)
  }
  const insert = (person: Person) => {
    if (!at) return
    const text = `${value.slice(0, at.start)}@${person.name} ${value.slice(caret)}`
    const next = at.start + person.name.length + 2
    onValue(text)
    setCaret(next)
    setActive(0)
    requestAnimationFrame(() => {
      ref.current?.focus()
      ref.current?.setSelectionRange(next, next)
    })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return
    const chosen = options[current]
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        setActive((current + 1) % options.length)
        break
      case 'ArrowUp':
        event.preventDefault()
        setActive(current <= 0 ? options.length - 1 : current - 1)
        break
      case 'Enter':
      case 'Tab':
        if (chosen && !event.shiftKey) {
          event.preventDefault()
          insert(chosen)
        }
        break
      case 'Escape':
        event.preventDefault()
        event.stopPropagation()
        if (at) setDismissed(at.start)
        break
    }
  }

  return (
    <Field
      {...field}
      as="textarea"
      ref={ref}
      value={value}
      onChange={(e) => {
        onValue(e.target.value)
        setCaret(e.target.selectionStart)
        setActive(0)
      }}
      onSelect={track}
      onClick={track}
      onKeyUp={(e) => {
        if (!['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(e.key)) track()
      }}
      onBlur={() => setDismissed(at?.start ?? null)}
      onFocus={() => setDismissed(null)}
      onKeyDown={onKeyDown}
      aria-autocomplete="list"
      aria-controls={listId}
      aria-activedescendant={current >= 0 ? `${listId}-${current}` : undefined}
      after={
        <div className="mention-box">
          <div
            id={listId}
            role="listbox"
            aria-label={t('peopleToMention')}
            hidden={!open}
            className="mention-list"
          >
            {options.map((person, n) => (
              // The textarea keeps the focus and its keys walk the options, so an option takes no keys.
              // biome-ignore lint/a11y/useKeyWithClickEvents: the textarea handles the keys
              <div
                key={person.id}
                id={`${listId}-${n}`}
                role="option"
                tabIndex={-1}
                aria-selected={n === current}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(person)}
                dir="auto"
              >
                {person.name}
              </div>
            ))}
          </div>
          <p role="status" className="visually-hidden">
            {open ? t('mentionStatus', { count: options.length }) : ''}
          </p>
        </div>
      }
    />
  )
}
