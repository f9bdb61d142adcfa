import * as fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CHECKOUT_DESIGN } from './support/designs';
import { expect, SCREENSHOT_DIR, test, type Bridge } from './support/fixtures';

/** Document lifecycle: hot exit / crash recovery, "Save changes?", files opened from the OS or dropped, AWS profiles. */

const DESIGN = CHECKOUT_DESIGN;

const LOG_GROUP = { name: 'Log group /ecs/checkout' } as const;

function writeDesign(bridge: Bridge, name = 'checkout.ecsd.json', text = DESIGN): string {
  const file = path.join(bridge.workDir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function openThroughDialog(app: Page, bridge: Bridge, file: string): Promise<void> {
  bridge.dialogs.nextOpenPath = file;
  await app.getByRole('menuitem', { name: 'File', exact: true }).click();
  await app.getByRole('menuitem', { name: 'Open…' }).click();
  await expect(app.getByTestId('status-document')).toHaveText(file);
}

/** A real edit through the UI: select the log group by clicking it, press Delete. */
async function deleteLogGroup(app: Page): Promise<void> {
  const canvas = app.getByRole('region', { name: 'Design canvas' });
  await canvas.getByRole('group', LOG_GROUP).click();
  await app.keyboard.press('Delete');
  await expect(canvas.getByRole('group', LOG_GROUP)).toHaveCount(0);
  await expect(app).toHaveTitle(/^● checkout\.ecsd\.json/);
}

/** Errors the app reports in its status bar (other panels have alerts of their own). */
function statusAlert(page: Page) {
  return page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('alert');
}

function backupFiles(bridge: Bridge): string[] {
  return fs.existsSync(bridge.backupsDir) ? fs.readdirSync(bridge.backupsDir).filter((n) => n.endsWith('.json')) : [];
}

function fileMenu(app: Page, item: string) {
  return (async () => {
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: item, exact: true }).click();
  })();
}

test.describe('hot exit and crash recovery', () => {
  test('backs up unsaved changes, offers them back after a crash, restores them marked unsaved', async ({ app, bridge }) => {
    const file = writeDesign(bridge);
    await openThroughDialog(app, bridge, file);
    await deleteLogGroup(app);
    expect(bridge.window.dirty).toBe(true);

    // Debounced (about a second), then one atomic backup for the document.
    await expect.poll(() => backupFiles(bridge), { timeout: 5000 }).toHaveLength(1);
    const backup = JSON.parse(fs.readFileSync(path.join(bridge.backupsDir, backupFiles(bridge)[0]!), 'utf8')) as Record<string, unknown>;
    expect(backup).toMatchObject({ version: 1, path: file, savedAt: expect.any(String) });
    expect(backup['text']).not.toContain('/ecs/checkout');
    expect(fs.readFileSync(file, 'utf8')).toBe(DESIGN);

    // The renderer goes away without saving (a crash); the next start finds the backup.
    await app.reload();
    const offer = app.getByRole('dialog', { name: 'Restore unsaved changes?' });
    await expect(offer).toBeVisible();
    await expect(offer).toContainText(/Restore unsaved changes to checkout\.ecsd\.json from \d{1,2}:\d{2}/);
    await expect(offer.getByRole('button', { name: 'Restore' })).toBeFocused();
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'recovery-offer.png') });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'recovery-offer-dark.png') });
    await app.emulateMedia({ colorScheme: 'light' });

    await offer.getByRole('button', { name: 'Restore' }).click();
    await expect(offer).toBeHidden();
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await expect(canvas.getByRole('group', { name: 'Task definition checkout' })).toBeVisible();
    await expect(canvas.getByRole('group', LOG_GROUP)).toHaveCount(0);
    await expect(app.getByTestId('status-document')).toHaveText(file);
    await expect(app).toHaveTitle(/^● checkout\.ecsd\.json/);
    await expect.poll(() => bridge.window.dirty).toBe(true);

    // Saving writes the restored design and removes the backup.
    await fileMenu(app, 'Save');
    await expect(app.getByRole('status')).toHaveText('Saved checkout.ecsd.json');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('/ecs/checkout');
    await expect.poll(() => backupFiles(bridge)).toEqual([]);
    await expect.poll(() => bridge.window.dirty).toBe(false);
  });

  test('Discard removes the backup; Not Now keeps it for the next start', async ({ app, bridge }) => {
    const file = writeDesign(bridge);
    await openThroughDialog(app, bridge, file);
    await deleteLogGroup(app);
    await expect.poll(() => backupFiles(bridge), { timeout: 5000 }).toHaveLength(1);

    await app.reload();
    const offer = app.getByRole('dialog', { name: 'Restore unsaved changes?' });
    await expect(offer.getByRole('button', { name: 'Restore' })).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(offer).toBeHidden();
    expect(backupFiles(bridge)).toHaveLength(1);
    await expect(app.getByTestId('status-document')).toHaveText('No design open');

    await app.reload();
    await offer.getByRole('button', { name: 'Discard' }).click();
    await expect(offer).toBeHidden();
    await expect.poll(() => backupFiles(bridge)).toEqual([]);
    await app.reload();
    await expect(app.getByRole('menubar', { name: 'Application menu' })).toBeVisible();
    await expect(offer).toBeHidden();
  });

  test('a corrupt backup is reported with its file and left on disk; start-up goes on', async ({ page, bridge, rendererUrl }) => {
    fs.mkdirSync(bridge.backupsDir, { recursive: true });
    const corrupt = path.join(bridge.backupsDir, 'file-0123456789abcdef.json');
    fs.writeFileSync(corrupt, '{"version":1,"savedAt":"2026-');
    await page.goto(`${rendererUrl}/index.html`);
    await expect(statusAlert(page)).toHaveText(`The backup ${corrupt} cannot be restored: it is not valid JSON. It was left on disk.`);
    await expect(page.getByRole('dialog', { name: 'Restore unsaved changes?' })).toBeHidden();
    expect(fs.readFileSync(corrupt, 'utf8')).toBe('{"version":1,"savedAt":"2026-');
    await page.getByRole('menuitem', { name: 'File', exact: true }).click();
    await page.getByRole('menuitem', { name: 'New', exact: true }).click();
    await expect(page.getByTestId('status-document')).toHaveText('Untitled design (not saved)');
  });
});

