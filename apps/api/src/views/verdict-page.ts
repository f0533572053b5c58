import { claimHeadline, renderMarkdown, shortFormOf, trimAtWord } from '@counterclaim/domain'
import {
  type Correction,
  claimantName,
  type Rating,
  ratingDefinition,
  ratingLabel,
} from '@counterclaim/shared'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { PublicVerdict, Publishing, WithdrawalNotice } from '../services/public-verdicts.ts'
import { replyLog } from './reply-log.ts'

// The signed-out pages of published verdicts: plain server-rendered HTML that works with scripts
// off. Written with Hono's html helper, which escapes every interpolated value unless it is itself
// html (or raw: only the JSON-LD block and the Markdown renderer's output, which escape their own).
// The CSP forbids inline scripts and style attributes, so the look lives in /v/public.css and the
// only <script> is the JSON-LD data block, which browsers never execute.

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>

export const PUBLIC_CSS_PATH = '/v/public.css'

/** The product's name, in the notice on verdicts brought in from a desk's archive. */
const IMPORTED_FROM = 'Counterclaim'

/** JSON for a <script type="application/ld+json"> block: nothing in it can end the script early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

export const isHttp = (url: string | null): url is string => url !== null && /^https?:\/\//i.test(url)

const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** 2025-06-10 or a timestamp as "10 June 2025". */
export function dateText(value: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  return Number.isNaN(date.getTime()) ? value : longDate.format(date)
}

export const time = (value: string) => html`<time datetime="${value}">${dateText(value)}</time>`

export const link = (url: string, text: string) => html`<a href="${url}">${text}</a>`

/**
 * Plain text as it was typed: a blank line starts a new paragraph and a single line break stays a line
 * break. Nothing when the text is blank.
 */
export function paragraphs(text: string, className?: string): Html | '' {
  const blocks = text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
  return blocks.length
    ? html`${blocks.map((block) => {
        const lines = block.split(/\r?\n/).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))
        return className ? html`<p class="${className}">${lines}</p>` : html`<p>${lines}</p>`
      })}`
    : ''
}

/** Parts joined by a separator, each already safe. */
export const joined = (parts: Array<Html | ''>, separator: string) =>
  parts.filter((part) => part !== '').flatMap((part, i) => (i === 0 ? [part] : [separator, part]))

