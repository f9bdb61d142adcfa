/**
 * Export dialog benchmark (prints figures; asserts no timing): the built app in Chromium, as the e2e tests run it,
 * with the 1,000-service design of the IaC benchmark open. For the dialog's first opening and for each format
 * switch, twice round the formats (the first time each format's code runs cold in the export worker): the time until
 * the preview shows the new format, and the page's main-thread long tasks (over 50 ms, by PerformanceObserver) while
 * it comes, i.e. how long the window could not answer.
 *
 * Everything measured is driven from inside the page, so that Playwright's own polling does not load the main thread
 * meanwhile. Run: `npm run bench:export-dialog` (builds the app first).
 */
import * as fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { serializeDesign } from '../../shared/model/document';
import { serviceDesign } from '../../shared/rules/testing/designs';
import { expect, test } from '../support/fixtures';

const SERVICES = 1000;

interface Step {
  readonly wall: number;
  readonly long: readonly number[];
}

/**
 * Clicks the menu item or format whose text is `label`, in the page, and waits there until the preview shows
 * `expected` and nothing is generating; then 1.5 s more for the long tasks that follow (Monaco's tokenizing).
 */
async function measure(page: Page, target: 'menu' | 'format', label: string, expected: string): Promise<Step> {
  return page.evaluate(
    async ({ target, label, expected }) => {
      const long: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) long.push(Math.round(e.duration));
      });
      observer.observe({ type: 'longtask' });
      const candidates = Array.from(document.querySelectorAll(target === 'menu' ? '[role=menuitem]' : '.export-iac-format'));
      const el = candidates.find((e) => e.textContent?.trim() === label);
      if (!(el instanceof HTMLElement)) throw new Error(`bench: no ${target} "${label}"`);
      const t0 = performance.now();
      el.click();
      await new Promise<void>((resolve) => {
        const check = () => {
          const lines = document.querySelector('[data-testid=export-iac-preview] .view-lines');
          if (lines?.textContent?.includes(expected) && !document.querySelector('.export-iac-generating')) resolve();
          else setTimeout(check, 10);
        };
        check();
      });
      const wall = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 1500));
      observer.disconnect();
      return { wall: Math.round(wall), long };
    },
    { target, label, expected },
  );
}

const row = (name: string, s: Step) =>
  `${name.padEnd(42)}${String(s.wall).padStart(8)}${String(s.long.length).padStart(8)}${String(Math.max(0, ...s.long)).padStart(9)}${String(s.long.reduce((a, b) => a + b, 0)).padStart(8)}`;

test(`Export dialog on a ${SERVICES.toLocaleString('en')}-service design`, async ({ page, bridge, rendererUrl }) => {
  test.setTimeout(600_000);
  await page.goto(`${rendererUrl}/index.html`);
  const file = path.join(bridge.workDir, 'services.ecsd.json');
  fs.writeFileSync(file, serializeDesign(serviceDesign(SERVICES)));
  bridge.dialogs.nextOpenPath = file;
  await page.getByRole('button', { name: 'Open Design…' }).click();
  await expect(page.getByTestId('status-document')).toHaveText(file, { timeout: 120_000 });
  // Let the canvas, the validator and the export worker's start settle.
  await page.waitForTimeout(3000);
  await page.getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Export Infrastructure as Code…' }).waitFor();

  const lines = [`${'step'.padEnd(42)}${'preview'.padStart(8)}${'tasks'.padStart(8)}${'longest'.padStart(9)}${'total'.padStart(8)}`];
  lines.push(row('open (CloudFormation YAML)', await measure(page, 'menu', 'Export Infrastructure as Code…', 'AWSTemplateFormatVersion')));
  const formats = [
    ['Terraform', 'terraform'],
    ['CloudFormation (JSON)', '"AWSTemplateFormatVersion"'],
    ['AWS CDK (TypeScript)', 'import'],
    ['CloudFormation (YAML)', 'AWSTemplateFormatVersion'],
  ] as const;
  for (const round of ['first', 'again']) {
    for (const [label, expected] of formats) lines.push(row(`switch to ${label}${round === 'again' ? ' (again)' : ''}`, await measure(page, 'format', label, expected)));
  }
  console.log(`\nExport dialog, ${SERVICES.toLocaleString('en')} services (Chromium ${page.context().browser()?.version() ?? ''})\n`);
  console.log(lines.join('\n'));
  console.log('\n(milliseconds: until the preview shows the format; main-thread long tasks while it comes, their count, longest and total)\n');
});
