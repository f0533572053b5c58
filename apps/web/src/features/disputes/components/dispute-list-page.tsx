import type { DisputeListItem } from '@counterclaim/shared'
import { useInfiniteQuery } from '@tanstack/react-query'
import { type ComponentType, type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ClaimantName } from '../../../components/claimant-name.tsx'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { RatingBadge, VerdictStatusBadge } from '../../../components/verdict-badges.tsx'
import { type DisputeFilters, disputeListQuery } from '../api/disputes.ts'
import { DisputeCreateForm } from './dispute-create-form.tsx'

function filtersFrom(params: URLSearchParams): DisputeFilters {
  const status = params.get('status')
  return {
    q: params.get('q') || undefined,
    status: status === 'open' || status === 'closed' ? status : undefined,
    tag: params.get('tag') || undefined,
    assignee: params.get('assignee') === 'me' ? 'me' : undefined,
  }
}

/**
 * Assignment, from another feature: who is on each dispute and by when, and assigning several disputes at
 * once (composed in src/app; features do not import one another).
 */
export interface DisputeListAssignment {
  Assignees: ComponentType<{ assigneeIds: readonly string[]; dueOn: string | null }>
  BulkAssign: ComponentType<{
    disputes: readonly DisputeListItem[]
    /** With how it ended, in words; null when cancelled. */
    onClose: (summary: string | null) => void
  }>
}

