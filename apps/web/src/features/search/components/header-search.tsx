import { useEffect, useId, useRef, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { SEARCH_MAX_LENGTH } from '../api/search.ts'
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

/** The header's search box: Enter opens /search?q=…; "/" outside a text field jumps to it. */
export function HeaderSearch() {
  const { pathname, search } = useLocation()
  const navigate = useNavigate()
  const inputId = useId()
  const input = useRef<HTMLInputElement>(null)
  const onResults = pathname === '/search'
  const current = onResults ? (new URLSearchParams(search).get('q') ?? '') : ''
  const [draft, setDraft] = useState(current)

  // On the results page the box shows the query in the address (back and forward too); elsewhere it is empty.
  useEffect(() => setDraft(current), [current])

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== '/' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      if (typesText(e.target)) return
      e.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  return (
    <search className="header-search">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const q = draft.trim()
          if (!q) {
            input.current?.focus()
            return
          }
          navigate(`/search?${new URLSearchParams({ q })}`)
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          Search
        </label>
        <input
          ref={input}
          id={inputId}
          type="search"
          name="q"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Search…"
          maxLength={SEARCH_MAX_LENGTH}
          autoComplete="off"
          aria-keyshortcuts="/"
          enterKeyHint="search"
        />
      </form>
    </search>
  )
}
