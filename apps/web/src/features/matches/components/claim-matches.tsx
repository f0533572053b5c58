import type { ClaimLink } from '@counterclaim/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
import { i18n } from '../../../i18n/i18n.ts'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'
import {
  claimLinksQuery,
  claimMatchesQuery,
  matchKeys,
  relinkBody,
  useLinkClaim,
  useUnlink,
} from '../api/matches.ts'
import { ExternalRatingWords, linkKey, MatchSections, type MatchTarget } from './match-list.tsx'

/** How a link reads in a claim's column: "Same claim as: “…”" or "Checked by Full Fact". */
function linkWords(link: ClaimLink): string {
  if (link.linkedClaim) return i18n.t('matches:sameClaimAs', { text: link.linkedClaim.text })
  return i18n.t('matches:checkedBy', {
    publisher: link.factCheck?.publisher.name ?? i18n.t('matches:anotherDesk'),
  })
}

type Removed = { state: 'removed' | 'restored'; link: ClaimLink }

/** One link of a claim, with what it points at and "Unlink". */
function LinkItem({
  link,
  claimLabel,
  disabled,
  onUnlink,
}: {
  link: ClaimLink
  claimLabel: string
  disabled: boolean
  onUnlink: () => void
}) {
  const { t } = useTranslation('matches')
  const other = link.linkedClaim
  const check = link.factCheck
  const user = { user: <span dir="auto" /> }
  return (
    <li className="link-item">
      {other ? (
        <span className="link-words">
          {t('link.sameClaimAs')}{' '}
          <Link to={`/disputes/${encodeURIComponent(other.disputeId)}`} className="link-quote">
            <Trans t={t} i18nKey="link.quoted" values={{ text: other.text }} components={user} />
          </Link>{' '}
          <span className="muted">
            <Trans t={t} i18nKey="link.inDispute" values={{ title: other.disputeTitle }} components={user} />
          </span>
        </span>
      ) : check ? (
        <span className="link-words">
          {t('link.checkedBy')}{' '}
          <a href={check.url} target="_blank" rel="noopener noreferrer" dir="auto">
            {check.publisher.name}
          </a>
          , <ExternalRatingWords rating={check.rating} />
        </span>
      ) : null}{' '}
      <button type="button" className="link-button" disabled={disabled} onClick={onUnlink}>
        {t('link.unlink')}
        <span className="visually-hidden">
          {' '}
          <Trans
            t={t}
            i18nKey={other ? 'link.unlinkSame' : check ? 'link.unlinkFrom' : 'link.unlinkFactCheck'}
            values={{ claim: claimLabel, publisher: check?.publisher.name ?? '' }}
            components={user}
          />
        </span>
      </button>
    </li>
  )
}

/**
 * A claim's links and matches, in its column. The links are read with the column (a short indexed list, and
 * what the claim already says about itself); the matches are asked for only when "Matches" is first opened,
 * since finding them ranks the whole desk and a workbench shows several columns at once. Until then the
 * disclosure shows no count; once they are known it does. Unlinking needs no confirmation: "Undo" links
 * again, and stays offered until the message is dismissed or another link is removed (no time limit).
 */
