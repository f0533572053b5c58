import MarkdownIt from 'markdown-it'

// Raw HTML is escaped, images are off (a public page must not load third-party pixels), and
// only http(s) links survive: anything else stays as plain text.
const md = new MarkdownIt({ html: false, linkify: true })
md.disable(['image'])
md.validateLink = (url: string) => /^https?:\/\//i.test(url.trim())

/** Renders a verdict's Markdown rationale to safe HTML (no raw HTML, http/https links only). */
export function renderMarkdown(text: string): string {
  return md.render(text)
}
