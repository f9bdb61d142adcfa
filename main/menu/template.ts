import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuCommandId } from '../../shared/ipc/channels';
import type { Settings } from '../../shared/ipc/contract';
import { HELP_LINKS } from '../../shared/ipc/helpLinks';

/**
 * The native application menu as data (Electron types only, no Electron at runtime), so tests can check it.
 *
 * Items that act on the document send a `MenuCommand` to the renderer, which runs the same command as its in-page
 * menubar. Cut/Copy/Paste use Electron's roles (they act on the focused text field); Undo/Redo are commands that
 * the renderer routes to the focused text field or to the design history.
 */
export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  readonly appName: string;
  readonly recentFiles: readonly string[];
  readonly settings: Settings;
  send(command: MenuCommand): void;
  openExternal(url: string): void;
  clearRecentFiles(): void;
}

/** Escapes `&`, which Windows and Linux menus read as a mnemonic marker. */
function menuLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const isMac = ctx.platform === 'darwin';
  const command = (
    id: Exclude<MenuCommandId, 'file.openRecent'>,
    label: string,
    extra: Partial<MenuItemConstructorOptions> = {},
  ): MenuItemConstructorOptions => ({ id, label, click: () => ctx.send({ id }), ...extra });

  const recent: MenuItemConstructorOptions[] =
    ctx.recentFiles.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : [
          ...ctx.recentFiles.map(
            (filePath): MenuItemConstructorOptions => ({
              label: menuLabel(filePath),
              click: () => ctx.send({ id: 'file.openRecent', path: filePath }),
            }),
          ),
          { type: 'separator' },
          { label: 'Clear Recently Opened', click: () => ctx.clearRecentFiles() },
        ];

  const about = command('help.about', `About ${ctx.appName}`);

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: ctx.appName,
          submenu: [
            about,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('file.new', 'New', { accelerator: 'CmdOrCtrl+N' }),
      command('file.newFromPattern', 'New from Pattern…'),
      command('file.open', 'Open…', { accelerator: 'CmdOrCtrl+O' }),
      { id: 'file.openRecent', label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      command('file.save', 'Save', { accelerator: 'CmdOrCtrl+S' }),
      command('file.saveAs', 'Save As…', { accelerator: 'CmdOrCtrl+Shift+S' }),
      { type: 'separator' },
      command('file.import', 'Import…'),
      command('file.importFromAws', 'Import from AWS Account…'),
      command('file.export', 'Export…'),
      command('file.exportIac', 'Export Infrastructure as Code…'),
      { type: 'separator' },
      command('file.close', 'Close', { accelerator: 'CmdOrCtrl+W' }),
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit' }] satisfies MenuItemConstructorOptions[])),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // Undo/Redo go to the renderer, which undoes text edits in a focused field and design edits otherwise.
      command('edit.undo', 'Undo', { accelerator: 'CmdOrCtrl+Z' }),
      command('edit.redo', 'Redo', { accelerator: isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y' }),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      // No accelerator: the Delete key must keep working in text fields; the canvas handles it itself.
      command('edit.duplicate', 'Duplicate', { accelerator: 'CmdOrCtrl+D' }),
      // F2 is shown but not registered: the page handles it, so F2 keeps its meaning in text fields and Monaco.
      command('edit.rename', 'Rename', { accelerator: 'F2', registerAccelerator: false }),
      command('edit.delete', 'Delete'),
      command('edit.selectAll', 'Select All', { accelerator: 'CmdOrCtrl+A' }),
    ],
  };

  const theme = ctx.settings.theme;
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('view.zoomIn', 'Zoom In', { accelerator: 'CmdOrCtrl+=' }),
      command('view.zoomOut', 'Zoom Out', { accelerator: 'CmdOrCtrl+-' }),
      command('view.fitView', 'Fit View', { accelerator: 'CmdOrCtrl+0' }),
      command('view.autoLayout', 'Auto Layout'),
      command('view.commandPalette', 'Command Palette…', { accelerator: 'CmdOrCtrl+Shift+P' }),
      command('view.goToResource', 'Go to Resource…', { accelerator: 'CmdOrCtrl+P' }),
      { type: 'separator' },
      command('view.exportDiagramSvg', 'Export Diagram as SVG…'),
      command('view.exportDiagramPng', 'Export Diagram as PNG…'),
      { type: 'separator' },
      command('view.toggleMiniMap', 'Show Minimap', { type: 'checkbox', checked: ctx.settings.showMiniMap }),
      {
        label: 'Theme',
        submenu: [
          command('view.theme.system', 'System', { type: 'radio', checked: theme === 'system' }),
          command('view.theme.light', 'Light', { type: 'radio', checked: theme === 'light' }),
          command('view.theme.dark', 'Dark', { type: 'radio', checked: theme === 'dark' }),
        ],
      },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(ctx.isPackaged
        ? []
        : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])),
    ],
  };

  const deploy: MenuItemConstructorOptions = {
    label: '&Deploy',
    submenu: [
      command('deploy.deploy', 'Deploy…'),
      command('deploy.refreshStatus', 'Refresh Deployment Status'),
      { type: 'separator' },
      command('deploy.destroy', 'Destroy…'),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      ...HELP_LINKS.map((link): MenuItemConstructorOptions => ({ label: link.label, click: () => ctx.openExternal(link.url) })),
      ...(isMac ? [] : ([{ type: 'separator' }, about] satisfies MenuItemConstructorOptions[])),
    ],
  };

  return [...appMenu, file, edit, view, deploy, help];
}
