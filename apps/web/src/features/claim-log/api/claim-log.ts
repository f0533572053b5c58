import {
  type ClaimLogExportFormat,
  type ClaimLogFilters,
  DateOnlySchema,
  RatingSchema,
  VerdictStatusSchema,
} from '@counterclaim/shared'
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api-client.ts'
import { filterParams } from '../../../lib/filter-params.ts'

export const claimLogKeys = {
  all: () => ['claim-log'] as const,
  rows: (filters: ClaimLogFilters) => ['claim-log', 'rows', filters] as const,
  disputeOptions: () => ['claim-log', 'dispute-options'] as const,
  claimantOptions: () => ['claim-log', 'claimant-options'] as const,
}

/** The filters in the order the address, the form and the CSV link carry them. */
export const FILTER_KEYS = ['q', 'disputeId', 'claimantId', 'rating', 'status', 'from', 'to', 'tag'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

/** The longest text filter the API takes. */
export const TEXT_LIMIT = 500

/** A parameter of the address the log cannot use: `key=value`, or (a text too long to show) the key alone. */
export interface IgnoredParam {
  key: string
  value: string | null
}

/** Reads the filters from the address; values the API would refuse are set aside and named. */
export function filtersFromParams(params: URLSearchParams): {
  filters: ClaimLogFilters
  ignored: IgnoredParam[]
} {
  const filters: ClaimLogFilters = {}
  const ignored: IgnoredParam[] = []
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim()
    if (!value) continue
    switch (key) {
      case 'rating': {
        const parsed = RatingSchema.safeParse(value)
        if (parsed.success) filters.rating = parsed.data
        else ignored.push({ key, value })
        break
      }
      case 'status': {
        const parsed = VerdictStatusSchema.safeParse(value)
        if (parsed.success) filters.status = parsed.data
        else ignored.push({ key, value })
        break
      }
      case 'from':
      case 'to':
        if (DateOnlySchema.safeParse(value).success) filters[key] = value
        else ignored.push({ key, value })
        break
      default:
        if (value.length <= TEXT_LIMIT) filters[key] = value
        else ignored.push({ key, value: null })
    }
  }
  return { filters, ignored }
}

/** The filters as query parameters, in one fixed order; empty ones are left out. */
export function filtersToParams(filters: ClaimLogFilters): URLSearchParams {
  return filterParams(FILTER_KEYS, filters)
}

/** The CSV export of exactly these filters, in a format (safe, the default, is left out of the address). */
export function csvExportHref(filters: ClaimLogFilters, format: ClaimLogExportFormat = 'safe'): string {
  const params = filtersToParams(filters)
  if (format !== 'safe') params.set('format', format)
  const query = params.toString()
  return `/api/claim-log.csv${query ? `?${query}` : ''}`
}

/** Rows per request: a few screens' worth, so scrolling rarely waits. */
export const PAGE_SIZE = 200

/** The claim log under a set of filters, a cursor page at a time. */
export const claimLogQuery = (filters: ClaimLogFilters) =>
  infiniteQueryOptions({
    queryKey: claimLogKeys.rows(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api['claim-log'].$get(
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
    // Pages never change once read; comparing every loaded row on each new page would cost O(rows).
    structuralSharing: false,
  })

/** Disputes to choose from in the dispute filter: their ids and titles. */
export const disputeOptionsQuery = () =>
  queryOptions({
    queryKey: claimLogKeys.disputeOptions(),
    queryFn: async () => {
      const page = await unwrap(api.disputes.$get({ query: { limit: '500' } }))
      return page.items
        .map((d) => ({ id: d.id, label: d.title }))
        .sort((a, b) => a.label.localeCompare(b.label))
    },
    staleTime: 60_000,
  })

/** Claimants to choose from in the claimant filter: their ids and names. */
export const claimantOptionsQuery = () =>
  queryOptions({
    queryKey: claimLogKeys.claimantOptions(),
    queryFn: async () => {
      const page = await unwrap(api.claimants.$get({ query: { limit: '500' } }))
      return page.items.map((c) => ({ id: c.id, label: c.name }))
    },
    staleTime: 60_000,
  })
