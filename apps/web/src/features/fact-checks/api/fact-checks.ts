import { LIMITS, type Rating, RatingSchema } from '@counterclaim/shared'
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { ComboboxOption } from '../../../components/search-combobox.tsx'
import { api, unwrap } from '../../../lib/api-client.ts'
import { filterParams } from '../../../lib/filter-params.ts'
import type { ImportType } from './import-body.ts'

/** The list's filters: words, publisher, language, and one of our ratings or 'none' (not mapped). */
export interface FactCheckFilters {
  q?: string
  publisher?: string
  language?: string
  rating?: Rating | 'none'
}

export const factCheckKeys = {
  all: () => ['fact-checks'] as const,
  list: (filters: FactCheckFilters) => ['fact-checks', 'list', filters] as const,
  facets: () => ['fact-checks', 'facets'] as const,
  detail: (id: string) => ['fact-checks', 'detail', id] as const,
  feeds: () => ['fact-checks', 'feeds'] as const,
  disputeOptions: (q: string) => ['fact-checks', 'dispute-options', q] as const,
}

/** The filters in the order the address and the form carry them. */
export const FILTER_KEYS = ['q', 'publisher', 'language', 'rating'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

const FILTER_LIMITS: Record<Exclude<FilterKey, 'rating'>, number> = {
  q: LIMITS.search,
  publisher: LIMITS.name,
  language: LIMITS.languageTag,
}

/** Reads the filters from the address; values the API would refuse are set aside and named. */
export function filtersFromParams(params: URLSearchParams): {
  filters: FactCheckFilters
  ignored: string[]
} {
  const filters: FactCheckFilters = {}
  const ignored: string[] = []
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim()
    if (!value) continue
    if (key === 'rating') {
      const parsed = RatingSchema.safeParse(value)
      if (parsed.success) filters.rating = parsed.data
      else if (value === 'none') filters.rating = 'none'
      else ignored.push(`${key}=${value}`)
    } else if (value.length <= FILTER_LIMITS[key]) {
      filters[key] = value
    } else {
      ignored.push(`${key} (longer than ${FILTER_LIMITS[key]} characters)`)
    }
  }
  return { filters, ignored }
}

/** The filters as query parameters, in one fixed order; empty ones are left out. */
export function filtersToParams(filters: FactCheckFilters): URLSearchParams {
  return filterParams(FILTER_KEYS, filters)
}

/** Fact-checks per page of the list. */
export const PAGE_SIZE = 50

/** Other desks' fact-checks under a set of filters, newest review first, a page at a time. */
export const factCheckListQuery = (filters: FactCheckFilters) =>
  infiniteQueryOptions({
    queryKey: factCheckKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api['fact-checks'].$get(
          {
            query: {
              ...Object.fromEntries(filtersToParams(filters)),
              limit: String(PAGE_SIZE),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
          { init: { signal } },
        ),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })

/** The publishers and languages on the desk, with their counts, for the filters. */
export const factCheckFacetsQuery = () =>
  queryOptions({
    queryKey: factCheckKeys.facets(),
    queryFn: () => unwrap(api['fact-checks'].facets.$get()),
    staleTime: 60_000,
  })

/** One fact-check. */
export const factCheckQuery = (id: string) =>
  queryOptions({
    queryKey: factCheckKeys.detail(id),
    queryFn: () => unwrap(api['fact-checks'][':id'].$get({ param: { id } })),
  })

/** What an import sends: the body (a chosen file, or pasted text), its media type, and where it came from. */
export interface ImportInput {
  body: Blob | string
  type: ImportType
  baseUrl?: string
}

/** Brings in other desks' ClaimReview (editors); every list, facet and fact-check is read again after. */
export function useImportFactChecks(onImported?: () => void) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (input: ImportInput) =>
      unwrap(
        api['fact-checks'].import.$post(
          { query: input.baseUrl ? { baseUrl: input.baseUrl } : {} },
          // The body is the document itself, not JSON the client would encode.
          { headers: { 'Content-Type': input.type }, init: { body: input.body } },
        ),
      ),
    onSuccess: () => {
      onImported?.()
      return client.invalidateQueries({ queryKey: factCheckKeys.all() })
    },
  })
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** Disputes whose title or question matches, as choices to attach a fact-check to. */
export const disputeOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: factCheckKeys.disputeOptions(q),
    queryFn: async (): Promise<ComboboxOption[]> => {
      const page = await unwrap(api.disputes.$get({ query: { ...(q ? { q } : {}), limit: '8' } }))
      return page.items.map((d) => ({ id: d.id, label: d.title, detail: clip(d.question, 140) }))
    },
    staleTime: 30_000,
  })

/**
 * Attaches a fact-check to a dispute as evidence of kind fact_check; the server fills the title, source,
 * link, excerpt and rating from it. `id` makes a retried request land once.
 */
export function useAttachFactCheck(onAttached?: (disputeId: string) => void) {
  return useMutation({
    mutationFn: (input: { id: string; disputeId: string; factCheckId: string }) =>
      unwrap(
        api.disputes[':id'].evidence.$post({
          param: { id: input.disputeId },
          json: { id: input.id, kind: 'fact_check', factCheckId: input.factCheckId },
        }),
      ),
    onSuccess: (_evidence, input) => onAttached?.(input.disputeId),
  })
}
