import type { Stance, StanceValue, Workbench } from '@counterclaim/shared'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'

export const workbenchKeys = {
  all: () => ['workbench'] as const,
  detail: (disputeId: string) => ['workbench', 'detail', disputeId] as const,
  histories: () => ['workbench', 'history'] as const,
  history: (entity: 'dispute' | 'claim', id: string) => ['workbench', 'history', entity, id] as const,
  claimantOptions: (q: string) => ['workbench', 'claimant-options', q] as const,
}

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
function useRefresh(disputeId: string) {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: workbenchKeys.detail(disputeId) }),
      client.invalidateQueries({ queryKey: workbenchKeys.histories() }),
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
    onSuccess: () => client.invalidateQueries({ queryKey: ['workbench', 'claimant-options'] }),
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

const cellKey = (evidenceId: string, claimId: string) => `${evidenceId}/${claimId}`
/** Changes of one cell run one after another, each with the version the one before it answered. */
const cellChains = new Map<string, Promise<unknown>>()

function findCell(workbench: Workbench | undefined, evidenceId: string, claimId: string): Stance | undefined {
  return workbench?.stances.find((s) => s.evidenceId === evidenceId && s.claimId === claimId)
}

function withCell(
  workbench: Workbench,
  evidenceId: string,
  claimId: string,
  change: (cell: Stance | undefined) => Stance,
): Workbench {
  const current = findCell(workbench, evidenceId, claimId)
  const next = change(current)
  return {
    ...workbench,
    stances: current
      ? workbench.stances.map((s) => (s === current ? next : s))
      : [...workbench.stances, next],
  }
}

export interface StanceChange {
  evidenceId: string
  claimId: string
  stance: StanceValue | null
}

/**
 * Sets one cell of the evidence matrix at once: the page shows the new stance before the server answers,
 * and puts the old one back (the caller shows why) when the server refuses, a 412 included.
 */
export function useSetStance(disputeId: string) {
  const client = useQueryClient()
  const key = workbenchKeys.detail(disputeId)
  const read = () => client.getQueryData<Workbench>(key)

  const put = async (change: StanceChange) => {
    // Read at run time, so a change queued behind another sends the version that one produced.
    const cell = findCell(read(), change.evidenceId, change.claimId)
    const confirmed = cell && cell.id !== '' ? cell : undefined
    const record = await unwrap(
      api.stances.$put(
        {
          header: {},
          json: { evidenceId: change.evidenceId, claimId: change.claimId, stance: change.stance },
        },
        confirmed ? ifMatch(confirmed.version) : undefined,
      ),
    )
    const now = read()
    if (now) {
      // Keep what the page shows (a later click may be pending); take the server's id and version.
      client.setQueryData<Workbench>(
        key,
        withCell(now, change.evidenceId, change.claimId, (c) => ({
          ...record,
          stance: c ? c.stance : record.stance,
        })),
      )
    }
    return record
  }

  return useMutation({
    mutationFn: (change: StanceChange) => {
      const k = cellKey(change.evidenceId, change.claimId)
      const run = (cellChains.get(k) ?? Promise.resolve()).catch(() => undefined).then(() => put(change))
      cellChains.set(k, run)
      const done = () => {
        if (cellChains.get(k) === run) cellChains.delete(k)
      }
      run.then(done, done)
      return run
    },
    onMutate: async (change) => {
      await client.cancelQueries({ queryKey: key })
      const before = read()
      const previous = findCell(before, change.evidenceId, change.claimId)
      if (before) {
        client.setQueryData<Workbench>(
          key,
          withCell(before, change.evidenceId, change.claimId, (c) => ({
            id: c?.id ?? '',
            evidenceId: change.evidenceId,
            claimId: change.claimId,
            note: c?.note ?? '',
            updatedAt: c?.updatedAt ?? new Date().toISOString(),
            version: c?.version ?? 0,
            stance: change.stance,
          })),
        )
      }
      return { previous: previous?.stance ?? null }
    },
    onError: (_error, change, context) => {
      const now = read()
      if (!now || !context) return
      client.setQueryData<Workbench>(
        key,
        withCell(now, change.evidenceId, change.claimId, (c) => ({
          id: c?.id ?? '',
          evidenceId: change.evidenceId,
          claimId: change.claimId,
          note: c?.note ?? '',
          updatedAt: c?.updatedAt ?? '',
          version: c?.version ?? 0,
          stance: context.previous,
        })),
      )
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
