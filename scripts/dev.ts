// npm run dev: the API (restarting on change) behind Vite's dev server and its proxy.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))
const apiPort = process.env.API_PORT ?? '3000'
const children = [
  spawn(
    process.execPath,
    [join(repo, 'node_modules/tsx/dist/cli.mjs'), 'watch', join(repo, 'apps/api/src/server.ts')],
    {
      cwd: repo,
      stdio: 'inherit',
      env: { ...process.env, PORT: apiPort },
    },
  ),
  spawn(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js')], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort },
  }),
]
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
for (const child of children) child.once('exit', stop)