function DisputeRow({
  dispute,
  assignment,
  selected,
  onSelect,
}: {
  dispute: DisputeListItem
  assignment?: DisputeListAssignment
  selected: boolean
  onSelect: (on: boolean) => void
}) {
  const checkId = useId()
  const { t } = useTranslation('disputes')
  return (
    <li className={assignment ? 'dispute-row selectable' : 'dispute-row'}>
      {assignment ? (
        <div className="dispute-select">
          <input
            id={checkId}
            type="checkbox"
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
          <label htmlFor={checkId} className="visually-hidden">
            <Trans
              t={t}
              i18nKey="select"
              values={{ question: dispute.question }}
              components={{ q: <span dir="auto" /> }}
            />
          </label>
        </div>
      ) : null}
      <div className="dispute-main">
        <h2>
          <Link to={`/disputes/${dispute.id}`} dir="auto">
            {dispute.question}
          </Link>
        </h2>
        <p className="muted small">
          <span dir="auto">{dispute.title}</span> ·{' '}
          <span className={`dispute-status status-word-${dispute.status}`}>
            {t(`statusWord.${dispute.status}`)}
          </span>
          {dispute.tags.map((tag) => (
            <span key={tag}>
              {' · '}
              <Link to={`/disputes?tag=${encodeURIComponent(tag)}`} className="tag" dir="auto">
                #{tag}
              </Link>
            </span>
          ))}
        </p>
        {assignment && (dispute.assigneeIds.length > 0 || dispute.dueOn) ? (
          <p className="small">
            <assignment.Assignees assigneeIds={dispute.assigneeIds} dueOn={dispute.dueOn} />
          </p>
        ) : null}
      </div>
      {dispute.claims.length === 0 ? (
        <p className="muted small">{t('noClaims')}</p>
      ) : (
        <ul className="claim-states" aria-label={t('claimStates')}>
          {dispute.claims.map((c) => (
            <li key={c.id}>
              <ClaimantName className="claimant-name" claimant={c.claimant} />
              <span className="claim-short-text" dir="auto">
                {c.shortText ?? ''}
              </span>
              <span className="badges">
                {c.verdictStatus ? <RatingBadge rating={c.rating} /> : null}{' '}
                <VerdictStatusBadge status={c.verdictStatus} />
              </span>
              {c.returnNote ? (
                <span className="return-note small">
                  <strong>{t('returned')}</strong> <span dir="auto">{c.returnNote}</span>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/**
 * The disputes the desk is working on, filtered by words, status, tag and "assigned to me" (all kept in the
 * URL); with assignment composed in, several can be chosen and assigned at once.
 */
export function DisputeListPage({
  assignment,
  independentByDefault = false,
}: {
  assignment?: DisputeListAssignment
  /** The desk's default for new disputes' independent ratings. */
  independentByDefault?: boolean
}) {
  const [params, setParams] = useSearchParams()
  const { t } = useTranslation(['disputes', 'common'])
  const navigate = useNavigate()
  const filters = filtersFrom(params)
  const disputes = useInfiniteQuery(disputeListQuery(filters))
  const items = disputes.data?.pages.flatMap((p) => p.items) ?? []
  const [creating, setCreating] = useState(false)
  const [q, setQ] = useState(filters.q ?? '')
  const [tag, setTag] = useState(filters.tag ?? '')
  const ids = { q: useId(), status: useId(), tag: useId(), mine: useId() }
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [assigning, setAssigning] = useState(false)
  const [assigned, setAssigned] = useState('')
  const assignButton = useRef<HTMLButtonElement>(null)
  const chosen = items.filter((d) => selected.has(d.id))
  const select = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  // The URL is the truth: a tag link or the back button changes the fields too.
  useEffect(() => {
    setQ(filters.q ?? '')
    setTag(filters.tag ?? '')
  }, [filters.q, filters.tag])

  const apply = (next: DisputeFilters) => {
    const p = new URLSearchParams()
    if (next.q) p.set('q', next.q)
    if (next.status) p.set('status', next.status)
    if (next.tag) p.set('tag', next.tag)
    if (next.assignee) p.set('assignee', next.assignee)
    setParams(p)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    apply({ ...filters, q: q.trim() || undefined, tag: tag.trim().replace(/^#/, '') || undefined })
  }
  const filtered = Boolean(filters.q || filters.status || filters.tag || filters.assignee)

  return (
    <section aria-labelledby="disputes-heading" className="page">
      <title>{t('common:pageTitle', { title: t('title') })}</title>
      <div className="page-head">
        <h1 id="disputes-heading">{t('title')}</h1>
        {creating ? null : (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('newDispute')}
          </button>
        )}
      </div>
      {creating ? (
        <DisputeCreateForm
          onCreated={(id) => navigate(`/disputes/${id}`)}
          onCancel={() => setCreating(false)}
          independentByDefault={independentByDefault}
        />
      ) : null}
      <form className="filters" aria-label={t('filters')} onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.q}>{t('search')}</label>
          <input id={ids.q} type="search" dir="auto" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.status}>{t('status')}</label>
          <select
            id={ids.status}
            value={filters.status ?? ''}
            onChange={(e) => {
              const v = e.target.value
              apply({ ...filters, status: v === 'open' || v === 'closed' ? v : undefined })
            }}
          >
            <option value="">{t('anyStatus')}</option>
            <option value="open">{t('statusOption.open')}</option>
            <option value="closed">{t('statusOption.closed')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.tag}>{t('tag')}</label>
          <input id={ids.tag} dir="auto" value={tag} onChange={(e) => setTag(e.target.value)} />
        </div>
        <div className="check-field">
          <input
            id={ids.mine}
            type="checkbox"
            checked={filters.assignee === 'me'}
            onChange={(e) => apply({ ...filters, assignee: e.target.checked ? 'me' : undefined })}
          />
          <label htmlFor={ids.mine}>{t('assignedToMe')}</label>
        </div>
        <button type="submit">{t('apply')}</button>
        {filtered ? (
          <button
            type="button"
            onClick={() => {
              setQ('')
              setTag('')
              apply({})
            }}
          >
            {t('common:clearFilters')}
          </button>
        ) : null}
      </form>
      {disputes.isPending ? <LoadingMessage>{t('loading')}</LoadingMessage> : null}
      {disputes.error ? (
        <ErrorMessage title={t('failed')} error={disputes.error} onRetry={() => disputes.refetch()} />
      ) : null}
      {disputes.data && items.length === 0 ? (
        <EmptyMessage>
          {filters.assignee === 'me' && !filters.q && !filters.status && !filters.tag
            ? t('empty.mine')
            : filtered
              ? t('empty.filtered')
              : t('empty.none')}
        </EmptyMessage>
      ) : null}
      {assignment && items.length > 0 ? (
        <div className="selection-bar">
          <span className="small">
            {chosen.length === 0 ? t('selectToAssign') : t('selected', { count: chosen.length })}
          </span>
          <button
            ref={assignButton}
            type="button"
            aria-expanded={assigning}
            aria-disabled={chosen.length === 0 || undefined}
            onClick={() => {
              if (chosen.length === 0) return
              setAssigned('')
              setAssigning(true)
            }}
          >
            {t('assign')}
          </button>
          {chosen.length > 0 ? (
            <button type="button" className="link-button" onClick={() => setSelected(new Set())}>
              {t('clearSelection')}
            </button>
          ) : null}
        </div>
      ) : null}
      <p role="status" className="ok">
        {assigned}
      </p>
      {assignment && assigning && chosen.length > 0 ? (
        <assignment.BulkAssign
          disputes={chosen}
          onClose={(summary) => {
            setAssigning(false)
            if (summary) {
              setAssigned(summary)
              setSelected(new Set())
            }
            requestAnimationFrame(() => assignButton.current?.focus())
          }}
        />
      ) : null}
      {items.length > 0 ? (
        <ul className="dispute-list" aria-label={t('list')}>
          {items.map((d) => (
            <DisputeRow
              key={d.id}
              dispute={d}
              assignment={assignment}
              selected={selected.has(d.id)}
              onSelect={(on) => select(d.id, on)}
            />
          ))}
        </ul>
      ) : null}
      {disputes.hasNextPage ? (
        <p>
          <button
            type="button"
            onClick={() => disputes.fetchNextPage()}
            disabled={disputes.isFetchingNextPage}
          >
            {disputes.isFetchingNextPage ? t('common:loadingMore') : t('showMore')}
          </button>
        </p>
      ) : null}
    </section>
  )
}
