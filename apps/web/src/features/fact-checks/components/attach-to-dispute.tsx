import type { FactCheck } from '@counterclaim/shared'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { type ComboboxOption, SearchCombobox } from '../../../components/search-combobox.tsx'
import { disputeOptionsQuery, useAttachFactCheck } from '../api/fact-checks.ts'

/**
 * "Attach to a dispute": find a dispute by its title, then the fact-check becomes evidence there (kind
 * fact_check, its fields filled by the server), with a way to open that workbench.
 */
export function AttachToDispute({
  factCheck,
  onAttached,
}: {
  factCheck: FactCheck
  onAttached: (disputeId: string) => void
}) {
  const attach = useAttachFactCheck(onAttached)
  const [open, setOpen] = useState(false)
  const [dispute, setDispute] = useState<ComboboxOption | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [attached, setAttached] = useState<ComboboxOption | null>(null)
  // One id per attempt: a retried request after a lost answer does not attach twice.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID())
  const toggle = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLFormElement>(null)
  const ids = { panel: useId(), problem: useId() }

  useEffect(() => {
    if (open) panel.current?.querySelector('input')?.focus()
  }, [open])

  const close = () => {
    setOpen(false)
    setDispute(null)
    setProblem(null)
    attach.reset()
    toggle.current?.focus()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!dispute) {
      setProblem('Choose a dispute from the list first.')
      return
    }
    setProblem(null)
    attach.mutate(
      { id: requestId, disputeId: dispute.id, factCheckId: factCheck.id },
      {
        onSuccess: () => {
          setAttached(dispute)
          setOpen(false)
          setDispute(null)
          setRequestId(crypto.randomUUID())
          toggle.current?.focus()
        },
      },
    )
  }

  return (
    <div className="attach">
      <button
        type="button"
        ref={toggle}
        aria-expanded={open}
        aria-controls={open ? ids.panel : undefined}
        onClick={() => {
          if (open) close()
          else {
            setAttached(null)
            setOpen(true)
          }
        }}
      >
        Attach to a dispute<span className="visually-hidden">: {factCheck.claimReviewed}</span>
      </button>
      {open ? (
        <form ref={panel} id={ids.panel} className="attach-panel" onSubmit={submit} noValidate>
          <SearchCombobox
            label="Dispute to attach it to"
            hint="Type part of the dispute’s title or question, then choose it from the list."
            selected={dispute}
            onSelect={(option) => {
              setDispute(option)
              if (option) setProblem(null)
            }}
            optionsQuery={disputeOptionsQuery}
            noMatch={(text) => (text ? `No dispute matches “${text}”.` : 'No disputes yet.')}
            invalid={problem !== null}
            describedBy={problem ? ids.problem : undefined}
          />
          {problem ? (
            <p id={ids.problem} className="field-error">
              {problem}
            </p>
          ) : null}
          <ActionError error={attach.error} action="The fact-check was not attached." />
          <div className="actions">
            <button type="submit" className="primary" disabled={attach.isPending}>
              {attach.isPending ? 'Attaching…' : 'Attach as evidence'}
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <p role="status" className="attach-done">
        {attached ? (
          <>
            Attached to “{attached.label}” as evidence.{' '}
            <Link to={`/disputes/${encodeURIComponent(attached.id)}`}>Open the workbench</Link>
          </>
        ) : null}
      </p>
    </div>
  )
}
