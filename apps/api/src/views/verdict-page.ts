import { renderMarkdown, trimAtWord } from '@counterclaim/domain'
import { type Correction, type Rating, ratingDefinition, ratingLabel } from '@counterclaim/shared'
import type { PublicVerdict, Publishing, WithdrawalNotice } from '../services/public-verdicts.ts'

/** The product's name, in the notice on verdicts brought in from a desk's archive. */
const IMPORTED_FROM = 'Counterclaim'

// The signed-out page of a published verdict: plain server-rendered HTML that works with scripts
// off. The CSP forbids inline scripts and style attributes, so the look lives in /v/public.css and
// the only <script> is the JSON-LD data block, which browsers never execute.

export const PUBLIC_CSS_PATH = '/v/public.css'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)
}

/** JSON for a <script type="application/ld+json"> block: nothing in it can end the script early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const isHttp = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url)

const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** 2025-06-10 or a timestamp as "10 June 2025". */
function dateText(value: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  return Number.isNaN(date.getTime()) ? value : longDate.format(date)
}

const time = (value: string) => `<time datetime="${escapeHtml(value)}">${escapeHtml(dateText(value))}</time>`

const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`

const words = (kind: string) => {
  const text = kind.replace(/_/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function changeText(c: Correction): string {
  const parts: string[] = []
  if (c.before.rating !== c.after.rating) {
    parts.push(
      `Rating changed from ${ratingLabel(c.before.rating) || 'none'} to ${ratingLabel(c.after.rating) || 'none'}.`,
    )
  }
  const texts = [
    c.before.summary !== c.after.summary ? 'summary' : null,
    c.before.rationale !== c.after.rationale ? 'rationale' : null,
  ].filter((t): t is string => t !== null)
  if (texts.length) parts.push(`${words(texts.join(' and '))} updated.`)
  return parts.join(' ')
}

function page(options: { title: string; head: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${PUBLIC_CSS_PATH}">
${options.head}
</head>
<body>
${options.body}
</body>
</html>
`
}

function masthead(publishing: Publishing): string {
  return `<header class="masthead"><div class="wrap">${link(publishing.org.url, publishing.org.name)}<span class="masthead-tag">Fact check</span></div></header>`
}

