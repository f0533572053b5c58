import type { Claimant, ClaimantDetail } from '@counterclaim/shared'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { useMergeClaimant, useReloadClaimant } from '../api/claimants.ts'
import { ClaimantCombobox } from './claimant-combobox.tsx'

const claims = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'claim' : 'claims'}`

/**
 * Merges this claimant into another (editors): pick the one to keep, read what will happen, confirm; the
 * page then moves to the claimant kept, which now holds every claim.
 */
export function ClaimantMerge({ claimant, onDone }: { claimant: ClaimantDetail; onDone: () => void }) {
  const merge = useMergeClaimant(claimant.id)
  const reload = useReloadClaimant(claimant.id)
  const navigate = useNavigate()
  const [target, setTarget] = useState<Claimant | null>(null)
  const names = [claimant.name, ...claimant.aliases].map((n) => `“${n}”`).join(', ')

  return (
    <section className="panel merge-panel" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Merge “{claimant.name}” into another claimant</h2>
      <p className="muted">
        Use this when two claimants are one person or organisation. The claimant you pick is kept.
      </p>
      <ClaimantCombobox label="Claimant to keep" excludeId={claimant.id} onPick={setTarget} />
      {target ? (
        <div className="merge-confirm">
          <p>
            <strong>
              {claims(claimant.claims.length)} will move from “{claimant.name}” to “{target.name}”.
            </strong>{' '}
            {names} will become {claimant.aliases.length ? 'aliases' : 'an alias'} of “{target.name}” (a name
            it already has is kept once), and “{claimant.name}” will be archived. Published verdicts keep what
            the public sees until an editor publishes a correction.
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={merge.isPending}
              onClick={() =>
                merge.mutate(
                  { version: claimant.version, intoId: target.id },
                  { onSuccess: (kept) => navigate(`/claimants/${encodeURIComponent(kept.id)}`) },
                )
              }
            >
              {merge.isPending ? 'Merging…' : `Merge into ${target.name}`}
            </button>
            <button type="button" onClick={onDone}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      )}
      <ActionError
        error={merge.error}
        action="The claimants were not merged."
        onReload={() => {
          reload()
          onDone()
        }}
      />
    </section>
  )
}
