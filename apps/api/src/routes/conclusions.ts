import {
  ConclusionCorrectSchema,
  ConclusionDraftSchema,
  ConclusionSchema,
  IdParamSchema,
  PendingConclusionCorrectionSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import {
  approveConclusionCorrection,
  correctConclusion,
  publishConclusion,
  rejectConclusionCorrection,
  returnConclusion,
  saveConclusionDraft,
  submitConclusion,
  withdrawConclusion,
} from '../services/conclusions.ts'
import { reviewStepRoutes } from './review-step-routes.ts'
import {
  errorResponses,
  IfMatchHeaderSchema,
  jsonBody,
  jsonResponse,
  newRouter,
  readIfMatch,
  SIGNED_IN,
  serviceContext,
  tagged,
} from './route-kit.ts'

const step = reviewStepRoutes({
  base: '/disputes/{id}/conclusion',
  tag: 'conclusions',
  record: ConclusionSchema,
  correctBody: ConclusionCorrectSchema,
  pending: PendingConclusionCorrectionSchema,
  pendingAnswer: 'A change of the finding, waiting for a second editor',
  docs: {
    submit: {
      operationId: 'submitConclusion',
      summary: "Submit the dispute's conclusion draft for review (draft → in_review)",
      description:
        'No body is needed. Sends If-Match with the conclusion version. A draft without a finding is 400.',
      answer: 'The conclusion, now in review',
    },
    return: {
      operationId: 'returnConclusion',
      summary: 'Return a conclusion in review to its author with a note (in_review → draft; editor)',
      answer: 'The conclusion, back to draft with the note',
    },
    publish: {
      operationId: 'publishConclusion',
      summary: 'Publish a conclusion in review (in_review → published; editor)',
      description:
        'No body is needed. Needs a finding and a rationale; a refusal (400) names what is missing. Under ' +
        'the two-person rule (on by default) an editor who wrote or edited the conclusion cannot publish it ' +
        "(403). Publishing freezes what the public sees: the dispute's title and question, the finding, the " +
        'rationale and the relations set between its claims.',
      answer: 'The published conclusion',
    },
    correct: {
      operationId: 'correctConclusion',
      summary: 'Correct a published conclusion with a public correction note (editor)',
      description:
        'Changes the finding or the rationale and freezes anew what the public sees, with the dispute and its ' +
        'claim relations as they now stand. A correction that would change nothing the public sees is 400. ' +
        'Under the two-person rule (on by default) a change of the finding is only proposed: 202 with the ' +
        'pending correction, which another editor approves; a change of the rationale alone applies at once.',
      answer: 'The corrected conclusion',
    },
    approve: {
      operationId: 'approveConclusionCorrection',
      summary: 'Apply a pending correction of the conclusion proposed by another editor (editor)',
      description:
        "Sends If-Match with the conclusion's version. The editor who proposed the correction cannot approve it (403).",
      answer: 'The corrected conclusion',
    },
    reject: {
      operationId: 'rejectConclusionCorrection',
      summary: 'Turn down a pending correction of the conclusion with a note (editor)',
      description:
        "Sends If-Match with the conclusion's version. Nothing is published; the proposer may also take a proposal back.",
      answer: 'The conclusion, with no correction pending',
    },
    withdraw: {
      operationId: 'withdrawConclusion',
      summary: 'Withdraw a published conclusion with a public note (editor)',
      description:
        'published → withdrawn. The public dispute page shows the withdrawal notice (date and note) in place ' +
        'of the conclusion. A correction still waiting is turned down with it.',
      answer: 'The withdrawn conclusion',
    },
  },
})

export const conclusionRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/disputes/{id}/conclusion',
      operationId: 'saveConclusionDraft',
      summary: "Create the dispute's conclusion draft (no If-Match) or change it (If-Match)",
      description:
        'The finding is the comparative answer in one or two sentences (at most 300 characters); the ' +
        'rationale is Markdown. Only a draft changes this way: a conclusion in review is 409 until it is ' +
        'returned, a published one changes by a correction.',
      tags: ['conclusions'],
      security: SIGNED_IN,
      request: { params: IdParamSchema, headers: IfMatchHeaderSchema, ...jsonBody(ConclusionDraftSchema) },
      responses: {
        201: jsonResponse(ConclusionSchema, 'The new draft'),
        200: jsonResponse(ConclusionSchema, 'The changed draft'),
        ...errorResponses(
          'validation_failed',
          'unauthenticated',
          'not_found',
          'conflict',
          'precondition_failed',
          'precondition_required',
          'unsupported_media_type',
        ),
      },
    }),
    async (c) => {
      const { record, created } = await saveConclusionDraft(
        serviceContext(c),
        c.req.valid('param').id,
        readIfMatch(c),
        c.req.valid('json'),
      )
      return created ? c.json(tagged(c, record), 201) : c.json(tagged(c, record), 200)
    },
  )
  .openapi(step.submit, async (c) => {
    const disputeId = c.req.valid('param').id
    return c.json(tagged(c, await submitConclusion(serviceContext(c), disputeId, readIfMatch(c))), 200)
  })
  .openapi(step.return, async (c) => {
    const disputeId = c.req.valid('param').id
    const conclusion = await returnConclusion(
      serviceContext(c),
      disputeId,
      readIfMatch(c),
      c.req.valid('json').note,
    )
    return c.json(tagged(c, conclusion), 200)
  })
  .openapi(step.publish, async (c) => {
    const { twoPersonRule } = c.get('deps').config
    const disputeId = c.req.valid('param').id
    const conclusion = await publishConclusion(serviceContext(c), disputeId, readIfMatch(c), twoPersonRule)
    return c.json(tagged(c, conclusion), 200)
  })
  .openapi(step.correct, async (c) => {
    const outcome = await correctConclusion(
      serviceContext(c),
      c.req.valid('param').id,
      readIfMatch(c),
      c.req.valid('json'),
      c.get('deps').config.twoPersonRule,
    )
    if (outcome.kind === 'pending') return c.json(outcome.correction, 202)
    return c.json(tagged(c, outcome.record), 200)
  })
  .openapi(step.approve, async (c) => {
    const { id, correctionId } = c.req.valid('param')
    const conclusion = await approveConclusionCorrection(serviceContext(c), id, correctionId, readIfMatch(c))
    return c.json(tagged(c, conclusion), 200)
  })
  .openapi(step.reject, async (c) => {
    const { id, correctionId } = c.req.valid('param')
    const { note } = c.req.valid('json')
    const conclusion = await rejectConclusionCorrection(
      serviceContext(c),
      id,
      correctionId,
      readIfMatch(c),
      note,
    )
    return c.json(tagged(c, conclusion), 200)
  })
  .openapi(step.withdraw, async (c) => {
    const disputeId = c.req.valid('param').id
    const conclusion = await withdrawConclusion(
      serviceContext(c),
      disputeId,
      readIfMatch(c),
      c.req.valid('json').note,
    )
    return c.json(tagged(c, conclusion), 200)
  })
