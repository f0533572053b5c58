import { invalidFields } from '@counterclaim/shared'
import { dictionary } from '@zxcvbn-ts/language-common'

// The most common passwords, from the list zxcvbn-ts ships (@zxcvbn-ts/language-common, about
// 49,000 entries drawn from leaked-password corpora), all lower case. Built on first use.
let common: Set<string> | null = null

/** Whether a password is one of the most common passwords, ignoring case. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'])
  return common.has(password.toLowerCase())
}

/**
 * Refuses a new password that is on the list of the most common ones (the length rule is in the
 * request schema), naming the field it came in.
 */
export function assertPasswordAllowed(password: string, field: string): void {
  if (isCommonPassword(password)) {
    throw invalidFields([
      {
        path: field,
        message: 'is one of the most common passwords, which are the first ones tried; choose another',
      },
    ])
  }
}