/** The public page of one published verdict. */
export function renderVerdictPage(view: PublicVerdict, publishing: Publishing): string {
  const { verdict, review } = view
  const { claim, claimant, citedEvidence } = view.record
  const published = view.record.verdict
  const rating: Rating | null = published.rating
  const definition = rating ? ratingDefinition(rating) : null
  const label = review.reviewRating.alternateName
  const title = `${label}: “${review.claimReviewed}” | ${publishing.org.name}`
  const description = trimAtWord(
    published.summary.trim() || `${claimant.name}: ${review.claimReviewed}. Our rating: ${label}.`,
    300,
  )
  const og: Array<[string, string]> = [
    ['og:type', 'article'],
    ['og:site_name', publishing.org.name],
    ['og:title', `${label}: “${review.claimReviewed}”`],
    ['og:description', description],
    ['og:url', review.url],
    ['og:locale', 'en_GB'],
  ]
  if (publishing.org.logo) og.push(['og:image', publishing.org.logo])
  og.push(['article:published_time', review.datePublished])
  if (review.dateModified) og.push(['article:modified_time', review.dateModified])
  const head = [
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<link rel="canonical" href="${escapeHtml(review.url)}">`,
    ...og.map(([property, content]) => `<meta property="${property}" content="${escapeHtml(content)}">`),
    '<meta name="twitter:card" content="summary">',
    `<meta name="twitter:title" content="${escapeHtml(`${label}: “${review.claimReviewed}”`)}">`,
    `<meta name="twitter:description" content="${escapeHtml(description)}">`,
    `<script type="application/ld+json">${jsonForScript(review)}</script>`,
  ].join('\n')

  const said = [
    claim.statedOn ? time(claim.statedOn) : '',
    isHttp(claim.appearanceUrl) ? link(claim.appearanceUrl, 'where it was said') : '',
    isHttp(claim.archiveUrl) ? link(claim.archiveUrl, 'archived copy') : '',
  ]
    .filter(Boolean)
    .join(' · ')

  const sources = citedEvidence.length
    ? `<ol class="sources">${citedEvidence
        .map((e) => {
          const meta = [
            e.sourceName ? escapeHtml(e.sourceName) : '',
            words(e.kind),
            e.publishedOn ? time(e.publishedOn) : '',
          ]
            .filter(Boolean)
            .join(' · ')
          const archive = isHttp(e.archiveUrl) ? ` · ${link(e.archiveUrl, 'archived copy')}` : ''
          const heading = isHttp(e.url) ? link(e.url, e.title) : escapeHtml(e.title)
          return `<li><p class="source-title">${heading}</p><p class="meta">${meta}${archive}</p></li>`
        })
        .join('')}</ol>`
    : '<p class="meta">No sources are listed.</p>'

  const corrections = verdict.corrections.length
    ? `<section class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">Corrections</h2>
<ol>${verdict.corrections
        .map((c) => {
          const change = changeText(c)
          return `<li><p class="meta">${time(c.at)}</p><p>${escapeHtml(c.note)}</p>${change ? `<p class="meta">${escapeHtml(change)}</p>` : ''}</li>`
        })
        .join('')}</ol>
</section>`
    : ''

  const ratingClass = rating ? `rating-${rating.replace(/_/g, '-')}` : 'rating-none'
  const body = `${masthead(publishing)}
<main class="wrap">
<article>
<p class="kicker">Fact check · ${verdict.importedAt ? `Published on ${time(review.datePublished)}; brought into ${escapeHtml(IMPORTED_FROM)} on ${time(verdict.importedAt)} from the desk${escapeHtml("'")}s archive` : `Published ${time(review.datePublished)}`}${review.dateModified ? ` · Corrected ${time(review.dateModified)}` : ''}</p>
<h1>“${escapeHtml(review.claimReviewed)}”</h1>
<figure class="claim">
<blockquote${claim.language ? ` lang="${escapeHtml(claim.language)}"` : ''}><p>${escapeHtml(claim.text)}</p></blockquote>
<figcaption><span class="claimant">${escapeHtml(claimant.name)}</span>${said ? `, ${said}` : ''}${claimant.description ? `<span class="claimant-about">${escapeHtml(claimant.description)}</span>` : ''}</figcaption>
</figure>
<section class="rating ${ratingClass}" aria-labelledby="rating-heading">
<h2 id="rating-heading" class="rating-heading">Our rating: <span class="rating-label">${escapeHtml(label)}</span></h2>
${definition ? `<p class="rating-meaning">${escapeHtml(definition.meaning)}</p>` : ''}
</section>
${published.summary.trim() ? `<p class="summary">${escapeHtml(published.summary)}</p>` : ''}
<section aria-labelledby="rationale-heading">
<h2 id="rationale-heading">Why</h2>
<div class="rationale">${renderMarkdown(published.rationale)}</div>
</section>
<section aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
${sources}
</section>
${corrections}
</article>
</main>
<footer class="wrap footer"><p>Published by ${link(publishing.org.url, publishing.org.name)}. ${link(`/api/public/verdicts/${encodeURIComponent(verdict.claimId)}`, 'This fact check as ClaimReview data')}.</p></footer>`
  return page({ title, head, body })
}

/** The page of a withdrawn fact check: it stays at its address and says when and why it was taken down. */
export function renderWithdrawnPage(notice: WithdrawalNotice, publishing: Publishing): string {
  const title = notice.claimReviewed ? `Withdrawn: “${notice.claimReviewed}”` : 'Withdrawn fact check'
  return page({
    title: `${title} | ${publishing.org.name}`,
    head: '<meta name="robots" content="noindex">',
    body: `${masthead(publishing)}
<main class="wrap">
<article>
<p class="kicker">Fact check${notice.publishedAt ? ` · Published ${time(notice.publishedAt)}` : ''} · Withdrawn ${time(notice.withdrawnAt)}</p>
<h1>This fact check was withdrawn</h1>
${notice.claimReviewed ? `<p class="meta">It reviewed the claim “${escapeHtml(notice.claimReviewed)}”.</p>` : ''}
<section class="withdrawal" aria-labelledby="withdrawal-heading">
<h2 id="withdrawal-heading">Why it was withdrawn</h2>
<p>${escapeHtml(notice.note)}</p>
<p class="meta">${escapeHtml(publishing.org.name)} withdrew it on ${time(notice.withdrawnAt)}. Its rating no longer stands.</p>
</section>
</article>
</main>`,
  })
}

/** The page for a verdict that is not published, or not there. */
export function renderNotFoundPage(publishing: Publishing): string {
  return page({
    title: `Not found | ${publishing.org.name}`,
    head: '<meta name="robots" content="noindex">',
    body: `${masthead(publishing)}
<main class="wrap">
<h1>No published fact check here</h1>
<p>This verdict is not published, or there is no such verdict. ${link(publishing.org.url, `Go to ${publishing.org.name}`)}.</p>
</main>`,
  })
}
