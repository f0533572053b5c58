import { type MatrixCell, stanceCellAt, withStanceCell } from '@counterclaim/domain'
import type { StanceValue, Workbench } from '@counterclaim/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const workbenchKeys = {
  all: () => ['workbench'] as const,
  detail: (disputeId: string) => ['workbench', 'detail', disputeId] as const,
  histories: () => ['workbench', 'history'] as const,
  history: (entity: 'dispute' | 'claim', id: string) => ['workbench', 'history', entity, id] as const,
  claimantOptionsAll: () => ['workbench', 'claimant-options'] as const,
  ratingsAll: () => ['workbench', 'ratings'] as const,
  ratings: (claimId: string) => ['workbench', 'ratings', claimId] as const,
  claimantOptions: (q: string) => ['workbench', 'claimant-options', q] as const,
}

/** How the page names one cell of the evidence matrix (the workbench sends no stance ids). */
export const stanceCellKey = (evidenceId: string, claimId: string) => `stance:${evidenceId}/${claimId}`

/** The mutation scope of one cell of the evidence matrix: its writes run one after another, in order. */
export const stanceCellScope = (evidenceId: string, claimId: string) => ({
  id: stanceCellKey(evidenceId, claimId),
})

/** The whole workbench of one dispute: claims with claimants and verdicts, evidence, stances. */
export const workbenchQuery = (disputeId: string) =>
  queryOptions({
    queryKey: workbenchKeys.detail(disputeId),
    queryFn: () => unwrap(api.disputes[':id'].$get({ param: { id: disputeId } })),
  })

/** The events of the dispute or of one claim, newest first. */
export const historyQuery = (entity: 'dispute' | 'claim', id: string) =>
  queryOptions({
    queryKey: workbenchKeys.history(entity, id),
    queryFn: () => unwrap(api.history.$get({ query: { entity, id, limit: '100' } })),
  })

/** Claimants whose name matches, for the claimant picker. */
export const claimantOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: workbenchKeys.claimantOptions(q),
    queryFn: () => unwrap(api.claimants.$get({ query: { q: q || undefined, limit: '50' } })),
    staleTime: 30_000,
  })

/** After any change: the workbench and its history panels read again. */
export function useRefresh(disputeId: string) {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: workbenchKeys.detail(disputeId) }),
      client.invalidateQueries({ queryKey: workbenchKeys.histories() }),
      client.invalidateQueries({ queryKey: workbenchKeys.ratingsAll() }),
    ])
}

export type ClaimInput = Parameters<(typeof api.disputes)[':id']['claims']['$post']>[0]['json']
export type ClaimPatch = Parameters<(typeof api.claims)[':id']['$patch']>[0]['json']
export type EvidenceInput = Parameters<(typeof api.disputes)[':id']['evidence']['$post']>[0]['json']
export type EvidencePatch = Parameters<(typeof api.evidence)[':id']['$patch']>[0]['json']
export type ClaimantInput = Parameters<typeof api.claimants.$post>[0]['json']
export type VerdictDraftInput = Parameters<(typeof api.claims)[':id']['verdict']['$put']>[0]['json']

export function useAddClaim(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (json: ClaimInput) =>
      unwrap(api.disputes[':id'].claims.$post({ param: { id: disputeId }, json })),
    onSuccess: refresh,
  })
}

export function useUpdateClaim(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { id: string; version: number; json: ClaimPatch }) =>
      unwrap(
        api.claims[':id'].$patch(
          { param: { id: input.id }, header: {}, json: input.json },
          ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}

export function useCreateClaimant() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (json: ClaimantInput) => unwrap(api.claimants.$post({ json })),
    onSuccess: () => client.invalidateQueries({ queryKey: workbenchKeys.claimantOptionsAll() }),
  })
}

export function useAddEvidence(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (json: EvidenceInput) =>
      unwrap(api.disputes[':id'].evidence.$post({ param: { id: disputeId }, json })),
    onSuccess: refresh,
  })
}

