import * as fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { serializeDesign } from '../shared/model/document';
import { loadBalancedWebService } from '../shared/patterns/index';
import { expect, test } from './support/fixtures';

/*
 * Editing one property of one node re-renders that node's card only (issue 5). A render counter in the page,
 * outside the app's code: React calls the DevTools hook after every commit (also in production builds), and the
 * counter walks the committed fiber tree the way React DevTools does, recording each function component that
 * ran in that commit and the canvas node (React Flow's node element) it belongs to.
 */

declare global {
  interface Window {
    /** Canvas node id → how many components inside that node rendered since the last reset. */
    __cardRenders?: Map<string, number>;
  }
}

/** Installed before the app loads: a minimal DevTools hook that counts, per canvas node, the components that rendered. */
function installRenderCounter(): void {
  type Fiber = {
    tag: number;
    flags: number;
    child: Fiber | null;
    sibling: Fiber | null;
    return: Fiber | null;
    alternate: Fiber | null;
    stateNode: unknown;
  };
  // React's fiber tags (function, forwardRef, simple memo components; host elements) and its PerformedWork flag.
  const COMPONENT_TAGS = new Set([0, 11, 15]);
  const HOST_COMPONENT = 5;
  const PERFORMED_WORK = 1;
  const counts = new Map<string, number>();
  window.__cardRenders = counts;

  const nodeIdOf = (fiber: Fiber): string | undefined => {
    for (let f = fiber.return; f; f = f.return) {
      if (f.tag === HOST_COMPONENT && f.stateNode instanceof HTMLElement && f.stateNode.classList.contains('react-flow__node')) return f.stateNode.dataset['id'];
    }
    return undefined;
  };
  const record = (fiber: Fiber) => {
    const id = nodeIdOf(fiber);
    if (id !== undefined) window.__cardRenders!.set(id, (window.__cardRenders!.get(id) ?? 0) + 1);
  };
  /** `next` is the committed fiber, `prev` what it was before this commit (null: mounted now). */
  const walk = (next: Fiber, prev: Fiber | null): void => {
    if (COMPONENT_TAGS.has(next.tag) && (prev === null || (next.flags & PERFORMED_WORK) !== 0)) record(next);
    // A bailed-out subtree keeps the very same child fibers (with the flags of their last render): nothing ran there.
    if (prev !== null && next.child === prev.child) return;
    for (let c = next.child; c; c = c.sibling) walk(c, prev === null ? null : c.alternate);
  };

  let renderers = 0;
  Object.defineProperty(window, '__REACT_DEVTOOLS_GLOBAL_HOOK__', {
    configurable: true,
    value: {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject: () => ++renderers,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
        const current = root.current;
        walk(current, current.alternate);
      },
    },
  });
}

const rendersSinceReset = (page: Page) => page.evaluate(() => Object.fromEntries(window.__cardRenders ?? []));

/** Waits until React has nothing left to commit for what just happened (two animation frames, twice in a row unchanged). */
async function settle(page: Page): Promise<void> {
  let last = '';
  for (;;) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const now = JSON.stringify(await rendersSinceReset(page));
    if (now === last) return;
    last = now;
  }
}

test.describe('canvas renders', () => {
  test.use({ viewport: { width: 1600, height: 900 } });

  test('editing one property of one node re-renders that card only', async ({ page, bridge, rendererUrl }) => {
    await page.addInitScript(installRenderCounter);
    await page.goto(`${rendererUrl}/index.html`);
    const design = loadBalancedWebService();
    const file = path.join(bridge.workDir, 'web.ecsd.json');
    fs.writeFileSync(file, serializeDesign(design));
    bridge.dialogs.nextOpenPath = file;
    await page.getByRole('button', { name: 'Open Design…' }).click();
    const canvas = page.getByRole('region', { name: 'Design canvas' });
    await expect(canvas.locator('.react-flow__node')).not.toHaveCount(0);

    // The counter sees the cards being mounted: every card on screen rendered.
    await settle(page);
    const mounted = await rendersSinceReset(page);
    const shown = await canvas.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(shown.length).toBeGreaterThan(10);
    expect(Object.keys(mounted).sort()).toEqual(shown.sort());

    // Select the task definition: its card re-renders (selected), the inspector shows its form.
    const td = design.nodes.find((n) => n.kind === 'taskDefinition');
    if (td?.kind !== 'taskDefinition') throw new Error('the pattern has no task definition');
    await canvas.getByRole('group', { name: `Task definition ${td.properties.family}`, exact: true }).locator('.node-kind').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const family = inspector.getByRole('textbox', { name: 'Family', exact: true });
    await expect(family).toHaveValue(td.properties.family);
    await settle(page);

    // Edit one property of it: only its card renders again.
    await page.evaluate(() => window.__cardRenders!.clear());
    await family.fill('web-v2');
    await expect(canvas.getByRole('group', { name: 'Task definition web-v2', exact: true })).toBeVisible();
    await settle(page);
    const renders = await rendersSinceReset(page);
    expect(Object.keys(renders)).toEqual([td.id]);
  });
});
