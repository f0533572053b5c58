import type { Person } from '@counterclaim/shared'
import { queryOptions, useMutation } from '@tanstack/react-query'
import { ApiError, api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const assignmentKeys = {
  all: () => ['assignment'] as const,
  people: () => ['assignment', 'people'] as const,
}

/** The desk's active people, by name: who may be assigned or mentioned. */
export const peopleQuery = () =>
  queryOptions({
    queryKey: assignmentKeys.people(),
    queryFn: async (): Promise<Person[]> => (await unwrap(api.people.$get())).items,
    staleTime: 5 * 60_000,
  })

/** What a dispute's assignment is: who, and by when (YYYY-MM-DD or null). */
export interface Assignment {
  assigneeIds: string[]
  dueOn: string | null
}

/** A dispute as the assignment controls need it: its current assignment and the version to send back. */
export interface AssignTarget extends Assignment {
  id: string
  title: string
  version: number
}

/** Changes one dispute's assignees and due date, with If-Match: a stale version answers 412. */
export function saveAssignment(target: { id: string; version: number }, change: Partial<Assignment>) {
  return unwrap(
    api.disputes[':id'].$patch(
      { param: { id: target.id }, header: {}, json: change },
      ifMatch(target.version),
    ),
  )
}

/** The dispute as it stands now, for a retry after a 412. */
async function readTarget(id: string): Promise<AssignTarget> {
  const d = await unwrap(api.disputes[':id'].$get({ param: { id } }))
  return { id: d.id, title: d.title, version: d.version, assigneeIds: d.assigneeIds, dueOn: d.dueOn }
}

/** How adding people (and perhaps a due date) to one dispute of a bulk assignment ended. */
export type BulkOutcome =
  | { kind: 'assigned' }
  | { kind: 'unchanged' }
  | { kind: 'conflict' }
  | { kind: 'failed'; message: string }

const isConflict = (err: unknown) => err instanceof ApiError && err.status === 412

/**
 * Adds people to one dispute (keeping those already on it) and sets the due date when one is given. A
 * change made meanwhile (412) is read again and tried once more; a second one leaves the dispute as it is.
 */
export async function addAssignees(
  target: AssignTarget,
  people: readonly string[],
  dueOn: string | null,
): Promise<BulkOutcome> {
  let current = target
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const assigneeIds = [...current.assigneeIds, ...people.filter((id) => !current.assigneeIds.includes(id))]
    const change: Partial<Assignment> = {}
    if (assigneeIds.length !== current.assigneeIds.length) change.assigneeIds = assigneeIds
    if (dueOn && dueOn !== current.dueOn) change.dueOn = dueOn
    if (Object.keys(change).length === 0) return { kind: 'unchanged' }
    try {
      await saveAssignment(current, change)
      return { kind: 'assigned' }
    } catch (err) {
      if (!isConflict(err))
        return { kind: 'failed', message: err instanceof Error ? err.message : String(err) }
      if (attempt === 1) return { kind: 'conflict' }
      try {
        current = await readTarget(current.id)
      } catch (readErr) {
        return { kind: 'failed', message: readErr instanceof Error ? readErr.message : String(readErr) }
      }
    }
  }
  return { kind: 'conflict' }
}

/** The workbench's assignment change: the whole list of people and the due date, with If-Match. */
export function useSaveAssignment(onSaved: () => Promise<unknown> | undefined) {
  return useMutation({
    mutationFn: (input: { target: { id: string; version: number }; change: Partial<Assignment> }) =>
      saveAssignment(input.target, input.change),
    onSuccess: () => onSaved(),
  })
}