export function ClaimMatches({ claimId, claimLabel }: { claimId: string; claimLabel: string }) {
  const { t } = useTranslation('matches')
  const client = useQueryClient()
  const [open, setOpen] = useState(false)
  const links = useQuery(claimLinksQuery(claimId))
  const matches = useQuery({ ...claimMatchesQuery(claimId), enabled: open })
  const link = useLinkClaim()
  const unlink = useUnlink()
  const [removed, setRemoved] = useState<Removed | null>(null)
  const [failure, setFailure] = useState<{ error: Error; action: string } | null>(null)
  const undoButton = useRef<HTMLButtonElement>(null)
  const restored = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (removed?.state === 'removed') undoButton.current?.focus()
    else if (removed?.state === 'restored') restored.current?.focus()
  }, [removed])

  const items = links.data?.items ?? []
  const linked = new Set(items.map(linkKey))
  const count = matches.data ? matches.data.claims.length + matches.data.factChecks.length : null
  const reloadLinks = () => {
    setFailure(null)
    void client.invalidateQueries({ queryKey: matchKeys.links(claimId) })
  }

  const makeLink = (target: MatchTarget) => {
    setFailure(null)
    link.mutate(
      { claimId, json: target.body },
      { onError: (error) => setFailure({ error, action: t('notLinked', { name: target.name }) }) },
    )
  }
  const removeLink = (item: ClaimLink) => {
    setFailure(null)
    unlink.mutate(item, {
      onSuccess: () => setRemoved({ state: 'removed', link: item }),
      onError: (error) => setFailure({ error, action: t('notRemoved') }),
    })
  }
  const undo = () => {
    if (removed?.state !== 'removed' || link.isPending) return
    const { link: gone } = removed
    setFailure(null)
    link.mutate(
      { claimId, json: relinkBody(gone) },
      {
        onSuccess: (made) => setRemoved({ state: 'restored', link: made }),
        onError: (error) => setFailure({ error, action: t('notRelinked') }),
      },
    )
  }

  return (
    <div className="claim-matches small">
      {items.length > 0 ? (
        <ul className="link-list" aria-label={t('linksOf', { claim: claimLabel })}>
          {items.map((item) => (
            <LinkItem
              key={item.id}
              link={item}
              claimLabel={claimLabel}
              disabled={unlink.isPending}
              onUnlink={() => removeLink(item)}
            />
          ))}
        </ul>
      ) : null}
      {links.error ? (
        <p className="error">
          {t('linksFailed')} {links.error.message}
        </p>
      ) : null}
      <div role="status" className="link-status">
        {removed ? (
          <div className="link-message">
            <p ref={restored} tabIndex={-1}>
              <strong>{removed.state === 'removed' ? t('linkRemoved') : t('linkRestored')}</strong>:{' '}
              <span dir="auto">{linkWords(removed.link)}</span>
            </p>
            <div className="actions compact">
              {removed.state === 'removed' ? (
                <button type="button" ref={undoButton} disabled={link.isPending} onClick={undo}>
                  {t('undo')}
                  <span className="visually-hidden"> {t('undoWhat')}</span>
                </button>
              ) : null}
              <button type="button" className="link-button" onClick={() => setRemoved(null)}>
                {t('dismiss')}
                <span className="visually-hidden"> {t('dismissWhat')}</span>
              </button>
            </div>
          </div>
        ) : null}
      </div>
      {failure ? <ActionError error={failure.error} action={failure.action} onReload={reloadLinks} /> : null}
      <details className="match-disclosure" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          {count === null ? t('disclosure') : t('disclosureCount', { count })}
          <span className="visually-hidden">
            {' '}
            <Trans t={t} i18nKey="ofClaim" values={{ claim: claimLabel }} components={SENTENCE_TAGS} />
          </span>
        </summary>
        {matches.isPending && open ? <p role="status">{t('looking')}</p> : null}
        {matches.error ? (
          <p className="error">
            {t('matchesFailed')} {matches.error.message}
          </p>
        ) : null}
        {matches.data ? (
          <MatchSections
            matches={matches.data}
            heading="h4"
            about={
              <Trans t={t} i18nKey="ofClaim" values={{ claim: claimLabel }} components={SENTENCE_TAGS} />
            }
            actionFor={(target) =>
              linked.has(target.key) ? (
                <p className="match-linked">{t('linked')}</p>
              ) : (
                <button
                  type="button"
                  className="small-button"
                  disabled={link.isPending}
                  onClick={() => makeLink(target)}
                >
                  {target.action}
                  <span className="visually-hidden">
                    : <span dir="auto">{target.name}</span>
                  </span>
                </button>
              )
            }
          />
        ) : null}
      </details>
    </div>
  )
}
