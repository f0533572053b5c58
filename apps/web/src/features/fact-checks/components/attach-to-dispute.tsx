import type { FactCheck } from '@counterclaim/shared'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { type ComboboxOption, SearchCombobox } from '../../../components/search-combobox.tsx'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
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
  const { t } = useTranslation('factChecks')
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
      setProblem(t('attach.chooseFirst'))
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
        {t('attach.button')}
        <span className="visually-hidden">
          : <span dir="auto">{factCheck.claimReviewed}</span>
        </span>
      </button>
      {open ? (
        <form ref={panel} id={ids.panel} className="attach-panel" onSubmit={submit} noValidate>
          <SearchCombobox
            label={t('attach.label')}
            hint={t('attach.hint')}
            selected={dispute}
            onSelect={(option) => {
              setDispute(option)
              if (option) setProblem(null)
            }}
            optionsQuery={disputeOptionsQuery}
            noMatch={(text) => (text ? t('attach.noMatch', { text }) : t('attach.noDisputes'))}
            invalid={problem !== null}
            describedBy={problem ? ids.problem : undefined}
          />
          {problem ? (
            <p id={ids.problem} className="field-error">
              {problem}
            </p>
          ) : null}
          <ActionError error={attach.error} action={t('attach.failed')} />
          <div className="actions">
            <button type="submit" className="primary" disabled={attach.isPending}>
              {attach.isPending ? t('attach.attaching') : t('attach.submit')}
            </button>
            <button type="button" onClick={close}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <p role="status" className="attach-done">
        {attached ? (
          <>
            <Trans
              t={t}
              i18nKey="attach.done"
              values={{ title: attached.label }}
              components={SENTENCE_TAGS}
            />{' '}
            <Link to={`/disputes/${encodeURIComponent(attached.id)}`}>{t('attach.openWorkbench')}</Link>
          </>
        ) : null}
      </p>
    </div>
  )
}
