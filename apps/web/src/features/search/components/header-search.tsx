import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { SEARCH_MAX_LENGTH } from '../api/search.ts'
import { clearRecentSearches, readRecentSearches, rememberSearch } from '../recent-searches.ts'
import './search.css'

/** Whether a key press lands in something that takes text, where "/" is just a character. */
function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
}

/**
 * The header's search box: Enter opens /search?q=…; "/" outside a text field jumps to it. In the box, this
 * browser's recent searches (the last eight) open as a list (the ARIA combobox pattern): the arrow keys walk
 * it, Enter searches again, Escape closes it, and "Clear recent searches" forgets them.
 */
export function HeaderSearch() {
  const { pathname, search } = useLocation()
  const navigate = useNavigate()
  const { t } = useTranslation('search')
  const inputId = useId()
  const listId = `${inputId}-recent`
  const listLabelId = `${inputId}-recent-label`
  const input = useRef<HTMLInputElement>(null)
  const onResults = pathname === '/search'
  const current = onResults ? (new URLSearchParams(search).get('q') ?? '') : ''
  const [draft, setDraft] = useState(current)
  const [recent, setRecent] = useState<string[]>(readRecentSearches)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)

  // On the results page the box shows the query in the address (back and forward too); elsewhere it is empty.
  // Every search that reaches the results page, from here or from a link, is remembered.
  useEffect(() => {
    setDraft(current)
    if (current.trim()) setRecent(rememberSearch(current))
  }, [current])

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.key !== '/' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      if (typesText(e.target)) return
      e.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  const typed = draft.trim().toLowerCase()
  const options = typed ? recent.filter((q) => q.toLowerCase().includes(typed)) : recent
  const shown = open && options.length > 0
  const chosenAt = shown && active >= 0 && active < options.length ? active : -1

  const close = () => {
    setOpen(false)
    setActive(-1)
  }
  const searchFor = (q: string) => {
    close()
    navigate(`/search?${new URLSearchParams({ q })}`)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (!open) setOpen(true)
        else if (options.length > 0) setActive((a) => (a + 1) % options.length)
        break
      case 'ArrowUp':
        event.preventDefault()
        if (!open) setOpen(true)
        else if (options.length > 0) setActive((a) => (a <= 0 ? options.length - 1 : a - 1))
        break
      case 'Enter': {
        const chosen = chosenAt >= 0 ? options[chosenAt] : undefined
        if (chosen !== undefined) {
          event.preventDefault()
          setDraft(chosen)
          searchFor(chosen)
        }
        break
      }
      case 'Escape':
        if (shown) {
          event.preventDefault()
          close()
        }
        break
    }
  }

  return (
    <search
      className="header-search"
      onBlur={(e) => {
        // Moving from the box to "Clear recent searches" keeps the list open; leaving both closes it.
        if (!e.currentTarget.contains(e.relatedTarget)) close()
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const q = draft.trim()
          if (!q) {
            input.current?.focus()
            return
          }
          searchFor(q)
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          {t('label')}
        </label>
        <input
          ref={input}
          id={inputId}
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={chosenAt >= 0 ? `${listId}-${chosenAt}` : undefined}
          name="q"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value)
            setOpen(true)
            setActive(-1)
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          placeholder={t('placeholder')}
          dir="auto"
          maxLength={SEARCH_MAX_LENGTH}
          autoComplete="off"
          aria-keyshortcuts="/"
          enterKeyHint="search"
        />
      </form>
      <div className="recent-searches" hidden={!shown}>
        <p id={listLabelId} className="recent-searches-title">
          {t('recent')}
        </p>
        <div id={listId} role="listbox" aria-labelledby={listLabelId}>
          {options.map((q, n) => (
            // The box keeps the focus and its keys walk the options (aria-activedescendant).
            // biome-ignore lint/a11y/useKeyWithClickEvents: the search box handles the keys
            <div
              key={q}
              id={`${listId}-${n}`}
              role="option"
              tabIndex={-1}
              aria-selected={n === chosenAt}
              dir="auto"
              // Keeps the focus in the box, so choosing with a pointer does not close the list first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setDraft(q)
                searchFor(q)
              }}
            >
              {q}
            </div>
          ))}
        </div>
        <button
          type="button"
          className="link-button recent-searches-clear"
          onClick={() => {
            clearRecentSearches()
            setRecent([])
            close()
            input.current?.focus()
          }}
        >
          {t('clearRecent')}
        </button>
      </div>
    </search>
  )
}
