#!/usr/bin/env node
// Prints one closing line for CI from the vitest and Playwright JSON reports written by `npm test`:
//   "Tests: N passed, N failed, N skipped"
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (existsSync('reports/vitest.json')) {
  const v = JSON.parse(readFileSync('reports/vitest.json', 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else missing.push('vitest');

if (existsSync('reports/playwright.json')) {
  const p = JSON.parse(readFileSync('reports/playwright.json', 'utf8'));
  const s = p.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
} else missing.push('playwright');

if (missing.length > 0) console.log(`(no report from ${missing.join(', ')})`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
