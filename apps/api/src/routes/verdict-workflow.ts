import {
  PageQuerySchema,
  PendingCorrectionItemSchema,
  PendingCorrectionSchema,
  pageOf,
  VerdictCorrectSchema,
  VerdictSchema,
} from '@counterclaim/shared'
import { createRoute } from '@hono/zod-openapi'
import { requireRole } from '../middleware/roles.ts'
import {
  approveCorrection,
  correctVerdict,
  listPendingCorrections,
  publishVerdict,
  rejectCorrection,
  returnVerdict,
  submitVerdict,
  withdrawVerdict,
} from '../services/verdict-workflow.ts'
import { reviewStepRoutes } from './review-step-routes.ts'
import {
  errorResponses,
  jsonResponse,
  newRouter,
  readIfMatch,
  SIGNED_IN,
  serviceContext,
  tagged,
} from './route-kit.ts'

const editorOrAdmin = requireRole('editor')

const step = reviewStepRoutes({
  base: '/claims/{id}/verdict',
  tag: 'verdicts',
  record: VerdictSchema,
  correctBody: VerdictCorrectSchema,
  pending: PendingCorrectionSchema,
  pendingAnswer: 'A change of rating, waiting for a second editor',
  docs: {
    submit: {
      operationId: 'submitVerdict',
      summary: "Submit the claim's verdict draft for review (draft → in_review)",
      description:
        'No body is needed. Sends If-Match with the verdict version. A draft with neither a rating nor a ' +
        'summary is 400 naming both.',
      answer: 'The verdict, now in review',
    },
    return: {
      operationId: 'returnVerdict',
      summary: 'Return a verdict in review to its author with a note (in_review → draft; editor)',
      answer: 'The verdict, back to draft with the note',
    },
    publish: {
      operationId: 'publishVerdict',
      summary: 'Publish a verdict in review (in_review → published; editor)',
      description:
        'No body is needed. Needs a rating, a summary, a rationale and at least one cited evidence item ' +
        'with a URL; a refusal (400) names what is missing. Under the two-person rule (on by default) ' +
        'an editor who wrote or edited the verdict cannot publish it (403).',
      answer: 'The published verdict',
    },
    correct: {
      operationId: 'correctVerdict',
      summary: 'Correct a published verdict with a public correction note (editor)',
      description:
        'Changes the rating, the summary, the rationale or the cited evidence, and publishes a new snapshot of ' +
        'the claim, the claimant and the cited sources as they now stand (so a correction may change nothing but ' +
        'what was edited on those records since publication). The verdict stays published, the earlier text is ' +
        'kept, and the correction is listed on the public page with its date and note. A correction that would ' +
        'change nothing the public sees is 400. Under the two-person rule (on by default) a change of rating ' +
        'is only proposed: 202 with the pending correction, which another editor approves.',
      answer: 'The corrected verdict',
    },
    approve: {
      operationId: 'approveCorrection',
      summary: 'Apply a pending correction proposed by another editor (editor)',
      description:
        "Sends If-Match with the verdict's version. The editor who proposed the correction cannot approve it (403).",
      answer: 'The corrected verdict',
    },
    reject: {
      operationId: 'rejectCorrection',
      summary: 'Turn down a pending correction with a note (editor)',
      description:
        "Sends If-Match with the verdict's version. Nothing is published; the proposer may also take a proposal back.",
      answer: 'The verdict, with no correction pending',
    },
    withdraw: {
      operationId: 'withdrawVerdict',
      summary: 'Withdraw a published verdict with a public note (editor)',
      description:
        'published → withdrawn. The public page stays at its address and shows the withdrawal notice (date and ' +
        'note) in place of the verdict; GET /api/public/verdicts/{claimId} answers 410 and the feed leaves it out.',
      answer: 'The withdrawn verdict',
    },
  },
})

export const verdictWorkflowRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/corrections/pending',
      operationId: 'listPendingCorrections',
      summary:
        'Corrections of published verdicts waiting for a second editor, longest-waiting first (editor)',
      tags: ['verdicts'],
      security: SIGNED_IN,
      middleware: editorOrAdmin,
      request: { query: PageQuerySchema },
      responses: {
        200: jsonResponse(pageOf(PendingCorrectionItemSchema), 'A page of pending corrections'),
        ...errorResponses('validation_failed', 'unauthenticated', 'forbidden'),
      },
    }),
    async (c) => c.json(await listPendingCorrections(c.get('deps').db, c.req.valid('query')), 200),
  )
  .openapi(step.submit, async (c) =>
    c.json(tagged(c, await submitVerdict(serviceContext(c), c.req.valid('param').id, readIfMatch(c))), 200),
  )
  .openapi(step.return, async (c) => {
    const claimId = c.req.valid('param').id
    const verdict = await returnVerdict(serviceContext(c), claimId, readIfMatch(c), c.req.valid('json').note)
    return c.json(tagged(c, verdict), 200)
  })
  .openapi(step.publish, async (c) => {
    const { twoPersonRule } = c.get('deps').config
    const verdict = await publishVerdict(
      serviceContext(c),
      c.req.valid('param').id,
      readIfMatch(c),
      twoPersonRule,
    )
    return c.json(tagged(c, verdict), 200)
  })
  .openapi(step.correct, async (c) => {
    const outcome = await correctVerdict(
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
    return c.json(
      tagged(c, await approveCorrection(serviceContext(c), id, correctionId, readIfMatch(c))),
      200,
    )
  })
  .openapi(step.reject, async (c) => {
    const { id, correctionId } = c.req.valid('param')
    const { note } = c.req.valid('json')
    return c.json(
      tagged(c, await rejectCorrection(serviceContext(c), id, correctionId, readIfMatch(c), note)),
      200,
    )
  })
  .openapi(step.withdraw, async (c) => {
    const claimId = c.req.valid('param').id
    const verdict = await withdrawVerdict(
      serviceContext(c),
      claimId,
      readIfMatch(c),
      c.req.valid('json').note,
    )
    return c.json(tagged(c, verdict), 200)
  })
