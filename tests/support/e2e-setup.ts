import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { assertChromium } from './browser.ts'
import { buildTemplate } from './template-db.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** Browser tests run against the built web app: build it once per run, then seed a template. */
export default async function setup(project: TestProject) {
  assertChromium()
  execFileSync(process.execPath, [`${REPO}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
  })
  project.provide('templateDb', await buildTemplate('e2e-template', 'demo'))
  project.provide('emptyTemplateDb', await buildTemplate('e2e-template-empty', 'none'))
}
