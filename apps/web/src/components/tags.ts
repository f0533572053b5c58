import { LIMITS } from '@counterclaim/shared'

/** Tags as typed: words separated by commas or spaces, a leading # dropped, each once. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((t) => t.replace(/^#+/, '').trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
}

/** The longest tags field worth typing: every allowed tag at its longest, with a separator. */
export const TAGS_TEXT_MAX = LIMITS.tags * (LIMITS.tag + 2)
