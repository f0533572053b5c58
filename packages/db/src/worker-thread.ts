// How every worker thread of the server is started, from the sources and from the server bundle alike.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * Starts a worker thread on the module `name` beside the caller (`from`: the caller's import.meta.url).
 * From the sources (tsx, Vitest) it is `<name>.ts`, loaded through tsx's loader registered inside the
 * worker; in the server bundle (scripts/server-bundle.ts) every module is inside server.mjs, and the
 * worker's entry is `<name>.mjs`, built beside it by the same esbuild step.
 */
export function startWorkerThread(from: string, name: string, options: WorkerOptions = {}): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.mjs`, from), options)
  // tsx's ESM entry of its API (require.resolve would name the CommonJS one).
  const tsxPackage = createRequire(from).resolve('tsx/package.json')
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href
  const entry = new URL(`./${name}.ts`, from).href
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options)
}
