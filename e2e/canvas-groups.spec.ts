import * as fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test } from './support/fixtures';

/*
 * Services drawn inside their cluster, and rename in place: a new user drags a cluster and a service from the
 * palette, connects them and sees the service move into the cluster; moves the cluster and its services follow
 * (one undo step); renames with F2. Screenshots go to e2e/screenshots/canvas-groups-*.png.
 */

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `canvas-groups-${name}.png`) });
};

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Design canvas' });
const nodeOf = (page: Page, name: string) => canvasOf(page).getByRole('group', { name, exact: true });

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

async function connectNodes(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.locator('.react-flow__handle-right').first().boundingBox())!;
  const b = (await to.locator('.react-flow__handle-left').first().boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 20, a.y + 10, { steps: 2 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Drags a card by a point of its header (`dx`, `dy` in screen pixels). */
async function dragBy(page: Page, node: Locator, dx: number, dy: number): Promise<void> {
  const box = (await node.boundingBox())!;
  await page.mouse.move(box.x + 120, box.y + 14);
  await page.mouse.down();
  await page.mouse.move(box.x + 130, box.y + 16, { steps: 2 });
  await page.mouse.move(box.x + 120 + dx, box.y + 14 + dy, { steps: 10 });
  await page.mouse.up();
}

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (l: Locator): Promise<Box> => (await l.boundingBox())!;
const within = (o: Box, i: Box) => i.x >= o.x && i.y >= o.y && i.x + i.width <= o.x + o.width + 1 && i.y + i.height <= o.y + o.height + 1;
const isInside = async (outer: Locator, inner: Locator) => within(await boxOf(outer), await boxOf(inner));

test.describe('services inside their cluster, rename in place', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('connect a service to a cluster, move the cluster with it, undo; rename with F2', async ({ app }) => {
    const canvas = canvasOf(app);
    await dragFromPalette(app, 'Cluster', 200, 120);
    const cluster = nodeOf(app, 'Cluster app-cluster');
    await expect(cluster).toBeVisible();
    await dragFromPalette(app, 'Service', 760, 460);
    const web = nodeOf(app, 'Service web');
    await expect(web).toBeVisible();
    expect(await isInside(cluster, web)).toBe(false);

    // Connecting the service to the cluster draws it inside the cluster, which grows around it; no line for it.
    const small = await boxOf(cluster);
    await connectNodes(app, web, cluster);
    await expect(app.getByRole('status')).toHaveText('Connected: Service web runs in Cluster app-cluster');
    await expect.poll(() => isInside(cluster, web)).toBe(true);
    await expect(canvas.locator('.canvas-edge')).toHaveCount(0);
    const grown = await boxOf(cluster);
    expect(grown.height).toBeGreaterThan(small.height + 60);

    // A second service dropped onto the cluster runs in it too, in the next row (one step: add and connect).
    await dragFromPalette(app, 'Service', 300, 230);
    const web2 = nodeOf(app, 'Service web-2');
    await expect.poll(() => isInside(cluster, web2)).toBe(true);
    expect((await boxOf(web2)).y).toBeGreaterThan((await boxOf(web)).y + 40);
    await app.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await expect(app.getByRole('menuitem', { name: 'Undo Add service' })).toBeVisible();
    await app.keyboard.press('Escape');
    await shot(app, 'inside');

    // Dragging the cluster moves its services with it: one undo step.
    const [c0, s0, t0] = await Promise.all([boxOf(cluster), boxOf(web), boxOf(web2)]);
    await dragBy(app, cluster, 300, 120);
    await expect.poll(async () => Math.round((await boxOf(cluster)).x - c0.x)).toBeGreaterThan(250);
    const [c1, s1, t1] = await Promise.all([boxOf(cluster), boxOf(web), boxOf(web2)]);
    expect(Math.round(s1.x - s0.x)).toBe(Math.round(c1.x - c0.x));
    expect(Math.round(s1.y - s0.y)).toBe(Math.round(c1.y - c0.y));
    expect(Math.round(t1.y - t0.y)).toBe(Math.round(c1.y - c0.y));
    await app.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await expect(app.getByRole('menuitem', { name: 'Undo Move node' })).toBeVisible();
    await app.keyboard.press('Escape');
    await canvas.locator('.react-flow__pane').click({ position: { x: 60, y: 60 } });
    await app.keyboard.press('Control+z');
    await expect.poll(async () => Math.abs((await boxOf(web)).x - s0.x) + Math.abs((await boxOf(cluster)).x - c0.x)).toBeLessThan(2);
    await app.keyboard.press('Control+Shift+z');
    await expect.poll(async () => Math.abs((await boxOf(web)).x - s1.x)).toBeLessThan(2);

    // A service cannot leave its cluster by dragging (it runs there): it stays in the content area, and the
    // cluster grows to where it was put to the right.
    await dragBy(app, web, 0, -300);
    await expect.poll(() => isInside(cluster, web)).toBe(true);
    expect((await boxOf(web)).y).toBeGreaterThan((await boxOf(cluster)).y + 60);
    const before = await boxOf(cluster);
    await dragBy(app, web2, 200, 0);
    await expect.poll(async () => (await boxOf(cluster)).width).toBeGreaterThan(before.width + 150);
    expect(await isInside(cluster, web2)).toBe(true);

    // Auto layout keeps the services inside their cluster.
    await app.getByRole('menuitem', { name: 'View', exact: true }).click();
    await app.getByRole('menuitem', { name: 'Auto Layout' }).click();
    await app.waitForTimeout(400); // the fit-view animation
    await expect.poll(() => isInside(cluster, web)).toBe(true);
    await expect.poll(() => isInside(cluster, web2)).toBe(true);
    await shot(app, 'auto-layout');

    // The minimap shows the cards; a click on it moves the view there.
    const minimap = canvas.getByRole('img', { name: 'Minimap' });
    await expect(minimap.locator('path.frame.group-compute')).toHaveCount(1);
    await expect(minimap.locator('path.group-compute:not(.frame)')).toHaveCount(1);
    const viewport = () => canvas.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
    const seen = await viewport();
    await minimap.click({ position: { x: 10, y: 10 } });
    await expect.poll(viewport).not.toBe(seen);
    await app.keyboard.press('Control+0');
    await app.waitForTimeout(300); // the fit-view animation

    // Rename in place: F2 on the selected card, Enter commits (one undo step), Escape cancels.
    await web.click();
    await app.keyboard.press('F2');
    const input = canvas.getByRole('textbox', { name: 'Name of service' });
    await expect(input).toBeFocused();
    await expect(input).toHaveValue('web');
    await input.fill('orders');
    await input.press('Enter');
    const orders = nodeOf(app, 'Service orders');
    await expect(orders).toBeVisible();
    await expect(input).toHaveCount(0);
    await app.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await expect(app.getByRole('menuitem', { name: 'Undo Rename to orders' })).toBeVisible();
    await app.keyboard.press('Escape');
    await app.keyboard.press('Control+z');
    await expect(web).toBeVisible();
    await app.keyboard.press('Control+Shift+z');
    await expect(orders).toBeVisible();

    // Escape cancels.
    await orders.click();
    await app.keyboard.press('F2');
    await input.fill('other');
    await input.press('Escape');
    await expect(input).toHaveCount(0);
    await expect(orders).toBeVisible();

    // An invalid name says why, inline, and changes nothing until it is fixed.
    // (On the empty left of the canvas: dropped at its right edge, the card lay half under the inspector, and a
    // double-click there first scrolled React Flow's container, which React Flow scrolls back, racing the click.)
    await dragFromPalette(app, 'Task definition', 60, 120);
    const td = nodeOf(app, 'Task definition web');
    await expect(td).toBeVisible();
    await td.getByText('web', { exact: true }).dblclick();
    const family = canvas.getByRole('textbox', { name: 'Name of task definition' });
    await expect(family).toBeFocused();
    await family.fill('my app');
    await family.press('Enter');
    const reason = canvas.getByRole('alert');
    await expect(reason).toContainText('family "my app" is not accepted by AWS');
    await expect(family).toHaveAttribute('aria-invalid', 'true');
    await expect(td).toBeVisible();
    await shot(app, 'rename-refused');
    await app.emulateMedia({ colorScheme: 'dark' });
    await shot(app, 'rename-refused-dark');
    await family.fill('my-app');
    await expect(reason).toHaveCount(0);
    await family.press('Enter');
    await expect(nodeOf(app, 'Task definition my-app')).toBeVisible();
    await shot(app, 'inside-dark');
    await app.emulateMedia({ colorScheme: 'light' });

    // Rename is a command: in the command palette, with its shortcut, when one node is selected.
    await orders.click();
    await app.keyboard.press('Control+Shift+P');
    const palette = app.getByRole('dialog', { name: 'Command palette' });
    await app.keyboard.type('rename');
    await expect(palette.getByRole('option', { selected: true })).toContainText('Rename');
    await expect(palette.getByRole('option', { selected: true })).toContainText('F2');
    await app.keyboard.press('Enter');
    await expect(canvas.getByRole('textbox', { name: 'Name of service' })).toBeFocused();
    await app.keyboard.press('Escape');

    // Deleting the cluster keeps its services (they no longer run in a cluster).
    await cluster.click({ position: { x: 120, y: 14 } });
    await app.keyboard.press('Delete');
    await expect(cluster).toHaveCount(0);
    await expect(orders).toBeVisible();
    await expect(web2).toBeVisible();
    await app.keyboard.press('Control+z');
    await expect(cluster).toBeVisible();
    await expect.poll(() => isInside(cluster, orders)).toBe(true);
  });
});
