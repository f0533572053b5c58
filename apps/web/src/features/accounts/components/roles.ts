import type { Role } from '@counterclaim/shared'

/** Roles as the desk says them. */
export const ROLE_LABELS: Record<Role, string> = {
  checker: 'Checker',
  editor: 'Editor',
  admin: 'Admin',
}
