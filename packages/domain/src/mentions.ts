import { foldText } from './words.ts'

/** Someone a comment may mention: by `@Full Name` or by `@` and the part of their e-mail before the `@`. */
export interface Mentionable {
  id: string
  name: string
  email: string
}

const LETTER = /[\p{L}\p{M}]/u
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u
const MARK = /^\p{M}+$/u
const SPACES = /\s+/gu

/**
 * Text as mentions compare it: each character folded on its own (lower case, accents removed, what
 * foldText does to a word), marks left on their own dropped, runs of white space made one space.
 */
function foldForMentions(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    const folded = foldText(ch)
    if (!MARK.test(folded)) out += folded
  }
  return out.replace(SPACES, ' ')
}

interface Handle {
  id: string
  text: string
  /** What may not follow it: a name ends at a non-letter, an e-mail's local part at a non-letter, non-digit. */
  stop: RegExp
}

/**
 * The people a text mentions, in the order they are first mentioned, each once. `@Full Name` matches
 * ignoring case and accents, `@localpart` the part of a person's e-mail before its `@`; where several
 * match at one `@` the longest wins (people whose names tie are all mentioned), and a match must end
 * where a letter does not follow. An `@` inside a word (an e-mail address) mentions no one.
 */
export function findMentions(text: string, people: readonly Mentionable[]): string[] {
  const handles: Handle[] = []
  for (const person of people) {
    const name = foldForMentions(person.name.trim())
    if (name) handles.push({ id: person.id, text: name, stop: LETTER })
    const local = foldForMentions(person.email.split('@')[0] ?? '')
    if (local) handles.push({ id: person.id, text: local, stop: WORD_CHAR })
  }
  const folded = foldForMentions(text)
  const found: string[] = []
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    const before = at > 0 ? (folded[at - 1] ?? '') : ''
    if (before && WORD_CHAR.test(before)) continue
    let longest = 0
    let ids: string[] = []
    for (const handle of handles) {
      if (!folded.startsWith(handle.text, at + 1)) continue
      const next = [...folded.slice(at + 1 + handle.text.length, at + 3 + handle.text.length)][0] ?? ''
      if (next && handle.stop.test(next)) continue
      if (handle.text.length > longest) {
        longest = handle.text.length
        ids = [handle.id]
      } else if (handle.text.length === longest && !ids.includes(handle.id)) {
        ids.push(handle.id)
      }
    }
    for (const id of ids) if (!found.includes(id)) found.push(id)
  }
  return found
}
