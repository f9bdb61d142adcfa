import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * Benchmarks that need the built app in Chromium (e2e/bench/*.bench.ts): the e2e setup, one run each, no retries,
 * figures printed by the benchmark itself. `npm run bench:export-dialog`.
 */
export default defineConfig({
  ...base,
  testDir: 'e2e/bench',
  testMatch: '**/*.bench.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { ...base.use, trace: 'off', screenshot: 'off' },
});
