import type { FactCheckImportResult } from '@counterclaim/shared'

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

/** What each type is called in words, for the form's hint. */
export const IMPORT_TYPE_WORDS: Record<ImportType, string> = {
  'application/ld+json': 'JSON-LD',
  'application/json': 'JSON',
  'text/html': 'an HTML page',
}

/** A size for reading: "812 bytes", "2.4 KB", "3.1 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

/** The import's counts in words: "3 new, 1 updated, 0 unchanged; 2 skipped". */
export function importCountsInWords(result: FactCheckImportResult): string {
  const skipped = result.skipped.length
  return `${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged; ${skipped} skipped`
}
