import type { ClaimLink } from '@counterclaim/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ActionError } from '../../../components/action-error.tsx'
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
  if (link.linkedClaim) return `Same claim as: “${link.linkedClaim.text}”`
  return `Checked by ${link.factCheck?.publisher.name ?? 'another desk'}`
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
  const other = link.linkedClaim
  const check = link.factCheck
  return (
    <li className="link-item">
      {other ? (
        <span className="link-words">
          Same claim as:{' '}
          <Link to={`/disputes/${encodeURIComponent(other.disputeId)}`} className="link-quote">
            “{other.text}”
          </Link>{' '}
          <span className="muted">in {other.disputeTitle}</span>
        </span>
      ) : check ? (
        <span className="link-words">
          Checked by{' '}
          <a href={check.url} target="_blank" rel="noopener noreferrer">
            {check.publisher.name}
          </a>
          , <ExternalRatingWords rating={check.rating} />
        </span>
      ) : null}{' '}
      <button type="button" className="link-button" disabled={disabled} onClick={onUnlink}>
        Unlink
        <span className="visually-hidden">
          {' '}
          {claimLabel} from {other ? 'the same claim elsewhere' : (check?.publisher.name ?? 'the fact-check')}
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
      { onError: (error) => setFailure({ error, action: `Not linked to ${target.name}.` }) },
    )
  }
  const removeLink = (item: ClaimLink) => {
    setFailure(null)
    unlink.mutate(item, {
      onSuccess: () => setRemoved({ state: 'removed', link: item }),
      onError: (error) => setFailure({ error, action: 'The link was not removed.' }),
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
        onError: (error) => setFailure({ error, action: 'The link was not made again.' }),
      },
    )
  }

  return (
    <div className="claim-matches small">
      {items.length > 0 ? (
        <ul className="link-list" aria-label={`Links of ${claimLabel}`}>
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
      {links.error ? <p className="error">The links could not be loaded. {links.error.message}</p> : null}
      <div role="status" className="link-status">
        {removed ? (
          <div className="link-message">
            <p ref={restored} tabIndex={-1}>
              <strong>{removed.state === 'removed' ? 'Link removed' : 'Link restored'}</strong>:{' '}
              {linkWords(removed.link)}
            </p>
            <div className="actions compact">
              {removed.state === 'removed' ? (
                <button type="button" ref={undoButton} disabled={link.isPending} onClick={undo}>
                  Undo<span className="visually-hidden"> removing the link</span>
                </button>
              ) : null}
              <button type="button" className="link-button" onClick={() => setRemoved(null)}>
                Dismiss<span className="visually-hidden"> this message</span>
              </button>
            </div>
          </div>
        ) : null}
      </div>
      {failure ? <ActionError error={failure.error} action={failure.action} onReload={reloadLinks} /> : null}
      <details className="match-disclosure" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Matches{count === null ? null : ` (${count})`}
          <span className="visually-hidden"> of {claimLabel}</span>
        </summary>
        {matches.isPending && open ? <p role="status">Looking for similar claims…</p> : null}
        {matches.error ? (
          <p className="error">The matches could not be loaded. {matches.error.message}</p>
        ) : null}
        {matches.data ? (
          <MatchSections
            matches={matches.data}
            heading="h4"
            about={`of ${claimLabel}`}
            actionFor={(target) =>
              linked.has(target.key) ? (
                <p className="match-linked">Linked</p>
              ) : (
                <button
                  type="button"
                  className="small-button"
                  disabled={link.isPending}
                  onClick={() => makeLink(target)}
                >
                  {target.action}
                  <span className="visually-hidden">: {target.name}</span>
                </button>
              )
            }
          />
        ) : null}
      </details>
    </div>
  )
}
