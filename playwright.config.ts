import { defineConfig } from '@playwright/test';

/**
 * e2e: the built renderer (run `electron-vite build` first) served on 127.0.0.1 by e2e/support/server.ts and
 * opened in Debian's Chromium; the preload API is bridged to the real IPC handlers (e2e/support/fixtures.ts).
 * Never `npx playwright install`: it downloads a browser, which these machines cannot do.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  // One retry on CI absorbs timing flukes on a loaded 2-core machine; a retried test is reported as flaky.
  retries: process.env['CI'] ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // The JSON report feeds the one-line summary .ci/run prints (scripts/test-summary.mjs).
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
