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