test.describe('unsaved changes ask', () => {
  test('File › New with unsaved changes asks Save / Don’t Save / Cancel', async ({ app, bridge }) => {
    const file = writeDesign(bridge);
    await openThroughDialog(app, bridge, file);
    await deleteLogGroup(app);

    await fileMenu(app, 'New');
    const ask = app.getByRole('dialog', { name: 'Save changes to checkout.ecsd.json?' });
    await expect(ask).toBeVisible();
    await expect(ask).toHaveAccessibleDescription('Your changes will be lost if you don’t save them.');
    await expect(ask.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'unsaved-changes.png') });

    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toBeHidden();
    await expect(app.getByTestId('status-document')).toHaveText(file);
    await expect(app).toHaveTitle(/^● /);

    await expect.poll(() => backupFiles(bridge), { timeout: 5000 }).toHaveLength(1);
    await fileMenu(app, 'New');
    await ask.getByRole('button', { name: 'Don’t Save' }).click();
    await expect(app.getByTestId('status-document')).toHaveText('Untitled design (not saved)');
    expect(fs.readFileSync(file, 'utf8')).toBe(DESIGN);
    await expect.poll(() => backupFiles(bridge)).toEqual([]);
  });

  test('File › New from Pattern asks too; Cancel keeps the document', async ({ app, bridge }) => {
    const file = writeDesign(bridge);
    await openThroughDialog(app, bridge, file);
    await deleteLogGroup(app);
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'New from Pattern' }).click();
    await app.getByRole('menuitem', { name: 'Load-balanced web service on Fargate' }).click();
    const ask = app.getByRole('dialog', { name: 'Save changes to checkout.ecsd.json?' });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(app.getByTestId('status-document')).toHaveText(file);
  });

  test('File › Close › Save saves, then closes', async ({ app, bridge }) => {
    const file = writeDesign(bridge);
    await openThroughDialog(app, bridge, file);
    await deleteLogGroup(app);
    await fileMenu(app, 'Close');
    await app.getByRole('dialog', { name: 'Save changes to checkout.ecsd.json?' }).getByRole('button', { name: 'Save', exact: true }).click();
    await expect(app.getByTestId('status-document')).toHaveText('No design open');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('/ecs/checkout');
    expect(fs.readFileSync(`${file}.bak`, 'utf8')).toBe(DESIGN);
  });

  test('closing the window: main asks the page, which answers after the dialog', async ({ app, bridge }) => {
    const file = writeDesign(bridge);
    await openThroughDialog(app, bridge, file);
    await deleteLogGroup(app);
    await expect.poll(() => bridge.window.dirty).toBe(true);
    await expect.poll(() => backupFiles(bridge), { timeout: 5000 }).toHaveLength(1);

    await bridge.requestClose('close');
    const ask = app.getByRole('dialog', { name: 'Save changes to checkout.ecsd.json?' });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => bridge.window.closeAnswers).toEqual([false]);
    expect(backupFiles(bridge)).toHaveLength(1);

    await bridge.requestClose('quit');
    await ask.getByRole('button', { name: 'Don’t Save' }).click();
    await expect.poll(() => bridge.window.closeAnswers).toEqual([false, true]);
    // Don't Save discards the backup before the window goes.
    expect(backupFiles(bridge)).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(DESIGN);
  });

  test('a clean document closes without a question', async ({ app, bridge }) => {
    await openThroughDialog(app, bridge, writeDesign(bridge));
    await bridge.requestClose('close');
    await expect.poll(() => bridge.window.closeAnswers).toEqual([true]);
    await expect(app.getByRole('dialog')).toHaveCount(0);
  });
});

