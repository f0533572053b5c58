import type { ClaimRelation, WorkbenchClaim } from '@counterclaim/shared'
import { useCallback, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { ActionError } from '../../../components/action-error.tsx'
import { relationOf, useSetRelation } from '../api/claim-relations.ts'
import { useReloadWorkbench } from '../api/workbench.ts'
import { useChangedLive } from '../hooks/use-dispute-events.ts'
import { ChoiceMenu } from './choice-menu.tsx'
import { RELATION_CHOICES, RELATION_LABELS } from './labels.ts'

interface PairProps {
  disputeId: string
  one: WorkbenchClaim
  other: WorkbenchClaim
  relations: readonly ClaimRelation[]
  /** How a claim is named to screen readers: "Oleg Kiper's claim". */
  label: (claim: WorkbenchClaim) => string
}

/**
 * How two claims relate, as a button that opens the relation's menu (contradicts, compatible, different
 * scope, same claim, none, with a note). Its name says both claims and the relation; one Set is one save.
 */
export function RelationControl({
  disputeId,
  one,
  other,
  relations,
  label,
  showNote = false,
}: PairProps & { showNote?: boolean }) {
  const { t } = useTranslation('workbench')
  const relation = relationOf(relations, one.id, other.id)
  const kind = relation?.kind ?? null
  const note = relation?.note ?? ''
  const [failure, setFailure] = useState<Error | null>(null)
  const setRelation = useSetRelation(disputeId, { claimId: one.id, otherClaimId: other.id }, setFailure)
  const reload = useReloadWorkbench(disputeId)
  const changedLive = useChangedLive(relation?.id ?? null)
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement | null>(null)
  const menuId = useId()
  const title = t('relations.how', { one: label(one), other: label(other) })
  const close = useCallback((refocus: boolean) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }, [])
  return (
    <div className={changedLive ? 'relation-control live-changed' : 'relation-control'}>
      <button
        type="button"
        ref={button}
        className={`relation-button relation-${kind ?? 'none'}`}
        aria-label={t('relations.howWithKind', {
          one: label(one),
          other: label(other),
          relation: kind ? RELATION_LABELS[kind] : t('relations.notSet'),
        })}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.preventDefault()
            setOpen(false)
          }
        }}
        onClick={() => setOpen((o) => !o)}
      >
        {kind ? RELATION_LABELS[kind] : <span className="none-mark">{t('relations.notSet')}</span>}{' '}
        {note ? (
          // The note is what a person wrote: its tooltip sits on the note's mark, in the note's own direction.
          <span aria-hidden="true" className="stance-note-mark" title={note} dir="auto">
            ✎{' '}
          </span>
        ) : null}
        <span aria-hidden="true">▾</span>
      </button>
      {showNote && note && kind ? (
        <span className="relation-note small muted" dir="auto">
          {note}
        </span>
      ) : null}
      {open ? (
        <ChoiceMenu
          id={menuId}
          label={title}
          groupLabel={t('menu.relation')}
          choices={RELATION_CHOICES}
          show={(value) => RELATION_LABELS[value]}
          value={kind}
          note={note}
          anchor={button}
          onClose={close}
          onSet={({ value, note: changed }) => {
            setFailure(null)
            setRelation.mutate({ kind: value, ...(changed === undefined ? {} : { note: changed }) })
          }}
        />
      ) : null}
      <ActionError
        error={failure}
        action={t('relations.notSaved', { one: label(one), other: label(other) })}
        onReload={() => {
          setFailure(null)
          reload()
        }}
      />
    </div>
  )
}

/** Between two adjacent claim columns: how the two claims relate (the note shows as the tooltip of its mark). */
export function RelationGutter(props: PairProps) {
  return (
    <div className="relation-gutter">
      <RelationControl {...props} />
    </div>
  )
}

/** Every pair of the dispute's claims and how they relate: for three claims or more, where not all are adjacent. */
export function RelationList({
  disputeId,
  claims,
  relations,
  label,
}: {
  disputeId: string
  claims: readonly WorkbenchClaim[]
  relations: readonly ClaimRelation[]
  label: (claim: WorkbenchClaim) => string
}) {
  const { t } = useTranslation('workbench')
  const headingId = useId()
  if (claims.length < 3) return null
  const pairs = claims.flatMap((one, i) => claims.slice(i + 1).map((other) => [one, other] as const))
  return (
    <section aria-labelledby={headingId} className="relation-list">
      <h3 id={headingId}>{t('relations.heading')}</h3>
      <ul>
        {pairs.map(([one, other]) => (
          <li key={`${one.id}/${other.id}`}>
            <span className="relation-pair">
              <Trans
                t={t}
                i18nKey="relations.pair"
                values={{ one: label(one), other: label(other) }}
                components={{ one: <span dir="auto" />, other: <span dir="auto" /> }}
              />
            </span>
            <RelationControl
              disputeId={disputeId}
              one={one}
              other={other}
              relations={relations}
              label={label}
              showNote
            />
          </li>
        ))}
      </ul>
    </section>
  )
}
