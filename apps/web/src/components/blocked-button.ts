/**
 * Props for a button that cannot be used now: `aria-disabled` keeps it focusable, so a keyboard or
 * screen-reader user reaches it and hears the reason, which is visible text with the id `reasonId`.
 * The button's own click handler must do nothing while a reason is given.
 */
export function blockedBy(reason: string | null, reasonId: string) {
  return reason ? { 'aria-disabled': true as const, 'aria-describedby': reasonId } : {}
}
