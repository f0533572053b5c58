import { replyState } from '@counterclaim/domain'
import type { PublishedReply } from '@counterclaim/shared'
import { html } from 'hono/html'
import { type PageLanguage, userText } from '../i18n/public-i18n.ts'
import { type Html, time } from './verdict-page.ts'

/** One published attempt to reach the claimant, in the desk's voice. */
function replyEntry(reply: PublishedReply, today: string, lang: PageLanguage): Html {
  const asked = lang.sentence('reply.asked', {
    contact: userText(reply.contact),
    date: time(reply.askedOn, lang),
    channel: lang.text(`domain:replyChannel.${reply.channel}`),
    question: userText(reply.question),
  })
  switch (replyState(reply, today)) {
    case 'answered': {
      const answer = userText(reply.answer ?? '')
      const replied = reply.answeredOn
        ? lang.sentence('reply.repliedOn', { date: time(reply.answeredOn, lang), answer })
        : lang.sentence('reply.replied', { answer })
      return html`<li><p>${asked}</p><p>${replied}</p></li>`
    }
    case 'no_reply_by_deadline':
      return html`<li><p>${asked}</p><p>${lang.sentence('reply.noReplyByDeadline', { date: time(reply.replyBy ?? '', lang) })}</p></li>`
    case 'waiting':
      return html`<li><p>${asked}</p><p>${
        reply.replyBy
          ? lang.sentence('reply.noReplyYetAskedBy', { date: time(reply.replyBy, lang) })
          : lang.text('reply.noReplyYet')
      }</p></li>`
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
  lang: PageLanguage,
  heading: { id: string; level: 2 | 4 } = { id: 'replies-heading', level: 2 },
): Html | '' {
  if (replies.length === 0) return ''
  const words = lang.text('reply.heading')
  const title =
    heading.level === 2
      ? html`<h2 id="${heading.id}">${words}</h2>`
      : html`<h4 id="${heading.id}">${words}</h4>`
  return html`<section class="replies" aria-labelledby="${heading.id}">
${title}
<p class="meta">${lang.sentence('reply.intro', { claimant: userText(claimantName) })}</p>
<ol>${replies.map((reply) => replyEntry(reply, today, lang))}</ol>
</section>`
}
