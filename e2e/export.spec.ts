import * as fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { serializeDesign } from '../shared/model/document';
import { loadBalancedWebService } from '../shared/patterns/index';
import { expect, SCREENSHOT_DIR, test } from './support/fixtures';

/**
 * File › Export Infrastructure as Code…: a pattern opens, the dialog generates each format in the page (shared
 * code), shows the files and a read-only Monaco preview, and saves them through the bridged export:iac-dialog
 * handler into the folder the (stubbed) dialog returns; existing files are replaced only after confirming.
 */

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `export-${name}.png`) });
}

async function openPattern(app: Page, query: string): Promise<void> {
  await app.keyboard.press('Control+Shift+P');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox', { name: 'Type a command' })).toBeFocused();
  await app.keyboard.type(query);
  await expect(palette.getByRole('option')).toHaveCount(1);
  await app.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

async function openExportDialog(app: Page): Promise<Locator> {
  await app.getByRole('menuitem', { name: 'File', exact: true }).click();
  await app.getByRole('menuitem', { name: 'Export Infrastructure as Code…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export Infrastructure as Code' });
  await expect(dialog).toBeVisible();
  return dialog;
}

const preview = (dialog: Locator) => dialog.getByTestId('export-iac-preview').locator('.view-lines');

test.describe('Export Infrastructure as Code', () => {
  test('previews every format of a pattern and saves the files to a folder', async ({ app, bridge }) => {
    test.setTimeout(90_000);
    await openPattern(app, 'pattern web');
    const dialog = await openExportDialog(app);
    const files = dialog.getByRole('listbox', { name: 'Generated files' });

    // CloudFormation YAML is the default format.
    await expect(dialog.getByRole('radio', { name: 'CloudFormation (YAML)' })).toBeChecked();
    await expect(files.getByRole('option')).toHaveText(['template.yaml']);
    await expect(preview(dialog)).toContainText('AWSTemplateFormatVersion');

    await dialog.getByRole('radio', { name: 'CloudFormation (JSON)' }).check();
    await expect(files.getByRole('option')).toHaveText(['template.json']);
    await expect(preview(dialog)).toContainText('"AWSTemplateFormatVersion"');
    // Coloured by the JSON tokenizer (the preview's own language, without the JSON language service).
    await expect(preview(dialog).locator('span[class^="mtk"]').filter({ hasText: '"AWSTemplateFormatVersion"' }).first()).not.toHaveCSS('color', await preview(dialog).locator('span[class^="mtk"]').filter({ hasText: '"2010-09-09"' }).first().evaluate((e) => getComputedStyle(e).color));
    await shot(app, 'json');
    // …and no JSON language worker was started for it (its document symbols of a large template stalled the page).
    expect(app.workers().filter((w) => /json\.worker/.test(w.url()))).toHaveLength(0);

    await dialog.getByRole('radio', { name: 'Terraform' }).check();
    await expect(files.getByRole('option', { name: 'main.tf' })).toBeVisible();
    await files.getByRole('option', { name: 'versions.tf' }).click();
    await expect(files.getByRole('option', { name: 'versions.tf' })).toHaveAttribute('aria-selected', 'true');
    await expect(preview(dialog)).toContainText('hashicorp/aws');
    await files.getByRole('option', { name: 'main.tf' }).click();
    await expect(preview(dialog)).toContainText('resource "aws_');
    await shot(app, 'terraform');

    await dialog.getByRole('radio', { name: 'AWS CDK (TypeScript)' }).check();
    await expect(files.getByRole('option')).toHaveText(['bin/app.ts', /^lib\/.+-stack\.ts$/, 'package.json', 'cdk.json', 'tsconfig.json']);
    await files.getByRole('option').nth(1).click();
    await expect(preview(dialog)).toContainText("import * as cdk from 'aws-cdk-lib';");
    await shot(app, 'cdk');

    // Save to a folder chosen in the (stubbed) folder dialog: the files and sub-folders appear.
    const out = path.join(bridge.workDir, 'cdk-out');
    fs.mkdirSync(out);
    bridge.dialogs.nextSavePath = out;
    await dialog.getByRole('button', { name: 'Save to Folder…' }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved 5 files to ${out}`);
    expect(fs.readFileSync(path.join(out, 'bin', 'app.ts'), 'utf8')).toContain('new cdk.App()');
    expect(fs.readdirSync(path.join(out, 'lib'))).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'))).toMatchObject({ dependencies: { 'aws-cdk-lib': expect.any(String) } });

    // Saving again into the same folder asks before replacing; keeping the files writes nothing.
    fs.writeFileSync(path.join(out, 'cdk.json'), '{"mine":true}\n');
    bridge.dialogs.nextSavePath = out;
    await dialog.getByRole('button', { name: 'Save to Folder…' }).click();
    const confirm = dialog.getByRole('alert');
    await expect(confirm).toContainText('5 of these files already exist');
    await shot(app, 'confirm-replace');
    await confirm.getByRole('button', { name: 'Keep Existing Files' }).click();
    expect(fs.readFileSync(path.join(out, 'cdk.json'), 'utf8')).toBe('{"mine":true}\n');
    bridge.dialogs.nextSavePath = out;
    await dialog.getByRole('button', { name: 'Save to Folder…' }).click();
    await dialog.getByRole('alert').getByRole('button', { name: 'Replace' }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Saved 5 files to ${out}`);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'cdk.json'), 'utf8'))).toHaveProperty('app');

    // Task definitions need the account id (roles the design creates have no ARN yet): the dialog says so.
    await dialog.getByRole('radio', { name: 'Task definitions' }).check();
    await expect(dialog.getByRole('alert')).toContainText('Cannot generate Task definitions: task definition "web"');
    await expect(dialog.getByRole('alert')).toContainText('settings.accountId');
    await expect(files).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Save to Folder…' })).toBeDisabled();

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  test('a design with a validation error: the dialog says so, generates anyway on request, in every format', async ({ app, bridge }) => {
    test.setTimeout(90_000);
    // The web service pattern with a task size Fargate does not offer (512 CPU units with 8 GiB).
    const design = loadBalancedWebService();
    const td = design.nodes.find((n) => n.kind === 'taskDefinition')!;
    const broken = { ...design, nodes: design.nodes.map((n) => (n === td ? { ...td, properties: { ...td.properties, cpu: '512', memory: '8192' } } : n)) };
    const file = path.join(bridge.workDir, 'oversized.ecsd.json');
    fs.writeFileSync(file, serializeDesign(broken));
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('button', { name: 'Open Design…' }).click();
    await expect(app.getByTestId('status-document')).toHaveText(file);

    const dialog = await openExportDialog(app);
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Cannot generate CloudFormation (YAML): the design has 1 validation error (see the Problems panel)');
    await expect(dialog.getByRole('listbox', { name: 'Generated files' })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Save to Folder…' })).toBeDisabled();
    // Another format is refused for the same reason.
    await dialog.getByRole('radio', { name: 'Terraform' }).check();
    await expect(alert).toContainText('Cannot generate Terraform: the design has 1 validation error');
    await shot(app, 'validation-error');

    await alert.getByRole('button', { name: 'Generate Anyway' }).click();
    const files = dialog.getByRole('listbox', { name: 'Generated files' });
    await expect(files.getByRole('option', { name: 'main.tf' })).toBeVisible();
    await files.getByRole('option', { name: 'main.tf' }).click();
    await expect(preview(dialog)).toContainText('resource "aws_vpc"');
    await expect(alert).toHaveCount(0);
    await dialog.getByRole('radio', { name: 'CloudFormation (JSON)' }).check();
    await expect(files.getByRole('option')).toHaveText(['template.json']);
    await expect(preview(dialog)).toContainText('"AWSTemplateFormatVersion"');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  test('generates in the export worker: the dialog shows progress, and closes and opens again while the worker is busy', async ({ app }) => {
    test.setTimeout(90_000);
    // The app starts the export worker when idle after launch; it is the only one of its kind.
    const exportWorkers = () => app.workers().filter((w) => /export\.worker/.test(w.url()));
    await expect.poll(() => exportWorkers().length).toBe(1);
    const worker = exportWorkers()[0]!;
    /** Keeps the export worker's thread busy for a while (requests queue behind it), as a large design would. */
    const occupyWorker = () => worker.evaluate(() => {
      const until = Date.now() + 6000;
      while (Date.now() < until);
    });

    await openPattern(app, 'pattern web');
    let dialog = await openExportDialog(app);
    const files = dialog.getByRole('listbox', { name: 'Generated files' });
    await expect(files.getByRole('option')).toHaveText(['template.yaml']);

    // Another format while the worker is busy: the previous files stay under a veil that says what is coming, and
    // nothing can be saved meanwhile.
    const busy = occupyWorker();
    await dialog.getByRole('radio', { name: 'Terraform' }).check();
    const generating = dialog.getByRole('status');
    await expect(generating).toHaveText('Generating Terraform…');
    await expect(dialog.getByRole('button', { name: 'Save to Folder…' })).toBeDisabled();
    await expect(generating).toHaveCSS('opacity', '1');
    await shot(app, 'generating');
    // The dialog answers meanwhile: it closes, and opens again.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    dialog = await openExportDialog(app);
    await expect(dialog.getByRole('status')).toHaveText('Generating Terraform…');
    await busy;

    // Once the worker is free, this opening gets its files (the answer due to the closed one is dropped).
    await files.getByRole('option', { name: 'main.tf' }).click();
    await expect(preview(dialog)).toContainText('resource "aws_');
    await expect(dialog.getByRole('status')).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Save to Folder…' })).toBeEnabled();
    expect(exportWorkers()).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  test('opens from the native File menu and does nothing when the folder dialog is cancelled', async ({ app, bridge }) => {
    await openPattern(app, 'pattern efs');
    await bridge.sendCommand({ id: 'file.exportIac' });
    const dialog = app.getByRole('dialog', { name: 'Export Infrastructure as Code' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: 'Terraform' }).check();
    await dialog.getByRole('listbox', { name: 'Generated files' }).getByRole('option', { name: 'main.tf' }).click();
    await expect(preview(dialog)).toContainText('resource "aws_');
    bridge.dialogs.nextSavePath = null;
    await dialog.getByRole('button', { name: 'Save to Folder…' }).click();
    await expect(dialog.getByRole('button', { name: 'Save to Folder…' })).toBeEnabled();
    await expect(dialog.getByRole('status')).toHaveCount(0);
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
