// npm start: build the web app when its build is missing or older than its sources, then serve.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

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

const stale =
  !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.filter(existsSync).map(newestMtime))
if (stale) {
  console.log('Building the web app…')
  execFileSync(
    process.execPath,
    [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: repo, stdio: 'inherit' },
  )
}

const { startServer } = await import('../apps/api/src/server.ts')
await startServer()
