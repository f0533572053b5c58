import { keepPreviousData, type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query'
import { type KeyboardEvent, type ReactNode, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import './search-combobox.css'

/** One choice of a search combobox: what it is called, and a line that tells it apart from the others. */
export interface ComboboxOption {
  id: string
  label: string
  detail?: string
}

/** How long after the last key the options are searched again. */
const PAUSE_MS = 250

/**
 * A text field that searches as you type and offers what it finds as a list to choose from (the ARIA
 * combobox pattern): the arrow keys walk the list, Enter chooses, Escape closes it; a pointer works too.
 * The options come from `optionsQuery(text)`, a moment after the last key. Typing after a choice drops it.
 */
export function SearchCombobox<TKey extends QueryKey>({
  label,
  hint,
  selected,
  onSelect,
  optionsQuery,
  noMatch,
  invalid,
  describedBy,
}: {
  label: ReactNode
  hint?: ReactNode
  selected: ComboboxOption | null
  onSelect: (option: ComboboxOption | null) => void
  optionsQuery: (text: string) => UseQueryOptions<ComboboxOption[], Error, ComboboxOption[], TKey>
  /** What to say when nothing matches the text: "No dispute matches “x”." */
  noMatch: (text: string) => string
  invalid?: boolean
  /** Ids of text that describes the field further (its problems, say). */
  describedBy?: string
}) {
  const id = useId()
  const { t } = useTranslation('common')
  const listId = `${id}-list`
  const hintId = `${id}-hint`
  const labelId = `${id}-label`
  const [text, setText] = useState(selected?.label ?? '')
  const [searched, setSearched] = useState(text.trim())
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)

  // A choice made elsewhere (a reset after saving, say) shows in the field.
  const chosenLabel = selected?.label
  useEffect(() => {
    if (chosenLabel !== undefined) setText(chosenLabel)
  }, [chosenLabel])

  useEffect(() => {
    const next = text.trim()
    if (next === searched) return
    const timer = setTimeout(() => setSearched(next), PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text, searched])

  const options = useQuery({ ...optionsQuery(searched), enabled: open, placeholderData: keepPreviousData })
  const items = options.data ?? []
  const waiting = options.isFetching || searched !== text.trim()
  const shown = open && items.length > 0
  const current = shown && active >= 0 && active < items.length ? active : -1

  const choose = (option: ComboboxOption) => {
    onSelect(option)
    setText(option.label)
    setOpen(false)
    setActive(-1)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (!open) setOpen(true)
        else if (items.length > 0) setActive((a) => (a + 1) % items.length)
        break
      case 'ArrowUp':
        event.preventDefault()
        if (!open) setOpen(true)
        else if (items.length > 0) setActive((a) => (a <= 0 ? items.length - 1 : a - 1))
        break
      case 'Enter': {
        // Enter in an open list chooses; it never sends the form the field sits in.
        const option = current >= 0 ? items[current] : undefined
        if (open) event.preventDefault()
        if (option) choose(option)
        break
      }
      case 'Escape':
        if (open) {
          event.preventDefault()
          setOpen(false)
          setActive(-1)
        }
        break
    }
  }

  const status = !open
    ? ''
    : waiting && items.length === 0
      ? t('combobox.searching')
      : options.error
        ? ''
        : items.length === 0
          ? noMatch(text.trim())
          : t('combobox.choices', { count: items.length })

  return (
    <div className="combobox">
      <label id={labelId} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={current >= 0 ? `${listId}-${current}` : undefined}
        aria-describedby={[hint ? hintId : '', describedBy ?? ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        dir="auto"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
          setActive(-1)
          if (selected) onSelect(null)
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false)
          setActive(-1)
        }}
        onKeyDown={onKeyDown}
      />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div id={listId} role="listbox" aria-labelledby={labelId} hidden={!shown}>
        {items.map((option, n) => (
          // The field keeps the focus and its keys walk the options (aria-activedescendant), so an
          // option takes no focus and no keys of its own.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's field handles the keys
          <div
            key={option.id}
            id={`${listId}-${n}`}
            role="option"
            tabIndex={-1}
            aria-selected={n === current}
            className={selected?.id === option.id ? 'is-chosen' : undefined}
            // Keeps the focus in the field, so choosing with a pointer does not close the list first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(option)}
          >
            <span className="combobox-label" dir="auto">
              {option.label}
            </span>
            {option.detail ? <span className="combobox-detail">{option.detail}</span> : null}
          </div>
        ))}
      </div>
      <p role="status" className="combobox-status">
        {status}
      </p>
      {open && options.error ? (
        <p role="alert" className="error small">
          {t('combobox.failed')} {options.error.message}
        </p>
      ) : null}
    </div>
  )
}
