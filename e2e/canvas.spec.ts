import * as fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseDesignText, type Design } from '../shared/model/document';
import { expect, SCREENSHOT_DIR, test } from './support/fixtures';

/*
 * The canvas as a new user meets it: palette → drag resources → connect them → undo/redo → save and reopen,
 * patterns, auto layout, the command palette. Screenshots go to e2e/screenshots/canvas-*.png.
 */

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `canvas-${name}.png`) });
};

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Design canvas' });
const nodeOf = (page: Page, name: string) => canvasOf(page).getByRole('group', { name, exact: true });

/** Drags a palette item onto the canvas at (x, y) relative to the canvas, moving in steps (the first move starts the drag). */
async function dragFromPalette(page: Page, label: string, x: number, y: number): Promise<void> {
  const item = page.getByRole('complementary', { name: 'Resource palette' }).getByRole('button', { name: label, exact: true });
  await item.scrollIntoViewIfNeeded();
  const box = (await item.boundingBox())!;
  const canvas = (await canvasOf(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2, { steps: 2 });
  await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 8 });
  await page.mouse.up();
}

/** Draws a connection from the right handle of `from` to the left handle of `to`. */
async function connectNodes(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.locator('.react-flow__handle-right').first().boundingBox())!;
  const b = (await to.locator('.react-flow__handle-left').first().boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 20, a.y + 10, { steps: 2 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Whether `inner` is drawn within the box of `outer`. */
async function isInside(outer: Locator, inner: Locator): Promise<boolean> {
  const [o, i] = await Promise.all([outer.boundingBox(), inner.boundingBox()]);
  return !!o && !!i && i.x >= o.x && i.y >= o.y && i.x + i.width <= o.x + o.width + 1 && i.y + i.height <= o.y + o.height + 1;
}

async function saveAs(page: Page, bridge: { dialogs: { nextSavePath: string | null } }, file: string): Promise<Design> {
  bridge.dialogs.nextSavePath = file;
  await page.getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Save As…' }).click();
  await expect(page.getByTestId('status-document')).toHaveText(file);
  const parsed = parseDesignText(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`saved design does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.design;
}

test.describe('canvas designer', () => {
  // A desktop window: palette, canvas and the inspector side by side.
  test.use({ viewport: { width: 1600, height: 900 } });

  test('builds a service from an empty canvas: drag, connect, refuse, undo/redo, save and reopen', async ({ app, bridge }) => {
    const canvas = canvasOf(app);
    await expect(canvas.locator('.react-flow__node')).toHaveCount(0);
    await expect(app.getByRole('complementary', { name: 'Resource palette' })).toBeVisible();

    // Dropping the first resource starts a new design.
    await dragFromPalette(app, 'Cluster', 620, 520);
    await expect(nodeOf(app, 'Cluster app-cluster')).toBeVisible();
    await expect(app.getByTestId('status-document')).toHaveText('Untitled design (not saved)');

    await dragFromPalette(app, 'Task definition', 380, 80);
    const td = nodeOf(app, 'Task definition web');
    await expect(td).toBeVisible();
    await expect(td).toContainText('0.25 vCPU · 512 MiB · awsvpc');
    const container = nodeOf(app, 'Container app');
    await expect(container).toBeVisible();
    // The container is drawn inside its task definition.
    const tdBox = (await td.boundingBox())!;
    const cBox = (await container.boundingBox())!;
    expect(cBox.x).toBeGreaterThan(tdBox.x);
    expect(cBox.y + cBox.height).toBeLessThanOrEqual(tdBox.y + tdBox.height + 1);

    await dragFromPalette(app, 'Service', 80, 160);
    const service = nodeOf(app, 'Service web');
    await expect(service).toContainText('2 tasks · FARGATE');
    await dragFromPalette(app, 'Log group', 760, 80);
    const logs = nodeOf(app, 'Log group /ecs/web');
    await expect(logs).toBeVisible();
    await dragFromPalette(app, 'Target group', 80, 400);
    await expect(nodeOf(app, 'Target group web-tg')).toBeVisible();
    // Dropped where it was let go (snapped to the grid): within a grid step or two of the drop point.
    const svcBox = (await service.boundingBox())!;
    const canvasBox = (await canvas.boundingBox())!;
    expect(Math.abs(svcBox.x - (canvasBox.x + 80))).toBeLessThan(45);
    await expect(app.getByText('6 resources')).toBeVisible();

    // Dragging a card moves it (snapped to the grid) as one undo step.
    const tg = nodeOf(app, 'Target group web-tg');
    const from = (await tg.boundingBox())!;
    await app.mouse.move(from.x + 60, from.y + 12);
    await app.mouse.down();
    await app.mouse.move(from.x + 70, from.y + 14, { steps: 2 });
    await app.mouse.move(from.x + 160, from.y + 52, { steps: 10 });
    await app.mouse.up();
    await expect.poll(async () => Math.round(((await tg.boundingBox())!.x - from.x) / 20) * 20).toBe(100);
    await app.keyboard.press('Control+z');
    await expect.poll(async () => Math.abs((await tg.boundingBox())!.x - from.x)).toBeLessThan(2);
    await app.keyboard.press('Control+Shift+z');
    await expect.poll(async () => Math.round(((await tg.boundingBox())!.x - from.x) / 20) * 20).toBe(100);

    // Connections: container → log group (awslogs), service → task definition, service → cluster.
    await connectNodes(app, container, logs);
    await expect(canvas.locator('.canvas-edge')).toHaveCount(1);
    await expect(canvas.getByText('logs to', { exact: true })).toBeVisible();
    await connectNodes(app, service, td);
    await expect(canvas.locator('.canvas-edge')).toHaveCount(2);
    await expect(canvas.getByText('runs', { exact: true })).toBeVisible();
    // The service runs in the cluster: it is drawn inside the cluster (no line for that).
    const cluster = nodeOf(app, 'Cluster app-cluster');
    await connectNodes(app, service, cluster);
    await expect.poll(() => isInside(cluster, service)).toBe(true);
    await expect(canvas.locator('.canvas-edge')).toHaveCount(2);
    await shot(app, 'built');

    // A forbidden connection says why and creates nothing.
    await dragFromPalette(app, 'S3 bucket', 760, 330);
    const bucket = nodeOf(app, 'S3 bucket app-bucket');
    await expect(bucket).toBeVisible();
    await connectNodes(app, bucket, td);
    await expect(app.getByRole('alert')).toContainText('ECS tasks cannot mount S3 as a volume');
    await expect(canvas.locator('.canvas-edge')).toHaveCount(2);
    await shot(app, 'refused');

    // Undo / redo (keyboard, outside any text field).
    await canvas.locator('.react-flow__pane').click({ position: { x: 450, y: 420 } });
    await app.keyboard.press('Control+z');
    await expect(bucket).toHaveCount(0);
    await app.keyboard.press('Control+z');
    await expect.poll(() => isInside(cluster, service)).toBe(false);
    await app.keyboard.press('Control+z');
    await expect(canvas.locator('.canvas-edge')).toHaveCount(1);
    await app.keyboard.press('Control+Shift+z');
    await expect(canvas.locator('.canvas-edge')).toHaveCount(2);
    await app.keyboard.press('Control+Shift+z');
    await expect.poll(() => isInside(cluster, service)).toBe(true);
    await app.keyboard.press('Control+y');
    await expect(bucket).toBeVisible();
    // The Edit menu names the step it undoes.
    await app.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await expect(app.getByRole('menuitem', { name: 'Undo Add S3 bucket' })).toBeVisible();
    await app.keyboard.press('Escape');

    // Save, reopen, and get the same design.
    const file = path.join(bridge.workDir, 'built.ecsd.json');
    const saved = await saveAs(app, bridge, file);
    expect(saved.nodes.map((n) => n.kind).sort()).toEqual(['cluster', 'container', 'logGroup', 's3Bucket', 'service', 'targetGroup', 'taskDefinition']);
    expect(saved.edges.map((e) => e.kind).sort()).toEqual(['container-log-group', 'service-cluster', 'service-task-definition']);
    const c = saved.nodes.find((n) => n.kind === 'container');
    expect(c?.kind === 'container' && c.properties.logConfiguration?.logDriver).toBe('awslogs');
    expect(c?.parentId).toBe(saved.nodes.find((n) => n.kind === 'taskDefinition')?.id);

    await app.getByRole('menuitem', { name: 'File', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Close' }).click();
    await expect(canvas.locator('.react-flow__node')).toHaveCount(0);
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('button', { name: 'Open Design…' }).click();
    await expect(nodeOf(app, 'Service web')).toBeVisible();
    await expect(canvas.locator('.canvas-edge')).toHaveCount(2);
    await expect.poll(() => isInside(nodeOf(app, 'Cluster app-cluster'), nodeOf(app, 'Service web'))).toBe(true);
    const again = await saveAs(app, bridge, path.join(bridge.workDir, 'again.ecsd.json'));
    expect(again).toStrictEqual(saved);
  });

  test('patterns, auto layout and the command palette', async ({ app, bridge }) => {
    const canvas = canvasOf(app);
    await app.keyboard.press('Control+Shift+P');
    const palette = app.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await expect(palette.getByRole('combobox', { name: 'Type a command' })).toBeFocused();
    await app.keyboard.type('pattern web');
    await expect(palette.getByRole('option')).toHaveCount(1);
    await expect(palette.getByRole('option', { selected: true })).toHaveText(/Load-balanced web service on Fargate/);
    await app.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(nodeOf(app, 'Service web')).toBeVisible();
    await expect(canvas.locator('.react-flow__node')).toHaveCount(21);
    // A pattern validates clean: no error badge anywhere.
    await expect(canvas.getByRole('img', { name: /error/ })).toHaveCount(0);
    await shot(app, 'pattern-web');

    // Auto layout from the View menu: positions change, and it is one undo step.
    // Node transforms are in flow coordinates (independent of the zoom); every node is rendered after a fit view.
    const transforms = () => canvas.locator('.react-flow__node').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-id')}:${(e as HTMLElement).style.transform}`).sort().join('|'));
    const before = await transforms();
    await app.getByRole('menuitem', { name: 'View', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Auto Layout' }).click();
    await expect.poll(transforms).not.toBe(before);
    // The container stays inside its task definition, in its first slot.
    const offset = async () => {
      const [td, c] = await Promise.all([nodeOf(app, 'Task definition web'), nodeOf(app, 'Container web')].map((l) => l.evaluate((e) => new DOMMatrix(getComputedStyle(e).transform))));
      return [c!.e - td!.e, c!.f - td!.f];
    };
    await expect.poll(offset).toEqual([16, 84]);
    await app.waitForTimeout(400); // the fit-view animation
    await shot(app, 'auto-layout');
    await app.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Undo Auto layout' }).click();
    await app.keyboard.press('Control+0');
    await expect(canvas.locator('.react-flow__node')).toHaveCount(21);
    await expect.poll(transforms).toBe(before);

    // Keys typed into the command palette stay there (Ctrl+Z is not an undo of the design).
    await app.keyboard.press('Control+Shift+P');
    await app.keyboard.type('zzz');
    await expect(palette.getByText('No command matches “zzz”')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(palette).toBeHidden();

    // Export the diagram: SVG and PNG go to the clipboard.
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.keyboard.press('Control+Shift+P');
    await app.keyboard.type('copy diagram svg');
    await app.keyboard.press('Enter');
    await expect(app.getByRole('status')).toHaveText('Diagram copied to the clipboard as SVG');
    const svg = await app.evaluate(() => navigator.clipboard.readText());
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<g data-id=/g)).toHaveLength(21);
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'canvas-diagram.svg'), svg);
    await app.getByRole('menuitem', { name: 'View', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Copy Diagram as PNG' }).click();
    await expect(app.getByRole('status')).toHaveText('Diagram copied to the clipboard as PNG');
    const png = await app.evaluate(async () => {
      const items = await navigator.clipboard.read();
      const blob = await items[0]!.getType('image/png');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return Array.from(bytes);
    });
    expect(png.slice(1, 4)).toEqual([0x50, 0x4e, 0x47]);
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'canvas-diagram.png'), Buffer.from(png));

    // …and to a file through main's Save dialog (diagram:save-dialog), PNG bytes written as they are.
    const pngFile = path.join(bridge.workDir, 'web-diagram');
    bridge.dialogs.nextSavePath = pngFile;
    await app.getByRole('menuitem', { name: 'View', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Export Diagram as PNG…' }).click();
    await expect(app.getByRole('status')).toHaveText(`Diagram exported to ${pngFile}.png`);
    expect([...fs.readFileSync(`${pngFile}.png`).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    await app.emulateMedia({ colorScheme: 'dark' });
    await shot(app, 'pattern-web-dark');
  });

  test('keyboard palette, rename in place, copy/paste/duplicate/delete', async ({ app }) => {
    const canvas = canvasOf(app);
    const search = app.getByRole('searchbox', { name: 'Search resources' });
    await search.fill('log group');
    const item = app.getByRole('button', { name: 'Log group', exact: true });
    await expect(app.getByRole('complementary', { name: 'Resource palette' }).getByRole('button')).toHaveCount(1);
    await item.focus();
    await app.keyboard.press('Enter');
    const logs = nodeOf(app, 'Log group /ecs/web');
    await expect(logs).toBeVisible();
    await search.fill('');

    // Rename: double-click the title, type, Enter.
    await logs.getByText('/ecs/web', { exact: true }).dblclick();
    const input = canvas.getByRole('textbox', { name: 'Name of log group' });
    await expect(input).toBeFocused();
    await input.fill('/ecs/orders');
    // Typing in the field never reaches the canvas shortcuts (Backspace/Delete do not delete the node).
    await input.press('Backspace');
    await input.press('s');
    await input.press('Enter');
    const renamed = nodeOf(app, 'Log group /ecs/orders');
    await expect(renamed).toBeVisible();

    // Copy / paste / duplicate / delete with the keyboard.
    await renamed.click();
    await app.keyboard.press('Control+c');
    await app.keyboard.press('Control+v');
    await expect(canvas.locator('.react-flow__node')).toHaveCount(2);
    await app.keyboard.press('Control+d');
    await expect(canvas.locator('.react-flow__node')).toHaveCount(3);
    await app.keyboard.press('Delete');
    await expect(canvas.locator('.react-flow__node')).toHaveCount(2);

    // A task definition comes with its container; Enter on "Container" adds a second one into the selected task definition.
    await app.getByRole('button', { name: 'Task definition', exact: true }).press('Enter');
    const td = nodeOf(app, 'Task definition web');
    await expect(td).toBeVisible();
    await app.getByRole('button', { name: 'Container', exact: true }).press('Enter');
    await expect(nodeOf(app, 'Container app-2')).toBeVisible();
    await expect(td).toContainText('0.25 vCPU');
    await shot(app, 'keyboard');
  });
});
