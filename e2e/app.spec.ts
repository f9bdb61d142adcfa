import { API_KEYS } from '../shared/ipc/api';
import { PAGE_INVOKE_CHANNELS } from '../shared/ipc/channels';
import { expectedRegisterInput } from '../shared/test-support/taskdefs';
import * as fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKOUT_DESIGN } from './support/designs';
import { expect, SCREENSHOT_DIR, test } from './support/fixtures';

const DESIGN = CHECKOUT_DESIGN;

test.describe('ECS Designer shell', () => {
  test('loads with the menubar, an empty canvas and the status bar', async ({ app }) => {
    const menubar = app.getByRole('menubar', { name: 'Application menu' });
    for (const name of ['File', 'Edit', 'View', 'Help']) {
      await expect(menubar.getByRole('menuitem', { name, exact: true })).toBeVisible();
    }

    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await expect(canvas).toBeVisible();
    await expect(canvas.locator('.react-flow__pane')).toBeVisible();
    await expect(canvas.locator('.canvas-dot-grid')).toBeVisible();
    await expect(canvas.locator('.react-flow__controls')).toBeVisible();
    await expect(canvas.getByLabel('Minimap')).toBeVisible();
    await expect(canvas.locator('.react-flow__node')).toHaveCount(0);
    await expect(canvas.getByText('Drag a resource from the palette or open a design')).toBeVisible();

    const status = app.getByRole('contentinfo', { name: 'Status bar' });
    await expect(status).toBeVisible();
    await expect(status.getByTestId('status-document')).toHaveText('No design open');
    await expect(status.getByText('0 resources')).toBeVisible();
    await expect(status.getByLabel('Zoom level')).toHaveText('100%');
    // app:info went through the bridge to the real handler.
    await expect(status.getByTestId('status-version')).toHaveText(/^ECS Designer \d+\.\d+\.\d+/);
    await expect(app).toHaveTitle('ECS Designer');

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'app-empty.png') });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'app-empty-dark.png') });
  });

  test('exposes exactly the contract, and validates payloads in the real handlers', async ({ app, bridge }) => {
    const shape = await app.evaluate(() => ({
      keys: Object.keys(window.ecsDesigner ?? {}).sort(),
      channels: Object.keys(window.ecsDesigner?.invoke ?? {}).sort(),
      hasRequire: 'require' in window,
      hasProcess: 'process' in window,
    }));
    expect(shape.keys).toEqual([...API_KEYS].sort());
    // Every channel but the preload-only ones (design:read-dropped is reachable only through readDroppedFile).
    expect(shape.channels).toEqual([...PAGE_INVOKE_CHANNELS].sort());
    expect(Object.keys(bridge.table).filter((c) => !shape.channels.includes(c))).toEqual(['design:read-dropped']);
    expect(shape.hasRequire).toBe(false);
    expect(shape.hasProcess).toBe(false);

    const bad = await app.evaluate(() =>
      window.ecsDesigner!.invoke['design:read']({ path: 42 as unknown as string }),
    );
    expect(bad).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('"path"') },
    });

    const secret = path.join(bridge.workDir, 'not-chosen.json');
    fs.writeFileSync(secret, '{}');
    const forbidden = await app.evaluate((p) => window.ecsDesigner!.invoke['design:read']({ path: p }), secret);
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
  });

  test('opens a design through File › Open…, then lists it under Open Recent', async ({ app, bridge }) => {
    const file = path.join(bridge.workDir, 'checkout.ecsd.json');
    fs.writeFileSync(file, DESIGN);
    bridge.dialogs.nextOpenPath = file;

    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Open…' }).click();

    await expect(app.getByTestId('status-document')).toHaveText(file);
    await expect(app.getByRole('status')).toHaveText('Opened checkout.ecsd.json');
    await expect(app).toHaveTitle('checkout.ecsd.json — ECS Designer');
    // The design is drawn: the task definition with its container inside, the log group, the connection.
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await expect(canvas.getByRole('group', { name: 'Task definition checkout' })).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Container app' })).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Log group /ecs/checkout' })).toBeVisible();
    await expect(canvas.locator('.canvas-edge')).toHaveCount(1);
    expect(bridge.store.get('recentFiles')).toEqual([file]);

    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Open Recent' }).click();
    await expect(app.getByRole('menuitem', { name: file })).toBeVisible();
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'app-menu-open-recent.png') });
    await app.keyboard.press('Escape');
  });

  test('saves with a .bak, and asks before replacing a file that is not valid JSON', async ({ app, bridge }) => {
    const file = path.join(bridge.workDir, 'checkout.ecsd.json');
    fs.writeFileSync(file, DESIGN);
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('button', { name: 'Open Design…' }).click();
    await expect(app.getByTestId('status-document')).toHaveText(file);

    // Save As to a new name (the dialog stub answers), then Save over a file that got corrupted meanwhile.
    const copy = path.join(bridge.workDir, 'copy.ecsd.json');
    bridge.dialogs.nextSavePath = copy;
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Save As…' }).click();
    await expect(app.getByTestId('status-document')).toHaveText(copy);
    expect(bridge.dialogs.saveSuggestions).toEqual(['checkout.ecsd.json']);
    expect(fs.readFileSync(copy, 'utf8')).toBe(DESIGN);

    fs.writeFileSync(copy, '{"truncated": ');
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Save', exact: true }).click();
    const confirm = app.getByRole('dialog', { name: 'Replace a file that is not valid JSON?' });
    await expect(confirm).toBeVisible();
    expect(fs.readFileSync(copy, 'utf8')).toBe('{"truncated": ');

    await confirm.getByRole('button', { name: 'Replace' }).click();
    await expect(confirm).toBeHidden();
    await expect(app.getByRole('status')).toHaveText('Saved copy.ecsd.json');
    expect(fs.readFileSync(copy, 'utf8')).toBe(DESIGN);
    expect(fs.readFileSync(`${copy}.bak`, 'utf8')).toBe('{"truncated": ');
  });

  test('refuses a design file with an invalid node, naming its path, and keeps what was open', async ({ app, bridge }) => {
    const file = path.join(bridge.workDir, 'broken.ecsd.json');
    const broken = JSON.parse(DESIGN) as { nodes: { properties: Record<string, unknown> }[] };
    broken.nodes[1]!.properties['imagePullPolicy'] = 'Always';
    fs.writeFileSync(file, JSON.stringify(broken));
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('button', { name: 'Open Design…' }).click();
    await expect(app.getByRole('alert')).toHaveText('broken.ecsd.json cannot be opened: /nodes/1/properties: unknown property "imagePullPolicy"');
    await expect(app.getByTestId('status-document')).toHaveText('No design open');
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(broken));
  });

  test('File › Import… a task definition, File › Export… it again: the same RegisterTaskDefinition input', async ({ app, bridge }) => {
    const source = fileURLToPath(new URL('../../shared/corpus/taskdefs/aws-samples__ecs-firelens__appmesh-envoy.json', import.meta.url));
    const file = path.join(bridge.workDir, 'colorteller.json');
    fs.copyFileSync(source, file);
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Import…', exact: true }).click();
    await expect(app.getByRole('status')).toHaveText(/^Imported colorteller\.json: the task definition and \d+ connected resources$/);
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await expect(canvas.getByRole('group', { name: 'Task definition appmesh-firelens-colorteller-black' })).toBeVisible();

    const out = path.join(bridge.workDir, 'exported');
    fs.mkdirSync(out);
    bridge.dialogs.nextSavePath = out;
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Export Task Definitions…' }).click();
    await expect(app.getByRole('status')).toHaveText(`Exported 1 task definition to ${out}`);
    const exported = JSON.parse(fs.readFileSync(path.join(out, 'appmesh-firelens-colorteller-black.json'), 'utf8'));
    expect(exported).toEqual(expectedRegisterInput(JSON.parse(fs.readFileSync(source, 'utf8'))));

    // A file that is not a task definition is refused with the path of the problem; nothing is added.
    const bad = path.join(bridge.workDir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Always' }] }));
    bridge.dialogs.nextOpenPath = bad;
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Import…', exact: true }).click();
    await expect(app.getByRole('alert')).toContainText('bad.json cannot be imported: /containerDefinitions/0/imagePullPolicy');
    await expect(canvas.getByRole('group', { name: /^Task definition/ })).toHaveCount(1);
  });

  test('Save is unavailable until there is something to save', async ({ app }) => {
    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await expect(app.getByRole('menuitem', { name: 'Save', exact: true })).toBeDisabled();
    await expect(app.getByRole('menuitem', { name: 'Save As…' })).toBeDisabled();
    await expect(app.getByRole('menuitem', { name: 'Close' })).toBeDisabled();
  });

  test('theme and minimap settings persist through the real settings store', async ({ app, bridge }) => {
    await app.getByRole('menuitem', { name: 'View', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Theme' }).click();
    await app.getByRole('menuitemradio', { name: 'Dark' }).click();
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(app.locator('.react-flow.dark')).toBeVisible();

    await app.getByRole('menuitem', { name: 'View', exact: true }).click();
    await expect(app.getByRole('menuitemcheckbox', { name: 'Show Minimap' })).toBeChecked();
    await app.getByRole('menuitemcheckbox', { name: 'Show Minimap' }).click();
    await expect(app.getByLabel('Minimap')).toHaveCount(0);
    expect(bridge.store.get('settings')).toEqual({ theme: 'dark', showMiniMap: false });

    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(app.getByLabel('Minimap')).toHaveCount(0);
  });

  test('native menu commands reach the page: About shows the versions', async ({ app, bridge }) => {
    await bridge.sendCommand({ id: 'help.about' });
    const about = app.getByRole('dialog', { name: 'About ECS Designer' });
    await expect(about).toBeVisible();
    await expect(about.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
    await expect(about.getByText(process.versions.node)).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(about).toBeHidden();

    await bridge.sendCommand({ id: 'view.zoomIn' });
    await expect(app.getByLabel('Zoom level')).not.toHaveText('100%');

    // Commands the native menu shares with the page's registry: New from Pattern… opens the palette on the
    // patterns; Duplicate copies the selected node.
    await bridge.sendCommand({ id: 'file.newFromPattern' });
    const palette = app.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await expect(palette.getByRole('combobox')).toHaveValue('pattern');
    await palette.getByRole('option', { name: /Load-balanced web service/ }).click();
    const canvas = app.getByRole('region', { name: 'Design canvas' });
    await expect(canvas.getByRole('group', { name: 'Log group /ecs/web' })).toBeVisible();
    await canvas.getByRole('group', { name: 'Log group /ecs/web' }).click();
    await bridge.sendCommand({ id: 'edit.duplicate' });
    await expect(canvas.getByRole('group', { name: /^Log group \/ecs\/web/ })).toHaveCount(2);
  });

  test('Help links open AWS documentation through main', async ({ app, bridge }) => {
    await app.getByRole('menuitem', { name: 'Help', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Amazon ECS Developer Guide' }).click();
    await expect.poll(() => bridge.openedUrls).toEqual([
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html',
    ]);
    const refused = await app.evaluate(() =>
      window.ecsDesigner!.invoke['app:open-external']({ url: 'https://evil.example/' }),
    );
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });

  test('the menubar works from the keyboard', async ({ app }) => {
    const file = app.getByRole('menuitem', { name: 'File', exact: true });
    await file.focus();
    await app.keyboard.press('ArrowDown');
    await expect(app.getByRole('menuitem', { name: 'New', exact: true })).toBeFocused();
    await app.keyboard.press('ArrowDown');
    await expect(app.getByRole('menuitem', { name: 'Open…' })).toBeFocused();
    await app.keyboard.press('ArrowRight');
    await expect(app.getByRole('menu', { name: 'Edit' })).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByRole('menu')).toHaveCount(0);
    await expect(app.getByRole('menuitem', { name: 'Edit', exact: true })).toBeFocused();

    await app.keyboard.press('Enter');
    await app.getByRole('menuitem', { name: 'Select All' }).press('Escape');
    await app.getByRole('menuitem', { name: 'File', exact: true }).press('Enter');
    await app.getByRole('menuitem', { name: 'New', exact: true }).press('Enter');
    await expect(app.getByTestId('status-document')).toHaveText('Untitled design (not saved)');
  });
});
