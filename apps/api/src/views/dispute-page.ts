import {
  claimHeadline,
  type QuantityChart,
  quantityCharts,
  renderMarkdown,
  shortFormOf,
  trimAtWord,
} from '@counterclaim/domain'
import { claimantName, type Rating, type StanceValue } from '@counterclaim/shared'
import { html, raw } from 'hono/html'
import { type PageLanguage, userText } from '../i18n/public-i18n.ts'
import type { PublicDispute, PublicDisputeClaim } from '../services/public-dispute.ts'
import type { PublicVerdict, Publishing } from '../services/public-verdicts.ts'
import { replyLog } from './reply-log.ts'
import {
  type Html,
  isHttp,
  joined,
  jsonForScript,
  languageOf,
  link,
  masthead,
  page,
  paragraphs,
  time,
  words,
} from './verdict-page.ts'

// The public page of a dispute, /d/:disputeId: the question, the published conclusion, the competing claims side
// by side with their published verdicts, the quantity chart per measure, the cited evidence as a matrix of
// published stances, and each claim's reply log. Published content only: verdict snapshots and the
// conclusion as frozen. Server-rendered like /v/, with no scripts but the JSON-LD data block.

/** A stance in a cell: a sign and words, so colour is never the only carrier. */
const STANCE_CELLS: Record<
  StanceValue | 'none' | 'not_cited',
  { sign: string; words: Parameters<PageLanguage['text']>[0] }
> = {
  supports: { sign: '✔', words: 'domain:stance.supports' },
  contradicts: { sign: '✖', words: 'domain:stance.contradicts' },
  context: { sign: '◐', words: 'domain:stance.context' },
  none: { sign: '·', words: 'dispute.citedNoStance' },
  not_cited: { sign: '—', words: 'dispute.notCited' },
}

type Published = Extract<PublicDisputeClaim, { state: 'published' }>

/** Who made a published claim, in the page's words when no one is known. */
const claimantOf = (view: PublicVerdict, lang: PageLanguage) =>
  claimantName(view.record.claimant, lang.locale)

function ratingClass(rating: Rating | null): string {
  return rating ? `rating-${rating.replace(/_/g, '-')}` : 'rating-none'
}

function conclusionSection(view: PublicDispute, publishing: Publishing, lang: PageLanguage): Html | '' {
  const conclusion = view.conclusion
  if (!conclusion) return ''
  if (conclusion.status === 'withdrawn') {
    const org = publishing.org.name
    return html`<section class="conclusion withdrawal" aria-labelledby="conclusion-heading">
<h2 id="conclusion-heading">${lang.text('dispute.conclusionWithdrawn')}</h2>
<p dir="auto">${conclusion.withdrawalNote ?? ''}</p>
<p class="meta">${
      conclusion.withdrawnAt
        ? lang.sentence('dispute.conclusionWithdrewOn', { org, date: time(conclusion.withdrawnAt, lang) })
        : lang.sentence('dispute.conclusionWithdrew', { org })
    }</p>
</section>`
  }
  const corrections = conclusion.corrections.length
    ? html`<div class="corrections"><h3>${lang.text('verdict.corrections')}</h3><ol>${conclusion.corrections.map(
        (c) => html`<li><p class="meta">${time(c.at, lang)}</p><p dir="auto">${c.note}</p></li>`,
      )}</ol></div>`
    : ''
  return html`<section class="conclusion" aria-labelledby="conclusion-heading">
<h2 id="conclusion-heading">${lang.text('dispute.conclusion')}</h2>
<p class="meta">${lang.sentence('verdict.published', { date: time(conclusion.publishedAt, lang) })}${conclusion.modifiedAt ? html` · ${lang.sentence('verdict.corrected', { date: time(conclusion.modifiedAt, lang) })}` : ''}</p>
${paragraphs(conclusion.published.finding, 'summary')}
${conclusion.published.rationale.trim() ? html`<div class="rationale" dir="auto">${raw(renderMarkdown(conclusion.published.rationale))}</div>` : ''}
${corrections}
</section>`
}