export function useUpdateEvidence(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { id: string; version: number; json: EvidencePatch }) =>
      unwrap(
        api.evidence[':id'].$patch(
          { param: { id: input.id }, header: {}, json: input.json },
          ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}

export function useSaveVerdict(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { claimId: string; version: number | null; json: VerdictDraftInput }) =>
      unwrap(
        api.claims[':id'].verdict.$put(
          { param: { id: input.claimId }, header: {}, json: input.json },
          input.version === null ? undefined : ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** Where a cell sits in the workbench's matrix; null while its evidence item or claim is not listed. */
function placeOf(workbench: Workbench, evidenceId: string, claimId: string) {
  const row = workbench.evidence.findIndex((e) => e.id === evidenceId)
  const column = workbench.claims.findIndex((c) => c.id === claimId)
  return row < 0 || column < 0 ? null : { row, column }
}

function findCell(workbench: Workbench | undefined, evidenceId: string, claimId: string): MatrixCell | null {
  const place = workbench && placeOf(workbench, evidenceId, claimId)
  return workbench && place ? stanceCellAt(workbench.matrix, place.row, place.column) : null
}

function withCell(
  workbench: Workbench,
  evidenceId: string,
  claimId: string,
  change: (cell: MatrixCell | null) => MatrixCell,
): Workbench {
  const place = placeOf(workbench, evidenceId, claimId)
  if (!place) return workbench
  const next = change(stanceCellAt(workbench.matrix, place.row, place.column))
  return { ...workbench, matrix: withStanceCell(workbench.matrix, place.row, place.column, next) }
}

export interface StanceCell {
  evidenceId: string
  claimId: string
}

/** One decision on a cell: its stance, and its note when the person changed it. */
export interface StanceChoice {
  stance: StanceValue | null
  note?: string
}

/**
 * Sets one cell of the evidence matrix: the page shows the new stance (and note) before the server answers,
 * and puts the old ones back when the server refuses, a 412 included, calling `onFailure` so the page can
 * say why. One call is one PUT, so one history event. The cell's changes share one mutation scope, so they
 * run one after another, each with the version the one before it answered.
 */
export function useSetStance(disputeId: string, cell: StanceCell, onFailure: (error: Error) => void) {
  const client = useQueryClient()
  const key = workbenchKeys.detail(disputeId)
  const read = () => client.getQueryData<Workbench>(key)
  const { evidenceId, claimId } = cell
  // What the page shows before the server answers; version 0 until the server has the cell.
  const shown = (c: MatrixCell | null, stance: StanceValue | null, note: string): MatrixCell => ({
    stance,
    note,
    version: c?.version ?? 0,
  })

  return useMutation({
    scope: stanceCellScope(evidenceId, claimId),
    mutationFn: async ({ stance, note }: StanceChoice) => {
      // Read at run time, so a change queued behind another sends the version that one produced.
      const current = findCell(read(), evidenceId, claimId)
      const record = await unwrap(
        api.stances.$put(
          { header: {}, json: { evidenceId, claimId, stance, ...(note === undefined ? {} : { note }) } },
          current && current.version > 0 ? ifMatch(current.version) : undefined,
        ),
      )
      const now = read()
      if (now) {
        // Keep what the page shows (a later change may be pending); take the server's version.
        client.setQueryData<Workbench>(
          key,
          withCell(now, evidenceId, claimId, (c) => ({
            stance: c ? c.stance : record.stance,
            note: c ? c.note : record.note,
            version: record.version,
          })),
        )
      }
      return record
    },
    onMutate: async ({ stance, note }) => {
      await client.cancelQueries({ queryKey: key })
      const before = read()
      const previous = findCell(before, evidenceId, claimId)
      if (before) {
        client.setQueryData<Workbench>(
          key,
          withCell(before, evidenceId, claimId, (c) => shown(c, stance, note ?? c?.note ?? '')),
        )
      }
      return { previous: previous?.stance ?? null, previousNote: previous?.note ?? '' }
    },
    onError: (error, _choice, context) => {
      const now = read()
      if (now && context) {
        client.setQueryData<Workbench>(
          key,
          withCell(now, evidenceId, claimId, (c) => shown(c, context.previous, context.previousNote)),
        )
      }
      onFailure(error)
    },
    onSuccess: () => client.invalidateQueries({ queryKey: workbenchKeys.histories() }),
  })
}

/** Reads the workbench again from the server, dropping what the page holds (after a conflict, say). */
export function useReloadWorkbench(disputeId: string) {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: workbenchKeys.detail(disputeId) })
}

/** A verdict's workflow step: submit (draft → in review), return with a note, publish (editors). */
export function useVerdictStep(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: {
      claimId: string
      version: number
      step: 'submit' | 'publish' | 'return'
      note?: string
    }) => {
      const param = { id: input.claimId }
      const verdict = api.claims[':id'].verdict
      if (input.step === 'submit')
        return unwrap(verdict.submit.$post({ param, header: {} }, ifMatch(input.version)))
      if (input.step === 'publish')
        return unwrap(verdict.publish.$post({ param, header: {} }, ifMatch(input.version)))
      return unwrap(
        verdict.return.$post({ param, header: {}, json: { note: input.note ?? '' } }, ifMatch(input.version)),
      )
    },
    onSuccess: refresh,
  })
}

