import { type Role, RoleSchema } from '@counterclaim/shared'

export const ROLES: readonly Role[] = RoleSchema.options

/** Roles as the desk says them. */
export const ROLE_LABELS: Record<Role, string> = {
  checker: 'Checker',
  editor: 'Editor',
  admin: 'Admin',
}
