import { z } from 'zod'
import { ERROR_STATUS, ErrorBodySchema } from '../../packages/shared/src/index.ts'

/** The one error shape, with no key beside the ones it names: {"error": {"code", "message", "details"?}}. */
const StrictErrorBody = z.strictObject({ error: ErrorBodySchema.shape.error.strict() })

/**
 * The one check of an error answer's shape: what is wrong with it, or null when it has a JSON
 * content type, exactly the one error shape, a non-empty message, and the status of its code.
 * Pure (no Vitest), so the fuzzers and the soak use it as the tests do (support/api.ts expectError).
 */
export function errorShapeViolation(status: number, contentType: string | null, text: string): string | null {
  if (!(contentType ?? '').toLowerCase().startsWith('application/json'))
    return `${status} with content type ${contentType}: ${text.slice(0, 200)}`
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `${status} with a body that is not JSON: ${text.slice(0, 200)}`
  }
  const parsed = StrictErrorBody.safeParse(body)
  if (!parsed.success)
    return `${status}: not the error shape (${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')})`
  const { code, message } = parsed.data.error
  if (!message) return `${status}: an empty message`
  if (ERROR_STATUS[code] !== status) return `${status}: code ${code} belongs to another status`
  return null
}

/**
 * Reads an answer's body to its end, except an event stream's, which never ends: that one is dropped
 * (the client leaves, as a closed tab does) and reads as empty.
 */
export async function readBody(res: Response): Promise<string> {
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel()
    return ''
  }
  return res.text()
}

/** Reads an answer once and checks its error shape when it is a 4xx or 5xx. */
export async function checkAnswer(
  res: Response,
): Promise<{ status: number; text: string; violation: string | null }> {
  const text = await readBody(res)
  const violation =
    res.status >= 400 ? errorShapeViolation(res.status, res.headers.get('content-type'), text) : null
  return { status: res.status, text, violation }
}
