import { LIMITS } from '@counterclaim/shared'
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react'
import { Trans, useTranslation } from 'react-i18next'

/** Space kept between the menu and the screen's edges, in px. */
const EDGE = 8

/** One decision made in a choice menu: the value, and the note when the person changed it. */
export interface MenuChoice<V extends string> {
  value: V | null
  note?: string
}

/** Where the menu sits: under its cell (above it when there is no room below), always inside the screen. */
function placeUnder(anchor: HTMLElement, menu: HTMLElement): { left: number; top: number } {
  const cell = anchor.getBoundingClientRect()
  const width = menu.offsetWidth
  const height = menu.offsetHeight
  const left = Math.max(EDGE, Math.min(cell.left, window.innerWidth - width - EDGE))
  const below = cell.bottom + 4
  const above = cell.top - height - 4
  const top =
    below + height <= window.innerHeight - EDGE || above < EDGE
      ? Math.max(EDGE, Math.min(below, window.innerHeight - height - EDGE))
      : above
  return { left, top }
}

/**
 * A menu of choices opened from a control (a matrix cell, a relation between two claims): the choices as
 * radio-like menu items (the arrow keys move between them; null is "None"), a note, and Set. One Set is
 * one decision: `onSet` is called once, and only when something changed. Escape, Cancel or a click
 * elsewhere closes it unchanged.
 */
export function ChoiceMenu<V extends string>({
  id,
  label,
  groupLabel,
  choices,
  show,
  value: stance,
  note,
  noteMax = LIMITS.stanceNote,
  anchor,
  onSet,
  onClose,
}: {
  id: string
  /** The dialog's name: "Stance of <evidence> on <claim>". */
  label: string
  /** The choices' name: "Stance". */
  groupLabel: string
  /** The choices in their order; null is "None". A constant: a new list re-places the menu and its focus. */
  choices: readonly (V | null)[]
  /** How a (non-null) choice reads. */
  show: (value: V) => ReactNode
  value: V | null
  note: string
  noteMax?: number
  anchor: RefObject<HTMLButtonElement | null>
  onSet: (choice: MenuChoice<V>) => void
  /** `refocus`: give the focus back to the control (after Escape, Cancel or Set). */
  onClose: (refocus: boolean) => void
}) {
  const { t } = useTranslation('workbench')
  const [chosen, setChosen] = useState<V | null>(stance)
  const [text, setText] = useState(note)
  const menuRef = useRef<HTMLDivElement>(null)
  const items = useRef<(HTMLButtonElement | null)[]>([])
  const noteId = useId()
  const noteTouched = text !== note

  // Placed before it is painted, and again when the page scrolls or the window changes size; then the
  // stance the cell had when the menu opened takes the focus.
  const opened = useRef(stance)
  useLayoutEffect(() => {
    const place = () => {
      const menu = menuRef.current
      if (!anchor.current || !menu) return
      const { left, top } = placeUnder(anchor.current, menu)
      menu.style.left = `${left}px`
      menu.style.top = `${top}px`
    }
    place()
    items.current[Math.max(0, choices.indexOf(opened.current))]?.focus()
    window.addEventListener('resize', place)
    window.addEventListener('scroll', place, true)
    return () => {
      window.removeEventListener('resize', place)
      window.removeEventListener('scroll', place, true)
    }
  }, [anchor, choices])

  // A click outside the menu and its cell closes it.
  useEffect(() => {
    const outside = (event: PointerEvent) => {
      const target = event.target as Node | null
      if (!target || menuRef.current?.contains(target) || anchor.current?.contains(target)) return
      onClose(false)
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [anchor, onClose])

  const set = (value: V | null) => {
    if (value !== stance || noteTouched) onSet({ value, ...(noteTouched ? { note: text } : {}) })
    onClose(true)
  }

  const onItemKey = (event: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const last = choices.length - 1
    const moves: Record<string, number> = {
      ArrowDown: at === last ? 0 : at + 1,
      ArrowRight: at === last ? 0 : at + 1,
      ArrowUp: at === 0 ? last : at - 1,
      ArrowLeft: at === 0 ? last : at - 1,
      Home: 0,
      End: last,
    }
    const to = moves[event.key]
    if (to !== undefined) {
      event.preventDefault()
      items.current[to]?.focus()
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const value = choices[at] ?? null
      // With the note untouched, Enter on a choice is the whole decision; otherwise it picks, and Set sends.
      if (noteTouched) setChosen(value)
      else set(value)
    }
  }

  return (
    <div
      id={id}
      ref={menuRef}
      role="dialog"
      aria-label={label}
      className="stance-menu"
      style={{ position: 'fixed', left: EDGE, top: EDGE }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onClose(true)
        }
      }}
      onBlur={(event) => {
        const next = event.relatedTarget as Node | null
        if (next && !menuRef.current?.contains(next) && !anchor.current?.contains(next)) onClose(false)
      }}
    >
      <div role="menu" aria-label={groupLabel} className="stance-choices">
        {choices.map((value, at) => (
          <button
            key={value ?? 'none'}
            type="button"
            role="menuitemradio"
            aria-checked={chosen === value}
            tabIndex={chosen === value ? 0 : -1}
            ref={(el) => {
              items.current[at] = el
            }}
            className={`stance-choice stance-${value ?? 'none'}`}
            onClick={() => setChosen(value)}
            onKeyDown={(event) => onItemKey(event, at)}
          >
            <span aria-hidden="true" className="stance-radio">
              {chosen === value ? '●' : '○'}
            </span>{' '}
            {value ? show(value) : t('menu.none')}
          </button>
        ))}
      </div>
      <label htmlFor={noteId} className="stance-note-label">
        <Trans t={t} i18nKey="menu.note" components={{ muted: <span className="muted" /> }} />
      </label>
      <textarea
        id={noteId}
        rows={2}
        dir="auto"
        maxLength={noteMax}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="actions compact">
        <button type="button" className="primary" onClick={() => set(chosen)}>
          {t('menu.set')}
        </button>
        <button type="button" onClick={() => onClose(true)}>
          {t('menu.cancel')}
        </button>
      </div>
    </div>
  )
}
