import path from 'node:path';
import { seedAccount } from '../main/aws/testing/accountImportSeed';
import type { Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test, type Bridge } from './support/fixtures';
import { useMotoServer, writeMotoProfile } from './support/moto';

/**
 * File › Import from AWS Account…: the dialog sends profile, region, endpoint and cluster through the bridged
 * aws:import-account handler to a moto server started here (seeded with a small cluster); the design opens as a
 * new unsaved document and the report shows.
 */

const moto = useMotoServer();

const KEY_ID = 'AKIDE2ETEST000000001';
const SECRET = 'e2e-secret-never-in-the-page';
const writeProfile = (bridge: Bridge) => writeMotoProfile(bridge, KEY_ID, SECRET);

/** Opens the dialog from the in-page File menu, or as the native File menu does (a menu command from main). */
async function openDialog(app: Page, via: 'menubar' | Bridge = 'menubar') {
  if (via === 'menubar') {
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Import from AWS Account…' }).click();
  } else {
    await via.sendCommand({ id: 'file.importFromAws' });
  }
  const dialog = app.getByRole('dialog', { name: 'Import from AWS Account' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('Import from AWS Account', () => {
  test('imports a seeded cluster as a new unsaved design and shows the report', async ({ app, bridge }) => {
    test.setTimeout(90_000);
    await moto().reset();
    await seedAccount(moto().endpoint, 'small');
    writeProfile(bridge);

    const dialog = await openDialog(app);
    // The profile comes from aws:list-profiles, its region fills in the region field.
    await expect(dialog.getByLabel('Profile')).toHaveValue('moto');
    await expect(dialog.getByLabel('Region')).toHaveValue('us-east-1');
    await dialog.getByLabel('Cluster').fill('shop');
    await dialog.getByLabel('Endpoint URL').fill(moto().endpoint);
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'aws-import-dialog.png') });
    await dialog.getByRole('button', { name: 'Import' }).click();

    const report = app.getByRole('dialog', { name: 'Imported cluster “shop”' });
    await expect(report).toBeVisible({ timeout: 20_000 });
    await expect(report.getByTestId('aws-import-report')).toContainText('Not carried over (0)');
    await expect(report.getByTestId('aws-import-report')).toContainText('service: web');
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'aws-import-report.png') });
    const pageText = await app.content();
    expect(pageText).not.toContain(KEY_ID);
    expect(pageText).not.toContain(SECRET);
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(report).toBeHidden();

    // The design is open as a new, unsaved document; the cluster, service and load balancer are on the canvas.
    await expect(app.getByText('Untitled design (not saved)')).toBeVisible();
    expect(bridge.window.dirty).toBe(true);
    for (const name of ['shop', 'web', 'shop-alb', 'shop-web']) await expect(app.locator('.react-flow__node').filter({ hasText: name }).first()).toBeVisible();
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'aws-import-canvas.png') });
  });

  test('an unknown cluster and a bad region are explained in the dialog', async ({ app, bridge }) => {
    await moto().reset();
    writeProfile(bridge);
    const dialog = await openDialog(app, bridge);
    await dialog.getByLabel('Region').fill('nowhere');
    await dialog.getByLabel('Cluster').fill('nope');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByRole('alert')).toContainText('an AWS region such as eu-west-1');

    await dialog.getByLabel('Region').fill('us-east-1');
    await dialog.getByLabel('Endpoint URL').fill(moto().endpoint);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog.getByRole('alert')).toContainText('cluster "nope" was not found in region us-east-1');
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'aws-import-error.png') });
    // Nothing was opened.
    await expect(app.locator('.react-flow__node')).toHaveCount(0);
  });
});
