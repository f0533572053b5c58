// npm start, first step: build the web app and the server bundle (dist/server/server.mjs) when either
// is missing or older than its sources. The start script then `exec`s plain Node on the bundle, so the
// server is the one process under npm, gets npm's signals itself, and carries no tsx loader (issue 6:
// ~151 MiB resident at rest under tsx against ~86 MiB bundled). Imported into this tsx process instead,
// the server measured 133 MiB at rest; spawned from it, this process stayed beside it at 68 MiB.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildServerBundle, SERVER_SOURCES } from './server-bundle.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const built = join(repo, 'dist/web/index.html')
const sources = ['apps/web', 'packages/shared/src', 'packages/domain/src'].map((p) => join(repo, p))

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

function isStale(output: string, inputs: string[]): boolean {
  return (
    !existsSync(output) || statSync(output).mtimeMs < Math.max(...inputs.filter(existsSync).map(newestMtime))
  )
}

if (isStale(built, sources)) {
  console.log('Building the web app…')
  execFileSync(
    process.execPath,
    [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: repo, stdio: 'inherit' },
  )
}

const bundle = join(repo, 'dist/server/server.mjs')
if (
  isStale(
    bundle,
    SERVER_SOURCES.map((p) => join(repo, p)),
  )
) {
  console.log('Building the server…')
  await buildServerBundle(repo, bundle)
}
