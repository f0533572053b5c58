import {
  CorrectionParamSchema,
  CorrectionRejectSchema,
  IdParamSchema,
  VerdictReturnSchema,
  VerdictWithdrawSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import type { z } from 'zod'
import { requireRole } from '../middleware/roles.ts'
import {
  errorResponses,
  IfMatchHeaderSchema,
  jsonBody,
  jsonResponse,
  SIGNED_IN,
  WORKFLOW_STEP_ERRORS,
} from './route-kit.ts'

// The review workflow's routes, defined once for verdicts and dispute conclusions (decision 0015): the same
// steps under the record's address, If-Match with its version, the same errors; each record names its own
// operations and says in its own words what each step needs and answers.

/** How one step is named and documented in the OpenAPI document. */
interface StepDocs {
  operationId: string
  summary: string
  description?: string
  /** What the 200 answer is. */
  answer: string
}

const editorOrAdmin = requireRole('editor')

const stepErrors = () =>
  errorResponses('validation_failed', ...WORKFLOW_STEP_ERRORS, 'unsupported_media_type')

/**
 * The route definitions of the workflow steps of a record at `base` ("/claims/{id}/verdict"): submit,
 * return, publish, correct (200 with the record, 202 with the correction waiting), approve and reject a
 * pending correction, withdraw. Every step but submit is an editor's.
 */
export function reviewStepRoutes<
  const Base extends string,
  Record extends z.ZodType,
  CorrectBody extends z.ZodType,
  Pending extends z.ZodType,
>(spec: {
  base: Base
  tag: string
  record: Record
  correctBody: CorrectBody
  pending: Pending
  /** What the 202 answer of a correction is. */
  pendingAnswer: string
  docs: {
    submit: StepDocs
    return: StepDocs
    publish: StepDocs
    correct: StepDocs
    approve: StepDocs
    reject: StepDocs
    withdraw: StepDocs
  }
}) {
  const { base, record, docs } = spec
  const step = (d: StepDocs) => ({
    method: 'post' as const,
    operationId: d.operationId,
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    tags: [spec.tag],
    security: SIGNED_IN,
  })
  const onRecord = { params: IdParamSchema, headers: IfMatchHeaderSchema }
  const onCorrection = { params: CorrectionParamSchema, headers: IfMatchHeaderSchema }
  const answers = (d: StepDocs) => ({ 200: jsonResponse(record, d.answer), ...stepErrors() })
  return {
    submit: createRoute({
      ...step(docs.submit),
      path: `${base}/submit` as `${Base}/submit`,
      request: onRecord,
      responses: answers(docs.submit),
    }),
    return: createRoute({
      ...step(docs.return),
      path: `${base}/return` as `${Base}/return`,
      middleware: editorOrAdmin,
      request: { ...onRecord, ...jsonBody(VerdictReturnSchema) },
      responses: answers(docs.return),
    }),
    publish: createRoute({
      ...step(docs.publish),
      path: `${base}/publish` as `${Base}/publish`,
      middleware: editorOrAdmin,
      request: onRecord,
      responses: answers(docs.publish),
    }),
    correct: createRoute({
      ...step(docs.correct),
      path: `${base}/correct` as `${Base}/correct`,
      middleware: editorOrAdmin,
      request: { ...onRecord, ...jsonBody(spec.correctBody) },
      responses: { ...answers(docs.correct), 202: jsonResponse(spec.pending, spec.pendingAnswer) },
    }),
    approve: createRoute({
      ...step(docs.approve),
      path: `${base}/corrections/{correctionId}/approve` as `${Base}/corrections/{correctionId}/approve`,
      middleware: editorOrAdmin,
      request: onCorrection,
      responses: answers(docs.approve),
    }),
    reject: createRoute({
      ...step(docs.reject),
      path: `${base}/corrections/{correctionId}/reject` as `${Base}/corrections/{correctionId}/reject`,
      middleware: editorOrAdmin,
      request: { ...onCorrection, ...jsonBody(CorrectionRejectSchema) },
      responses: answers(docs.reject),
    }),
    withdraw: createRoute({
      ...step(docs.withdraw),
      path: `${base}/withdraw` as `${Base}/withdraw`,
      middleware: editorOrAdmin,
      request: { ...onRecord, ...jsonBody(VerdictWithdrawSchema) },
      responses: answers(docs.withdraw),
    }),
  }
}
