// What of a claim being typed is sent to be matched, and from when.

/** Matching a word or two finds noise: ask once the text has a few words. */
const ENOUGH = { characters: 12, words: 3 }

/**
 * The text travels in the address of a GET, and addresses much over 8 KB are refused on the way (Node's
 * HTTP parser among others), so at most this much of it, encoded, is sent: about 2,000 Latin or 1,000
 * Cyrillic characters, more than the sentences a match turns on.
 */
export const MAX_ENCODED_TEXT = 6000

// Words as the runtime's own segmenter cuts them, so scripts written without spaces count too.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' })

/** Whether a claim text is long enough to be matched: a dozen characters and three words. */
export function enoughToMatch(text: string): boolean {
  const trimmed = text.trim()
  if (trimmed.length < ENOUGH.characters) return false
  let words = 0
  for (const segment of segmenter.segment(trimmed)) {
    if (segment.isWordLike) words += 1
    if (words >= ENOUGH.words) return true
  }
  return false
}

function encodedLength(char: string): number {
  try {
    return encodeURIComponent(char).length
  } catch {
    // A lone surrogate cannot be encoded; it will be sent as U+FFFD, three bytes.
    return 9
  }
}

/** The text as it is sent to be matched: trimmed, and cut at a word when it is too long for an address. */
export function matchableText(text: string): string {
  const trimmed = text.trim()
  let encoded = 0
  let end = 0
  for (const char of trimmed) {
    encoded += encodedLength(char)
    if (encoded > MAX_ENCODED_TEXT) break
    end += char.length
  }
  if (end === trimmed.length) return trimmed
  const cut = trimmed.slice(0, end)
  const lastSpace = cut.search(/\s\S*$/)
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut).trimEnd()
}
