import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'

const repo = join(import.meta.dirname, '../..')

/**
 * Every catalogue: the web app's namespaces, the domain words the server shares and the public pages' own
 * words, by language folder.
 */
const CATALOGUE_FOLDERS = [
  join(repo, 'apps/web/src/i18n/locales'),
  join(repo, 'packages/shared/src/i18n'),
  join(repo, 'apps/api/src/i18n'),
]

type Catalogue = Record<string, unknown>

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (typeof value === 'string') into.set(prefix, value)
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value as Catalogue))
      flatten(inner, prefix ? `${prefix}.${key}` : key, into)
}

/** One language's catalogues as "namespace:key" → text. */
export function catalogueOf(locale: string): Map<string, string> {
  const entries = new Map<string, string>()
  for (const folder of CATALOGUE_FOLDERS) {
    const dir = join(folder, locale)
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')), `${file.replace(/\.json$/, '')}:`, entries)
    }
  }
  return new Map([...entries].map(([key, text]) => [key.replace(':.', ':'), text]))
}

/** How many letters a catalogue text has of its own, outside its placeholders. */
const letters = (text: string) => (text.replace(/\{\{[^}]*\}\}/g, '').match(/\p{L}/gu) ?? []).length

/** An English text as a pattern matching what it renders: each {{placeholder}} stands for any text. */
function patternOf(text: string): RegExp {
  const parts = text.split(/\{\{[^}]*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.+?')}$`, 's')
}

/**
 * The English texts a page in `locale` must not show: those whose translation differs (a brand name or
 * "URL" reads the same in both and may stay), as patterns, with their keys.
 */
export function englishOnly(locale: string): { key: string; text: string; pattern: RegExp }[] {
  const english = catalogueOf('en')
  const other = catalogueOf(locale)
  return (
    [...english]
      // A text that is mostly placeholders ("{{change}} on {{claim}}") would match any sentence with " on " in
      // people's words: only texts with a few letters of their own are told apart by their English.
      .filter(([key, text]) => other.get(key) !== text && letters(text) >= 4)
      .map(([key, text]) => ({ key, text, pattern: patternOf(text) }))
  )
}

/**
 * The interface's own texts on the page now: every visible text node and accessible-name attribute
 * (aria-label, placeholder, title, alt), outside what people wrote (`dir="auto"`, the mark of user text)
 * and outside `translate="no"`.
 */
export async function interfaceTexts(target: Page | Locator): Promise<string[]> {
  const root = 'goto' in target ? target.locator('body') : target
  return root.evaluate((scope) => {
    const found: string[] = []
    const outsideUserText = (el: Element | null) =>
      !el?.closest('[dir="auto"], [translate="no"], script, style')
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getClientRects?.()
      return !!box && box.length > 0
    }
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      const text = node.textContent?.trim()
      if (text && parent && outsideUserText(parent) && visible(parent)) found.push(text)
    }
    for (const el of scope.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
      if (!outsideUserText(el)) continue
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(name)?.trim()
        if (value) found.push(value)
      }
    }
    return found
  })
}

/**
 * The texts on the page (or a part of it), shown in `locale`, that are English from the catalogues: each with the key it
 * comes from. An empty list is a page fully in that language.
 */
export async function untranslatedTexts(target: Page | Locator, locale: string): Promise<string[]> {
  const english = englishOnly(locale)
  const texts = await interfaceTexts(target)
  const problems: string[] = []
  for (const text of new Set(texts)) {
    const hit = english.find((entry) => entry.pattern.test(text))
    if (hit) problems.push(`"${text}" (${hit.key})`)
  }
  return problems
}

/** Words the interface may show in Latin letters in any language: names of formats, standards and the product. */
const LATIN_ALLOWED = new Set([
  'Counterclaim',
  'ClaimReview',
  'CSV',
  'URL',
  'API',
  'JSON',
  'Excel',
  'Markdown',
  'UTC',
])

/**
 * Texts with a Latin-script word of three letters or more that no catalogue explains: strings written
 * into the code instead of a catalogue show up here on a page in a Cyrillic language. `userTexts` are
 * people's words the page puts inside its own sentences or accessible names (a claimant's name in "Edit
 * the claim of …", a search query in a heading): they are taken out of each text before it is read.
 */
export async function latinTexts(
  target: Page | Locator,
  userTexts: readonly string[] = [],
): Promise<string[]> {
  const texts = await interfaceTexts(target)
  return [...new Set(texts)].filter((text) => {
    const own = userTexts.reduce((rest, words) => rest.split(words).join(' '), text)
    return (own.match(/\p{Script=Latin}{3,}/gu) ?? []).some((word) => !LATIN_ALLOWED.has(word))
  })
}
