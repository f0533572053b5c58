import { ratingLabel } from '@counterclaim/shared'
import { queryOptions } from '@tanstack/react-query'
import type { ComboboxOption } from '../../../components/search-combobox.tsx'
import { api, unwrap } from '../../../lib/api-client.ts'
import { workbenchKeys } from './workbench.ts'

/** The keys of the evidence form's fact-check choices, under the workbench's own. */
export const factCheckOptionKeys = {
  all: () => [...workbenchKeys.all(), 'fact-check-options'] as const,
  search: (q: string) => [...workbenchKeys.all(), 'fact-check-options', q] as const,
}

/**
 * Other desks' fact-checks whose claim or publisher matches, as choices for evidence of kind fact_check:
 * the claim they reviewed, with the publisher and their rating (and ours, where it maps) to tell them apart.
 */
export const factCheckOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: factCheckOptionKeys.search(q),
    queryFn: async (): Promise<ComboboxOption[]> => {
      const page = await unwrap(api['fact-checks'].$get({ query: { ...(q ? { q } : {}), limit: '8' } }))
      return page.items.map((f) => ({
        id: f.id,
        label: f.claimReviewed,
        detail: [
          f.publisher.name,
          f.rating.label ? `“${f.rating.label}”` : null,
          f.rating.normalized ? `${ratingLabel(f.rating.normalized)} on our scale` : null,
        ]
          .filter(Boolean)
          .join(' · '),
      }))
    },
    staleTime: 30_000,
  })
