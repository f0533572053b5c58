import type { StanceValue } from '@counterclaim/shared'
import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { StanceChoice } from '../api/workbench.ts'
import { ChoiceMenu } from './choice-menu.tsx'
import { STANCE_CHOICES, STANCE_LABELS, STANCE_MARKS } from './labels.ts'

/**
 * The choices for one cell of the evidence matrix, opened from the cell: the four stances, a note, and
 * Set; one Set is one decision (see ChoiceMenu).
 */
export function StanceMenu({
  id,
  label,
  stance,
  note,
  anchor,
  onSet,
  onClose,
}: {
  id: string
  /** "Stance of <evidence> on <claim>". */
  label: string
  stance: StanceValue | null
  note: string
  anchor: RefObject<HTMLButtonElement | null>
  onSet: (choice: StanceChoice) => void
  /** `refocus`: give the focus back to the cell (after Escape, Cancel or Set). */
  onClose: (refocus: boolean) => void
}) {
  const { t } = useTranslation('workbench')
  return (
    <ChoiceMenu
      id={id}
      label={label}
      groupLabel={t('menu.stance')}
      choices={STANCE_CHOICES}
      show={(value) => (
        <>
          <span aria-hidden="true">{STANCE_MARKS[value]}</span> {STANCE_LABELS[value]}
        </>
      )}
      value={stance}
      note={note}
      anchor={anchor}
      onClose={onClose}
      onSet={({ value, note: changed }) =>
        onSet({ stance: value, ...(changed === undefined ? {} : { note: changed }) })
      }
    />
  )
}
