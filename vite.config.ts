import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { configDefaults, defineConfig } from 'vitest/config'

const repo = fileURLToPath(new URL('.', import.meta.url))
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`

/**
 * Test files about what one engine alone does, left out of the other engine's project. What both engines
 * promise stays in the shared files, each engine's own form of a check chosen there (engineOf).
 */
const ENGINE_ONLY: Record<'sqlite' | 'postgres', string[]> = {
  sqlite: [
    // SQLite's EXPLAIN QUERY PLAN choices and FTS5 plan thresholds for the claim log.
    'tests/integration/claim-log-plans.test.ts',
    // `npm run backup` is SQLite's online backup of the file, checked with PRAGMA integrity_check.
    'tests/hardening/backup.test.ts',
    // Both engines side by side (a desk's SQLite file copied into PostgreSQL, the same claim log on both):
    // they start a cluster of their own and read SQLite's template, so they run once, here.
    'tests/integration/postgres-operations.test.ts',
    'tests/integration/postgres-hot-paths.test.ts',
  ],
  // The throwaway cluster helper the PostgreSQL project runs on: tested once, with that project.
  postgres: ['tests/integration/postgres-cluster.test.ts'],
}

/**
 * The integration and hardening suites on one engine: the real app and server on databases cloned from a
 * template the global setup seeds once per run (a throwaway PostgreSQL cluster for `postgres`). The
 * engine is provided to the files (inject('engine')) and named in the output.
 */
function apiProject(engine: 'sqlite' | 'postgres') {
  const other = engine === 'sqlite' ? 'postgres' : 'sqlite'
  return {
    test: {
      name: `api (${engine})`,
      root: repo,
      include: ['tests/integration/**/*.test.ts', 'tests/hardening/**/*.test.ts'],
      exclude: [...configDefaults.exclude, ...ENGINE_ONLY[other]],
      environment: 'node',
      provide: { engine },
      globalSetup: [`${repo}tests/support/global-setup.ts`],
      setupFiles: [`${repo}tests/support/database-setup.ts`],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }
}

export default defineConfig({
  root: 'apps/web',
  plugins: [react()],
  build: {
    outDir: `${repo}dist/web`,
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: true,
        // The API accepts changes only from its own origin; the dev proxy speaks for the page.
        configure: (proxy) => proxy.on('proxyReq', (req) => req.setHeader('origin', apiTarget)),
      },
      '/v/': { target: apiTarget, changeOrigin: true },
    },
  },
  test: {
    // The JSON report is what .ci/run reads for its `vitest: N passed, N failed` line.
    reporters: ['default', 'json'],
    outputFile: { json: `${repo}tests/.artifacts/vitest-results.json` },
    // `npx vitest --project unit` is the fast loop: pure tests beside the code, no database, no
    // server. `api (sqlite)` and `api (postgres)` drive the real app and server on template databases of
    // their engine (`--project 'api*'` runs both); `browser` drives Chromium against the web app built
    // once for the run. `npm test` runs them all.
    projects: [
      {
        test: {
          name: 'unit',
          root: repo,
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      apiProject('sqlite'),
      apiProject('postgres'),
      {
        test: {
          name: 'browser',
          root: repo,
          provide: { engine: 'sqlite' },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: [`${repo}tests/support/e2e-setup.ts`],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
