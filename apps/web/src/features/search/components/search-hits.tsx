import type { SearchHit } from '@counterclaim/shared'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { MarkedText } from '../../../components/marked-text.tsx'

/**
 * Where a hit lives: a claimant's own page, another desk's fact-check on its page, or the workbench of the
 * dispute the rest belong to.
 */
export function hitHref(hit: SearchHit): string | null {
  if (hit.kind === 'claimant') return `/claimants/${encodeURIComponent(hit.id)}`
  if (hit.kind === 'fact_check') return `/fact-checks/${encodeURIComponent(hit.id)}`
  return hit.disputeId ? `/disputes/${encodeURIComponent(hit.disputeId)}` : null
}

/** The snippet as text, its matching words marked. */
export function Snippet({ parts }: { parts: SearchHit['snippet'] }) {
  return (
    <p className="search-snippet" dir="auto">
      <MarkedText parts={parts} />
    </p>
  )
}

/** The ranked hits, each with its kind, its snippet and a link to where it lives. */
export function SearchHits({ hits, label }: { hits: SearchHit[]; label: string }) {
  const { t } = useTranslation('search')
  return (
    <ol className="search-hits" aria-label={label}>
      {hits.map((hit) => {
        const href = hitHref(hit)
        return (
          <li key={`${hit.kind}:${hit.id}`} className="search-hit">
            <p className="search-hit-head">
              <span className={`search-kind search-kind-${hit.kind}`}>{t(`kind.${hit.kind}`)}</span>{' '}
              {href ? (
                <Link to={href} className="search-hit-title" dir="auto">
                  {hit.title}
                </Link>
              ) : (
                <span className="search-hit-title" dir="auto">
                  {hit.title}
                </span>
              )}
            </p>
            <Snippet parts={hit.snippet} />
          </li>
        )
      })}
    </ol>
  )
}
