import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // The JSON report feeds the one-line summary .ci/run prints (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
