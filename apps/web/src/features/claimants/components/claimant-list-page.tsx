import { useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../../components/status-messages.tsx'
import { claimantListQuery } from '../api/claimants.ts'
import '../../../components/data-table.css'
import { SENTENCE_TAGS } from '../../../i18n/sentence-tags.tsx'

/** Everyone who has made a claim, searchable by name or alias; the search is kept in the address. */
export function ClaimantListPage() {
  const { t } = useTranslation(['claimants', 'domain'])
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const [draft, setDraft] = useState(q)
  const searchId = useId()

  // Back and forward change the address: the field follows it.
  useEffect(() => setDraft((d) => (d.trim() === q ? d : q)), [q])

  // Typing updates the address a moment after the last key, so history is not one entry per letter.
  useEffect(() => {
    if (draft.trim() === q) return
    const timer = setTimeout(() => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          if (draft.trim()) next.set('q', draft.trim())
          else next.delete('q')
          return next
        },
        { replace: true },
      )
    }, 250)
    return () => clearTimeout(timer)
  }, [draft, q, setParams])

  const claimants = useInfiniteQuery(claimantListQuery(q))
  const items = claimants.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <section aria-labelledby="claimants-heading" className="page">
      <title>{t('claimants:list.documentTitle')}</title>
      <h1 id="claimants-heading">{t('claimants:list.heading')}</h1>
      <p className="muted page-intro">{t('claimants:list.intro')}</p>
      <search className="page-toolbar">
        <form onSubmit={(e) => e.preventDefault()} className="field">
          <label htmlFor={searchId}>{t('claimants:list.search')}</label>
          <input
            id={searchId}
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            dir="auto"
            autoComplete="off"
            size={32}
          />
        </form>
      </search>
      {claimants.isPending ? <LoadingMessage>{t('claimants:list.loading')}</LoadingMessage> : null}
      {claimants.error && !claimants.isFetchNextPageError ? (
        <ErrorMessage
          title={t('claimants:list.loadFailed')}
          error={claimants.error}
          onRetry={() => claimants.refetch()}
        />
      ) : null}
      {claimants.isSuccess && items.length === 0 ? (
        <EmptyMessage>
          {q ? (
            <Trans t={t} i18nKey="claimants:list.noneContain" values={{ q }} components={SENTENCE_TAGS} />
          ) : (
            t('claimants:list.noneYet')
          )}
        </EmptyMessage>
      ) : null}
      {items.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">
            {q ? (
              <Trans t={t} i18nKey="claimants:list.captionSearch" values={{ q }} components={SENTENCE_TAGS} />
            ) : (
              t('claimants:list.heading')
            )}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('claimants:list.name')}</th>
              <th scope="col">{t('claimants:list.kind')}</th>
              <th scope="col">{t('claimants:list.about')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/claimants/${encodeURIComponent(c.id)}`} dir="auto">
                    {c.name}
                  </Link>
                  {c.aliases.length ? (
                    <span className="aliases muted">
                      <Trans
                        t={t}
                        i18nKey="claimants:list.also"
                        values={{ aliases: c.aliases.join(', ') }}
                        components={SENTENCE_TAGS}
                      />
                    </span>
                  ) : null}
                </th>
                <td>{t(`domain:claimantKind.${c.kind}`)}</td>
                <td className="muted" dir="auto">
                  {c.description}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {claimants.isFetchNextPageError ? (
        <ErrorMessage
          title={t('claimants:list.moreFailed')}
          error={claimants.error}
          onRetry={() => claimants.fetchNextPage()}
        />
      ) : null}
      {claimants.hasNextPage ? (
        <p className="more-row">
          <button
            type="button"
            onClick={() => claimants.fetchNextPage()}
            disabled={claimants.isFetchingNextPage}
          >
            {claimants.isFetchingNextPage ? t('claimants:loadingMore') : t('claimants:list.showMore')}
          </button>
        </p>
      ) : null}
    </section>
  )
}
