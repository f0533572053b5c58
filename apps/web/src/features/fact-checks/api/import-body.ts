import type { FactCheckImportResult } from '@counterclaim/shared'
import { formatNumber } from '../../../components/dates.ts'
import { i18n } from '../../../i18n/i18n.ts'

/** The media types the fact-check import takes. */
export type ImportType = 'application/ld+json' | 'application/json' | 'text/html'

/** The files the import's file chooser offers: by extension and by media type. */
export const IMPORT_ACCEPT = '.json,.jsonld,.html,.htm,application/ld+json,application/json,text/html'

/**
 * How a chosen file is sent: by its extension first (browsers give .jsonld no media type, and some give
 * .json none), then by the media type the browser names; null when it is none of the three.
 */
export function importTypeOfFile(file: { name: string; type: string }): ImportType | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase()
  if (extension === 'html' || extension === 'htm') return 'text/html'
  if (extension === 'jsonld') return 'application/ld+json'
  if (extension === 'json') return 'application/json'
  const type = file.type.split(';')[0]?.trim().toLowerCase()
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'text/html'
  if (type === 'application/ld+json') return 'application/ld+json'
  if (type === 'application/json') return 'application/json'
  return null
}

/**
 * How pasted text is sent, by what it looks like: a page (it starts with a tag) as HTML, anything that
 * names a JSON-LD context as JSON-LD, the rest as plain JSON (the server reads both the same way).
 */
export function importTypeOfText(text: string): ImportType {
  const start = text.trimStart()
  if (start.startsWith('<')) return 'text/html'
  if (/"@context"|"@graph"|"@type"/.test(start)) return 'application/ld+json'
  return 'application/json'
}

/** What each type is called in words, in the interface's language, for the form's hint. */
export function importTypeWords(type: ImportType): string {
  if (type === 'text/html') return i18n.t('factChecks:import.htmlPage')
  return type === 'application/ld+json' ? 'JSON-LD' : 'JSON'
}

/** A size for reading in the interface's language: "812 bytes", "2.4 KB", "3.1 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return i18n.t('factChecks:size.bytes', { count: bytes })
  const tenths = (value: number) => formatNumber(Math.round(value * 10) / 10)
  if (bytes < 1_000_000) return i18n.t('factChecks:size.kb', { value: tenths(bytes / 1000) })
  return i18n.t('factChecks:size.mb', { value: tenths(bytes / 1_000_000) })
}

/** The import's counts in words: "3 new, 1 updated, 0 unchanged; 2 skipped". */
export function importCountsInWords(result: FactCheckImportResult): string {
  return i18n.t('factChecks:import.counts', {
    created: formatNumber(result.created),
    updated: formatNumber(result.updated),
    unchanged: formatNumber(result.unchanged),
    skipped: formatNumber(result.skipped.length),
  })
}
