// The server as one plain JavaScript file, so `npm start` runs it on Node without tsx's loader
// (issue 6: about 151 MiB resident at rest under tsx against 86 MiB bundled).
import { basename, dirname } from 'node:path'
import { build, type Plugin } from 'esbuild'

/** Sources the bundle is built from, relative to the repository root: rebuild when one is newer. */
export const SERVER_SOURCES = [
  'apps/api/src',
  'packages/shared/src',
  'packages/domain/src',
  'packages/db/src',
  'drizzle',
]

/** Our workspace packages (@counterclaim/*) go into the bundle; every other package stays an import from node_modules. */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@counterclaim/') ? undefined : { path: args.path, external: true },
    )
  },
}

/**
 * Bundles apps/api/src/server.ts into `outfile` (ESM for Node 20), and the entries of its worker threads
 * beside it, where the server starts them from (packages/db's startWorkerThread): the claim-log import's
 * (claim-log-import-worker.mjs) and SQLite's read pool's (sqlite-read-worker.mjs). The files must sit inside the checkout (dist/server/): their npm imports
 * resolve from the checkout's node_modules, and migrations, views and the built web app are found
 * from the checkout's root (repoRoot()).
 */
export async function buildServerBundle(repo: string, outfile: string): Promise<void> {
  await build({
    absWorkingDir: repo,
    entryPoints: [
      { in: 'apps/api/src/server.ts', out: basename(outfile, '.mjs') },
      { in: 'apps/api/src/services/claim-log-import-worker.ts', out: 'claim-log-import-worker' },
      { in: 'packages/db/src/sqlite-read-worker.ts', out: 'sqlite-read-worker' },
    ],
    outdir: dirname(outfile),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [npmPackagesExternal],
    logLevel: 'warning',
  })
}
