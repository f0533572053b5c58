import { REPLY_CHANNEL_WORDS, replyState } from '@counterclaim/domain'
import type { PublishedReply } from '@counterclaim/shared'
import { html } from 'hono/html'
import { type Html, time } from './verdict-page.ts'

/** One published attempt to reach the claimant, in the desk's voice. */
function replyEntry(reply: PublishedReply, today: string): Html {
  const asked = html`We asked ${reply.contact} on ${time(reply.askedOn)} (${REPLY_CHANNEL_WORDS[reply.channel]}): “${reply.question}”.`
  switch (replyState(reply, today)) {
    case 'answered':
      return html`<li><p>${asked}</p><p>They replied${reply.answeredOn ? html` on ${time(reply.answeredOn)}` : ''}: “${reply.answer}”.</p></li>`
    case 'no_reply_by_deadline':
      return html`<li><p>${asked}</p><p>They did not reply by ${time(reply.replyBy ?? '')}.</p></li>`
    case 'waiting':
      return html`<li><p>${asked}</p><p>No reply yet${reply.replyBy ? html`; we asked for one by ${time(reply.replyBy)}` : ''}.</p></li>`
  }
}

/**
 * The right-of-reply log of a published claim, as it was published: whom the desk asked, when and how, and
 * what they answered. Nothing when the desk logged no attempt. `heading` keeps ids unique and the outline
 * right on a page of several claims.
 */
export function replyLog(
  replies: PublishedReply[],
  today: string,
  claimantName: string,
  heading: { id: string; level: 2 | 4 } = { id: 'replies-heading', level: 2 },
): Html | '' {
  if (replies.length === 0) return ''
  const title =
    heading.level === 2
      ? html`<h2 id="${heading.id}">Right of reply</h2>`
      : html`<h4 id="${heading.id}">Right of reply</h4>`
  return html`<section class="replies" aria-labelledby="${heading.id}">
${title}
<p class="meta">How we asked ${claimantName} for comment, and what they said.</p>
<ol>${replies.map((reply) => replyEntry(reply, today))}</ol>
</section>`
}
