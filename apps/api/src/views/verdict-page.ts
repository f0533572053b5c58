import { claimHeadline, renderMarkdown, shortFormOf, trimAtWord } from '@counterclaim/domain'
import { type Correction, claimantName, type Rating, RatingSchema } from '@counterclaim/shared'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { type PageLanguage, pageLanguage } from '../i18n/public-i18n.ts'
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

/** A date or timestamp as a <time> element, written in the page's language: "10 June 2025". */
export const time = (value: string, lang: PageLanguage) =>
  html`<time datetime="${value}">${lang.date(value)}</time>`

export const link = (url: string, text: string) => html`<a href="${url}">${text}</a>`

/**
 * Plain text as it was typed: a blank line starts a new paragraph and a single line break stays a line
 * break, each paragraph in the text's own direction. Nothing when the text is blank.
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
        return className
          ? html`<p class="${className}" dir="auto">${lines}</p>`
          : html`<p dir="auto">${lines}</p>`
      })}`
    : ''
}

/** Parts joined by a separator, each already safe. */
export const joined = (parts: Array<Html | ''>, separator: string) =>
  parts.filter((part) => part !== '').flatMap((part, i) => (i === 0 ? [part] : [separator, part]))

/** Text as it was typed, capitalised: a measure as a caption ("drones launched" → "Drones launched"). */
export const words = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A rating in the page's language, or its word for none. */
function ratingWords(rating: string | null | undefined, lang: PageLanguage): string {
  const known = RatingSchema.safeParse(rating)
  return known.success ? lang.text(`domain:rating.${known.data}`) : lang.text('none')
}

/** What a correction changed, in a sentence or two. */
function changeText(c: Correction, lang: PageLanguage): string {
  const parts: string[] = []
  if (c.before.rating !== c.after.rating) {
    parts.push(
      lang.text('verdict.ratingChanged', {
        from: ratingWords(c.before.rating, lang),
        to: ratingWords(c.after.rating, lang),
      }),
    )
  }
  const summary = c.before.summary !== c.after.summary
  const rationale = c.before.rationale !== c.after.rationale
  if (summary && rationale) parts.push(lang.text('verdict.summaryAndRationaleUpdated'))
  else if (summary) parts.push(lang.text('verdict.summaryUpdated'))
  else if (rationale) parts.push(lang.text('verdict.rationaleUpdated'))
  const before = c.before.citedEvidenceIds
  const after = c.after.citedEvidenceIds
  if (before && after && before.join() !== after.join()) parts.push(lang.text('verdict.sourcesChanged'))
  if (c.published?.length) parts.push(lang.text('verdict.alsoUpdated', { changes: c.published.join('; ') }))
  return parts.join(' ')
}

