import type { ClaimLink, ClaimLinkCreate } from '@counterclaim/shared'
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const matchKeys = {
  all: () => ['matches'] as const,
  forText: (text: string, language: string) => ['matches', 'text', { text, language }] as const,
  forClaim: (claimId: string) => ['matches', 'claim', claimId] as const,
  allLinks: () => ['matches', 'links'] as const,
  links: (claimId: string) => ['matches', 'links', claimId] as const,
}

/**
 * Claims and other desks' fact-checks like the text being typed. The text is in the key, so each pause asks
 * once; the last answer stays on screen while the next one comes (no flicker between keys), and a request
 * the checker has typed past is cancelled, since the query hands its signal to the fetch.
 */
export const textMatchesQuery = (text: string, language: string) =>
  queryOptions({
    queryKey: matchKeys.forText(text, language),
    queryFn: ({ signal }) =>
      unwrap(api.matches.$get({ query: { text, language: language || undefined } }, { init: { signal } })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  })

/** The matches of a saved claim (never the claim itself). */
export const claimMatchesQuery = (claimId: string) =>
  queryOptions({
    queryKey: matchKeys.forClaim(claimId),
    queryFn: ({ signal }) =>
      unwrap(api.claims[':id'].matches.$get({ param: { id: claimId } }, { init: { signal } })),
    staleTime: 60_000,
  })

/** What a claim is linked to: the same claim elsewhere on the desk, other desks' fact-checks of it. */
export const claimLinksQuery = (claimId: string) =>
  queryOptions({
    queryKey: matchKeys.links(claimId),
    queryFn: () => unwrap(api.claims[':id'].links.$get({ param: { id: claimId } })),
  })

/** The body that makes a link again: the same claim, or the same fact-check. */
export function relinkBody(link: ClaimLink): ClaimLinkCreate {
  return link.linkedClaim ? { linkedClaimId: link.linkedClaim.id } : { factCheckId: link.factCheck?.id }
}

/**
 * Links a claim: "same claim as" (linkedClaimId) or "checked by" (factCheckId). A "same claim" link shows on
 * both claims, so every claim's links are read again. A 409 says the two are linked already.
 */
export function useLinkClaim() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: { claimId: string; json: ClaimLinkCreate }) =>
      unwrap(api.claims[':id'].links.$post({ param: { id: input.claimId }, json: input.json })),
    onSettled: () => client.invalidateQueries({ queryKey: matchKeys.allLinks() }),
  })
}

/** Unlinks (the server archives the link, so linking again is the undo). */
export function useUnlink() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (link: ClaimLink) =>
      unwrap(
        api['claim-links'][':id'].$delete({ param: { id: link.id }, header: {} }, ifMatch(link.version)),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: matchKeys.allLinks() }),
  })
}
