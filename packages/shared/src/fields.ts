import { z } from 'zod'
import { LIMITS } from './limits.ts'

// Re-exported: LIMITS has a module of its own, without zod, so the web app's shell can read it cheaply.
export { LIMITS }

/** A link a user enters: http or https only. */
export const HttpUrlSchema = z
  .string()
  .trim()
  .max(LIMITS.url)
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'must be an http or https URL')

/** A calendar date, YYYY-MM-DD, that exists. */
export const DateOnlySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const d = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
  }, 'must be a real calendar date')

export const IdSchema = z.uuid({ message: 'must be a UUID' })
export const TimestampSchema = z.string().meta({ format: 'date-time' })

export const nonBlank = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)

export const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`)

export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(LIMITS.tag, `must be at most ${LIMITS.tag} characters`)
  .regex(/^[^\s,#]+$/, 'must be one word without spaces, commas or #')