export const words = (kind: string) => {
  const text = kind.replace(/_/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** What a correction changed, in a sentence or two. */
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
  const before = c.before.citedEvidenceIds
  const after = c.after.citedEvidenceIds
  if (before && after && before.join() !== after.join()) parts.push('Cited sources changed.')
  if (c.published?.length) parts.push(`Also updated: ${c.published.join('; ')}.`)
  return parts.join(' ')
}

export function page(options: { title: string; head: Html; body: Html }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="stylesheet" href="${PUBLIC_CSS_PATH}">
${options.head}
</head>
<body>
${options.body}
</body>
</html>
`
}

export function masthead(publishing: Publishing): Html {
  return html`<header class="masthead"><div class="wrap">${link(publishing.org.url, publishing.org.name)}<span class="masthead-tag">Fact check</span></div></header>`
}

/** The public page of one published verdict, from its snapshot; `today` (YYYY-MM-DD) dates the reply log. */
export function renderVerdictPage(view: PublicVerdict, publishing: Publishing, today: string): Html {
  const { verdict, review } = view
  const { claim, claimant, citedEvidence } = view.record
  const published = view.record.verdict
  const rating: Rating | null = published.rating
  const definition = rating ? ratingDefinition(rating) : null
  const label = review.reviewRating.alternateName
  const headline = claimHeadline(claim)
  // Without a short form the headline is the claim's own words: quoted there, not repeated below unless cut.
  const paraphrased = shortFormOf(claim) !== null
  const wholeInHeadline = !paraphrased && review.claimReviewed === claim.text.trim()
  const lang = claim.language ? html` lang="${claim.language}"` : ''
  const title = `${label}: ${headline} | ${publishing.org.name}`
  const description = trimAtWord(
    published.summary.trim() || `${claimantName(claimant)}: ${review.claimReviewed}. Our rating: ${label}.`,
    300,
  )
  const og: Array<[string, string]> = [
    ['og:type', 'article'],
    ['og:site_name', publishing.org.name],
    ['og:title', `${label}: ${headline}`],
    ['og:description', description],
    ['og:url', review.url],
    ['og:locale', 'en_GB'],
  ]
  if (publishing.org.logo) og.push(['og:image', publishing.org.logo])
  og.push(['article:published_time', review.datePublished])
  if (review.dateModified) og.push(['article:modified_time', review.dateModified])
  const head = html`<meta name="description" content="${description}">
<link rel="canonical" href="${review.url}">
${og.map(([property, content]) => html`<meta property="${property}" content="${content}">\n`)}<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${`${label}: ${headline}`}">
<meta name="twitter:description" content="${description}">
<script type="application/ld+json">${raw(jsonForScript(review))}</script>`

  const said = joined(
    [
      claim.statedOn ? time(claim.statedOn) : '',
      isHttp(claim.appearanceUrl) ? link(claim.appearanceUrl, 'where it was said') : '',
      isHttp(claim.archiveUrl) ? link(claim.archiveUrl, 'archived copy') : '',
    ],
    ' · ',
  )

  const sources = citedEvidence.length
    ? html`<ol class="sources">${citedEvidence.map((e) => {
        const meta = joined(
          [
            e.sourceName ? html`${e.sourceName}` : '',
            html`${words(e.kind)}`,
            e.publishedOn ? time(e.publishedOn) : '',
          ],
          ' · ',
        )
        const archive = isHttp(e.archiveUrl) ? html` · ${link(e.archiveUrl, 'archived copy')}` : ''
        const heading = isHttp(e.url) ? link(e.url, e.title) : e.title
        return html`<li><p class="source-title">${heading}</p><p class="meta">${meta}${archive}</p></li>`
      })}</ol>`
    : html`<p class="meta">No sources are listed.</p>`

  const corrections = verdict.corrections.length
    ? html`<section class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">Corrections</h2>
<ol>${verdict.corrections.map((c) => {
        const change = changeText(c)
        return html`<li><p class="meta">${time(c.at)}</p><p>${c.note}</p>${change ? html`<p class="meta">${change}</p>` : ''}</li>`
      })}</ol>
</section>`
    : ''

  const kicker = verdict.importedAt
    ? html`Published on ${time(review.datePublished)}; brought into ${IMPORTED_FROM} on ${time(verdict.importedAt)} from the desk's archive`
    : html`Published ${time(review.datePublished)}`
  const ratingClass = rating ? `rating-${rating.replace(/_/g, '-')}` : 'rating-none'
  const body = html`${masthead(publishing)}
<main class="wrap">
<article>
<p class="kicker">Fact check · ${kicker}${review.dateModified ? html` · Corrected ${time(review.dateModified)}` : ''}</p>
<h1${paraphrased ? '' : lang}>${headline}</h1>
<figure class="claim">
${wholeInHeadline ? '' : html`<blockquote${lang}><p>${claim.text}</p></blockquote>`}
<figcaption><span class="claimant">${claimantName(claimant)}</span>${said.length ? html`, ${said}` : ''}${claimant?.description ? html`<span class="claimant-about">${claimant.description}</span>` : ''}</figcaption>
</figure>
<section class="rating ${ratingClass}" aria-labelledby="rating-heading">
<h2 id="rating-heading" class="rating-heading">Our rating: <span class="rating-label">${label}</span></h2>
${definition ? html`<p class="rating-meaning">${definition.meaning}</p>` : ''}
</section>
${paragraphs(published.summary, 'summary')}
${
  published.rationale.trim()
    ? html`<section aria-labelledby="rationale-heading">
<h2 id="rationale-heading">Why</h2>
<div class="rationale">${raw(renderMarkdown(published.rationale))}</div>
</section>`
    : ''
}
<section aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
${sources}
</section>
${replyLog(view.record.replies, today, claimantName(claimant))}
${corrections}
<p class="dispute-link">${link(`/d/${encodeURIComponent(view.disputeId)}`, 'See all claims about this question')}</p>
</article>
</main>
<footer class="wrap footer"><p>Published by ${link(publishing.org.url, publishing.org.name)}. ${link(`/api/public/verdicts/${encodeURIComponent(verdict.claimId)}`, 'This fact check as ClaimReview data')}.</p></footer>`
  return page({ title, head, body })
}

/** The page of a withdrawn fact check: it stays at its address and says when and why it was taken down. */
export function renderWithdrawnPage(notice: WithdrawalNotice, publishing: Publishing): Html {
  const title = notice.headline ? `Withdrawn: ${notice.headline}` : 'Withdrawn fact check'
  return page({
    title: `${title} | ${publishing.org.name}`,
    head: html`<meta name="robots" content="noindex">`,
    body: html`${masthead(publishing)}
<main class="wrap">
<article>
<p class="kicker">Fact check${notice.publishedAt ? html` · Published ${time(notice.publishedAt)}` : ''} · Withdrawn ${time(notice.withdrawnAt)}</p>
<h1>This fact check was withdrawn</h1>
${notice.headline ? html`<p class="meta">It reviewed the claim: ${notice.headline}</p>` : ''}
<section class="withdrawal" aria-labelledby="withdrawal-heading">
<h2 id="withdrawal-heading">Why it was withdrawn</h2>
<p>${notice.note}</p>
<p class="meta">${publishing.org.name} withdrew it on ${time(notice.withdrawnAt)}. Its rating no longer stands.</p>
</section>
</article>
</main>`,
  })
}

/** The page for a verdict that is not published, or not there. */
export function renderNotFoundPage(publishing: Publishing): Html {
  return page({
    title: `Not found | ${publishing.org.name}`,
    head: html`<meta name="robots" content="noindex">`,
    body: html`${masthead(publishing)}
<main class="wrap">
<h1>No published fact check here</h1>
<p>This verdict is not published, or there is no such verdict. ${link(publishing.org.url, `Go to ${publishing.org.name}`)}.</p>
</main>`,
  })
}