function claimCard(claim: PublicDisputeClaim, index: number, today: string, pageLang: PageLanguage): Html {
  const id = `claim-${index + 1}`
  if (claim.state === 'withdrawn') {
    const n = claim.notice
    return html`<li class="claim-card">
<h3 id="${id}" dir="auto">${n.headline}</h3>
<p class="withdrawal-note">${pageLang.sentence('dispute.claimWithdrawn', { date: time(n.withdrawnAt, pageLang), note: userText(n.note) })}</p>
<p>${link(`/v/${encodeURIComponent(claim.claimId)}`, pageLang.text('dispute.withdrawalNotice'))}</p>
</li>`
  }
  const { record, review } = claim.view
  const rating = record.verdict.rating
  const meaning = rating ? pageLang.text(`domain:ratingMeaning.${rating}`) : null
  const lang = record.claim.language ? html` lang="${record.claim.language}"` : ''
  // The short form is the checker's paraphrase: the claim's words follow it. Without one the heading is the
  // quoted claim, repeated below only when the heading had to cut it.
  const wholeInHeadline =
    shortFormOf(record.claim) === null && review.claimReviewed === record.claim.text.trim()
  const said = joined(
    [
      record.claim.statedOn ? time(record.claim.statedOn, pageLang) : '',
      isHttp(record.claim.appearanceUrl)
        ? link(record.claim.appearanceUrl, pageLang.text('whereItWasSaid'))
        : '',
    ],
    ' · ',
  )
  return html`<li class="claim-card">
<p class="claimant" dir="auto">${claimantOf(claim.view, pageLang)}</p>
<h3 id="${id}" dir="auto"${shortFormOf(record.claim) === null ? lang : ''}>${claimHeadline(record.claim)}</h3>
${wholeInHeadline ? '' : html`<blockquote dir="auto"${lang}><p>${record.claim.text}</p></blockquote>`}
${said.length ? html`<p class="meta">${said}</p>` : ''}
<p class="rating ${ratingClass(rating)}"><span class="rating-heading">${pageLang.sentence('verdict.ourRating', { rating: html`<span class="rating-label">${review.reviewRating.alternateName}</span>` })}</span>${meaning ? html`<span class="rating-meaning">${meaning}</span>` : ''}</p>
${paragraphs(record.verdict.summary)}
<p><a href="${`/v/${encodeURIComponent(claim.claimId)}`}">${pageLang.text('dispute.readFactCheck')}<span class="visually-hidden">${record.claimant ? pageLang.sentence('dispute.ofClaim', { claimant: userText(record.claimant.name) }) : pageLang.text('dispute.ofUnattributedClaim')}</span></a></p>
${replyLog(record.replies, today, claimantOf(claim.view, pageLang), pageLang, { id: `${id}-replies`, level: 4 })}
</li>`
}

function relationsSection(view: PublicDispute, published: Published[], lang: PageLanguage): Html | '' {
  if (view.relations.length === 0) return ''
  const byId = new Map(published.map((claim) => [claim.claimId, claim.view]))
  const name = (claimId: string) => {
    const claim = byId.get(claimId)
    if (!claim) return lang.text('dispute.aClaim')
    const headline = userText(claimHeadline(claim.record.claim))
    return claim.record.claimant
      ? lang.sentence('dispute.claimOf', { claimant: userText(claim.record.claimant.name), headline })
      : lang.sentence('dispute.unattributedClaimOf', { headline })
  }
  return html`<section aria-labelledby="relations-heading">
<h2 id="relations-heading">${lang.text('dispute.relationsHeading')}</h2>
<ul class="relations">${view.relations.map(
    (r) =>
      html`<li>${lang.sentence(`dispute.relation.${r.kind}`, { claim: name(r.claimId), other: name(r.otherClaimId) })}${r.note.trim() ? html` <span class="meta" dir="auto">${r.note}</span>` : ''}</li>`,
  )}</ul>
</section>`
}

// Lengths in pixels, places along the line in percent of the chart's width: the SVG has no viewBox, so its
// text keeps the page's size on a phone and on a wide screen alike, and only the line stretches.
const CHART = { inset: 5, rowHeight: 62, top: 4, axis: 40 }

