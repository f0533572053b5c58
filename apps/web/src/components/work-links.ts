/**
 * Where a dispute, a claim in it or a comment on it is read: the workbench, scrolled to the claim's column or
 * the comment (the workbench moves to the element the address's fragment names).
 */
export function workbenchHref(
  disputeId: string,
  at?: { claimId?: string | null; commentId?: string | null },
): string {
  const base = `/disputes/${encodeURIComponent(disputeId)}`
  if (at?.commentId) return `${base}#comment-${at.commentId}`
  if (at?.claimId) return `${base}#claim-${at.claimId}`
  return base
}

/** The id of a claim's column in the workbench, as workbenchHref names it. */
export const claimAnchor = (claimId: string) => `claim-${claimId}`

/** The id of a comment in the workbench, as workbenchHref names it. */
export const commentAnchor = (commentId: string) => `comment-${commentId}`

/** The start of a longer text, cut at a word: for excerpts of comments and notes in lists. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}
