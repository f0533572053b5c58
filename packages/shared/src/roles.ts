import type { Role } from './enums.ts'
import { RoleSchema } from './enums.ts'

/** Whether a role reaches another: the contract lists roles from least to most trusted. */
export const roleAtLeast = (role: Role, min: Role): boolean =>
  RoleSchema.options.indexOf(role) >= RoleSchema.options.indexOf(min)
