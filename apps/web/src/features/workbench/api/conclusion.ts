import { useMutation } from '@tanstack/react-query'
import { api, ifMatch, unwrap } from '../../../lib/api-client.ts'
import { useRefresh } from './workbench.ts'

// The dispute's conclusion travels with the workbench (GET /api/disputes/:id): every change refreshes it.

const conclusion = () => api.disputes[':id'].conclusion
const param = (disputeId: string) => ({ id: disputeId })

export type ConclusionDraftInput = Parameters<(typeof api.disputes)[':id']['conclusion']['$put']>[0]['json']
export type ConclusionCorrectInput = Parameters<
  (typeof api.disputes)[':id']['conclusion']['correct']['$post']
>[0]['json']

/** Creates the conclusion draft (no version) or changes it (If-Match). */
export function useSaveConclusion(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { version: number | null; json: ConclusionDraftInput }) =>
      unwrap(
        conclusion().$put(
          { param: param(disputeId), header: {}, json: input.json },
          input.version === null ? undefined : ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** A step of the conclusion's workflow: submit, return with a note, publish, withdraw with a note. */
export function useConclusionStep(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: {
      version: number
      step: 'submit' | 'publish' | 'return' | 'withdraw'
      note?: string
    }) => {
      const c = conclusion()
      const p = param(disputeId)
      const v = ifMatch(input.version)
      const json = { note: input.note ?? '' }
      if (input.step === 'submit') return unwrap(c.submit.$post({ param: p, header: {} }, v))
      if (input.step === 'publish') return unwrap(c.publish.$post({ param: p, header: {} }, v))
      if (input.step === 'return') return unwrap(c.return.$post({ param: p, header: {}, json }, v))
      return unwrap(c.withdraw.$post({ param: p, header: {}, json }, v))
    },
    onSuccess: refresh,
  })
}

/**
 * Corrects the published conclusion: the changed fields and a public note. Answers the conclusion, or (a
 * change of the finding under the two-person rule) the pending correction waiting for another editor.
 */
export function useCorrectConclusion(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (input: { version: number; json: ConclusionCorrectInput }) =>
      unwrap(
        conclusion().correct.$post(
          { param: param(disputeId), header: {}, json: input.json },
          ifMatch(input.version),
        ),
      ),
    onSuccess: refresh,
  })
}

/** Approves or rejects a pending correction of the conclusion (editors). */
export function useDecideConclusionCorrection(disputeId: string) {
  const refresh = useRefresh(disputeId)
  return useMutation({
    mutationFn: (
      input:
        | { decision: 'approve'; correctionId: string; version: number }
        | { decision: 'reject'; correctionId: string; version: number; note: string },
    ) => {
      const p = { id: disputeId, correctionId: input.correctionId }
      const correction = conclusion().corrections[':correctionId']
      return input.decision === 'approve'
        ? unwrap(correction.approve.$post({ param: p, header: {} }, ifMatch(input.version)))
        : unwrap(
            correction.reject.$post(
              { param: p, header: {}, json: { note: input.note } },
              ifMatch(input.version),
            ),
          )
    },
    onSuccess: refresh,
  })
}
