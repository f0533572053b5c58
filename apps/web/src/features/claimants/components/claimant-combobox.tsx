import { type Claimant, LIMITS } from '@counterclaim/shared'
import { useQuery } from '@tanstack/react-query'
import { type KeyboardEvent, useEffect, useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import { claimantSearchQuery } from '../api/claimants.ts'

/**
 * Finds a claimant by name or alias as the person types (the exact one first) and picks it: a combobox
 * whose list the arrow keys walk, Enter picks from and Escape closes.
 */
export function ClaimantCombobox({
  label,
  excludeId,
  onPick,
}: {
  label: string
  /** A claimant never offered (the one being merged). */
  excludeId: string
  onPick: (claimant: Claimant) => void
}) {
  const { t } = useTranslation(['claimants', 'domain'])
  const inputId = useId()
  const listId = useId()
  const statusId = useId()
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)

  // Asks a moment after the last key, not at every letter.
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 200)
    return () => clearTimeout(timer)
  }, [text])
  const results = useQuery({ ...claimantSearchQuery(q), enabled: q.length > 0 })
  const options = (results.data?.items ?? []).filter((c) => c.id !== excludeId)
  const shown = open && q.length > 0 && options.length > 0
  const optionId = (i: number) => `${listId}-${i}`

  const pick = (claimant: Claimant) => {
    setText(claimant.name)
    setOpen(false)
    setActive(-1)
    onPick(claimant)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setOpen(true)
      setActive((i) => (options.length ? (i + 1) % options.length : -1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1))
    } else if (e.key === 'Enter') {
      const chosen = options[active]
      if (shown && chosen) {
        e.preventDefault()
        pick(chosen)
      }
    } else if (e.key === 'Escape') {
      setOpen(false)
      setActive(-1)
    }
  }

  let status = ''
  if (q && results.isFetching) status = t('claimants:combobox.searching')
  else if (q && results.isSuccess && options.length === 0) status = t('claimants:combobox.noMatch', { q })
  else if (shown) status = t('claimants:combobox.matches', { count: options.length })

  return (
    <div className="form-field combobox">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={statusId}
        dir="auto"
        autoComplete="off"
        maxLength={LIMITS.search}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setOpen(true)
          setActive(-1)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!shown}>
        {shown
          ? options.map((c, i) => (
              // The input keeps the focus: the list is walked with aria-activedescendant, clicked with the mouse.
              <div
                key={c.id}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(c)}
                onKeyDown={onKeyDown}
              >
                <span className="option-name" dir="auto">
                  {c.name}
                </span>{' '}
                <span className="muted">
                  {t(`domain:claimantKind.${c.kind}`)}
                  {c.aliases.length ? (
                    <>
                      {' · '}
                      <Trans
                        t={t}
                        i18nKey="claimants:list.also"
                        values={{ aliases: c.aliases.join(', ') }}
                        components={SENTENCE_TAGS}
                      />
                    </>
                  ) : null}
                </span>
              </div>
            ))
          : null}
      </div>
      <p id={statusId} className="hint" role="status">
        {status}
      </p>
    </div>
  )
}
