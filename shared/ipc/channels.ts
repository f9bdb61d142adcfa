/**
 * The names that cross the process boundary, as plain data.
 *
 * This module is deliberately free of zod (and of any import): the sandboxed preload bundles it to generate
 * the exposed API from the channel list and to check menu commands, and it must stay tiny. The zod schemas
 * for every channel live in ./contract.ts, which is keyed by exactly these names (checked by the compiler).
 */

/** The global name under which the preload exposes the API (`window.ecsDesigner`, typed in ./api.ts). */
export const API_GLOBAL_NAME = 'ecsDesigner';

/** Request/response channels: renderer → main, answered with a `Result` (see ./result.ts). */
export const INVOKE_CHANNELS = [
  'app:info',
  'app:open-external',
  'design:open-dialog',
  'design:read',
  'design:save',
  'design:save-as-dialog',
  'settings:get',
  'settings:set',
  'recent:list',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** One-way event channel: main → renderer, carrying a `MenuCommand`. */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/**
 * Command ids shared by the native application menu and the in-page menubar.
 * `file.openRecent` is the only command that carries an argument (the file path).
 */
export const MENU_COMMAND_IDS = [
  'file.new',
  'file.open',
  'file.openRecent',
  'file.save',
  'file.saveAs',
  'file.close',
  'edit.undo',
  'edit.redo',
  'edit.selectAll',
  'edit.delete',
  'view.zoomIn',
  'view.zoomOut',
  'view.fitView',
  'view.toggleMiniMap',
  'view.theme.system',
  'view.theme.light',
  'view.theme.dark',
  'help.about',
] as const;

export type MenuCommandId = (typeof MENU_COMMAND_IDS)[number];

export type MenuCommand =
  | { readonly id: Exclude<MenuCommandId, 'file.openRecent'> }
  | { readonly id: 'file.openRecent'; readonly path: string };

/** An absolute file-system path: POSIX, Windows drive or UNC. */
export const ABSOLUTE_PATH_PATTERN = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

const MENU_COMMAND_ID_SET: ReadonlySet<string> = new Set(MENU_COMMAND_IDS);

/**
 * Structural check of a menu command, equivalent to `MenuCommandSchema` in ./contract.ts
 * (a test asserts they agree). Used where zod is not bundled (the preload).
 */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const id = record['id'];
  if (typeof id !== 'string' || !MENU_COMMAND_ID_SET.has(id)) return false;
  const keys = Object.keys(record);
  if (id === 'file.openRecent') {
    const path = record['path'];
    return (
      keys.length === 2 &&
      typeof path === 'string' &&
      path.length <= 4096 &&
      ABSOLUTE_PATH_PATTERN.test(path) &&
      !path.includes('\0')
    );
  }
  return keys.length === 1;
}
