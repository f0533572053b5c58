import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { assertChromium } from './browser.ts'
import { ARTIFACTS, buildTemplate, removeDbFile } from './template-db.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** Browser tests run against the built web app: build it once per run, then seed a template. */
export default async function setup(project: TestProject) {
  assertChromium()
  // A build of this run's own, so runs sharing the checkout never serve each other's half-written files.
  const webDist = `${ARTIFACTS}web-${process.pid}`
  execFileSync(
    process.execPath,
    [
      `${REPO}node_modules/vite/bin/vite.js`,
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      webDist,
      '--emptyOutDir',
    ],
    // Vitest sets NODE_ENV=test, which would make this a development build of React (jsxDEV, several times
    // slower): the browser tests run the production build users get.
    { cwd: REPO, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  )
  project.provide('webDist', webDist)
  const demo = await buildTemplate('e2e-template', 'demo')
  const empty = await buildTemplate('e2e-template-empty', 'none')
  project.provide('templateDb', demo)
  project.provide('emptyTemplateDb', empty)
  return () => {
    removeDbFile(demo)
    removeDbFile(empty)
    rmSync(webDist, { recursive: true, force: true })
  }
}
