import * as fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeNode } from '../shared/model/catalog';
import { emptyDesign, serializeDesign } from '../shared/model/document';
import { expect, SCREENSHOT_DIR, test } from './support/fixtures';

/** A Fargate task definition of 256 CPU units and 4096 MiB: not a Fargate size (256 goes up to 2048 MiB). */
const DESIGN = (() => {
  const design = emptyDesign('design-checkout', 'Checkout');
  design.settings = { region: 'eu-central-1', accountId: '123456789012' };
  design.nodes.push(
    makeNode('taskDefinition', 'td-checkout', { family: 'checkout', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '4096' }, { position: { x: 80, y: 80 } }),
  );
  design.nodes.push(
    makeNode('container', 'c-app', { name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', essential: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] }, { parentId: 'td-checkout', position: { x: 20, y: 60 } }),
  );
  design.nodes.push(makeNode('cluster', 'cl', { clusterName: 'shop' }, { position: { x: 80, y: 420 } }));
  design.nodes.push(makeNode('executionRole', 'exec', { roleName: 'checkout-exec' }, { position: { x: 520, y: 80 } }));
  design.nodes.push(makeNode('logGroup', 'lg', { logGroupName: '/ecs/checkout' }, { position: { x: 520, y: 220 } }));
  design.edges.push({ id: 'e-exec', kind: 'execution-role', source: 'td-checkout', target: 'exec' });
  design.edges.push({ id: 'e-logs', kind: 'container-log-group', source: 'c-app', target: 'lg' });
  return serializeDesign(design);
})();

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Scrolls a Monaco editor to its first (or last) line, so the lines a test reads are rendered. */
async function scrollEditor(page: Page, editor: Locator, to: 'top' | 'bottom'): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press(to === 'top' ? 'Control+Home' : 'Control+End');
}

/** The text of the lines a Monaco editor renders, in line order (Monaco renders spaces as no-break spaces). */
async function editorText(editor: Locator): Promise<string> {
  return editor.locator('.view-lines').evaluate((el) =>
    Array.from(el.querySelectorAll<HTMLElement>('.view-line'))
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

test.describe('inspector and problems', () => {
  test('fix a finding from the Problems panel, edit in the form and in Monaco, undo', async ({ app, bridge }) => {
    const file = path.join(bridge.workDir, 'checkout.ecsd.json');
    fs.writeFileSync(file, DESIGN);
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('button', { name: 'Open Design…' }).click();
    await expect(app.locator('.react-flow__node')).not.toHaveCount(0);

    // The status bar counts the error; clicking it opens the Problems panel filtered to errors.
    const status = app.getByRole('contentinfo', { name: 'Status bar' });
    const errors = status.getByRole('button', { name: /^[1-9]\d* errors? — show/ });
    await expect(errors).toBeVisible();
    await errors.click();
    const problems = app.getByRole('region', { name: 'Problems' });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole('button', { name: /^\d+ errors?$/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(problems.getByRole('button', { name: /^\d+ warnings?$/ })).toHaveAttribute('aria-pressed', 'false');
    const row = problems.getByRole('listitem').filter({ hasText: 'fargate/task-size' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('checkout');

    // Clicking the finding selects the task definition and focuses the field it points at (memory).
    await row.getByRole('button').first().click();
    const inspector = app.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: 'checkout' })).toBeVisible();
    const cpu = inspector.getByRole('textbox', { name: 'CPU', exact: true });
    const memory = inspector.getByRole('textbox', { name: 'Memory', exact: true });
    await expect(memory).toBeFocused();
    await expect(cpu).toHaveValue('256');
    await expect(memory).toHaveValue('4096');
    // The window layout did not move (the inspector scrolls, not the page).
    expect(await app.evaluate(() => [document.scrollingElement?.scrollTop ?? 0, document.getElementById('root')?.scrollTop ?? 0])).toEqual([0, 0]);
    await shot(app, 'problems-task-size');

    // The docs link opens the AWS page through main.
    await row.getByRole('button', { name: 'Documentation for fargate/task-size' }).click();
    await expect.poll(() => bridge.openedUrls.length).toBe(1);
    expect(bridge.openedUrls[0]).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);

    // One click on the quick fix snaps the size; the error is gone and the form shows the new value.
    await row.getByRole('button', { name: /Snap task cpu\/memory/ }).click();
    await expect(problems.getByRole('listitem').filter({ hasText: 'fargate/task-size' })).toHaveCount(0);
    await expect(status.getByRole('button', { name: /^1 error — show/ })).toBeVisible();
    await expect(cpu).toHaveValue('512');
    await expect(inspector.getByRole('textbox', { name: 'Memory', exact: true })).toHaveValue('4096');
    await shot(app, 'problems-fixed');

    const family = inspector.getByRole('textbox', { name: 'Family', exact: true });
    await family.fill('checkout-v2');
    await expect(app.locator('.react-flow__node').filter({ hasText: 'checkout-v2' }).first()).toBeVisible();
    await shot(app, 'inspector-form');

    // The JSON tab shows the RegisterTaskDefinition JSON (what export writes) and follows the form.
    await inspector.getByRole('tab', { name: 'Task definition JSON' }).click();
    const editor = inspector.getByTestId('json-editor');
    await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 15_000 });
    await scrollEditor(app, editor, 'bottom');
    await expect.poll(() => editorText(editor)).toContain('"cpu": "512"');
    await scrollEditor(app, editor, 'top');
    await expect.poll(() => editorText(editor)).toContain('"family": "checkout-v2"');
    const text = await editorText(editor);
    expect(text).toContain('"containerDefinitions"');
    // The role ARN export resolves from the connected role node and the design's account (wrapped in the view).
    expect(text).toContain('"executionRoleArn":');
    expect(text).toContain('123456789012:role/');
    await shot(app, 'inspector-json');

    // Typing in Monaco updates the design: the form follows.
    await editor.locator('.view-line').filter({ hasText: '"family"' }).click();
    await app.keyboard.press('End');
    await app.keyboard.press('ArrowLeft');
    await app.keyboard.press('ArrowLeft');
    await app.keyboard.type('-x');
    await expect.poll(() => editorText(editor)).toContain('"family": "checkout-v2-x"');
    await expect(app.locator('.react-flow__node').filter({ hasText: 'checkout-v2-x' }).first()).toBeVisible();
    await inspector.getByRole('tab', { name: 'Form' }).click();
    await expect(inspector.getByRole('textbox', { name: 'Family', exact: true })).toHaveValue('checkout-v2-x');
    // Same container node kept (ids of containers with the same name are kept).
    await expect(app.locator('.react-flow__node[data-id="c-app"]')).toHaveCount(1);

    // Undo: the JSON edit (one step), then the form edit.
    await app.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await app.getByRole('menuitem', { name: /^Undo Edit task definition JSON/ }).click();
    await expect(inspector.getByRole('textbox', { name: 'Family', exact: true })).toHaveValue('checkout-v2');
    await app.getByRole('menuitem', { name: 'Edit', exact: true }).click();
    await app.getByRole('menuitem', { name: /^Undo Edit family/ }).click();
    await expect(inspector.getByRole('textbox', { name: 'Family', exact: true })).toHaveValue('checkout');
    await inspector.getByRole('tab', { name: 'Task definition JSON' }).click();
    await scrollEditor(app, editor, 'top');
    await expect.poll(() => editorText(editor)).toContain('"family": "checkout"');

    // Pasting a task definition copied from the AWS console (describe-task-definition output) replaces this one:
    // same task definition node, the "app" container kept, a new "sidecar" container added.
    const pasted = {
      taskDefinition: {
        taskDefinitionArn: 'arn:aws:ecs:eu-central-1:123456789012:task-definition/pasted:3',
        family: 'pasted',
        revision: 3,
        status: 'ACTIVE',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '1024',
        memory: '2048',
        executionRoleArn: 'arn:aws:iam::123456789012:role/checkout-exec',
        containerDefinitions: [
          { name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', essential: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] },
          { name: 'sidecar', image: 'public.ecr.aws/docker/library/busybox:1.36', essential: false },
        ],
      },
    };
    await editor.locator('.view-lines').click();
    await app.keyboard.press('Control+A');
    // A paste: the clipboard text arrives in one paste event.
    await app.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(pasted, null, 2));
    await expect(app.locator('.react-flow__node[data-id="td-checkout"]')).toContainText('pasted');
    await expect(app.locator('.react-flow__node[data-id="c-app"]')).toHaveCount(1);
    await expect(app.locator('.react-flow__node').filter({ hasText: 'sidecar' })).toHaveCount(1);
    await expect(app.locator('.react-flow__node[data-id="td-checkout"]')).toContainText('1 vCPU');
    await shot(app, 'inspector-json-pasted');
    // Leaving the editor shows the canonical RegisterTaskDefinition JSON (read-only fields and the wrapper gone).
    await inspector.getByRole('heading', { name: 'pasted' }).click();
    await scrollEditor(app, editor, 'top');
    await expect.poll(() => editorText(editor)).toContain('"family": "pasted"');
    expect(await editorText(editor)).not.toContain('"taskDefinition"');
    await inspector.getByRole('tab', { name: 'Form' }).click();
    await expect(inspector.getByRole('textbox', { name: 'Family', exact: true })).toHaveValue('pasted');
    await expect(inspector.getByRole('textbox', { name: 'CPU', exact: true })).toHaveValue('1024');
  });

  test('container form: list rows, key/value maps, the JSON tab of a plain node, dark theme', async ({ app, bridge }) => {
    const file = path.join(bridge.workDir, 'checkout.ecsd.json');
    fs.writeFileSync(file, DESIGN);
    bridge.dialogs.nextOpenPath = file;
    await app.getByRole('button', { name: 'Open Design…' }).click();
    const inspector = app.getByRole('complementary', { name: 'Inspector' });

    // A value the schema refuses is explained inline and not applied; a valid one is.
    await app.locator('.react-flow__node[data-id="cl"]').click();
    const clusterName = inspector.getByRole('textbox', { name: 'Cluster name', exact: true });
    await clusterName.fill('');
    await expect(inspector.getByRole('alert')).toContainText('must not be empty');
    await expect(app.locator('.react-flow__node[data-id="cl"]')).toContainText('shop');
    await shot(app, 'inspector-refused');
    await clusterName.fill('shop-floor');
    await expect(inspector.getByRole('alert')).toHaveCount(0);
    await expect(app.locator('.react-flow__node[data-id="cl"]')).toContainText('shop-floor');

    await app.locator('.react-flow__node[data-id="c-app"]').click();
        await expect(inspector.getByRole('heading', { name: 'app' })).toBeVisible();

    // A list of objects: port mappings, with add/remove.
    await expect(inspector.getByRole('textbox', { name: 'Container port', exact: true })).toHaveValue('80');
    await inspector.getByRole('button', { name: 'Add Port mappings' }).click();
    await expect(inspector.getByRole('group', { name: /Port mappings 2/ })).toBeVisible();
    await inspector.getByRole('button', { name: 'Remove Port mappings 2' }).click();
    await expect(inspector.getByRole('group', { name: /Port mappings 2/ })).toHaveCount(0);

    // A string map: docker labels, as key/value rows.
    await inspector.getByRole('button', { name: 'Add Docker labels entry' }).click();
    const value = inspector.getByRole('textbox', { name: 'Value of key', exact: true });
    await value.fill('team-a');
    await inspector.getByRole('textbox', { name: 'Docker labels key 1' }).fill('team');
    await inspector.getByRole('textbox', { name: 'Docker labels key 1' }).press('Enter');
    await expect(inspector.getByRole('textbox', { name: 'Value of team', exact: true })).toHaveValue('team-a');

    // The JSON tab of a container: its properties with the kind's schema.
    await inspector.getByRole('tab', { name: 'JSON' }).click();
    const editor = inspector.getByTestId('json-editor');
    await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => editorText(editor)).toContain('"team": "team-a"');
    // The inspector is resizable from its left edge (keyboard too).
    const before = (await inspector.boundingBox())?.width ?? 0;
    await inspector.getByRole('separator', { name: 'Resize inspector' }).focus();
    await app.keyboard.press('ArrowLeft');
    await app.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await inspector.boundingBox())?.width ?? 0).toBeGreaterThan(before + 30);

    // A connection selected on the canvas shows what it means (and its properties, when it has any).
    // (Connections take no pointer events of their own: the canvas finds the one under the pointer; here its label.)
    const label = (await app.locator('.canvas-edge-labels tspan[data-id="e-logs"]').boundingBox())!;
    await app.mouse.click(label.x + label.width / 2, label.y + label.height / 2);
    await expect(inspector.getByText(/^Connection · /)).toBeVisible();
    await expect(inspector.getByRole('heading', { name: 'app → /ecs/checkout' })).toBeVisible();

    await app.locator('.react-flow__node[data-id="c-app"]').click();
    await app.emulateMedia({ colorScheme: 'dark' });
    await inspector.getByRole('tab', { name: 'Form' }).click();
    await inspector.getByRole('textbox', { name: 'Value of team', exact: true }).scrollIntoViewIfNeeded();
    await shot(app, 'inspector-container-dark');
  });
});
