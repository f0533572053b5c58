import { createElement, Fragment, type ReactNode } from 'react'

/**
 * The tags a catalogue's sentence may hold, for `<Trans components={SENTENCE_TAGS}>`: `<hidden>` is read by
 * screen readers only, `<strong>` stands out, `<code>` is syntax typed as is, and the people's words a sentence names (`<claim>`, `<who>`,
 * `<title>`, `<contact>`, `<evidence>`) are laid out as user text, right to left when they are written so.
 */
export const SENTENCE_TAGS = {
  hidden: <span className="visually-hidden" />,
  strong: <strong />,
  // Markdown or other syntax shown as an example: typed as is, in any language.
  code: <code translate="no" />,
  claim: <span dir="auto" />,
  other: <span dir="auto" />,
  who: <span dir="auto" />,
  title: <span dir="auto" />,
  contact: <span dir="auto" />,
  evidence: <span dir="auto" />,
  // Any other person's words inside a sentence: a name, a title, a query.
  user: <span dir="auto" />,
}

/** A private-use character no one types: it marks where a node goes in a translated plain-text sentence. */
const MARK = '\uE000'

/** A value for `t(…)` that holds the place of a node, which `placed` puts there. */
export const slot = (name: string): string => `${MARK}${name}${MARK}`

/**
 * A translated sentence made with `slot(…)` values, with nodes in their places: for sentences that are also
 * used as plain text elsewhere (a live notice), so they carry no tags.
 */
export function placed(text: string, nodes: Readonly<Record<string, ReactNode>>): ReactNode {
  // Spread as children, in the sentence's order: the parts are fixed, so they need no keys.
  const parts = text.split(MARK).map((part, n) => (n % 2 === 1 ? nodes[part] : part))
  return createElement(Fragment, null, ...parts)
}

/** People's words inside an interface sentence: laid out in their own direction. */
export function UserText({ children }: { children: ReactNode }) {
  return <span dir="auto">{children}</span>
}
