import {
  claimHeadline,
  formatNumber,
  type QuantityChart,
  quantityCharts,
  renderMarkdown,
  shortFormOf,
  trimAtWord,
} from '@counterclaim/domain'
import {
  type ClaimRelationKind,
  claimantName,
  type Rating,
  ratingDefinition,
  type StanceValue,
} from '@counterclaim/shared'
import { html, raw } from 'hono/html'
import type { PublicDispute, PublicDisputeClaim } from '../services/public-dispute.ts'
import type { PublicVerdict, Publishing } from '../services/public-verdicts.ts'
import { replyLog } from './reply-log.ts'
import {
  type Html,
  isHttp,
  joined,
  jsonForScript,
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

const RELATION_WORDS: Record<ClaimRelationKind, string> = {
  contradicts: 'contradicts',
  compatible: 'is compatible with',
  different_scope: 'is about a different scope than',
  same_claim: 'says the same as',
}

/** A stance in a cell: a sign and words, so colour is never the only carrier. */
const STANCE_CELLS: Record<StanceValue | 'none' | 'not_cited', { sign: string; words: string }> = {
  supports: { sign: '✔', words: 'Supports' },
  contradicts: { sign: '✖', words: 'Contradicts' },
  context: { sign: '◐', words: 'Context' },
  none: { sign: '·', words: 'Cited, no stance' },
  not_cited: { sign: '—', words: 'Not cited' },
}

type Published = Extract<PublicDisputeClaim, { state: 'published' }>

const claimantOf = (view: PublicVerdict) => claimantName(view.record.claimant)
/** "X’s claim", or the unattributed one's words (no speaker to name). */
const whoseClaim = (view: PublicVerdict) =>
  view.record.claimant ? `${view.record.claimant.name}’s claim` : 'the unattributed claim'

function ratingClass(rating: Rating | null): string {
  return rating ? `rating-${rating.replace(/_/g, '-')}` : 'rating-none'
}

function conclusionSection(view: PublicDispute, publishing: Publishing): Html | '' {
  const conclusion = view.conclusion
  if (!conclusion) return ''
  if (conclusion.status === 'withdrawn') {
    return html`<section class="conclusion withdrawal" aria-labelledby="conclusion-heading">
<h2 id="conclusion-heading">Our conclusion was withdrawn</h2>
<p>${conclusion.withdrawalNote ?? ''}</p>
<p class="meta">${publishing.org.name} withdrew it${conclusion.withdrawnAt ? html` on ${time(conclusion.withdrawnAt)}` : ''}. It no longer stands.</p>
</section>`
  }
  const corrections = conclusion.corrections.length
    ? html`<div class="corrections"><h3>Corrections</h3><ol>${conclusion.corrections.map(
        (c) => html`<li><p class="meta">${time(c.at)}</p><p>${c.note}</p></li>`,
      )}</ol></div>`
    : ''
  return html`<section class="conclusion" aria-labelledby="conclusion-heading">
<h2 id="conclusion-heading">Our conclusion</h2>
<p class="meta">Published ${time(conclusion.publishedAt)}${conclusion.modifiedAt ? html` · Corrected ${time(conclusion.modifiedAt)}` : ''}</p>
${paragraphs(conclusion.published.finding, 'summary')}
${conclusion.published.rationale.trim() ? html`<div class="rationale">${raw(renderMarkdown(conclusion.published.rationale))}</div>` : ''}
${corrections}
</section>`
}

function claimCard(claim: PublicDisputeClaim, index: number, today: string): Html {
  const id = `claim-${index + 1}`
  if (claim.state === 'withdrawn') {
    const n = claim.notice
    return html`<li class="claim-card">
<h3 id="${id}">${n.headline}</h3>
<p class="withdrawal-note">This fact check was withdrawn on ${time(n.withdrawnAt)}: ${n.note}</p>
<p>${link(`/v/${encodeURIComponent(claim.claimId)}`, 'The withdrawal notice')}</p>
</li>`
  }
  const { record, review } = claim.view
  const rating = record.verdict.rating
  const definition = rating ? ratingDefinition(rating) : null
  const lang = record.claim.language ? html` lang="${record.claim.language}"` : ''
  // The short form is the checker's paraphrase: the claim's words follow it. Without one the heading is the
  // quoted claim, repeated below only when the heading had to cut it.
  const wholeInHeadline =
    shortFormOf(record.claim) === null && review.claimReviewed === record.claim.text.trim()
  const said = joined(
    [
      record.claim.statedOn ? time(record.claim.statedOn) : '',
      isHttp(record.claim.appearanceUrl) ? link(record.claim.appearanceUrl, 'where it was said') : '',
    ],
    ' · ',
  )
  return html`<li class="claim-card">
<p class="claimant">${claimantName(record.claimant)}</p>
<h3 id="${id}"${shortFormOf(record.claim) === null ? lang : ''}>${claimHeadline(record.claim)}</h3>
${wholeInHeadline ? '' : html`<blockquote${lang}><p>${record.claim.text}</p></blockquote>`}
${said.length ? html`<p class="meta">${said}</p>` : ''}
<p class="rating ${ratingClass(rating)}"><span class="rating-heading">Our rating: <span class="rating-label">${review.reviewRating.alternateName}</span></span>${definition ? html`<span class="rating-meaning">${definition.meaning}</span>` : ''}</p>
${paragraphs(record.verdict.summary)}
<p><a href="${`/v/${encodeURIComponent(claim.claimId)}`}">Read the fact check<span class="visually-hidden"> of ${whoseClaim(claim.view)}</span></a></p>
${replyLog(record.replies, today, claimantName(record.claimant), { id: `${id}-replies`, level: 4 })}
</li>`
}

function relationsSection(view: PublicDispute, published: Published[]): Html | '' {
  if (view.relations.length === 0) return ''
  const byId = new Map(published.map((claim) => [claim.claimId, claim.view]))
  const name = (claimId: string) => {
    const claim = byId.get(claimId)
    return claim ? html`${whoseClaim(claim)} (${claimHeadline(claim.record.claim)})` : html`a claim`
  }
  return html`<section aria-labelledby="relations-heading">
<h2 id="relations-heading">How the claims relate</h2>
<ul class="relations">${view.relations.map(
    (r) =>
      html`<li>${name(r.claimId)} ${RELATION_WORDS[r.kind]} ${name(r.otherClaimId)}.${r.note.trim() ? html` <span class="meta">${r.note}</span>` : ''}</li>`,
  )}</ul>
</section>`
}

// Lengths in pixels, places along the line in percent of the chart's width: the SVG has no viewBox, so its
// text keeps the page's size on a phone and on a wide screen alike, and only the line stretches.
const CHART = { inset: 5, rowHeight: 62, top: 4, axis: 40 }

/** One measure's number line: a bar (or a dot) per claim's value or range; arrows where a range runs on. */
function chartSvg(chart: QuantityChart, index: number): Html {
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
    return html`<g><text class="chart-label chart-claimant" x="${x(0)}" y="${y + 15}">${row.claimant}</text><text class="chart-label" x="${x(0)}" y="${y + 33}">${said}</text>${mark}${arrowLeft}${arrowRight}</g>`
  })
  const ticks = chart.axis.ticks.map(
    (t) =>
      html`<g><line class="chart-tick" x1="${x(t.at)}" x2="${x(t.at)}" y1="${axisY}" y2="${axisY + 6}"></line><text class="chart-tick-label" x="${x(t.at)}" y="${axisY + 22}" text-anchor="middle">${t.label}</text></g>`,
  )
  return html`<svg class="chart" height="${height}" role="img" aria-labelledby="${titleId}" focusable="false">
<title id="${titleId}">${chart.measure}: each claim’s number on one line from ${formatNumber(chart.axis.min)} to ${formatNumber(chart.axis.max)} ${chart.unit}; the table below gives the same in words.</title>
<line class="chart-axis" x1="${x(0)}" x2="${x(1)}" y1="${axisY}" y2="${axisY}"></line>
${ticks}${rows}
</svg>`
}

