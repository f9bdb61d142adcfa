import * as fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test, type Bridge } from './support/fixtures';

/** Importing docker-compose files and CloudFormation templates: File › Import…, dropping on the window, the report. */

const corpus = (sub: string, name: string) => fileURLToPath(new URL(`../../shared/corpus/${sub}/${name}`, import.meta.url));
const VOTING = corpus('compose', 'dockersamples__example-voting-app__docker-compose.yml');

function copyIn(bridge: Bridge, source: string, name: string): string {
  const file = path.join(bridge.workDir, name);
  fs.copyFileSync(source, file);
  return file;
}

async function importThroughMenu(app: Page, bridge: Bridge, file: string): Promise<void> {
  bridge.dialogs.nextOpenPath = file;
  await app.getByRole('menuitem', { name: 'File', exact: true }).click();
  await app.getByRole('menuitem', { name: 'Import…', exact: true }).click();
}

test.describe('import', () => {
  test('File › Import… a docker-compose file: a new design, laid out, with the import report', async ({ app, bridge }) => {
    const file = copyIn(bridge, VOTING, 'docker-compose.yml');
    await importThroughMenu(app, bridge, file);

    const report = app.getByTestId('import-report');
    await expect(report).toBeVisible();
    await expect(report.getByRole('heading', { name: 'Import report' })).toBeVisible();
    await expect(report).toContainText('6 services, 6 task definitions');
    const notCarried = report.getByRole('region', { name: 'Not carried over or changed' });
    await expect(notCarried.getByText('services.vote.build', { exact: true })).toBeVisible();
    await expect(notCarried.getByText('services.worker.depends_on.db', { exact: true })).toBeVisible();
    await expect(notCarried.getByText(/bind mount of \.\/healthchecks/).first()).toBeVisible();
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-compose-report.png') });
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(report).toBeHidden();

    await expect(app.getByRole('status')).toHaveText(/^Imported docker-compose\.yml: 6 services, 6 task definitions and \d+ other nodes — \d+ items not carried over \(see the import report\)$/);
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    for (const name of ['vote', 'result', 'worker', 'redis', 'db', 'seed']) await expect(canvas.getByRole('group', { name: `Task definition ${name}` })).toBeVisible();
    // Auto-laid out: no two task definitions share a position.
    const boxes = await Promise.all(['vote', 'result', 'worker', 'redis', 'db', 'seed'].map((n) => canvas.getByRole('group', { name: `Task definition ${n}` }).boundingBox()));
    const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height));
    expect(overlaps).toEqual([]);
    await expect(app.getByTestId('status-document')).toHaveText(/unsaved|Untitled|docker-compose/i);
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-compose-canvas.png') });
  });

  test('the report offers the other compose mapping: one task definition with every container', async ({ app, bridge }) => {
    const file = copyIn(bridge, VOTING, 'docker-compose.yml');
    await importThroughMenu(app, bridge, file);
    const report = app.getByTestId('import-report');
    await expect(report).toContainText('6 services, 6 task definitions');
    await report.getByRole('button', { name: 'Import as one task definition' }).click();
    await expect(report).toContainText('1 service, 1 task definition');
    await expect(report.getByRole('button', { name: 'Import as one task per service' })).toBeVisible();
    await report.getByRole('button', { name: 'Close' }).click();
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await expect(canvas.getByRole('group', { name: /^Task definition / })).toHaveCount(1);
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-compose-single-task.png') });
  });

  test('a CloudFormation template dropped on the window is imported', async ({ app, bridge }) => {
    const file = copyIn(bridge, corpus('cloudformation', 'aws-samples__yelb-service-connect__base-infra-cfn.yaml'), 'yelb.yaml');
    bridge.dropPaths.set('yelb.yaml', file);
    const dataTransfer = await app.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'yelb.yaml', { type: 'application/yaml' }));
      return transfer;
    }, fs.readFileSync(file, 'utf8'));
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await canvas.dispatchEvent('dragover', { dataTransfer });
    await canvas.dispatchEvent('drop', { dataTransfer });

    const report = app.getByTestId('import-report');
    await expect(report).toContainText('4 services, 4 task definitions');
    await expect(report).toContainText('Imported from the CloudFormation template yelb.yaml');
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-cloudformation-report.png') });
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(canvas.getByRole('group', { name: /^Task definition / })).toHaveCount(4);
  });

  test('a compose file dropped on the window; invalid YAML is refused with line and column', async ({ app, bridge }) => {
    const bad = path.join(bridge.workDir, 'broken.yml');
    fs.writeFileSync(bad, 'services:\n  web:\n    image: [nginx\n');
    await importThroughMenu(app, bridge, bad);
    await expect(app.getByRole('alert')).toHaveText(/^broken\.yml cannot be imported: not valid YAML: .*\(line 4, column 1\)$/);
    await expect(app.getByTestId('import-report')).toBeHidden();

    const file = copyIn(bridge, corpus('compose', 'docker__awesome-compose__minecraft.yaml'), 'compose.yaml');
    bridge.dropPaths.set('compose.yaml', file);
    const dataTransfer = await app.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'compose.yaml', { type: 'application/yaml' }));
      return transfer;
    }, fs.readFileSync(file, 'utf8'));
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await canvas.dispatchEvent('dragover', { dataTransfer });
    await canvas.dispatchEvent('drop', { dataTransfer });
    await expect(app.getByTestId('import-report')).toContainText('1 service, 1 task definition');
    await app.getByTestId('import-report').getByRole('button', { name: 'Close' }).click();
    await expect(canvas.getByRole('group', { name: 'Task definition minecraft' })).toBeVisible();
  });
});