/** One measure's number line: a bar (or a dot) per claim's value or range; arrows where a range runs on. */
function chartSvg(chart: QuantityChart, index: number, lang: PageLanguage): Html {
  const span = 100 - 2 * CHART.inset
  const x = (at: number) => `${(CHART.inset + at * span).toFixed(2)}%`
  const height = CHART.top + chart.rows.length * CHART.rowHeight + CHART.axis
  const axisY = CHART.top + chart.rows.length * CHART.rowHeight + 6
  const titleId = `chart-${index}-title`
  const rows = chart.rows.map((row, i) => {
    const y = CHART.top + i * CHART.rowHeight
    const barY = y + 42
    const mark =
      row.to - row.from < 0.004
        ? html`<circle class="chart-mark" cx="${x(row.from)}" cy="${barY + 5}" r="6"></circle>`
        : html`<rect class="chart-mark" x="${x(row.from)}" y="${barY}" width="${((row.to - row.from) * span).toFixed(2)}%" height="10" rx="3"></rect>`
    // An arrow is drawn in its own small SVG placed at the line's end, as points cannot be percentages.
    const arrowRight = row.openRight
      ? html`<svg x="${x(1)}" y="${barY - 3}" width="1" height="16" overflow="visible"><polygon class="chart-mark" points="-8,0 0,8 -8,16"></polygon></svg>`
      : ''
    const arrowLeft = row.openLeft
      ? html`<svg x="${x(0)}" y="${barY - 3}" width="1" height="16" overflow="visible"><polygon class="chart-mark" points="8,0 0,8 8,16"></polygon></svg>`
      : ''
    const said = [row.valueWords, row.periodWords].filter(Boolean).join(' · ')
    // The claimant's name and the numbers are what people typed: in their own direction.
    return html`<g dir="auto"><text class="chart-label chart-claimant" x="${x(0)}" y="${y + 15}">${row.claimant}</text><text class="chart-label" x="${x(0)}" y="${y + 33}">${said}</text>${mark}${arrowLeft}${arrowRight}</g>`
  })
  const ticks = chart.axis.ticks.map(
    (t) =>
      html`<g><line class="chart-tick" x1="${x(t.at)}" x2="${x(t.at)}" y1="${axisY}" y2="${axisY + 6}"></line><text class="chart-tick-label" x="${x(t.at)}" y="${axisY + 22}" text-anchor="middle">${t.label}</text></g>`,
  )
  return html`<svg class="chart" height="${height}" role="img" aria-labelledby="${titleId}" focusable="false">
<title id="${titleId}">${lang.text('dispute.chartTitle', {
    measure: chart.measure,
    min: lang.words.number(chart.axis.min),
    max: lang.words.number(chart.axis.max),
    unit: chart.unit,
  })}</title>
<line class="chart-axis" x1="${x(0)}" x2="${x(1)}" y1="${axisY}" y2="${axisY}"></line>
${ticks}${rows}
</svg>`
}

function chartsSection(published: Published[], lang: PageLanguage): Html | '' {
  const charts = quantityCharts(
    published.map((claim) => ({
      id: claim.claimId,
      label: claimantOf(claim.view, lang),
      quantities: claim.view.record.quantities,
    })),
    lang.words,
  )
  if (charts.length === 0) return ''
  const notGiven = lang.text('notGiven')
  return html`<section aria-labelledby="numbers-heading">
<h2 id="numbers-heading">${lang.text('dispute.numbersHeading')}</h2>
<p class="meta">${lang.text('dispute.numbersIntro')}</p>
${charts.map(
  (chart, i) => html`<figure class="quantity-chart" aria-labelledby="chart-${i}-caption">
<figcaption id="chart-${i}-caption" dir="auto"><strong>${words(chart.measure)}</strong> (${chart.unit})</figcaption>
${chartSvg(chart, i, lang)}
<span id="chart-${i}-table-name" hidden>${lang.sentence('dispute.chartTable', { measure: userText(chart.measure) })}</span>
<div class="table-scroll" role="region" aria-labelledby="chart-${i}-table-name" tabindex="0">
<table>
<thead><tr><th scope="col">${lang.text('dispute.who')}</th><th scope="col">${lang.text('dispute.says')}</th><th scope="col">${lang.text('dispute.period')}</th><th scope="col">${lang.text('dispute.place')}</th></tr></thead>
<tbody>${chart.rows.map(
    (row) =>
      html`<tr><th scope="row" dir="auto">${row.claimant}</th><td dir="auto">${row.valueWords}</td><td>${row.periodWords || notGiven}</td><td dir="auto">${row.place ?? notGiven}</td></tr>`,
  )}</tbody>
</table>
</div>
</figure>`,
)}
</section>`
}

