import type { Claimant, ClaimantDetail } from '@counterclaim/shared'
import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { useMergeClaimant, useReloadClaimant } from '../api/claimants.ts'
import { ClaimantCombobox } from './claimant-combobox.tsx'

/**
 * Merges this claimant into another (editors): pick the one to keep, read what will happen, confirm; the
 * page then moves to the claimant kept, which now holds every claim.
 */
export function ClaimantMerge({ claimant, onDone }: { claimant: ClaimantDetail; onDone: () => void }) {
  const { t } = useTranslation('claimants')
  const merge = useMergeClaimant(claimant.id)
  const reload = useReloadClaimant(claimant.id)
  const navigate = useNavigate()
  const [target, setTarget] = useState<Claimant | null>(null)
  const names = [claimant.name, ...claimant.aliases].map((n) => t('merge.quoted', { name: n })).join(', ')
  const user = { user: <span dir="auto" />, strong: <strong /> }

  return (
    <section className="panel merge-panel" aria-labelledby="merge-heading">
      <h2 id="merge-heading">
        <Trans t={t} i18nKey="merge.heading" values={{ name: claimant.name }} components={user} />
      </h2>
      <p className="muted">{t('merge.intro')}</p>
      <ClaimantCombobox label={t('merge.keep')} excludeId={claimant.id} onPick={setTarget} />
      {target ? (
        <div className="merge-confirm">
          <p>
            <Trans
              t={t}
              i18nKey="merge.willMove"
              count={claimant.claims.length}
              values={{ count: claimant.claims.length, from: claimant.name, to: target.name }}
              components={user}
            />{' '}
            <Trans
              t={t}
              i18nKey={claimant.aliases.length ? 'merge.becomeAliases' : 'merge.becomeAlias'}
              values={{ names, from: claimant.name, to: target.name }}
              components={user}
            />
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
              {merge.isPending ? t('merge.merging') : t('merge.mergeInto', { name: target.name })}
            </button>
            <button type="button" onClick={onDone}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" onClick={onDone}>
            {t('cancel')}
          </button>
        </div>
      )}
      <ActionError
        error={merge.error}
        action={t('merge.failed')}
        onReload={() => {
          reload()
          onDone()
        }}
      />
    </section>
  )
}
