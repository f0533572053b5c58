import type { Role } from '@counterclaim/shared'
import { i18n } from '../../../i18n/i18n.ts'

/** A role as the desk says it, in the interface's language. */
export function roleLabel(role: Role): string {
  return i18n.t(`domain:role.${role}`)
}
