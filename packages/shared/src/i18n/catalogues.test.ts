import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LOCALE, LOCALES } from './locales.ts'

// Every catalogue of the product, wherever it lives: the web app's namespaces, the domain's words shared by
// the web and the server, and the public pages' own. English is the source; every other language must say
// everything English says, with the same {{values}} in each sentence.

const ROOT = join(import.meta.dirname, '../../../..')
const FOLDERS = ['apps/web/src/i18n/locales', 'packages/shared/src/i18n', 'apps/api/src/i18n']
const PLURAL = /_(zero|one|two|few|many|other)$/

/** Each catalogue file's path under a language folder ("domain.json"), per folder. */
function catalogues(folder: string): string[] {
  return readdirSync(join(ROOT, folder, DEFAULT_LOCALE)).filter((name) => name.endsWith('.json'))
}

/** A catalogue's texts by dotted key. */
function texts(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  if (typeof node === 'string') return out.set(prefix, node)
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    for (const [k, v] of texts(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v)
  }
  return out
}

const read = (folder: string, locale: string, file: string) =>
  texts(JSON.parse(readFileSync(join(ROOT, folder, locale, file), 'utf8')))

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)]
    .map((m) => m[1])
    .sort((a, b) => (a ?? '').localeCompare(b ?? ''))

/** A key without its plural suffix: languages have different plural forms of one text. */
const base = (key: string) => key.replace(PLURAL, '')

describe('the catalogues', () => {
  const files = FOLDERS.flatMap((folder) => catalogues(folder).map((file) => ({ folder, file })))

  it('are found in every place catalogues live', () => {
    for (const folder of FOLDERS) expect(catalogues(folder).length, folder).toBeGreaterThan(0)
    expect(files.map((f) => f.file)).toContain('domain.json')
    expect(files.map((f) => f.file)).toContain('public.json')
  })

  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    it.each(files)(
      `$folder/${locale}/$file has every English text, with the same {{values}}`,
      ({ folder, file }) => {
        const en = read(folder, DEFAULT_LOCALE, file)
        const other = read(folder, locale, file)
        const otherBases = new Set([...other.keys()].map(base))
        const missing = [...en.keys()].filter((key) =>
          PLURAL.test(key) ? !otherBases.has(base(key)) : !other.has(key),
        )
        expect(missing, `${locale} lacks these keys`).toEqual([])
        const extra = [...other.keys()].filter(
          (key) => !en.has(key) && !(PLURAL.test(key) && en.has(`${base(key)}_other`)),
        )
        expect(extra, `${locale} has keys English does not`).toEqual([])
        for (const [key, text] of other) {
          const source = en.get(key) ?? en.get(`${base(key)}_other`) ?? ''
          // A plural's "one" form may say the number in words instead of {{count}}.
          const wanted = placeholders(source).filter((p) => !(PLURAL.test(key) && p === 'count'))
          const got = placeholders(text).filter((p) => !(PLURAL.test(key) && p === 'count'))
          expect(got, `${locale} ${key}`).toEqual(wanted)
          expect(text.trim(), `${locale} ${key} is empty`).not.toBe('')
        }
      },
    )
  }

  // <Trans> reads a sentence's tags as HTML: a void element's name (<link>, <br>, <img>…) takes no words, so
  // "<link>Go to the disputes</link>" would render an empty link.
  const VOID = /<\/?(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)>/
  it.each(files)(
    '$folder/*/$file names no sentence tag after an HTML element that holds no words',
    ({ folder, file }) => {
      for (const locale of LOCALES) {
        const voids = [...read(folder, locale, file)]
          .filter(([, text]) => VOID.test(text))
          .map(([key]) => key)
        expect(voids, `${locale}/${file}`).toEqual([])
      }
    },
  )
})
