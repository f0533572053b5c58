import type { Page } from 'playwright-core'

/** The names of a stance menu's choices. */
export type StanceChoiceName = 'Supports' | 'Contradicts' | 'Context' | 'None'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The cell of the evidence matrix for one evidence item and one claimant's claim. */
export const stanceCell = (page: Page, evidence: string, claimant: string) =>
  page.getByRole('button', {
    name: new RegExp(`^Stance of ${escapeRegExp(evidence)} on ${escapeRegExp(claimant)}'s claim: `),
  })

/** The cell's name, which ends with its stance: "Stance of … on …'s claim: supports". */
export async function stanceName(page: Page, evidence: string, claimant: string): Promise<string> {
  return (await stanceCell(page, evidence, claimant).getAttribute('aria-label')) ?? ''
}

/** The stance menu a cell opened. */
export const stanceMenu = (page: Page, evidence: string, claimant: string) =>
  page.getByRole('dialog', { name: `Stance of ${evidence} on ${claimant}'s claim` })

/** Sets a cell's stance with the pointer: opens the cell's menu, picks the choice and presses Set. */
export async function chooseStance(
  page: Page,
  evidence: string,
  claimant: string,
  choice: StanceChoiceName,
): Promise<void> {
  await stanceCell(page, evidence, claimant).click()
  const menu = stanceMenu(page, evidence, claimant)
  await menu.getByRole('menuitemradio', { name: choice, exact: true }).click()
  await menu.getByRole('button', { name: 'Set', exact: true }).click()
}