export function page(options: { title: string; head: Html; body: Html; lang: PageLanguage }): Html {
  return html`<!doctype html>
<html lang="${options.lang.locale}">
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

export function masthead(publishing: Publishing, lang: PageLanguage): Html {
  return html`<header class="masthead"><div class="wrap">${link(publishing.org.url, publishing.org.name)}<span class="masthead-tag">${lang.text('masthead')}</span></div></header>`
}

/** The public pages' words in the desk's language (COUNTERCLAIM_LOCALE). */
export const languageOf = (publishing: Publishing) => pageLanguage(publishing.locale)

/** The public page of one published verdict, from its snapshot; `today` (YYYY-MM-DD) dates the reply log. */
export function renderVerdictPage(view: PublicVerdict, publishing: Publishing, today: string): Html {
  const { verdict, review } = view
  const { claim, claimant, citedEvidence } = view.record
  const published = view.record.verdict
  const rating: Rating | null = published.rating
  const lang = languageOf(publishing)
  const meaning = rating ? lang.text(`domain:ratingMeaning.${rating}`) : null
  const label = review.reviewRating.alternateName
  const headline = claimHeadline(claim)
  // Without a short form the headline is the claim's own words: quoted there, not repeated below unless cut.
  const paraphrased = shortFormOf(claim) !== null
  const wholeInHeadline = !paraphrased && review.claimReviewed === claim.text.trim()
  const claimLang = claim.language ? html` lang="${claim.language}"` : ''
  const title = `${label}: ${headline} | ${publishing.org.name}`
  const description = trimAtWord(
    published.summary.trim() ||
      lang.text('verdict.description', {
        claimant: claimantName(claimant, lang.locale),
        claim: review.claimReviewed,
        rating: label,
      }),
    300,
  )
  const og: Array<[string, string]> = [
    ['og:type', 'article'],
    ['og:site_name', publishing.org.name],
    ['og:title', `${label}: ${headline}`],
    ['og:description', description],
    ['og:url', review.url],
    ['og:locale', lang.text('ogLocale')],
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
      claim.statedOn ? time(claim.statedOn, lang) : '',
      isHttp(claim.appearanceUrl) ? link(claim.appearanceUrl, lang.text('whereItWasSaid')) : '',
      isHttp(claim.archiveUrl) ? link(claim.archiveUrl, lang.text('archivedCopy')) : '',
    ],
    ' · ',
  )

  const sources = citedEvidence.length
    ? html`<ol class="sources">${citedEvidence.map((e) => {
        const meta = joined(
          [
            e.sourceName ? html`<span dir="auto">${e.sourceName}</span>` : '',
            html`${lang.text(`domain:evidenceKind.${e.kind}`)}`,
            e.publishedOn ? time(e.publishedOn, lang) : '',
          ],
          ' · ',
        )
        const archive = isHttp(e.archiveUrl) ? html` · ${link(e.archiveUrl, lang.text('archivedCopy'))}` : ''
        const heading = isHttp(e.url) ? link(e.url, e.title) : e.title
        return html`<li><p class="source-title" dir="auto">${heading}</p><p class="meta">${meta}${archive}</p></li>`
      })}</ol>`
    : html`<p class="meta">${lang.text('verdict.noSources')}</p>`

  const corrections = verdict.corrections.length
    ? html`<section class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">${lang.text('verdict.corrections')}</h2>
<ol>${verdict.corrections.map((c) => {
        const change = changeText(c, lang)
        return html`<li><p class="meta">${time(c.at, lang)}</p><p dir="auto">${c.note}</p>${change ? html`<p class="meta">${change}</p>` : ''}</li>`
      })}</ol>
</section>`
    : ''

  const when = verdict.importedAt
    ? lang.sentence('verdict.publishedImported', {
        published: time(review.datePublished, lang),
        product: IMPORTED_FROM,
        imported: time(verdict.importedAt, lang),
      })
    : lang.sentence('verdict.published', { date: time(review.datePublished, lang) })
  const ratingClass = rating ? `rating-${rating.replace(/_/g, '-')}` : 'rating-none'
  const body = html`${masthead(publishing, lang)}
<main class="wrap">
<article>
<p class="kicker">${lang.sentence('verdict.kicker', { when })}${review.dateModified ? html` · ${lang.sentence('verdict.corrected', { date: time(review.dateModified, lang) })}` : ''}</p>
<h1 dir="auto"${paraphrased ? '' : claimLang}>${headline}</h1>
<figure class="claim">
${wholeInHeadline ? '' : html`<blockquote dir="auto"${claimLang}><p>${claim.text}</p></blockquote>`}
<figcaption><span class="claimant" dir="auto">${claimantName(claimant, lang.locale)}</span>${said.length ? html`, ${said}` : ''}${claimant?.description ? html`<span class="claimant-about" dir="auto">${claimant.description}</span>` : ''}</figcaption>
</figure>
<section class="rating ${ratingClass}" aria-labelledby="rating-heading">
<h2 id="rating-heading" class="rating-heading">${lang.sentence('verdict.ourRating', { rating: html`<span class="rating-label">${label}</span>` })}</h2>
${meaning ? html`<p class="rating-meaning">${meaning}</p>` : ''}
</section>
${paragraphs(published.summary, 'summary')}
${
  published.rationale.trim()
    ? html`<section aria-labelledby="rationale-heading">
<h2 id="rationale-heading">${lang.text('verdict.why')}</h2>
<div class="rationale" dir="auto">${raw(renderMarkdown(published.rationale))}</div>
</section>`
    : ''
}
<section aria-labelledby="sources-heading">
<h2 id="sources-heading">${lang.text('verdict.sources')}</h2>
${sources}
</section>
${replyLog(view.record.replies, today, claimantName(claimant, lang.locale), lang)}
${corrections}
<p class="dispute-link">${link(`/d/${encodeURIComponent(view.disputeId)}`, lang.text('verdict.seeDispute'))}</p>
</article>
</main>
<footer class="wrap footer"><p>${lang.sentence('verdict.publishedBy', { org: link(publishing.org.url, publishing.org.name) })} ${link(`/api/public/verdicts/${encodeURIComponent(verdict.claimId)}`, lang.text('verdict.asClaimReview'))}.</p></footer>`
  return page({ title, head, body, lang })
}

/** The page of a withdrawn fact check: it stays at its address and says when and why it was taken down. */
export function renderWithdrawnPage(notice: WithdrawalNotice, publishing: Publishing): Html {
  const lang = languageOf(publishing)
  const title = notice.headline
    ? lang.text('withdrawn.title', { headline: notice.headline })
    : lang.text('withdrawn.titleNoHeadline')
  const withdrawn = time(notice.withdrawnAt, lang)
  return page({
    title: `${title} | ${publishing.org.name}`,
    head: html`<meta name="robots" content="noindex">`,
    lang,
    body: html`${masthead(publishing, lang)}
<main class="wrap">
<article>
<p class="kicker">${lang.text('withdrawn.kicker')}${notice.publishedAt ? html` · ${lang.sentence('withdrawn.published', { date: time(notice.publishedAt, lang) })}` : ''} · ${lang.sentence('withdrawn.withdrawn', { date: withdrawn })}</p>
<h1>${lang.text('withdrawn.heading')}</h1>
${notice.headline ? html`<p class="meta">${lang.sentence('withdrawn.reviewed', { headline: html`<span dir="auto">${notice.headline}</span>` })}</p>` : ''}
<section class="withdrawal" aria-labelledby="withdrawal-heading">
<h2 id="withdrawal-heading">${lang.text('withdrawn.why')}</h2>
<p dir="auto">${notice.note}</p>
<p class="meta">${lang.sentence('withdrawn.withdrewOn', { org: publishing.org.name, date: withdrawn })}</p>
</section>
</article>
</main>`,
  })
}

/** The page for a verdict that is not published, or not there. */
export function renderNotFoundPage(publishing: Publishing): Html {
  const lang = languageOf(publishing)
  return page({
    title: `${lang.text('notFound.title')} | ${publishing.org.name}`,
    head: html`<meta name="robots" content="noindex">`,
    lang,
    body: html`${masthead(publishing, lang)}
<main class="wrap">
<h1>${lang.text('notFound.heading')}</h1>
<p>${lang.text('notFound.text')} ${link(publishing.org.url, lang.text('notFound.goTo', { org: publishing.org.name }))}.</p>
</main>`,
  })
}
