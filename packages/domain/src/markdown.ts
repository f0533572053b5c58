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

type Token = ReturnType<typeof md.parse>[number]

/**
 * Markdown as plain text, for snippets and matching: the words without their markup (emphasis, links,
 * lists, headings, code fences), entities decoded, whitespace collapsed to single spaces.
 */
export function plainText(markdown: string): string {
  const blocks: string[] = []
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') blocks.push(inlineText(token.children ?? []))
    else if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content)
  }
  return blocks.join(' ').replace(/\s+/g, ' ').trim()
}

function inlineText(children: Token[]): string {
  return children.map(inlinePiece).join('')
}

function inlinePiece(token: Token): string {
  if (token.type === 'softbreak' || token.type === 'hardbreak') return ' '
  if (token.type === 'text' || token.type === 'code_inline') return token.content
  return ''
}