function evidenceSection(view: PublicDispute, published: Published[], lang: PageLanguage): Html | '' {
  if (view.evidence.length === 0 || published.length === 0) return ''
  const head = published.map((claim) => html`<th scope="col" dir="auto">${claimantOf(claim.view, lang)}</th>`)
  const rows = view.evidence.map((row) => {
    const s = row.source
    const title = isHttp(s.url) ? link(s.url, s.title) : html`${s.title}`
    const meta = joined(
      [
        s.sourceName ? userText(s.sourceName) : '',
        html`${lang.text(`domain:evidenceKind.${s.kind}`)}`,
        s.publishedOn ? time(s.publishedOn, lang) : '',
        s.origin ? lang.sentence('dispute.origin', { origin: userText(s.origin) }) : '',
      ],
      ' · ',
    )
    const cells = published.map((claim) => {
      const stance = row.cells.get(claim.claimId) ?? 'not_cited'
      const cell = STANCE_CELLS[stance ?? 'none']
      return html`<td class="stance stance-${stance ?? 'none'}"><span aria-hidden="true">${cell.sign} </span>${lang.text(cell.words)}</td>`
    })
    return html`<tr><th scope="row"><span class="source-title" dir="auto">${title}</span><span class="meta">${meta}</span></th>${cells}</tr>`
  })
  return html`<section aria-labelledby="evidence-heading">
<h2 id="evidence-heading">${lang.text('dispute.evidenceHeading')}</h2>
<p class="meta">${lang.text('dispute.evidenceIntro')}</p>
<div class="table-scroll" role="region" aria-labelledby="evidence-heading" tabindex="0">
<table class="evidence-matrix">
<thead><tr><th scope="col">${lang.text('dispute.source')}</th>${head}</tr></thead>
<tbody>${rows}</tbody>
</table>
</div>
</section>`
}

/** The public page of a dispute; `today` (YYYY-MM-DD) dates the reply logs. */
export function renderDisputePage(view: PublicDispute, publishing: Publishing, today: string): Html {
  const published = view.claims.flatMap((claim) => (claim.state === 'published' ? [claim] : []))
  const url = `${publishing.baseUrl}/d/${encodeURIComponent(view.disputeId)}`
  const finding = view.conclusion?.status === 'published' ? view.conclusion.published.finding : ''
  const description = trimAtWord(finding.trim() || view.question, 300)
  const graph = {
    '@context': 'https://schema.org',
    '@graph': published.map(({ view: { review } }) => {
      const { '@context': _, ...rest } = review
      return rest
    }),
  }
  const head = html`<meta name="description" content="${description}">
<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${publishing.org.name}">
<meta property="og:title" content="${view.question}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<script type="application/ld+json">${raw(jsonForScript(graph))}</script>`
  const lang = languageOf(publishing)
  const body = html`${masthead(publishing, lang)}
<main class="wrap wrap-wide">
<article>
<p class="kicker">${lang.sentence('dispute.kicker', { title: userText(view.title) })}</p>
<h1 dir="auto">${view.question}</h1>
${conclusionSection(view, publishing, lang)}
<section aria-labelledby="claims-heading">
<h2 id="claims-heading">${lang.text('dispute.claims')}</h2>
<ol class="claims">${view.claims.map((claim, i) => claimCard(claim, i, today, lang))}</ol>
</section>
${relationsSection(view, published, lang)}
${chartsSection(published, lang)}
${evidenceSection(view, published, lang)}
</article>
</main>
<footer class="wrap wrap-wide footer"><p>${lang.sentence('verdict.publishedBy', { org: link(publishing.org.url, publishing.org.name) })}</p></footer>`
  return page({ title: `${view.question} | ${publishing.org.name}`, head, body, lang })
}