function chartsSection(published: Published[]): Html | '' {
  const charts = quantityCharts(
    published.map((claim) => ({
      id: claim.claimId,
      label: claimantOf(claim.view),
      quantities: claim.view.record.quantities,
    })),
  )
  if (charts.length === 0) return ''
  return html`<section aria-labelledby="numbers-heading">
<h2 id="numbers-heading">The numbers, side by side</h2>
<p class="meta">Each chart puts on one line the numbers the claims give for one thing counted.</p>
${charts.map(
  (chart, i) => html`<figure class="quantity-chart" aria-labelledby="chart-${i}-caption">
<figcaption id="chart-${i}-caption"><strong>${words(chart.measure)}</strong> (${chart.unit})</figcaption>
${chartSvg(chart, i)}
<div class="table-scroll" role="region" aria-label="${`${chart.measure}: the numbers as a table`}" tabindex="0">
<table>
<thead><tr><th scope="col">Who</th><th scope="col">Says</th><th scope="col">Period</th><th scope="col">Place</th></tr></thead>
<tbody>${chart.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.claimant}</th><td>${row.valueWords}</td><td>${row.periodWords || 'Not given'}</td><td>${row.place ?? 'Not given'}</td></tr>`,
  )}</tbody>
</table>
</div>
</figure>`,
)}
</section>`
}

function evidenceSection(view: PublicDispute, published: Published[]): Html | '' {
  if (view.evidence.length === 0 || published.length === 0) return ''
  const head = published.map((claim) => html`<th scope="col">${claimantOf(claim.view)}</th>`)
  const rows = view.evidence.map((row) => {
    const s = row.source
    const title = isHttp(s.url) ? link(s.url, s.title) : html`${s.title}`
    const meta = joined(
      [
        s.sourceName ? html`${s.sourceName}` : '',
        html`${words(s.kind)}`,
        s.publishedOn ? time(s.publishedOn) : '',
        s.origin ? html`Origin: ${s.origin}` : '',
      ],
      ' · ',
    )
    const cells = published.map((claim) => {
      const stance = row.cells.get(claim.claimId) ?? 'not_cited'
      const cell = STANCE_CELLS[stance ?? 'none']
      return html`<td class="stance stance-${stance ?? 'none'}"><span aria-hidden="true">${cell.sign} </span>${cell.words}</td>`
    })
    return html`<tr><th scope="row"><span class="source-title">${title}</span><span class="meta">${meta}</span></th>${cells}</tr>`
  })
  return html`<section aria-labelledby="evidence-heading">
<h2 id="evidence-heading">The evidence and how it bears on each claim</h2>
<p class="meta">Sources cited by our published fact checks. Sources with the same origin repeat one another and count once.</p>
<div class="table-scroll" role="region" aria-labelledby="evidence-heading" tabindex="0">
<table class="evidence-matrix">
<thead><tr><th scope="col">Source</th>${head}</tr></thead>
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
  const body = html`${masthead(publishing)}
<main class="wrap wrap-wide">
<article>
<p class="kicker">Claims compared · ${view.title}</p>
<h1>${view.question}</h1>
${conclusionSection(view, publishing)}
<section aria-labelledby="claims-heading">
<h2 id="claims-heading">The claims</h2>
<ol class="claims">${view.claims.map((claim, i) => claimCard(claim, i, today))}</ol>
</section>
${relationsSection(view, published)}
${chartsSection(published)}
${evidenceSection(view, published)}
</article>
</main>
<footer class="wrap wrap-wide footer"><p>Published by ${link(publishing.org.url, publishing.org.name)}.</p></footer>`
  return page({ title: `${view.question} | ${publishing.org.name}`, head, body })
}
