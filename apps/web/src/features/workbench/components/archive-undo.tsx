import { useEffect, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { useReloadWorkbench, useSetArchived } from '../api/workbench.ts'

type Kind = 'claim' | 'evidence'

interface Target {
  id: string
  version: number
  /** How the record is named to the reader: "Oleg Kiper's claim", "“Photos of …”". */
  name: string
}

type Outcome = { state: 'archived' | 'restored'; target: Target }

/**
 * Archiving without a confirmation step, because it can be undone: the last archived record stays
 * restorable until the reader dismisses the message or archives something else (no time limit).
 */
export function useArchiveWithUndo(disputeId: string, kind: Kind) {
  const { t } = useTranslation('workbench')
  const mutation = useSetArchived(disputeId)
  const reload = useReloadWorkbench(disputeId)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [failure, setFailure] = useState<{ error: Error; action: string } | null>(null)

  const archive = (target: Target) => {
    setFailure(null)
    mutation.mutate(
      { kind, id: target.id, version: target.version, archived: true },
      {
        onSuccess: (record) =>
          setOutcome({ state: 'archived', target: { ...target, version: record.version } }),
        onError: (error) => setFailure({ error, action: t(`archive.${kind}.failed`) }),
      },
    )
  }

  const undo = () => {
    // A second press while the first is on its way would send a stale version.
    if (outcome?.state !== 'archived' || mutation.isPending) return
    const { target } = outcome
    setFailure(null)
    mutation.mutate(
      { kind, id: target.id, version: target.version, archived: false },
      {
        onSuccess: (record) =>
          setOutcome({ state: 'restored', target: { ...target, version: record.version } }),
        onError: (error) => setFailure({ error, action: t(`archive.${kind}.undoFailed`) }),
      },
    )
  }

  return {
    kind,
    outcome,
    failure,
    pending: mutation.isPending,
    archive,
    undo,
    dismiss: () => {
      setOutcome(null)
      setFailure(null)
    },
    reload: () => {
      setFailure(null)
      reload()
    },
  }
}

/**
 * Where a section says what was archived, with "Undo". The live region is always in the page, so its
 * message is announced when it appears; keyboard focus moves to "Undo", since the archived record's own
 * button has just left the page.
 */
export function ArchiveStatus({ archiving }: { archiving: ReturnType<typeof useArchiveWithUndo> }) {
  const { t } = useTranslation('workbench')
  const { kind, outcome, failure } = archiving
  const undoButton = useRef<HTMLButtonElement>(null)
  const restored = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (outcome?.state === 'archived') undoButton.current?.focus()
    else if (outcome?.state === 'restored') restored.current?.focus()
  }, [outcome])

  return (
    <>
      <div role="status" className="archive-status">
        {outcome ? (
          <div className="state-message archive-message">
            <p ref={restored} tabIndex={-1} className="archive-text">
              <strong>{t(`archive.${kind}.${outcome.state}`)}</strong>
              {': '}
              {outcome.target.name}.
            </p>
            <div className="actions compact">
              {outcome.state === 'archived' ? (
                <button type="button" ref={undoButton} onClick={archiving.undo}>
                  <Trans
                    t={t}
                    i18nKey="archive.undo"
                    values={{ name: outcome.target.name }}
                    components={{ hidden: <span className="visually-hidden" /> }}
                  />
                </button>
              ) : null}
              <button type="button" className="link-button" onClick={archiving.dismiss}>
                <Trans
                  t={t}
                  i18nKey="archive.dismiss"
                  components={{ hidden: <span className="visually-hidden" /> }}
                />
              </button>
            </div>
          </div>
        ) : null}
      </div>
      {failure ? (
        <ActionError error={failure.error} action={failure.action} onReload={archiving.reload} />
      ) : null}
    </>
  )
}
