// No zod here: the web app's shell (sign-in, navigation) uses these without loading the contract's schemas.

/** The roles, from least to most trusted. */
export const ROLES = ['checker', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Whether a role reaches another in that order. */
export const roleAtLeast = (role: Role, min: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(min)
