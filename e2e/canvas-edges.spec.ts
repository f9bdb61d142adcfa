import * as fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makeNode } from '../shared/model/catalog';
import { emptyDesign, parseDesignText, serializeDesign } from '../shared/model/document';
import { expect, SCREENSHOT_DIR, test } from './support/fixtures';

/**
 * Connections are drawn by the canvas's edge layer (renderer/src/canvas/EdgeLayer.tsx), not by React Flow: these
 * tests point at them, select, delete, reach them from the keyboard, and drag their cards, as a user does.
 */

/** A task definition with one container, its log group and execution role, and a secret. */
const DESIGN = (() => {
  const design = emptyDesign('design-edges', 'Edges');
  design.nodes.push(
    makeNode('taskDefinition', 'td', { family: 'orders', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' }, { position: { x: 80, y: 80 } }),
    makeNode('container', 'c-app', { name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', essential: true }, { parentId: 'td', position: { x: 16, y: 84 } }),
    makeNode('logGroup', 'lg', { logGroupName: '/ecs/orders' }, { position: { x: 560, y: 300 } }),
    makeNode('executionRole', 'exec', { roleName: 'orders-exec' }, { position: { x: 560, y: 60 } }),
  );
  design.edges.push({ id: 'e-logs', kind: 'container-log-group', source: 'c-app', target: 'lg' });
  design.edges.push({ id: 'e-exec', kind: 'execution-role', source: 'td', target: 'exec' });
  return serializeDesign(design);
})();

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Design canvas' });
const connection = (page: Page, name: string) => canvasOf(page).getByRole('list', { name: 'Connections in view' }).getByRole('button', { name });
const LOGS = 'Container app → Log group /ecs/orders: logs to';
const EXEC = 'Task definition orders → Task execution role orders-exec: execution role';

/** A point on a connection's first straight piece: just right of its source card's right handle. */
async function onLineNear(page: Page, nodeId: string): Promise<{ x: number; y: number }> {
  const handle = (await canvasOf(page).locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle-right`).first().boundingBox())!;
  return { x: handle.x + handle.width + 8, y: handle.y + handle.height / 2 };
}

async function labelCentre(page: Page, edgeId: string): Promise<{ x: number; y: number }> {
  const box = (await canvasOf(page).locator(`.canvas-edge-labels tspan[data-id="${edgeId}"]`).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function open(page: Page, bridge: { workDir: string; dialogs: { nextOpenPath: string | null } }): Promise<string> {
  const file = path.join(bridge.workDir, 'edges.ecsd.json');
  fs.writeFileSync(file, DESIGN);
  bridge.dialogs.nextOpenPath = file;
  await page.getByRole('button', { name: 'Open Design…' }).click();
  await expect(connection(page, LOGS)).toHaveCount(1);
  return file;
}

test.describe('canvas: connections, finding resources, zooming out', () => {
  test.use({ viewport: { width: 1400, height: 850 } });

  test('point at, select, delete and undo a connection; the line follows a dragged card', async ({ app, bridge }) => {
    await open(app, bridge);
    const inspector = app.getByRole('complementary', { name: 'Inspector' });
    const section = app.locator('section.canvas');

    // Hovering the line highlights it and shows a pointer; moving off it does not.
    const near = await onLineNear(app, 'c-app');
    await app.mouse.move(near.x, near.y);
    await expect(section).toHaveClass(/over-edge/);
    await expect(canvasOf(app).locator('.canvas-edge-highlight')).toHaveCount(1);
    await app.mouse.move(near.x, near.y + 40);
    await expect(section).not.toHaveClass(/over-edge/);
    await expect(canvasOf(app).locator('.canvas-edge-highlight')).toHaveCount(0);

    // A click on the line (not its label) selects the connection: the inspector says what it means.
    await app.mouse.click(near.x, near.y);
    await expect(inspector.getByText(/^Connection · /)).toBeVisible();
    await expect(inspector.getByRole('heading', { name: 'app → /ecs/orders' })).toBeVisible();
    await expect(connection(app, LOGS)).toHaveAttribute('aria-pressed', 'true');
    await expect(canvasOf(app).locator('.canvas-edge-lines.selected')).toHaveCount(1);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'canvas-edge-selected.png') });

    // Shift+click on the other connection's label adds it; a click on a card selects the card alone.
    const exec = await labelCentre(app, 'e-exec');
    await app.keyboard.down('Shift');
    await app.mouse.click(exec.x, exec.y);
    await app.keyboard.up('Shift');
    await expect(inspector.getByText('2 items selected. Select one resource to edit its properties.')).toBeVisible();
    await canvasOf(app).locator('.react-flow__node[data-id="exec"]').click();
    await expect(inspector.getByText('orders-exec', { exact: true }).first()).toBeVisible();
    await expect(connection(app, LOGS)).toHaveAttribute('aria-pressed', 'false');
    await expect(connection(app, EXEC)).toHaveAttribute('aria-pressed', 'false');

    // Delete removes the selected connection (and nothing else); undo brings it back.
    await app.mouse.click(near.x, near.y);
    await expect(connection(app, LOGS)).toHaveAttribute('aria-pressed', 'true');
    await app.keyboard.press('Delete');
    await expect(connection(app, LOGS)).toHaveCount(0);
    await expect(connection(app, EXEC)).toHaveCount(1);
    await expect(canvasOf(app).locator('.react-flow__node')).toHaveCount(4);
    await app.keyboard.press('Control+z');
    await expect(connection(app, LOGS)).toHaveCount(1);

    // A click on the empty canvas clears the selection.
    await app.mouse.click(near.x, near.y);
    await expect(connection(app, LOGS)).toHaveAttribute('aria-pressed', 'true');
    await app.mouse.click(near.x + 60, near.y + 200);
    await expect(connection(app, LOGS)).toHaveAttribute('aria-pressed', 'false');
    await expect(inspector.getByText('Select a resource on the canvas to see and edit its properties.')).toBeVisible();

    // Dragging the log group right and down: the connection's label moves with it, and the connection is found
    // where it now is, not where it was.
    const before = await labelCentre(app, 'e-logs');
    const logGroup = canvasOf(app).locator('.react-flow__node[data-id="lg"]');
    const box = (await logGroup.boundingBox())!;
    await app.mouse.move(box.x + 60, box.y + 12);
    await app.mouse.down();
    await app.mouse.move(box.x + 70, box.y + 30, { steps: 4 });
    await app.mouse.move(box.x + 260, box.y + 152, { steps: 8 });
    await app.mouse.up();
    await expect.poll(async () => Math.round((await labelCentre(app, 'e-logs')).x - before.x)).toBeGreaterThan(40);
    const after = await labelCentre(app, 'e-logs');
    await app.mouse.click(after.x, after.y);
    await expect(connection(app, LOGS)).toHaveAttribute('aria-pressed', 'true');
    await app.mouse.click(before.x, before.y);
    await expect(connection(app, LOGS)).toHaveAttribute('aria-pressed', 'false');
  });

  test('connections from the keyboard: Tab reaches them, focus highlights the line, Enter selects, Delete deletes', async ({ app, bridge }) => {
    const file = await open(app, bridge);
    const logs = connection(app, LOGS);
    await logs.focus();
    await expect(canvasOf(app).locator('.canvas-edge-highlight')).toHaveCount(1);
    await app.keyboard.press('Enter');
    await expect(logs).toHaveAttribute('aria-pressed', 'true');
    await expect(app.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { name: 'app → /ecs/orders' })).toBeVisible();
    // Tab moves on to the next connection.
    await app.keyboard.press('Tab');
    await expect(connection(app, EXEC)).toBeFocused();
    await app.keyboard.press('Shift+Tab');
    await expect(logs).toBeFocused();
    await app.keyboard.press('Delete');
    await expect(logs).toHaveCount(0);

    // Saved without it; the file's other contents stay.
    bridge.dialogs.nextSavePath = file;
    await app.keyboard.press('Control+s');
    await expect.poll(() => fs.readFileSync(file, 'utf8')).not.toContain('"e-logs"');
    const saved = parseDesignText(fs.readFileSync(file, 'utf8'));
    expect(saved.ok && saved.design.edges.map((e) => e.id)).toEqual(['e-exec']);
    expect(saved.ok && saved.design.nodes.length).toBe(4);
  });

  test('Go to Resource (Ctrl+P): find a resource out of view by name, select it and bring it into view', async ({ app, bridge }) => {
    // A fourth card far to the right and below, out of the view.
    const design = JSON.parse(DESIGN) as { nodes: unknown[] };
    design.nodes.push(makeNode('s3Bucket', 'far', { bucketName: 'orders-archive' }, { position: { x: 6000, y: 4000 } }));
    const file = path.join(bridge.workDir, 'far.ecsd.json');
    fs.writeFileSync(file, JSON.stringify(design));
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('button', { name: 'Open Design…' }).click();
    await expect(connection(app, LOGS)).toHaveCount(1);
    const card = canvasOf(app).locator('.react-flow__node[data-id="far"]');
    await expect(card).toHaveCount(0);

    await app.keyboard.press('Control+p');
    const palette = app.getByRole('dialog', { name: 'Command palette' });
    const input = palette.getByRole('combobox', { name: 'Type a resource name' });
    await expect(input).toHaveValue('@');
    // Every resource is listed by kind and name; typing narrows them.
    await expect(palette.getByRole('option')).toHaveCount(5);
    await input.pressSequentially('archive');
    await expect(palette.getByRole('option')).toHaveCount(1);
    await expect(palette.getByRole('option')).toContainText('S3 bucket');
    await app.screenshot({ path: path.join(SCREENSHOT_DIR, 'canvas-go-to-resource.png') });
    await app.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(app.getByRole('complementary', { name: 'Inspector' }).getByText('orders-archive').first()).toBeVisible();
    // The card is drawn, inside the canvas.
    await expect(card).toHaveCount(1);
    await expect
      .poll(async () => {
        const [c, v] = await Promise.all([card.boundingBox(), canvasOf(app).boundingBox()]);
        return !!c && !!v && c.x >= v.x && c.y >= v.y && c.x + c.width <= v.x + v.width && c.y + c.height <= v.y + v.height;
      })
      .toBe(true);

    // Text without a match says so; Backspace back to "@" and the palette lists commands when "@" goes too.
    await app.keyboard.press('Control+p');
    await input.pressSequentially('nothing-like-this');
    await expect(palette.getByText('No resource matches “nothing-like-this”')).toBeVisible();
    await input.fill('');
    await expect(palette.getByRole('combobox', { name: 'Type a command' })).toBeVisible();
    await expect(palette.getByRole('option', { name: /Go to Resource…/ })).toBeVisible();
    await app.keyboard.press('Escape');
  });

  test('zoomed far out, cards are blocks of their kind colour; zoomed back in, their text returns', async ({ app, bridge }) => {
    await open(app, bridge);
    const section = app.locator('section.canvas');
    const title = canvasOf(app).locator('.react-flow__node[data-id="lg"] .node-title');
    await expect(title).toBeVisible();
    const card = canvasOf(app).locator('.react-flow__node[data-id="lg"]');
    const near = (await card.boundingBox())!;
    for (let i = 0; i < 8 && !/\bfar\b/.test((await section.getAttribute('class')) ?? ''); i++) {
      await app.keyboard.press('Control+-');
      await app.waitForTimeout(250);
    }
    await expect(section).toHaveClass(/\bfar\b/);
    await expect(title).toBeHidden();
    // The same card, smaller: its proportions are kept (nothing was re-measured).
    const far = (await card.boundingBox())!;
    expect(Math.abs(far.width / far.height - near.width / near.height)).toBeLessThan(0.1);
    await app.keyboard.press('Control+0');
    await expect(section).not.toHaveClass(/\bfar\b/);
    await expect(title).toBeVisible();
  });

  test('the viewport keeps a compositor layer between gestures and gives it up while the zoom changes', async ({ app, bridge }) => {
    await open(app, bridge);
    const flow = canvasOf(app).locator('.react-flow');
    const willChange = () => canvasOf(app).locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).willChange);
    expect(await willChange()).toBe('transform');
    await app.keyboard.press('Control+=');
    // While the zoom changes the layer is given up (it would keep its old raster scale), then made again.
    await expect.poll(willChange, { intervals: [20] }).toBe('auto');
    await expect(flow).toHaveClass(/\bzooming\b/);
    await expect(flow).not.toHaveClass(/\bzooming\b/);
    expect(await willChange()).toBe('transform');
  });
});