test.describe('files opened from outside the menus', () => {
  test('the command line / file association path opens like File › Open; an invalid file is refused with its path', async ({ app, bridge }) => {
    await expect.poll(() => bridge.window.readyCount).toBe(1);
    const file = writeDesign(bridge);
    await bridge.openFromOs(file);
    await expect(app.getByTestId('status-document')).toHaveText(file);
    await expect(app.getByRole('status')).toHaveText('Opened checkout.ecsd.json');

    const broken = writeDesign(bridge, 'broken.ecsd.json', '{"schemaVersion": 1, "nodes": [');
    await bridge.openFromOs(broken);
    await expect(statusAlert(app)).toHaveText(/^broken\.ecsd\.json cannot be opened: \/: not valid JSON/);
    await expect(app.getByTestId('status-document')).toHaveText(file);

    // With unsaved changes, it asks first.
    await deleteLogGroup(app);
    await bridge.openFromOs(file);
    const ask = app.getByRole('dialog', { name: 'Save changes to checkout.ecsd.json?' });
    await ask.getByRole('button', { name: 'Don’t Save' }).click();
    await expect(app.getByRole('region', { name: 'Design canvas' }).getByRole('group', LOG_GROUP)).toBeVisible();
  });

  test('a path given before the page was ready waits for it', async ({ page, bridge, rendererUrl }) => {
    const file = writeDesign(bridge);
    await bridge.openFromOs(file);
    await page.goto(`${rendererUrl}/index.html`);
    await expect(page.getByTestId('status-document')).toHaveText(file);
  });

  test('a design file dropped on the window opens; a File without a path is refused', async ({ app, bridge }) => {
    const file = writeDesign(bridge);
    bridge.dropPaths.set('checkout.ecsd.json', file);
    const drop = async (name: string) => {
      const dataTransfer = await app.evaluateHandle(
        ([fileName, text]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], fileName, { type: 'application/json' }));
          return transfer;
        },
        [name, DESIGN] as const,
      );
      const target = app.getByRole('region', { name: 'Design canvas' });
      await target.dispatchEvent('dragover', { dataTransfer });
      await target.dispatchEvent('drop', { dataTransfer });
    };
    await drop('checkout.ecsd.json');
    await expect(app.getByTestId('status-document')).toHaveText(file);
    await expect(app.getByRole('region', { name: 'Design canvas' }).getByRole('group', LOG_GROUP)).toBeVisible();

    await drop('made-up.ecsd.json');
    await expect(statusAlert(app)).toHaveText('Only files dropped from the file system can be opened.');
    await expect(app.getByTestId('status-document')).toHaveText(file);
  });
});

test('aws:list-profiles lists kinds and regions and never returns a secret', async ({ app, bridge }) => {
  fs.mkdirSync(path.dirname(bridge.awsFiles.config), { recursive: true });
  fs.writeFileSync(bridge.awsFiles.config, '[default]\nregion = eu-west-1\n[profile sso]\nsso_session = corp\n[profile tool]\ncredential_process = /bin/creds --secret p4ssw0rd\n');
  fs.writeFileSync(bridge.awsFiles.credentials, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  const result = await app.evaluate(() => window.ecsDesigner!.invoke['aws:list-profiles']({}));
  expect(result.ok && result.value.profiles.map((p) => [p.name, p.kind, p.region ?? null])).toEqual([
    ['default', 'static', 'eu-west-1'],
    ['sso', 'sso', null],
    ['tool', 'credential-process', null],
  ]);
  const serialized = JSON.stringify(result);
  for (const secret of ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI', 'p4ssw0rd', '/bin/creds']) expect(serialized).not.toContain(secret);
});
