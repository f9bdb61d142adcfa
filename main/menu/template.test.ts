import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMAND_IDS, type MenuCommand } from '../../shared/ipc/channels';
import { MenuCommandSchema } from '../../shared/ipc/contract';
import { buildMenuTemplate, type MenuContext } from './template';

function context(overrides: Partial<MenuContext> = {}): MenuContext & { sent: MenuCommand[] } {
  const sent: MenuCommand[] = [];
  return {
    platform: 'linux',
    isPackaged: true,
    appName: 'ECS Designer',
    recentFiles: ['/home/u/a&b.ecsd.json'],
    settings: { theme: 'dark', showMiniMap: true },
    send: (c) => void sent.push(c),
    openExternal: vi.fn(),
    clearRecentFiles: vi.fn(),
    ...overrides,
    sent,
  };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help menus with the items the app promises', () => {
    const labels = buildMenuTemplate(context()).map((m) => m.label);
    expect(labels).toEqual(['&File', '&Edit', '&View', '&Deploy', '&Help']);
    const all = flatten(buildMenuTemplate(context()));
    for (const label of ['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Close', 'Undo', 'Redo', 'Delete', 'Select All', 'Zoom In', 'Fit View', 'Deploy…', 'Destroy…', 'Refresh Deployment Status']) {
      expect(all.some((i) => i.label === label), label).toBe(true);
    }
    for (const role of ['cut', 'copy', 'paste']) {
      expect(all.some((i) => i.role === role), role).toBe(true);
    }
  });

  it('sends only valid menu commands, and covers every command id', () => {
    const ctx = context();
    const clickable = flatten(buildMenuTemplate(ctx)).filter((i) => i.click && !i.role);
    for (const item of clickable) click(item);
    for (const sent of ctx.sent) expect(MenuCommandSchema.safeParse(sent).success, JSON.stringify(sent)).toBe(true);
    expect(new Set(ctx.sent.map((c) => c.id))).toEqual(new Set(MENU_COMMAND_IDS));
  });

  it('sends the recent file path with Open Recent and escapes & in its label', () => {
    const ctx = context();
    const item = flatten(buildMenuTemplate(ctx)).find((i) => i.label === '/home/u/a&&b.ecsd.json');
    expect(item).toBeDefined();
    click(item!);
    expect(ctx.sent).toEqual([{ id: 'file.openRecent', path: '/home/u/a&b.ecsd.json' }]);
  });

  it('offers developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) => flatten(buildMenuTemplate(context({ isPackaged }))).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('opens only AWS documentation links from Help', () => {
    const ctx = context();
    const help = buildMenuTemplate(ctx).find((m) => m.label === '&Help')!;
    for (const item of flatten(help.submenu as MenuItemConstructorOptions[])) if (item.click && item.label !== 'About ECS Designer') click(item);
    const urls = (ctx.openExternal as ReturnType<typeof vi.fn>).mock.calls.map((c) => String(c[0]));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('uses each accelerator once and puts About in the app menu on macOS', () => {
    const mac = buildMenuTemplate(context({ platform: 'darwin' }));
    expect(mac[0]?.label).toBe('ECS Designer');
    const accelerators = flatten(mac).flatMap((i) => (typeof i.accelerator === 'string' ? [i.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