export type VerdictCorrectInput = Parameters<
  (typeof api.claims)[':id']['verdict']['correct']['$post']
>[0]['json']

/**
 * Corrects a published verdict: the changed fields and a public correction note, with If-Match (editors).
 * Answers the corrected verdict, or (a change of rating under the two-person rule) the pending correction
 * that waits for another editor.
 */
export function useCorrectVerdict(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { claimId: string; version: number; json: VerdictCorrectInput }) =>
      unwrap(
        api.claims[':id'].verdict.correct.$post(
          { param: { id: input.claimId }, header: {}, json: input.json },
          ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** A pending correction's fate: applied by a second editor, or turned down with a note. */
export type CorrectionDecision =
  | { decision: 'approve'; claimId: string; correctionId: string; version: number }
  | { decision: 'reject'; claimId: string; correctionId: string; version: number; note: string }

/** Approves or rejects a pending correction, with If-Match of the verdict (editors). */
export function useDecideCorrection(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: CorrectionDecision) => {
      const param = { id: input.claimId, correctionId: input.correctionId }
      const correction = api.claims[':id'].verdict.corrections[':correctionId']
      return input.decision === 'approve'
        ? unwrap(correction.approve.$post({ param, header: {} }, ifMatch(input.version)))
        : unwrap(
            correction.reject.$post(
              { param, header: {}, json: { note: input.note } },
              ifMatch(input.version),
            ),
          )
    },
    onSuccess: refresh,
  })
}

/** Withdraws a published verdict with a public note, with If-Match (editors). */
export function useWithdrawVerdict(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { claimId: string; version: number; note: string }) =>
      unwrap(
        api.claims[':id'].verdict.withdraw.$post(
          { param: { id: input.claimId }, header: {}, json: { note: input.note } },
          ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}

export interface ArchiveChange {
  kind: 'claim' | 'evidence'
  id: string
  version: number
  archived: boolean
}

/** Archives a claim or a piece of evidence, or restores it; answers the record with its new version. */
export function useSetArchived(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: async (change: ArchiveChange): Promise<{ version: number }> => {
      const request = { param: { id: change.id }, header: {}, json: { archived: change.archived } }
      return change.kind === 'claim'
        ? unwrap(api.claims[':id'].$patch(request, ifMatch(change.version)))
        : unwrap(api.evidence[':id'].$patch(request, ifMatch(change.version)))
    },
    onSuccess: refresh,
  })
}

export type DisputePatch = Parameters<(typeof api.disputes)[':id']['$patch']>[0]['json']

export function useUpdateDispute(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { version: number; json: DisputePatch }) =>
      unwrap(
        api.disputes[':id'].$patch(
          { param: { id: disputeId }, header: {}, json: input.json },
          ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}
