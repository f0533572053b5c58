import { describe, expect, it } from 'vitest'
import { plainText, renderMarkdown } from './markdown.ts'

describe('renderMarkdown', () => {
  it('renders emphasis, lists and paragraphs', () => {
    expect(renderMarkdown('A **bold** claim.\n\n- one\n- two')).toBe(
      '<p>A <strong>bold</strong> claim.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    )
  })

  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;')
  })

  it('keeps http and https links and turns bare URLs into links', () => {
    expect(renderMarkdown('[source](https://example.org/a?b=1&c=2)')).toBe(
      '<p><a href="https://example.org/a?b=1&amp;c=2">source</a></p>\n',
    )
    expect(renderMarkdown('see http://example.org/x')).toContain('<a href="http://example.org/x">')
  })

  it('drops links of any other scheme, leaving their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc',
    ]) {
      const html = renderMarkdown(`[click](${href})`)
      expect(html, href).not.toContain('<a')
    }
    expect(renderMarkdown('<mailto:a@example.org>')).not.toContain('<a')
  })

  it('renders no images, so a public page loads nothing from elsewhere', () => {
    expect(renderMarkdown('![pixel](https://tracker.example/p.gif)')).not.toContain('<img')
  })
})

describe('plainText', () => {
  it('gives the words of Markdown without its markup, whitespace collapsed', () => {
    expect(
      plainText('# Title\n\nA **bold** claim,\n_said_ [the minister](https://example.org).\n\n- one\n- two'),
    ).toBe('Title A bold claim, said the minister. one two')
    expect(plainText('> quoted `code`\n\n```\nfenced  block\n```')).toBe('quoted code fenced block')
  })

  it('decodes entities and keeps raw HTML as the text it was typed as', () => {
    expect(plainText('Fish &amp; chips &lt;b&gt; <i>x</i>')).toBe('Fish & chips <b> <i>x</i>')
  })

  it('gives nothing for nothing', () => {
    expect(plainText('')).toBe('')
    expect(plainText('  \n\n * * * \n')).toBe('')
  })
})
