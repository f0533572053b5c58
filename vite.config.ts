import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const repo = fileURLToPath(new URL('.', import.meta.url))
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`

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
    // server. `api` drives the real app and server on template databases; `browser` drives Chromium
    // against the web app built once for the run. `npm test` runs all three.
    projects: [
      {
        test: {
          name: 'unit',
          root: repo,
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          root: repo,
          include: ['tests/integration/**/*.test.ts', 'tests/hardening/**/*.test.ts'],
          environment: 'node',
          globalSetup: [`${repo}tests/support/global-setup.ts`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          root: repo,
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
